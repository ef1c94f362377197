import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../shared/scalars';
import { Verdict } from './selector';
import { ReallocationStatus, SourcingMode } from './reallocation.entities';
import { NodeInterface } from '../../shared/node';

registerEnumType(ReallocationStatus, {
  name: 'ReallocationStatus',
  description: 'Where a reallocation proposal stands.',
  valuesConfig: {
    PROPOSED: { description: 'waiting for a buyer (policy MANUAL, or AUTO outside its limits)' },
    APPLIED: { description: 'its moves were issued as new purchase orders and the slipped line was reduced' },
    DISMISSED: { description: 'a buyer turned it down; nothing was ordered' },
    SUPERSEDED: { description: 'replaced by a newer proposal for the same line (the line changed since)' },
  },
});
registerEnumType(Verdict, {
  name: 'CandidateVerdict',
  description: 'Why the backup-supplier selector did or did not order from a candidate (DESIGN.md, Backup-supplier selector).',
  valuesConfig: {
    CHOSEN: { description: 'part of the best plan: a move orders from it' },
    LATE: { description: 'its expected date is after the date needed, and its quantity would not help' },
    NO_CAPACITY: { description: 'its weekly capacity left in that ISO week is below its minimum order' },
    BELOW_MIN_ORDER: { description: 'its minimum order exceeds what is still needed' },
    INACTIVE: { description: 'its sourcing rule or its partnership is not active: never used' },
    MORE_EXPENSIVE: { description: 'it costs more per unit than the suppliers chosen' },
    NOT_NEEDED: { description: 'the shortfall is covered at a lower cost or higher priority without it, or it would not improve the cover' },
  },
});
registerEnumType(SourcingMode, {
  name: 'SourcingMode',
  description: 'What happens to a new reallocation proposal.',
  valuesConfig: {
    MANUAL: { description: 'it waits for a buyer to apply or dismiss it' },
    AUTO: { description: 'applied at once when it covers the shortfall on time within maxCostIncreasePercent; otherwise it waits like MANUAL' },
  },
});

@ObjectType('ReallocationCandidate', { description: 'One backup supplier considered, with the verdict and a reason a buyer understands.' })
export class ReallocationCandidateType {
  @Field(() => Verdict, { description: 'CHOSEN, or why not' })
  verdict!: Verdict;

  @Field(() => Int, { description: 'base units ordered from it; 0 unless CHOSEN' })
  quantity!: number;

  @Field(() => DateScalar, { nullable: true, description: 'today + its lead time (p90 of 3 or more confirmations, else quoted); null when INACTIVE' })
  expectedDate!: string | null;

  @Field({ description: 'the verdict in words, e.g. "arrives 2026-12-03, 4 days after needed"' })
  reason!: string;

  supplierId!: string;
}

@ObjectType('ReallocationMove', { description: 'An order the proposal places with one backup supplier: one delivery, on its expected date.' })
export class ReallocationMoveType {
  @Field(() => Int, { description: 'base units: at least the rule\'s minOrderQuantity, a multiple of orderMultiple, within weekly capacity' })
  quantity!: number;

  @Field(() => DateScalar, { description: 'today + the supplier\'s lead time; the new line is requested for this day' })
  expectedDate!: string;

  @Field(() => DecimalScalar, { description: 'the sourcing rule\'s price per base unit' })
  unitCost!: string;

  supplierId!: string;
  purchaseOrderLineId?: string | null;
}

@ObjectType('ReallocationProposal', {
  implements: NodeInterface,
  description: 'The backup-supplier selector\'s plan to cover a slipped line\'s shortfall from other suppliers (DESIGN.md, Backup-supplier selector). Retailers only.',
})
export class ReallocationProposalType {
  @Field(() => ID, { description: 'the proposal\'s UUID' })
  id!: string;

  @Field(() => ReallocationStatus, { description: 'PROPOSED until applied, dismissed or superseded' })
  status!: ReallocationStatus;

  @Field(() => Int, { description: 'the open quantity of the slipped line not expected by neededBy (base units)' })
  shortfallQuantity!: number;

  @Field(() => DateScalar, { description: 'the slipped line\'s requested date' })
  neededBy!: string;

  @Field(() => Int, { description: 'quantity taken off the slipped line when applied' })
  reduceSourceBy!: number;

  @Field(() => Int, { description: 'max(0, shortfall - useful coverage): what no backup supplier can cover' })
  uncoveredQuantity!: number;

  @Field(() => DecimalScalar, { description: 'what the moves cost more (or less, when negative) than the same units from the slipped line' })
  addedCost!: string;

  @Field(() => Boolean, {
    description:
      'true when the moves are proven the best by the selector\'s objective; false when the search reached its work bound first: '
      + 'then they are the best plan found (full coverage is still reached where possible), a buyer should review them, and the AUTO policy never applies them',
  })
  optimal!: boolean;

  @Field(() => DateTimeScalar, { description: 'when the selector made it' })
  createdAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'when it was applied or dismissed' })
  decidedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'who applied or dismissed it' })
  decidedBy!: string | null;

  sourceLine!: string;
  moves!: ReallocationMoveType[];
  candidates!: ReallocationCandidateType[];
}

@ObjectType('SourcingPolicy', { description: 'A retailer\'s policy for reallocation proposals.' })
export class SourcingPolicyType {
  @Field(() => SourcingMode, { description: 'MANUAL (the default) or AUTO' })
  mode!: SourcingMode;

  @Field(() => Int, { description: 'AUTO applies a proposal only when it adds at most this % to the cost of the moved quantity (Q x the slipped line\'s unit cost)' })
  maxCostIncreasePercent!: number;

}

export const ReallocationProposalConnection = connectionType('ReallocationProposal', ReallocationProposalType);
