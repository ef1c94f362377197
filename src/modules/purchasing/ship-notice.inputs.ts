import { IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds, CODE, KEY } from '../../shared/bounds';
import { DateScalar } from '../../shared/scalars';
import { MAX_LINE_QUANTITY } from './purchase-order.service';
import { MAX_LINES_PER_NOTICE } from './ship-notice.service';

@InputType('ShipNoticeLineInput', { description: 'A quantity of one purchase order line, shipped or received.' })
export class ShipNoticeLineInput {
  @Field(() => ID, { description: 'the purchase order line' })
  @IsUUID('all', { message: 'lineId must be a purchase order line id' })
  lineId!: string;

  @Field(() => Int, { description: 'in the item\'s base unit, 1 to 100,000,000' })
  @Min(1, { message: 'Quantity must be at least 1' })
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}

@InputType('CreateShipNoticeInput', {
  description: 'supplier side: goods shipped. All lines belong to orders of one retailer shipping to shipToId; each quantity <= the line\'s open quantity not already in transit',
})
export class CreateShipNoticeInput {
  @Field(() => ID, { description: 'the retailer\'s location every line\'s order ships to' })
  @IsUUID('all', { message: 'shipToId must be a location id' })
  shipToId!: string;

  @Field(() => DateScalar, { description: 'not in the future' })
  shippedOn!: string;

  @Field(() => DateScalar, { description: 'on or after shippedOn and today; the goods count as inbound on this day until received' })
  expectedArrival!: string;

  @Field(() => String, { nullable: true, description: 'the carrier\'s name or code, up to 200 characters' })
  @Bounds(CODE)
  carrier?: string | null;

  @Field(() => String, { nullable: true, description: 'the carrier\'s tracking number, up to 200 characters' })
  @Bounds(CODE)
  trackingNumber?: string | null;

  @Field(() => [ShipNoticeLineInput], { description: `at most ${MAX_LINES_PER_NOTICE}, one per order line` })
  @Bounds({ maxItems: MAX_LINES_PER_NOTICE })
  @ValidateNested()
  lines!: ShipNoticeLineInput[];

  @Field(() => String, { nullable: true, description: 'repeating a key (e.g. the EDI 856 message id) returns the first notice and applies nothing twice' })
  @Bounds(KEY)
  idempotencyKey?: string | null;
}

@InputType('ReceiveShipNoticeInput', { description: 'retailer side: what arrived against one ship notice.' })
export class ReceiveShipNoticeInput {
  @Field(() => ID, { description: 'a ship notice addressed to the caller' })

  @IsUUID('all', { message: 'shipNoticeId must be a ship notice id' })
  shipNoticeId!: string;

  @Field(() => [ShipNoticeLineInput], { description: 'what arrived, per order line on the notice (at most 500)' })
  @Bounds({ maxItems: MAX_LINES_PER_NOTICE })
  @ValidateNested()
  lines!: ShipNoticeLineInput[];

  @Field(() => DateScalar, { nullable: true, description: 'default: today at the ship-to location (its time zone); not after it' })
  receivedAt?: string | null;

  @Field(() => String, { nullable: true, description: 'repeating a key returns the first result and applies nothing twice' })
  @Bounds(KEY)
  idempotencyKey?: string | null;
}
