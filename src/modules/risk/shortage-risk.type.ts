import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../shared/scalars';
import { RiskLevel } from './risk-level';
import { NodeInterface } from '../../shared/node';

export { RiskLevel };
registerEnumType(RiskLevel, { name: 'RiskLevel' });

@ObjectType('ShortageRisk', { implements: NodeInterface, description: 'Projected shortage risk of one item at one location.' })
export class ShortageRiskType {
  @Field(() => RiskLevel)
  level!: RiskLevel;

  @Field(() => Int)
  availableNow!: number;

  @Field(() => Int)
  safetyStock!: number;

  @Field(() => DateScalar, { nullable: true, description: 'first day the projected available balance drops below zero; null if never within the horizon' })
  projectedStockoutDate!: string | null;

  @Field(() => Int, { description: 'largest negative projected balance within the horizon, as a positive number; 0 if none' })
  shortageQuantity!: number;

  @Field(() => Int, { description: 'days until projected available balance first goes below zero (horizon length if never)' })
  daysOfCover!: number;

  @Field(() => DecimalScalar)
  revenueAtRisk!: string;

  @Field(() => DateTimeScalar)
  computedAt!: Date;

  /** Ids, resolved to objects by field resolvers. */
  item!: string;
  location!: string;
}
