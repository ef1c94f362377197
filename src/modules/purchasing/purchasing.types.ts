import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { daysBetween } from '../../shared/calendar';
import { connectionType } from '../../shared/connection';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../shared/scalars';
import { PurchaseOrderLineStatus, PurchaseOrderStatus } from './purchasing.enums';

registerEnumType(PurchaseOrderStatus, { name: 'PurchaseOrderStatus' });
registerEnumType(PurchaseOrderLineStatus, { name: 'PurchaseOrderLineStatus' });

@ObjectType('ScheduleLine')
export class ScheduleLineType {
  @Field(() => Int)
  quantity!: number;

  @Field(() => DateScalar)
  deliveryDate!: string;
}

@ObjectType('PurchaseOrder')
export class PurchaseOrderType {
  @Field(() => ID)
  id!: string;

  @Field()
  number!: string;

  @Field(() => PurchaseOrderStatus)
  status!: PurchaseOrderStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  issuedAt!: string | null;

  @Field(() => Int, { description: 'optimistic-locking version; bumps on every change' })
  version!: number;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  retailer!: string;
  supplier!: string;
  shipTo!: string;
}

@ObjectType('PurchaseOrderLine')
export class PurchaseOrderLineType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1, 2, ... within the order' })
  lineNumber!: number;

  @Field(() => Int)
  quantity!: number;

  @Field(() => DateScalar)
  requestedDate!: string;

  @Field(() => DecimalScalar)
  unitCost!: string;

  @Field(() => PurchaseOrderLineStatus)
  status!: PurchaseOrderLineStatus;

  @Field(() => Int)
  confirmedQuantity!: number;

  @Field({ description: 'true when a confirmed date is after requestedDate or confirmedQuantity < quantity or the line was rejected' })
  slipped!: boolean;

  @Field(() => Int)
  receivedQuantity!: number;

  @Field(() => String, { nullable: true, description: 'the supplier\'s reason, when rejected' })
  rejectionReason!: string | null;

  @Field(() => Int, { nullable: true, description: 'days from issue to the latest confirmed delivery date; null until confirmed' })
  confirmedLeadTimeDays(): number | null {
    return this.issuedOn && this.latestDeliveryDate ? daysBetween(this.issuedOn, this.latestDeliveryDate) : null;
  }

  purchaseOrder!: string;
  item!: string;
  shipTo!: string;
  issuedOn!: string | null;
  latestDeliveryDate!: string | null;
}

@ObjectType('ChangeRecord', { description: 'actor: the user\'s email or the API key\'s name, with the organization\'s name' })
export class ChangeRecordType {
  @Field(() => DateTimeScalar)
  at!: string;

  @Field()
  actor!: string;

  @Field({ description: 'CREATED, ISSUED, CANCELLED, CLOSED, LINE_CONFIRMED, LINE_RECONFIRMED, LINE_REJECTED, LINE_RECEIVED, ...' })
  action!: string;

  @Field()
  details!: string;

  @Field({ description: 'pass as history(after:) to read the changes after this one' })
  cursor!: string;

  line!: string | null;
}

@ObjectType('Confirmation', { description: 'One promise the supplier made for a line; sequence 1 is the first and is never overwritten.' })
export class ConfirmationType {
  @Field(() => Int)
  sequence!: number;

  @Field({ description: 'CONFIRMED or REJECTED' })
  kind!: string;

  @Field(() => [ScheduleLineType], { description: 'as promised: at most 366 dates (ConfirmPurchaseOrderLineInput.schedule)' })
  schedule!: ScheduleLineType[];

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field()
  actor!: string;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field({ description: 'pass as confirmations(after:) to read the promises after this one' })
  cursor!: string;
}

@ObjectType('Receipt')
export class ReceiptType {
  @Field(() => Int)
  quantity!: number;

  @Field(() => DateScalar)
  receivedOn!: string;

  @Field()
  actor!: string;

  @Field({ description: 'pass as receipts(after:) to read the receipts after this one' })
  cursor!: string;
}

export const PurchaseOrderConnection = connectionType('PurchaseOrder', PurchaseOrderType);
