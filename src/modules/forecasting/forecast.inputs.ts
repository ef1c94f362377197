import { IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds } from '../../shared/bounds';
import { DateScalar } from '../../shared/scalars';
import { ForecastScope } from './forecast-scope';

export const MAX_FORECAST_LINES = 100_000;

@InputType('ForecastLineInput')
export class ForecastLineInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'itemId must be an item id' })
  itemId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'locationId must be a location id' })
  locationId!: string;

  @Field(() => DateScalar)
  periodStart!: string;

  @Field(() => Int, { defaultValue: 7 })
  @Min(1, { message: 'periodDays must be from 1 to 31' })
  @Max(31, { message: 'periodDays must be from 1 to 31' })
  periodDays!: number;

  /** 0 to 1,000,000,000 (the Int default bound). */
  @Field(() => Int)
  quantity!: number;
}

@InputType('PublishForecastInput')
export class PublishForecastInput {
  @Field(() => [ForecastLineInput])
  @Bounds({ maxItems: MAX_FORECAST_LINES })
  @ValidateNested()
  lines!: ForecastLineInput[];

  @Field(() => ForecastScope, {
    defaultValue: ForecastScope.FULL,
    description: 'FULL (default): the version replaces the whole forecast. LISTED: only the item x locations in `lines`; the others carry over',
  })
  scope!: ForecastScope;
}
