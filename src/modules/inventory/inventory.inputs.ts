import { IsUUID, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds } from '../../shared/bounds';
import { DateTimeScalar } from '../../shared/scalars';

export const MAX_POSITIONS_PER_CALL = 50_000;
/** How far ahead of the server's clock a snapshot may be dated (clock skew), not more. */
export const AS_OF_MAX_AHEAD_MS = 60 * 60 * 1000;

@InputType('InventoryPositionInput')
export class InventoryPositionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'itemId must be an item id' })
  itemId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'locationId must be a location id' })
  locationId!: string;

  // Quantities: 0 to 1,000,000,000 (the Int default bound).
  @Field(() => Int)
  onHand!: number;

  @Field(() => Int, { defaultValue: 0 })
  reserved!: number;

  @Field(() => Int, { defaultValue: 0 })
  qualityHold!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'when the snapshot was taken (default: now); an older snapshot never overwrites a newer one' })
  @Bounds({ aheadMs: AS_OF_MAX_AHEAD_MS })
  asOf?: Date | null;
}

@InputType('UpsertInventoryInput')
export class UpsertInventoryInput {
  @Field(() => [InventoryPositionInput])
  @Bounds({ maxItems: MAX_POSITIONS_PER_CALL })
  @ValidateNested()
  positions!: InventoryPositionInput[];
}

@InputType('SetSafetyStockInput')
export class SetSafetyStockInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'itemId must be an item id' })
  itemId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'locationId must be a location id' })
  locationId!: string;

  /** 0 to 1,000,000,000 (the Int default bound). */
  @Field(() => Int)
  safetyStock!: number;
}
