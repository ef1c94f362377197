import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds } from '../../shared/bounds';
import { DateScalar } from '../../shared/scalars';
import { ForecastMethod } from '../forecasting/forecast-method';

export const MAX_SALES_LINES = 100_000;
/** The longest forecast generateForecast and previewForecast make, in weeks. */
export const MAX_HORIZON_WEEKS = 52;
/** How many items or locations generateForecast may list. */
export const MAX_LISTED = 10_000;

// No class-validator decorators here: a 100,000-line call is checked line by line in DemandService.recordSales,
// which names the first bad line (input.lines[i].field) as every bulk input does.
@InputType('SalesLineInput', { description: 'What sold of one item at one location on one day.' })
export class SalesLineInput {
  @Field(() => ID, { description: 'one of the caller\'s items' })
  itemId!: string;

  @Field(() => ID, { description: 'one of the caller\'s locations' })
  locationId!: string;

  @Field(() => DateScalar, { description: 'the day of the sales: today or earlier' })
  date!: string;

  @Field(() => Int, { description: 'units sold that day in the item\'s base unit, 0 to 1,000,000,000' })
  quantity!: number;
}

@InputType('RecordSalesInput', { description: 'up to 100,000 lines; idempotent per item x location x date (the latest value wins)' })
export class RecordSalesInput {
  @Field(() => [SalesLineInput], {
    description: '1 to 100,000 lines, one per item x location x date; a bad one rejects the whole call (BAD_USER_INPUT naming input.lines[i].field)',
  })
  @Bounds({ maxItems: MAX_SALES_LINES })
  lines!: SalesLineInput[];
}

@InputType('GenerateForecastInput', { description: 'no itemIds/locationIds: every item x location with sales history' })
export class GenerateForecastInput {
  @Field(() => Int, { defaultValue: 8, description: 'weeks to forecast from today, 1 to 52' })
  @Bounds({ min: 1, max: MAX_HORIZON_WEEKS })
  horizonWeeks!: number;

  @Field(() => ForecastMethod, { defaultValue: ForecastMethod.AUTO, description: 'AUTO (default) picks per series; an explicit method that does not apply to a series falls back to SES there' })
  method!: ForecastMethod;

  @Field(() => [ID], { nullable: true, description: 'only these items (at most 10,000; each one of the caller\'s)' })
  @Bounds({ maxItems: MAX_LISTED })
  itemIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'only these locations (at most 10,000; each one of the caller\'s)' })
  @Bounds({ maxItems: MAX_LISTED })
  locationIds?: string[] | null;
}
