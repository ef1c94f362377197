import { IsOptional, IsUUID, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds, FREE_TEXT, KEY } from '../../shared/bounds';
import { DateScalar, DecimalScalar } from '../../shared/scalars';
import { PurchaseOrderStatus } from './purchasing.enums';
import { MAX_LINE_QUANTITY as MAX_QUANTITY, MAX_LINES_PER_ORDER } from './purchase-order.service';

@InputType('PurchaseOrderLineInput', { description: 'exactly one of quantity (base units) and purchaseUnitQuantity (the sourcing rule\'s purchase units)' })
export class PurchaseOrderLineInput {
  @Field(() => ID)
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

  @Field(() => DateScalar)
  requestedDate!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'defaults to the sourcing rule\'s unit cost' })
  unitCost?: string | null;
}

@InputType('CreatePurchaseOrderInput')
export class CreatePurchaseOrderInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'supplierId must be an organization id' })
  supplierId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'shipToId must be a location id' })
  shipToId!: string;

  @Field(() => [PurchaseOrderLineInput])
  @Bounds({ maxItems: MAX_LINES_PER_ORDER })
  @ValidateNested()
  lines!: PurchaseOrderLineInput[];

  @Field({ defaultValue: false, description: 'issue the order to the supplier at once' })
  issue!: boolean;
}

@InputType('ScheduleLineInput')
export class ScheduleLineInput {
  @Field(() => Int)
  @Min(1, { message: 'Quantity must be at least 1' })
  @Max(MAX_QUANTITY)
  quantity!: number;

  @Field(() => DateScalar)
  deliveryDate!: string;
}

@InputType('LineConfirmationInput', { description: 'one line of a batch confirmation (confirmPurchaseOrderLines)' })
export class LineConfirmationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'lineId must be a purchase order line id' })
  lineId!: string;

  @Field(() => [ScheduleLineInput])
  @Bounds({ maxItems: 366 })
  @ValidateNested()
  schedule!: ScheduleLineInput[];

  @Field(() => Int, { nullable: true, description: 'the order version the change is based on (in a batch: before the batch); CONFLICT if it moved on' })
  expectedVersion?: number | null;
}

@InputType('ConfirmPurchaseOrderLineInput')
export class ConfirmPurchaseOrderLineInput extends LineConfirmationInput {
  @Field(() => String, { nullable: true, description: 'repeating a key returns the first result and applies nothing twice' })
  @Bounds(KEY)
  idempotencyKey?: string | null;
}

/** The most lines one confirmPurchaseOrderLines call confirms (an EDI 855 batch). */
export const MAX_LINES_PER_CONFIRMATION_BATCH = 10_000;

@InputType('ConfirmPurchaseOrderLinesInput')
export class ConfirmPurchaseOrderLinesInput {
  @Field(() => [LineConfirmationInput], { description: '1 to 10,000 lines, each at most once, of any orders the supplier may answer' })
  @Bounds({ maxItems: MAX_LINES_PER_CONFIRMATION_BATCH })
  @ValidateNested()
  lines!: LineConfirmationInput[];

  @Field(() => String, { nullable: true, description: 'repeating a key returns the first result and applies nothing twice' })
  @Bounds(KEY)
  idempotencyKey?: string | null;
}

@InputType('RejectPurchaseOrderLineInput')
export class RejectPurchaseOrderLineInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'lineId must be a purchase order line id' })
  lineId!: string;

  @Field()
  @Bounds(FREE_TEXT)
  @MinLength(1, { message: 'Give a reason' })
  reason!: string;

  @Field(() => String, { nullable: true })
  @Bounds(KEY)
  idempotencyKey?: string | null;
}

@InputType('ReceivePurchaseOrderLineInput')
export class ReceivePurchaseOrderLineInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'lineId must be a purchase order line id' })
  lineId!: string;

  @Field(() => Int)
  @Min(1, { message: 'Quantity must be at least 1' })
  @Max(MAX_QUANTITY)
  quantity!: number;

  @Field(() => DateScalar, { nullable: true, description: 'default: today (UTC)' })
  receivedAt?: string | null;

  @Field(() => String, { nullable: true, description: 'repeating a key returns the first result and applies nothing twice' })
  @Bounds(KEY)
  idempotencyKey?: string | null;
}

@InputType('ClosePurchaseOrderLineInput', { description: 'retailer side: cancel what is still open on a line (close short); the supplier is told' })
export class ClosePurchaseOrderLineInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'lineId must be a purchase order line id' })
  lineId!: string;

  @Field()
  @Bounds(FREE_TEXT)
  @MinLength(1, { message: 'Give a reason' })
  reason!: string;
}

@InputType('PurchaseOrderFilter')
export class PurchaseOrderFilter {
  @Field(() => [PurchaseOrderStatus], { nullable: true })
  statuses?: PurchaseOrderStatus[] | null;

  @Field(() => ID, { nullable: true })
  supplierId?: string | null;

  @Field(() => ID, { nullable: true })
  retailerId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'only orders with at least one slipped line' })
  slippedOnly?: boolean | null;
}
