import { IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds } from '../../shared/bounds';
import { DateScalar } from '../../shared/scalars';

/** Slips and outages per simulation: each slip gets a selector plan (about 10 ms of work at most each). */
export const MAX_SIMULATED_SLIPS = 100;
export const MAX_SIMULATED_OUTAGES = 100;

@InputType('SimulatedSlipInput', { description: 'what-if: a line delivering later and/or less (null keeps the current value)' })
export class SimulatedSlipInput {
  @Field(() => ID, { description: 'an order line of the caller, of an issued order, still expected to deliver something besides what is in transit' })
  @IsUUID('all', { message: 'lineId must be an order line id' })
  lineId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'everything the line still brings (besides what is in transit) comes on this date, today or later; null: on its current dates' })
  deliveryDate?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'units the line still brings besides what is in transit: at most what it is expected to bring now (0: nothing more, as a rejection); null: all of it',
  })
  @Min(0, { message: 'Quantity must be 0 or more' })
  @Max(1_000_000_000)
  quantity?: number | null;
}

@InputType('SimulatedOutageInput', { description: 'what-if: the supplier delivers nothing dated from..to; those deliveries move to the day after `to`' })
export class SimulatedOutageInput {
  @Field(() => ID, { description: 'a supplier the caller has a partnership with' })
  @IsUUID('all', { message: 'supplierId must be an organization id' })
  supplierId!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar, { description: 'on or after `from`' })
  to!: string;
}

@InputType('SimulateInput')
export class SimulateInput {
  @Field(() => [SimulatedSlipInput], { nullable: true, defaultValue: [], description: `at most ${MAX_SIMULATED_SLIPS}, one per line` })
  @Bounds({ maxItems: MAX_SIMULATED_SLIPS })
  @ValidateNested()
  slips?: SimulatedSlipInput[] | null;

  @Field(() => [SimulatedOutageInput], { nullable: true, defaultValue: [], description: `at most ${MAX_SIMULATED_OUTAGES}` })
  @Bounds({ maxItems: MAX_SIMULATED_OUTAGES })
  @ValidateNested()
  outages?: SimulatedOutageInput[] | null;
}
