import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { daysBetween } from '../../shared/calendar';
import { connectionType } from '../../shared/connection';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../shared/scalars';
import { lineQuantities, openQuantity, unshippedQuantity } from '../open-orders/open-quantity';
import { PurchaseOrderLineStatus } from '../open-orders/line-status';
import { PurchaseOrderStatus } from './purchasing.enums';
import { NodeInterface } from '../../shared/node';

registerEnumType(PurchaseOrderStatus, {
  name: 'PurchaseOrderStatus',
  description: 'Where a purchase order is in its lifecycle: DRAFT -> ISSUED -> (PARTIALLY_)CONFIRMED / REJECTED -> (PARTIALLY_)RECEIVED -> CLOSED; '
    + 'CANCELLED from DRAFT or ISSUED. Once issued it rolls up from its lines (DESIGN.md, Purchase orders and confirmations).',
  valuesConfig: {
    DRAFT: { description: 'created, not yet sent: the supplier does not see it' },
    ISSUED: { description: 'sent to the supplier; no line answered yet' },
    PARTIALLY_CONFIRMED: { description: 'some lines answered (confirmed or rejected), or promised short of their open quantity' },
    CONFIRMED: { description: 'every line confirmed for all of its open quantity' },
    REJECTED: { description: 'every line not cancelled was rejected by the supplier' },
    PARTIALLY_RECEIVED: { description: 'something was received and some line still owes' },
    RECEIVED: { description: 'every live line received in full or closed' },
    CANCELLED: { description: 'cancelled by the retailer before anything was received' },
    CLOSED: { description: 'closed by the retailer: nothing more is expected' },
  },
});
registerEnumType(PurchaseOrderLineStatus, {
  name: 'PurchaseOrderLineStatus',
  description: 'A line\'s status by the open-quantity model (DESIGN.md, The open-quantity model): q ordered, c cancelled, r received.',
  valuesConfig: {
    OPEN: { description: 'no promise yet from the supplier' },
    CONFIRMED: { description: 'the promise plus what is in transit covers all of the open quantity' },
    PARTIALLY_CONFIRMED: { description: 'the promise plus what is in transit covers less than the open quantity' },
    REJECTED: { description: 'the supplier rejected the line (rejectionReason says why)' },
    PARTIALLY_RECEIVED: { description: '0 < r < q - c and something is still open' },
    RECEIVED: { description: 'r >= q - c and r > 0: received in full' },
    CANCELLED: { description: 'c = q: the whole quantity was taken off by the retailer' },
    CLOSED: { description: 'closed short by the retailer after a partial receipt: r > 0 and nothing open' },
  },
});

@ObjectType('ScheduleLine', { description: 'One delivery the supplier promised: a quantity (base units) on a date.' })
export class ScheduleLineType {
  @Field(() => Int, { description: 'base units, at least 1' })
  quantity!: number;

  @Field(() => DateScalar, { description: 'the day it is promised to arrive at the ship-to location' })
  deliveryDate!: string;
}

@ObjectType('PurchaseOrder', { implements: NodeInterface, description: 'A retailer\'s order to one supplier for delivery to one location, in lines.' })
export class PurchaseOrderType {
  @Field(() => ID, { description: 'the order\'s UUID' })
  id!: string;

  @Field({ description: 'PO-000001, ... per retailer' })
  number!: string;

  @Field(() => PurchaseOrderStatus, { description: 'set by the retailer (DRAFT, ISSUED, CANCELLED, CLOSED) or rolled up from the lines' })
  status!: PurchaseOrderStatus;

  @Field(() => DateTimeScalar, { nullable: true, description: 'when it was issued; null while DRAFT' })
  issuedAt!: string | null;

  @Field(() => Int, { description: 'optimistic-locking version; bumps on every change' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'when it was created' })
  createdAt!: string;

  retailer!: string;
  supplier!: string;
  shipTo!: string;
}

@ObjectType('PurchaseOrderLine', {
  implements: NodeInterface,
  description: 'One item of a purchase order: the quantity the retailer asked for by a date, and what the supplier promised, shipped and delivered. '
    + 'Quantities are in the item\'s base unit unless a field says purchase units.',
})
export class PurchaseOrderLineType {
  @Field(() => ID, { description: 'the line\'s UUID' })
  id!: string;

