import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';
import { ForecastScope } from './forecast-scope';
import { ForecastMethod } from './forecast-method';
import { NodeInterface } from '../../shared/node';

@ObjectType('ForecastVersion', { implements: NodeInterface, description: 'An immutable published forecast.' })
export class ForecastVersionType {
  @Field(() => ID, { description: 'the version\'s UUID' })
  id!: string;

  @Field(() => Int, { description: '1, 2, 3, ... per retailer, in publishing order' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'when it was published' })
  publishedAt!: string;

  @Field(() => Int, { description: 'lines in this version, carried-over ones included' })
  lineCount!: number;

  @Field(() => ForecastScope, { description: 'FULL or LISTED: what the version replaced when published' })
  scope!: ForecastScope;

  @Field(() => Int, { description: 'item x locations that had demand in the previous version and have none in this one' })
  positionsDropped!: number;
}

@ObjectType('ForecastLine', { description: 'Demand of an item at a location: quantity over periodDays days from periodStart.' })
export class ForecastLineType {
  @Field(() => DateScalar, { description: 'the first day of the period' })
  periodStart!: string;

  @Field(() => Int, { description: 'the period\'s length in days, 1 to 31 (7: a week)' })
  periodDays!: number;

  @Field(() => Int, { description: 'demand over the whole period in the item\'s base unit; the projection spreads it over its days in whole units (floor(q/p) a day, one more on the first q mod p days)'
 })
  quantity!: number;

  @Field(() => Int, { description: 'the forecast version this line is from' })
  version!: number;

  @Field(() => ForecastMethod, { nullable: true, description: 'the baseline method that generated the line (generateForecast, never AUTO: the method AUTO chose); null for uploaded lines' })
  method!: ForecastMethod | null;


  item!: string;
  location!: string;
}

export const ForecastLineConnection = connectionType('ForecastLine', ForecastLineType);
