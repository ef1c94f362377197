import { Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { NodeInterface } from '../../shared/node';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';

@ObjectType('ForecastCommit', {
  implements: NodeInterface,
  description: 'One forecast period of one item x location beside one supplier\'s commit (null until it commits). '
    + 'Quantities are in the item\'s base unit over the period (periodDays days from periodStart).',
})
export class ForecastCommitType {
  @Field(() => Int, { description: 'the retailer\'s forecast version the line is from' })
  forecastVersion!: number;

  @Field(() => DateScalar, { description: 'the first day of the forecast period' })
  periodStart!: string;

  @Field(() => Int, { description: 'the period\'s length in days' })
  periodDays!: number;

  @Field(() => Int, { description: 'the forecast demand over the period (base units)' })
  forecastQuantity!: number;

  @Field(() => Int, { nullable: true, description: 'what the supplier committed to supply over the period (base units); null until it commits' })
  committedQuantity!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'when the supplier last committed for this line; null until it commits' })
  committedAt!: string | null;

  @Field({
    description: 'committedQuantity < forecastQuantity * (1 - tolerance), or no commit past commitDueDays '
      + '(the partnership\'s commitTolerancePercent and commitDueDays; with no commit, only where forecastQuantity > 0)',
  })
  exception!: boolean;

  /** the stored row's id (alert links), derived from the key: md5 of version/supplier/item/location/period */
  storedId!: string;
  versionId!: string;
  retailer!: string;
  supplier!: string;
  item!: string;
  location!: string;
}

export const ForecastCommitConnection = connectionType('ForecastCommit', ForecastCommitType);
