import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../shared/scalars';
import { RiskLevel } from '../risk/risk-level';
import { ReallocationCandidateType, ReallocationMoveType } from '../sourcing/reallocation.types';

/** The changes a simulation lists at most, most urgent first (changeCount says how many there are in all). */
export const MAX_SIMULATED_CHANGES = 500;

@ObjectType('RiskChange', { description: 'an item x location whose risk the simulated slips and outages would change' })
export class RiskChangeType {
  @Field(() => RiskLevel)
  levelBefore!: RiskLevel;

  @Field(() => RiskLevel)
  levelAfter!: RiskLevel;

  @Field(() => DateScalar, { nullable: true })
  stockoutDateBefore!: string | null;

  @Field(() => DateScalar, { nullable: true })
  stockoutDateAfter!: string | null;

  @Field(() => Int)
  shortageBefore!: number;

  @Field(() => Int)
  shortageAfter!: number;

  @Field(() => DecimalScalar)
  revenueAtRiskBefore!: string;

  @Field(() => DecimalScalar)
  revenueAtRiskAfter!: string;

  /** Ids, resolved by field resolvers. */
  item!: string;
  location!: string;
}

@ObjectType('ReallocationPlan', { description: 'what the selector would propose for a simulated slip; computed, never stored' })
export class ReallocationPlanType {
  @Field(() => Int, { description: 'what the slipped line would not bring by neededBy (the open-quantity model\'s shortfall)' })
  shortfallQuantity!: number;

  @Field(() => DateScalar, { description: 'the line\'s requested date' })
  neededBy!: string;

  @Field(() => Int)
  uncoveredQuantity!: number;

  @Field(() => DecimalScalar, { description: 'what the moves would cost more (or less, when negative) than the same units from the slipped line' })
  addedCost!: string;

  @Field(() => Boolean, { description: 'false when the selector\'s search reached its work bound: the best plan found, not proven optimal' })
  optimal!: boolean;

  /** The slipped line's id; moves and candidates as the selector decided them. */
  sourceLine!: string;
  moves!: ReallocationMoveType[];
  candidates!: ReallocationCandidateType[];
}

@ObjectType('SimulationResult', { description: 'changes: only the item x locations whose risk would change' })
export class SimulationResultType {
  @Field(() => [RiskChangeType], {
    description: `the item x locations whose level, stockout date or shortage would change, most urgent after first; at most ${MAX_SIMULATED_CHANGES} (changeCount: all)`,
  })
  changes!: RiskChangeType[];

  @Field(() => Int, { description: 'how many item x locations would change (changes lists the first 500)' })
  changeCount!: number;

  @Field(() => Int, { description: 'item x locations projected (every one of the organization with stock, demand, inbound or a risk)' })
  positionCount!: number;

  @Field(() => DecimalScalar, { description: 'revenue at risk summed over every item x location, as things stand' })
  revenueAtRiskBefore!: string;

  @Field(() => DecimalScalar, { description: 'revenue at risk summed over every item x location, with the slips and outages' })
  revenueAtRiskAfter!: string;

  @Field(() => [ReallocationPlanType], { description: 'one per slip, in input order (at most 100)' })
  plans!: ReallocationPlanType[];
}
