import { IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { NotBlank } from '../../shared/validation';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds, FREE_TEXT, KEY } from '../../shared/bounds';
import { DateScalar, DecimalScalar } from '../../shared/scalars';
import { PurchaseOrderStatus } from './purchasing.enums';
import { MAX_LINE_QUANTITY as MAX_QUANTITY, MAX_LINES_PER_ORDER } from './purchase-order.service';

@InputType('PurchaseOrderLineInput', { description: 'exactly one of quantity (base units) and purchaseUnitQuantity (the sourcing rule\'s purchase units)' })
export class PurchaseOrderLineInput {
  @Field(() => ID, { description: 'one of the caller\'s items (NOT_FOUND on input.lines[i].itemId otherwise)' })
  @IsUUID('all', { message: 'itemId must be an item id' })
  itemId!: string;

  @Field(() => Int, { nullable: true, description: 'in the item\'s base unit; a whole number of purchase units when the sourcing rule has one' })
  @IsOptional()
  @Min(1, { message: 'Quantity must be at least 1' })
  @Max(MAX_QUANTITY)
  quantity?: number | null;

  @Field(() => Int, { nullable: true, description: 'in the sourcing rule\'s purchase unit (e.g. cases); stored as quantity x unitsPerPurchaseUnit' })
  @IsOptional()
  @Min(1, { message: 'Quantity must be at least 1' })
  @Max(MAX_QUANTITY)
  purchaseUnitQuantity?: number | null;

  @Field(() => DateScalar, { description: 'the day the retailer needs it at the ship-to location; not in the past' })
  requestedDate!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'price per base unit; defaults to the sourcing rule\'s unit cost (BAD_USER_INPUT on input.lines[i].unitCost when there is no rule to take it from)',
  })
  unitCost?: string | null;
}

@InputType('CreatePurchaseOrderInput', { description: 'A new purchase order of the caller retailer.' })
export class CreatePurchaseOrderInput {
  @Field(() => ID, { description: 'a supplier with an ACTIVE partnership with the caller (BAD_USER_INPUT on input.supplierId otherwise)'
 })
  @IsUUID('all', { message: 'supplierId must be an organization id' })
  supplierId!: string;

  @Field(() => ID, { description: 'the caller\'s location the goods are delivered to' })
  @IsUUID('all', { message: 'shipToId must be a location id' })
  shipToId!: string;

  @Field(() => [PurchaseOrderLineInput], { description: '1 to 500 lines; quantities at most 100,000,000 base units each' })
  @Bounds({ maxItems: MAX_LINES_PER_ORDER })
  @ValidateNested()
  lines!: PurchaseOrderLineInput[];

  @Field({ defaultValue: false, description: 'issue the order to the supplier at once' })
  issue!: boolean;
}

@InputType('ScheduleLineInput', { description: 'One promised delivery: a quantity on a date.' })
export class ScheduleLineInput {
  @Field(() => Int, { description: 'base units, 1 to 100,000,000' })
  @Min(1, { message: 'Quantity must be at least 1' })
  @Max(MAX_QUANTITY)
  quantity!: number;

  @Field(() => DateScalar, { description: 'not in the past; one quantity per date' })
  deliveryDate!: string;
}

@InputType('LineConfirmationInput', { description: 'one line of a batch confirmation (confirmPurchaseOrderLines)' })
export class LineConfirmationInput {
  @Field(() => ID, { description: 'a line of an issued order addressed to the caller supplier' })
  @IsUUID('all', { message: 'lineId must be a purchase order line id' })
  lineId!: string;

  @Field(() => [ScheduleLineInput], {
    description: '1 to 366 deliveries; they sum to at most the open quantity not in transit, and replace the previous promise (history is kept)',
  })
  @Bounds({ maxItems: 366 })
  @ValidateNested()
  schedule!: ScheduleLineInput[];

  @Field(() => Int, { nullable: true, description: 'the order version the change is based on (in a batch: before the batch); CONFLICT if it moved on' })
  expectedVersion?: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'a changed price per base unit proposed with the confirmation (EDI 855 "accept with changes"; needs the retailer\'s acceptance): '
      + 'the schedule takes effect as usual, the price is held as proposedUnitCost until acceptPriceChange or rejectPriceChange. '
      + 'Equal to the line\'s unitCost, or left out: no proposal (a pending one stays)',
  })
  unitCost?: string | null;
}

@InputType('ConfirmPurchaseOrderLineInput', {
  description: 'supplier side: (re)confirm one line with a delivery schedule that may split it across dates',

})
export class ConfirmPurchaseOrderLineInput extends LineConfirmationInput {
  @Field(() => String, { nullable: true, description: 'repeating a key returns the first result and applies nothing twice' })
  @Bounds(KEY)
  idempotencyKey?: string | null;
}

/** The most lines one confirmPurchaseOrderLines call confirms (an EDI 855 batch). */
export const MAX_LINES_PER_CONFIRMATION_BATCH = 10_000;

@InputType('ConfirmPurchaseOrderLinesInput', { description: 'supplier side: confirm many lines in one call (an EDI 855 batch), all or nothing.' })
export class ConfirmPurchaseOrderLinesInput {
  @Field(() => [LineConfirmationInput], { description: '1 to 10,000 lines, each at most once, of any orders the supplier may answer' })
  @Bounds({ maxItems: MAX_LINES_PER_CONFIRMATION_BATCH })
  @ValidateNested()
  lines!: LineConfirmationInput[];

  @Field(() => String, { nullable: true, description: 'repeating a key returns the first result and applies nothing twice' })
  @Bounds(KEY)
  idempotencyKey?: string | null;
}

