import { IsUUID, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
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
}
