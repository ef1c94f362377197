import { Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { SourcingMode } from './reallocation.entities';

@InputType('SourcingPolicyInput', { description: 'The caller retailer\'s reallocation policy.' })
export class SourcingPolicyInput {
  @Field(() => SourcingMode, { description: 'MANUAL or AUTO' })

  mode!: SourcingMode;

  @Field(() => Int, {
    defaultValue: 10,
    description: 'AUTO applies a proposal only when it covers the whole shortfall and adds at most this % to the cost of the moved quantity',
  })
  @Min(0, { message: 'maxCostIncreasePercent must be from 0 to 1000' })
  @Max(1000, { message: 'maxCostIncreasePercent must be from 0 to 1000' })
  maxCostIncreasePercent!: number;
}
