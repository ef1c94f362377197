import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { daysBetween } from '../../shared/calendar';
import { connectionType } from '../../shared/connection';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../shared/scalars';
import { lineQuantities, openQuantity, unshippedQuantity } from './open-quantity';
import { PurchaseOrderLineStatus, PurchaseOrderStatus } from './purchasing.enums';
import { NodeInterface } from '../../shared/node';

registerEnumType(PurchaseOrderStatus, { name: 'PurchaseOrderStatus' });
registerEnumType(PurchaseOrderLineStatus, { name: 'PurchaseOrderLineStatus' });

@ObjectType('ScheduleLine')
export class ScheduleLineType {
  @Field(() => Int)
  quantity!: number;

  @Field(() => DateScalar)
  deliveryDate!: string;
}

@ObjectType('PurchaseOrder', { implements: NodeInterface })
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

@ObjectType('PurchaseOrderLine', { implements: NodeInterface })
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

  @Field(() => Int, { description: 'what the supplier\'s latest promise added up to when it was given (the promise history: confirmations)' })
  confirmedQuantity!: number;

  @Field({
    description: 'true when a promised or shipped arrival is after requestedDate, or the promise plus what is in transit covers less than '
      + 'the open quantity, or the line was rejected',
  })
  slipped!: boolean;

  @Field(() => Int, { description: 'received, at most quantity - cancelledQuantity (beyond it: overDeliveredQuantity)' })
  receivedQuantity!: number;

  @Field(() => Int, { description: 'quantity - cancelledQuantity - receivedQuantity (never below 0): what is still owed' })
  openQuantity(): number {
    return openQuantity(lineQuantities(this));
  }

  @Field(() => Int, { description: 'taken off the line by the retailer (cancelled, reduced or closed short)' })
  cancelledQuantity!: number;

  @Field(() => Int, { description: 'on open ship notices, not yet received' })
  inTransitQuantity!: number;

  @Field(() => Int, { description: 'openQuantity - inTransitQuantity: what may still be promised or shipped (0 on a closed line)' })
  unshippedQuantity(): number {
    return this.closed ? 0 : unshippedQuantity(lineQuantities({ ...this, inTransit: [{ quantity: this.inTransitQuantity, expectedArrival: this.requestedDate }] }));
  }

  @Field(() => Int, { description: 'received beyond the ordered quantity, within the sourcing rule\'s tolerance' })
  overDeliveredQuantity!: number;

  @Field(() => String, { nullable: true, description: 'the line in the supplier\'s purchase unit (null when the rule has none), e.g. CS' })
  purchaseUnit!: string | null;

  @Field(() => Int, { nullable: true, description: 'quantity in purchase units (null when the rule has none): 20 for 240 units in cases of 12' })
  purchaseUnitQuantity(): number | null {
    return this.purchaseUnit ? this.quantity / this.unitsPerPurchaseUnit : null;
  }

  @Field(() => Int, { description: 'base units in one purchase unit when the line was ordered; 1 without a purchase unit' })
  unitsPerPurchaseUnit!: number;

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
  closed!: boolean;
}

@ObjectType('ChangeRecord', { description: 'actor: the user\'s email or the API key\'s name, with the organization\'s name' })
export class ChangeRecordType {
  @Field(() => DateTimeScalar)
  at!: string;

  @Field()
  actor!: string;

  @Field({
    description: 'CREATED, ISSUED, CANCELLED, CLOSED, LINE_CONFIRMED, LINE_RECONFIRMED, LINE_REJECTED, LINE_RECEIVED, LINE_CLOSED, LINE_REDUCED, '
      + 'LINE_SHIPPED, SHIPMENT_CANCELLED, SHIPMENT_CLOSED',
  })
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
  @Field(() => Int, { description: 'as it arrived, over-delivery included' })
  quantity!: number;

  @Field(() => DateScalar)
  receivedOn!: string;

  @Field()
  actor!: string;

  @Field({ description: 'pass as receipts(after:) to read the receipts after this one' })
  cursor!: string;
}

export const PurchaseOrderConnection = connectionType('PurchaseOrder', PurchaseOrderType);
