import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../shared/scalars';
import { Verdict } from './selector';
import { ReallocationStatus, SourcingMode } from './reallocation.entities';
import { NodeInterface } from '../../shared/node';

registerEnumType(ReallocationStatus, { name: 'ReallocationStatus' });
registerEnumType(Verdict, { name: 'CandidateVerdict' });
registerEnumType(SourcingMode, { name: 'SourcingMode' });

@ObjectType('ReallocationCandidate', { description: 'One backup supplier considered, with the verdict and a reason a buyer understands.' })
export class ReallocationCandidateType {
  @Field(() => Verdict)
  verdict!: Verdict;

  @Field(() => Int)
  quantity!: number;

  @Field(() => DateScalar, { nullable: true })
  expectedDate!: string | null;

  @Field()
  reason!: string;

  supplierId!: string;
}

@ObjectType('ReallocationMove')
export class ReallocationMoveType {
  @Field(() => Int)
  quantity!: number;

  @Field(() => DateScalar)
  expectedDate!: string;

  @Field(() => DecimalScalar)
  unitCost!: string;

  supplierId!: string;
  purchaseOrderLineId?: string | null;
}

@ObjectType('ReallocationProposal', { implements: NodeInterface })
export class ReallocationProposalType {
  @Field(() => ID)
  id!: string;

  @Field(() => ReallocationStatus)
  status!: ReallocationStatus;

  @Field(() => Int)
  shortfallQuantity!: number;

  @Field(() => DateScalar)
  neededBy!: string;

  @Field(() => Int, { description: 'quantity taken off the slipped line when applied' })
  reduceSourceBy!: number;

  @Field(() => Int)
  uncoveredQuantity!: number;

  @Field(() => DecimalScalar, { description: 'what the moves cost more (or less, when negative) than the same units from the slipped line' })
  addedCost!: string;

  @Field(() => Boolean, {
    description:
      'true when the moves are proven the best by the selector\'s objective; false when the search reached its work bound first: '
      + 'then they are the best plan found (full coverage is still reached where possible), a buyer should review them, and the AUTO policy never applies them',
  })
  optimal!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'when it was applied or dismissed' })
  decidedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'who applied or dismissed it' })
  decidedBy!: string | null;

  sourceLine!: string;
  moves!: ReallocationMoveType[];
  candidates!: ReallocationCandidateType[];
}

@ObjectType('SourcingPolicy')
export class SourcingPolicyType {
  @Field(() => SourcingMode)
  mode!: SourcingMode;

  @Field(() => Int)
  maxCostIncreasePercent!: number;
}

export const ReallocationProposalConnection = connectionType('ReallocationProposal', ReallocationProposalType);
