import { IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds, UNIT, UNIT_PATTERN } from '../../shared/bounds';
import { DecimalScalar } from '../../shared/scalars';

@InputType('UpsertSourcingRuleInput', { description: 'creates the rule for item x supplier, or replaces it' })
export class UpsertSourcingRuleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'itemId must be an item id' })
  itemId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'supplierId must be an organization id' })
  supplierId!: string;

  @Field(() => Int)
  @Min(1, { message: 'Priority must be at least 1 (1 is the primary source)' })
  priority!: number;

  @Field(() => Int)
  @Min(0, { message: 'Lead time cannot be negative' })
  @Max(365, { message: 'Lead time cannot exceed 365 days' })
  quotedLeadTimeDays!: number;

  @Field(() => DecimalScalar)
  @Matches(/^\d/, { message: 'Unit cost cannot be negative' })
  unitCost!: string;

  @Field(() => Int, { defaultValue: 1 })
  @Min(1, { message: 'Minimum order quantity must be at least 1' })
  minOrderQuantity!: number;

  @Field(() => Int, { defaultValue: 1 })
  @Min(1, { message: 'Order multiple must be at least 1' })
  orderMultiple!: number;

  @Field(() => Int, { nullable: true })
  @Min(0, { message: 'Weekly capacity cannot be negative' })
  weeklyCapacity?: number | null;

  @Field({ defaultValue: true })
  active!: boolean;

  @Field(() => String, { nullable: true, description: 'the unit the supplier sells in, e.g. CS; null = the item\'s base unit' })
  @IsOptional()
  @Bounds(UNIT)
  @Matches(UNIT_PATTERN, { message: 'A purchase unit is 1 to 16 letters, digits or _ (e.g. CS)' })
  purchaseUnit?: string | null;

  @Field(() => Int, { defaultValue: 1, description: 'base units in one purchase unit (12 for a case of 12); 1 when purchaseUnit is null' })
  @Min(1, { message: 'A purchase unit holds at least 1 base unit' })
  @Max(1_000_000, { message: 'A purchase unit holds at most 1,000,000 base units' })
  unitsPerPurchaseUnit!: number;

  @Field(() => Int, { defaultValue: 0, description: 'receipts may exceed the open quantity by at most this % of the ordered quantity' })
  @Max(100, { message: 'Over-delivery tolerance is at most 100%' })
  overDeliveryTolerancePercent!: number;
}
