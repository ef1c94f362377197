import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../shared/scalars';
import { RiskLevel } from './risk-level';
import { NodeInterface } from '../../shared/node';

export { RiskLevel };
registerEnumType(RiskLevel, {
  name: 'RiskLevel',
  description: 'How bad the projected available balance (PAB) of an item x location gets within the horizon (DESIGN.md, Projected available balance).',
  valuesConfig: {
    OK: { description: 'PAB stays at or above safety stock on every day of the horizon' },
    AT_RISK: { description: 'PAB drops below safety stock on some day, never below zero' },
    STOCKOUT: { description: 'PAB drops below zero on some day of the horizon' },
  },
});

@ObjectType('ShortageRisk', {
  implements: NodeInterface,
  description: 'Projected shortage risk of one item at one location, from the projected available balance over the next 56 days '
    + '(DESIGN.md, Projected available balance). Quantities in the item\'s base unit.',
})
export class ShortageRiskType {
  @Field(() => RiskLevel, { description: 'STOCKOUT, AT_RISK or OK' })
  level!: RiskLevel;

  @Field(() => Int, { description: 'the position\'s available stock (onHand - reserved - qualityHold) the projection starts from' })
  availableNow!: number;

  @Field(() => Int, { description: 'the stock to keep in reserve (setSafetyStock); 0 when never set' })
  safetyStock!: number;

  @Field(() => DateScalar, { nullable: true, description: 'first day the projected available balance drops below zero; null if never within the horizon' })
  projectedStockoutDate!: string | null;

  @Field(() => Int, { description: 'largest negative projected balance within the horizon, as a positive number; 0 if none' })
  shortageQuantity!: number;

  @Field(() => Int, { description: 'days until projected available balance first goes below zero (horizon length if never)' })
  daysOfCover!: number;

  @Field(() => DecimalScalar, { description: 'shortageQuantity x item.unitPrice' })
  revenueAtRisk!: string;

  @Field(() => DateTimeScalar, { description: 'when the risk was last recomputed (on any change of its inputs, and daily)' })
  computedAt!: Date;


  /** Ids, resolved to objects by field resolvers. */
  item!: string;
  location!: string;
}
