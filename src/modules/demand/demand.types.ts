import { Field, Float, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DateScalar } from '../../shared/scalars';
import { ForecastMethod } from '../forecasting/forecast-method';

@ObjectType('SalesDay', { description: 'What sold of an item at a location on one day, as the retailer recorded it (recordSales).' })
export class SalesDayType {
  @Field(() => DateScalar, { description: 'the day of the sales' })
  date!: string;

  @Field(() => Int, { description: 'units sold that day, in the item\'s base unit' })
  quantity!: number;

  item!: string;
  location!: string;
}

export const SalesDayConnection = connectionType('SalesDay', SalesDayType);

@ObjectType('WeekQuantity', { description: 'A quantity over the 7 days from periodStart.' })
export class WeekQuantityType {
  @Field(() => DateScalar, { description: 'the first of the week\'s 7 days' })
  periodStart!: string;

  @Field(() => Int, {
    description: 'whole units over the 7 days (history: what sold, reported up to 2,147,483,647; forecast: rounded half up, '
      + 'at most 1,000,000,000, the most a forecast line holds, as generateForecast publishes it)',
  })
  quantity!: number;
}

@ObjectType('ForecastPreview', {
  description: 'A baseline forecast of one item x location from its weekly sales (DESIGN.md, "Demand"), for a chart; nothing is published.',
})
export class ForecastPreviewType {
  @Field(() => ForecastMethod, { description: 'the method that made the forecast (AUTO resolved to the one it chose)' })
  method!: ForecastMethod;

  @Field(() => [WeekQuantityType], {
    description: 'weekly sales, oldest first: 7-day blocks ending yesterday, from the block of the first sales row (at most 156 weeks), '
      + 'weeks without a sales row as 0; a week\'s quantity stops at 2,147,483,647 (GraphQL Int), the method works on the exact sums',
  })
  history!: WeekQuantityType[];

  @Field(() => [WeekQuantityType], {
    description: 'one per forecast week: horizonWeeks (at most 52) weeks from today, whole units (half up), at most 1,000,000,000 a week '
      + '(the most a forecast line holds: what generateForecast would publish)',
  })
  forecast!: WeekQuantityType[];

  @Field(() => Float, {
    nullable: true,
    description: 'WAPE (sum |F - A| / sum A, 4 decimals) of the chosen method on the last 4 history weeks when fitted without them; '
      + 'null with fewer than 8 weeks of history (56 for SEASONAL_NAIVE: it needs 52 weeks before the 4 held out), when those 4 weeks '
      + 'sold nothing, or for CROSTON when the weeks before them sold nothing. Computed from the exact weekly sums',
  })
  holdoutWape!: number | null;

  item!: string;
  location!: string;
}

@ObjectType('ForecastAccuracy', {
  description: 'How far the published forecasts were from what sold, over the days of [from, to] with a sales row (DESIGN.md, "Demand"): '
    + 'each day\'s forecast is its daily share in the version that was newest when that day began at its location (local midnight in the '
    + 'location\'s time zone).',
})
export class ForecastAccuracyType {
  @Field({ description: 'the group\'s id (supplier, item or location), or ALL' })
  key!: string;

  @Field({ description: 'the supplier\'s name, "<SKU> <item name>", "<code> <location name>", or "All"' })
  label!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'sum |F - A| / sum A over the group\'s days, 4 decimals (0: perfect; 0.25: off by a quarter of what sold), from the exact '
      + 'sums (not the reported quantities below); null when nothing sold',
  })
  wape!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'sum (F - A) / sum A, 4 decimals: above 0 the forecast was too high, below 0 too low; from the exact sums; null when nothing sold',
  })
  bias!: number | null;

  @Field(() => Int, { description: 'item x location x days counted (days with a sales row); a larger count is reported as 2,147,483,647' })
  days!: number;

  @Field(() => Int, { description: 'units sold over those days (A); a larger sum is reported as 2,147,483,647 (GraphQL Int)' })
  actualQuantity!: number;

  @Field(() => Int, { description: 'units forecast for those days (F); a larger sum is reported as 2,147,483,647 (GraphQL Int)' })
  forecastQuantity!: number;
}