@InputType('RejectPurchaseOrderLineInput', { description: 'supplier side: refuse a line; it counts as slipped and the retailer is told.' })
export class RejectPurchaseOrderLineInput {
  @Field(() => ID, { description: 'a line of an issued order addressed to the caller supplier' })
  @IsUUID('all', { message: 'lineId must be a purchase order line id' })
  lineId!: string;

  @Field({ description: 'why, 1 to 2,000 characters; shown to the retailer' })
  @Bounds(FREE_TEXT)
  @NotBlank('Give a reason')
  reason!: string;

  @Field(() => String, { nullable: true, description: 'up to 200 characters; repeating a key returns the first result and applies nothing twice' })
  @Bounds(KEY)
  idempotencyKey?: string | null;
}

@InputType('ReceivePurchaseOrderLineInput', { description: 'retailer side: goods arrived for one line; they are added to on-hand stock at the ship-to location.' })
export class ReceivePurchaseOrderLineInput {
  @Field(() => ID, { description: 'a line of one of the caller\'s issued orders' })
  @IsUUID('all', { message: 'lineId must be a purchase order line id' })
  lineId!: string;

  @Field(() => Int, {
    description: 'base units, 1 to 100,000,000; at most the open quantity plus overDeliveryTolerancePercent of the ordered quantity (the error names the maximum)',
  })
  @Min(1, { message: 'Quantity must be at least 1' })
  @Max(MAX_QUANTITY)
  quantity!: number;

  @Field(() => DateScalar, { nullable: true, description: 'default: today at the ship-to location (its time zone); not after it' })
  receivedAt?: string | null;

  @Field(() => String, { nullable: true, description: 'repeating a key returns the first result and applies nothing twice' })
  @Bounds(KEY)
  idempotencyKey?: string | null;
}

@InputType('ChangePurchaseOrderLineInput', {
  description: 'retailer side, a change order (EDI 860): a new quantity and/or requestedDate for a line that is not REJECTED, CANCELLED, CLOSED or '
    + 'RECEIVED; the supplier gets PURCHASE_ORDER_CHANGED naming old -> new, and a promised line needs its acknowledgement again',
})
export class ChangePurchaseOrderLineInput {
  @Field(() => ID, { description: 'a line of one of the caller\'s orders' })
  @IsUUID('all', { message: 'lineId must be a purchase order line id' })
  lineId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'the new ordered quantity in base units (1 to 100,000,000), never below received + in transit (+ cancelled); a whole number of '
      + 'purchase units when the line has one; null: unchanged',
  })
  @IsOptional()
  @Min(1, { message: 'Quantity must be at least 1' })
  @Max(MAX_QUANTITY)
  quantity?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'the new requested date, not in the past at the ship-to location; null: unchanged' })
  requestedDate?: string | null;

  @Field({ description: 'why, 1 to 2,000 characters; shown to the supplier' })
  @Bounds(FREE_TEXT)
  @NotBlank('Give a reason')
  reason!: string;

  @Field(() => Int, { nullable: true, description: 'the order version the change is based on; CONFLICT if it moved on' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'up to 200 characters; repeating a key returns the first result and applies nothing twice' })
  @Bounds(KEY)
  idempotencyKey?: string | null;
}

@InputType('ClosePurchaseOrderLineInput', { description: 'retailer side: cancel what is still open on a line (close short); the supplier is told' })
export class ClosePurchaseOrderLineInput {
  @Field(() => ID, { description: 'a line of one of the caller\'s issued orders' })
  @IsUUID('all', { message: 'lineId must be a purchase order line id' })
  lineId!: string;

  @Field({ description: 'why, 1 to 2,000 characters; shown to the supplier' })
  @Bounds(FREE_TEXT)
  @NotBlank('Give a reason')
  reason!: string;
}

@InputType('PurchaseOrderFilter', { description: 'Narrows purchase orders; the conditions combine with AND.' })
export class PurchaseOrderFilter {
  @Field(() => [PurchaseOrderStatus], { nullable: true, description: 'only orders in one of these statuses; null: any' })
  statuses?: PurchaseOrderStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'only orders to this supplier' })
  supplierId?: string | null;

  @Field(() => ID, { nullable: true, description: 'only orders from this retailer (for a supplier)' })
  retailerId?: string | null;


  @Field(() => Boolean, { nullable: true, description: 'only orders with at least one slipped line' })
  slippedOnly?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'only orders shipping to this location' })
  shipToId?: string | null;

  @Field(() => ID, { nullable: true, description: 'only orders with at least one line of this item' })
  itemId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'up to 100 characters, case-insensitive: only orders whose number, or one of whose lines\' item SKU or name, contains it; blank: no condition',
  })
  @Bounds({ maxLength: 100 })
  search?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'only orders issued on or after this day (UTC); drafts have no issue day and drop out' })
  issuedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'only orders issued on or before this day (UTC); BAD_USER_INPUT (filter.issuedTo) when before issuedFrom' })
  issuedTo?: string | null;
}

@InputType('AcknowledgePurchaseOrderInput', {
  description: 'supplier side: confirm every line of one order that still awaits an answer exactly as requested (its open quantity on its requested date)',
})
export class AcknowledgePurchaseOrderInput {
  @Field(() => ID, { description: 'an issued order addressed to the caller supplier (NOT_FOUND on input.purchaseOrderId otherwise)' })
  @IsUUID('all', { message: 'purchaseOrderId must be a purchase order id' })
  purchaseOrderId!: string;

  @Field(() => Int, { nullable: true, description: 'the order version the supplier looked at; CONFLICT (input.expectedVersion) if it moved on' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'up to 200 characters; repeating a key returns the first result and applies nothing twice' })
  @Bounds(KEY)
  idempotencyKey?: string | null;
}