  @Field(() => Int, { description: '1, 2, ... within the order' })
  lineNumber!: number;

  @Field(() => Int, { description: 'ordered, in base units (q in DESIGN.md\'s open-quantity model)' })
  quantity!: number;

  @Field(() => DateScalar, { description: 'the day the retailer needs it at the ship-to location' })
  requestedDate!: string;

  @Field(() => DecimalScalar, { description: 'price per base unit agreed for this line' })
  unitCost!: string;

  @Field(() => PurchaseOrderLineStatus, { description: 'by the open-quantity model (DESIGN.md)' })
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

  @Field({
    description: 'the buyer changed the line (changePurchaseOrderLine) after the supplier\'s promise and the supplier has not confirmed or rejected '
      + 'since. Meanwhile the projection counts the old promise capped at the open quantity (latest deliveries cut first) and the rest on '
      + 'requestedDate, and the change alone does not make the line slipped (DESIGN.md, Changes after an order is issued)',
  })
  acknowledgementRequired!: boolean;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'a price per base unit the supplier proposed with its confirmation (ConfirmPurchaseOrderLineInput.unitCost), awaiting the '
      + 'retailer (acceptPriceChange / rejectPriceChange); null when none is pending. unitCost stays the agreed price until accepted',
  })
  proposedUnitCost!: string | null;

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

@ObjectType('ChangeRecord', {
  description: 'One change to a purchase order or its lines, for audit. actor: the user\'s email or the API key\'s name, with the organization\'s name',
})
export class ChangeRecordType {
  @Field(() => DateTimeScalar, { description: 'when the change was made' })
  at!: string;

  @Field({ description: 'who made it: the user\'s email or the API key\'s name, with the organization\'s name' })
  actor!: string;

  @Field({
    description: 'CREATED, ISSUED, CANCELLED, CLOSED, LINE_CONFIRMED, LINE_RECONFIRMED, LINE_REJECTED, LINE_RECEIVED, LINE_CLOSED, LINE_REDUCED, '
      + 'LINE_SHIPPED, SHIPMENT_CANCELLED, SHIPMENT_CLOSED, LINE_CHANGED (a buyer\'s change order), PRICE_CHANGE_PROPOSED, PRICE_CHANGE_ACCEPTED, '
      + 'PRICE_CHANGE_REJECTED',
  })
  action!: string;

  @Field({ description: 'what changed, in words (quantities, dates, reasons)' })
  details!: string;

  @Field({ description: 'pass as history(after:) to read the changes after this one' })
  cursor!: string;

  line!: string | null;
}

@ObjectType('Confirmation', { description: 'One promise the supplier made for a line; sequence 1 is the first and is never overwritten.' })
export class ConfirmationType {
  @Field(() => Int, { description: '1, 2, ... per line, in the order the promises were made' })
  sequence!: number;

  @Field({ description: 'CONFIRMED or REJECTED' })
  kind!: string;

  @Field(() => [ScheduleLineType], { description: 'as promised: at most 366 dates (ConfirmPurchaseOrderLineInput.schedule)' })
  schedule!: ScheduleLineType[];

  @Field(() => String, { nullable: true, description: 'the supplier\'s reason, for a rejection; null for a confirmation' })
  reason!: string | null;

  @Field({ description: 'who answered: the user\'s email or the API key\'s name, with the organization\'s name' })
  actor!: string;

  @Field(() => DateTimeScalar, { description: 'when the promise was made' })
  createdAt!: string;

  @Field({ description: 'pass as confirmations(after:) to read the promises after this one' })
  cursor!: string;
}

@ObjectType('Receipt', { description: 'Goods the retailer received against a line (base units).' })
export class ReceiptType {
  @Field(() => Int, { description: 'as it arrived, over-delivery included' })
  quantity!: number;

  @Field(() => DateScalar, { description: 'the day it arrived' })
  receivedOn!: string;

  @Field({ description: 'who recorded it: the user\'s email or the API key\'s name, with the organization\'s name' })
  actor!: string;


  @Field({ description: 'pass as receipts(after:) to read the receipts after this one' })
  cursor!: string;
}

export const PurchaseOrderConnection = connectionType('PurchaseOrder', PurchaseOrderType);
