import { ArrayMaxSize, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars';

export const MAX_POSITIONS_PER_CALL = 50_000;
const MAX_QUANTITY = 1_000_000_000;

@InputType('InventoryPositionInput')
export class InventoryPositionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'itemId must be an item id' })
  itemId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'locationId must be a location id' })
  locationId!: string;

  @Field(() => Int)
  @Min(0, { message: 'onHand cannot be negative' })
  @Max(MAX_QUANTITY)
  onHand!: number;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0, { message: 'reserved cannot be negative' })
  @Max(MAX_QUANTITY)
  reserved!: number;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0, { message: 'qualityHold cannot be negative' })
  @Max(MAX_QUANTITY)
  qualityHold!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'when the snapshot was taken (default: now); an older snapshot never overwrites a newer one' })
  asOf?: Date | null;
}

@InputType('UpsertInventoryInput')
export class UpsertInventoryInput {
  @Field(() => [InventoryPositionInput])
  @ArrayMaxSize(MAX_POSITIONS_PER_CALL, { message: `At most ${MAX_POSITIONS_PER_CALL} positions per call` })
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

  @Field(() => Int)
  @Min(0, { message: 'Safety stock cannot be negative' })
  @Max(MAX_QUANTITY)
  safetyStock!: number;
}
