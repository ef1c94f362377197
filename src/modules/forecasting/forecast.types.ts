import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';

@ObjectType('ForecastVersion', { description: 'An immutable published forecast.' })
export class ForecastVersionType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTimeScalar)
  publishedAt!: string;

  @Field(() => Int)
  lineCount!: number;
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
