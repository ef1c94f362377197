import { IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds, UNIT, UNIT_PATTERN } from '../../shared/bounds';
import { DecimalScalar } from '../../shared/scalars';

@InputType('UpsertSourcingRuleInput', { description: 'creates the rule for item x supplier, or replaces it' })
export class UpsertSourcingRuleInput {
  @Field(() => ID, { description: 'one of the caller\'s items' })
  @IsUUID('all', { message: 'itemId must be an item id' })
  itemId!: string;

  @Field(() => ID, { description: 'a supplier partnered with the caller' })
  @IsUUID('all', { message: 'supplierId must be an organization id' })
  supplierId!: string;

  @Field(() => Int, { description: 'at least 1; 1 is the primary source' })
  @Min(1, { message: 'Priority must be at least 1 (1 is the primary source)' })
  priority!: number;

  @Field(() => Int, { description: 'days, 0 to 365' })
  @Min(0, { message: 'Lead time cannot be negative' })
  @Max(365, { message: 'Lead time cannot exceed 365 days' })
  quotedLeadTimeDays!: number;

  @Field(() => DecimalScalar, { description: 'price per base unit, not negative, up to 4 decimals' })
  @Matches(/^\d/, { message: 'Unit cost cannot be negative' })
  unitCost!: string;

  @Field(() => Int, { defaultValue: 1, description: 'base units, at least 1' })
  @Min(1, { message: 'Minimum order quantity must be at least 1' })
  minOrderQuantity!: number;

  @Field(() => Int, { defaultValue: 1, description: 'base units, at least 1' })
  @Min(1, { message: 'Order multiple must be at least 1' })
  orderMultiple!: number;

  @Field(() => Int, { nullable: true, description: 'base units per ISO week the supplier can ship for this retailer, not negative; null = unlimited' })
  @Min(0, { message: 'Weekly capacity cannot be negative' })
  weeklyCapacity?: number | null;

  @Field({ defaultValue: true, description: 'false keeps the rule but stops using it' })
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
