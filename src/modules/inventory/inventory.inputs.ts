import { IsUUID, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds } from '../../shared/bounds';
import { DateTimeScalar } from '../../shared/scalars';

export const MAX_POSITIONS_PER_CALL = 50_000;
/** How far ahead of the server's clock a snapshot may be dated (clock skew), not more. */
export const AS_OF_MAX_AHEAD_MS = 60 * 60 * 1000;

@InputType('InventoryPositionInput', { description: 'The stock of one item at one location, as the source system counted it (base units).' })
export class InventoryPositionInput {
  @Field(() => ID, { description: 'one of the caller\'s items' })
  @IsUUID('all', { message: 'itemId must be an item id' })
  itemId!: string;

  @Field(() => ID, { description: 'one of the caller\'s locations' })
  @IsUUID('all', { message: 'locationId must be a location id' })
  locationId!: string;

  // Quantities: 0 to 1,000,000,000 (the Int default bound).
  @Field(() => Int, { description: 'physically at the location, 0 to 1,000,000,000' })
  onHand!: number;

  @Field(() => Int, { defaultValue: 0, description: 'promised to orders, 0 to 1,000,000,000' })
  reserved!: number;

  @Field(() => Int, { defaultValue: 0, description: 'blocked by quality control, 0 to 1,000,000,000' })
  qualityHold!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'when the snapshot was taken (default: now); an older snapshot never overwrites a newer one' })
  @Bounds({ aheadMs: AS_OF_MAX_AHEAD_MS })
  asOf?: Date | null;
}

@InputType('UpsertInventoryInput', { description: 'A batch of stock positions, each replacing the item x location\'s position unless older than it.' })
export class UpsertInventoryInput {
  @Field(() => [InventoryPositionInput], { description: 'at most 50,000; one bad position rejects the whole call (BAD_USER_INPUT naming input.positions[i].field)' })
  @Bounds({ maxItems: MAX_POSITIONS_PER_CALL })
  @ValidateNested()
  positions!: InventoryPositionInput[];
}

@InputType('SetSafetyStockInput', { description: 'The stock an item x location should keep in reserve; the projection flags AT_RISK below it.' })
export class SetSafetyStockInput {
  @Field(() => ID, { description: 'one of the caller\'s items' })
  @IsUUID('all', { message: 'itemId must be an item id' })
  itemId!: string;

  @Field(() => ID, { description: 'one of the caller\'s locations' })
  @IsUUID('all', { message: 'locationId must be a location id' })
  locationId!: string;

  /** 0 to 1,000,000,000 (the Int default bound). */
  @Field(() => Int, { description: 'base units, 0 to 1,000,000,000' })

  safetyStock!: number;
}
