import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';
import { ForecastScope } from './forecast-scope';
import { NodeInterface } from '../../shared/node';

@ObjectType('ForecastVersion', { implements: NodeInterface, description: 'An immutable published forecast.' })
export class ForecastVersionType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTimeScalar)
  publishedAt!: string;

  @Field(() => Int, { description: 'lines in this version, carried-over ones included' })
  lineCount!: number;

  @Field(() => ForecastScope)
  scope!: ForecastScope;

  @Field(() => Int, { description: 'item x locations that had demand in the previous version and have none in this one' })
  positionsDropped!: number;
}

@ObjectType('ForecastLine', { description: 'Demand of an item at a location: quantity over periodDays days from periodStart.' })
export class ForecastLineType {
  @Field(() => DateScalar)
  periodStart!: string;

  @Field(() => Int)
  periodDays!: number;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int)
  version!: number;

  item!: string;
  location!: string;
}

export const ForecastLineConnection = connectionType('ForecastLine', ForecastLineType);
