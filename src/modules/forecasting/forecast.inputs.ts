import { IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds } from '../../shared/bounds';
import { DateScalar } from '../../shared/scalars';
import { ForecastScope } from './forecast-scope';

export const MAX_FORECAST_LINES = 100_000;

@InputType('ForecastLineInput', { description: 'Demand of one item at one location over one period.' })
export class ForecastLineInput {
  @Field(() => ID, { description: 'one of the caller\'s items' })
  @IsUUID('all', { message: 'itemId must be an item id' })
  itemId!: string;

  @Field(() => ID, { description: 'one of the caller\'s locations' })
  @IsUUID('all', { message: 'locationId must be a location id' })
  locationId!: string;

  @Field(() => DateScalar, { description: 'the first day of the period' })
  periodStart!: string;

  @Field(() => Int, { defaultValue: 7, description: 'the period\'s length in days, 1 to 31' })
  @Min(1, { message: 'periodDays must be from 1 to 31' })
  @Max(31, { message: 'periodDays must be from 1 to 31' })
  periodDays!: number;

  /** 0 to 1,000,000,000 (the Int default bound). */
  @Field(() => Int, { description: 'demand over the whole period, base units, 0 to 1,000,000,000' })
  quantity!: number;
}

@InputType('PublishForecastInput', { description: 'A new forecast version.' })
export class PublishForecastInput {
  @Field(() => [ForecastLineInput], { description: 'at most 100,000 lines; a bad one rejects the whole call (BAD_USER_INPUT naming input.lines[i].field)' })

  @Bounds({ maxItems: MAX_FORECAST_LINES })
  @ValidateNested()
  lines!: ForecastLineInput[];

  @Field(() => ForecastScope, {
    defaultValue: ForecastScope.FULL,
    description: 'FULL (default): the version replaces the whole forecast. LISTED: only the item x locations in `lines`; the others carry over',
  })
  scope!: ForecastScope;
}
