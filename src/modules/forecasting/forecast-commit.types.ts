import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';

@ObjectType('ForecastCommit', {
  description: 'One forecast period of one item x location beside one supplier\'s commit (null until it commits). '
    + 'Quantities are in the item\'s base unit over the period (periodDays days from periodStart).',
})
export class ForecastCommitType {
  @Field(() => ID, { description: 'derived from version, supplier, item, location and period: the same before and after the commit' })
  id!: string;

  @Field(() => Int)
  forecastVersion!: number;

  @Field(() => DateScalar)
  periodStart!: string;

  @Field(() => Int)
  periodDays!: number;

  @Field(() => Int)
  forecastQuantity!: number;

  @Field(() => Int, { nullable: true })
  committedQuantity!: number | null;

  @Field(() => DateTimeScalar, { nullable: true })
  committedAt!: string | null;

  @Field({
    description: 'committedQuantity < forecastQuantity * (1 - tolerance), or no commit past commitDueDays '
      + '(the partnership\'s commitTolerancePercent and commitDueDays; with no commit, only where forecastQuantity > 0)',
  })
  exception!: boolean;

  retailer!: string;
  supplier!: string;
  item!: string;
  location!: string;
}

export const ForecastCommitConnection = connectionType('ForecastCommit', ForecastCommitType);
