import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow, type AccessRule } from '../../core/access';
import type { AuthedContext, RequestContext } from '../../core/context';
import { ConnectionArgs, pageArgs, toConnection, type ConnectionShape } from '../../shared/connection';
import { PurchaseOrderLineType } from '../purchasing/purchasing.types';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { OrganizationType } from '../tenancy/tenancy.types';
import { ReallocationStatus, SourcingMode } from './reallocation.entities';
import { SourcingPolicyInput } from './reallocation.inputs';
import {
  ReallocationCandidateType,
  ReallocationMoveType,
  ReallocationProposalConnection,
  ReallocationProposalType,
  SourcingPolicyType,
} from './reallocation.types';
import { purchasingLoaders } from '../purchasing/purchasing.loaders';
import { showOrganization } from '../tenancy/tenancy.loaders';

const REALLOCATE: AccessRule = { scope: 'sourcing:write', kinds: [OrganizationKind.RETAILER], roles: [Role.BUYER] };
const RETAILER_READ: AccessRule = { scope: 'read', kinds: [OrganizationKind.RETAILER] };

@Resolver(() => ReallocationProposalType)
export class ReallocationResolver {
  @Query(() => ReallocationProposalConnection, { description: 'newest first; retailers only (a supplier never sees proposals)' })
  @Allow({ scope: 'read' })
  async reallocationProposals(
    @Ctx() ctx: AuthedContext,
    @Arg('status', () => ReallocationStatus, { nullable: true, description: 'only proposals in this status; null: any' }) status: ReallocationStatus | null,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('itemId', () => ID, { nullable: true, description: 'only proposals for slipped lines of this item; null: any' }) itemId?: string | null,
    @Arg('locationId', () => ID, { nullable: true, description: 'only proposals for slipped lines shipping to this location; null: any' }) locationId?: string | null,
  ): Promise<ConnectionShape<ReallocationProposalType>> {
    return toConnection(await ctx.services.reallocations.list(ctx, status, pageArgs(page, info), { itemId, locationId }));
  }

  @Query(() => ReallocationProposalType, { nullable: true, description: 'null for suppliers: they never see proposals' })
  @Allow({ scope: 'read' })
  reallocationProposal(@Arg('id', () => ID, { description: 'the proposal\'s id' }) id: string, @Ctx() ctx: AuthedContext) {
    return ctx.services.reallocations.find(ctx, id);
  }

  @Query(() => SourcingPolicyType, { description: 'retailers only: the caller\'s reallocation policy (MANUAL with 10% until set)' })
  @Allow(RETAILER_READ)
  sourcingPolicy(@Ctx() ctx: AuthedContext) {
    return ctx.services.reallocations.policyOf(ctx, ctx.caller.organizationId);
  }

  @Mutation(() => ReallocationProposalType, { description: 'a new proposal for a slipped line (it supersedes an open one)' })
  @Allow(REALLOCATE)
  async proposeReallocation(@Arg('lineId', () => ID, { description: 'a slipped line of one of the caller\'s issued orders' }) lineId: string, @Ctx() ctx: AuthedContext) {
    return this.fresh(ctx, await ctx.services.reallocations.proposeOnDemand(ctx, lineId));
  }

  @Mutation(() => ReallocationProposalType, { description: 'issues the moves as new orders and reduces the slipped line; applying twice returns the same result' })
  @Allow(REALLOCATE)
  async applyReallocation(@Arg('id', () => ID, { description: 'a PROPOSED proposal; CONFLICT when the slipped line changed since it was made' }) id: string, @Ctx() ctx: AuthedContext) {
    return this.fresh(ctx, await ctx.services.reallocations.apply(ctx, id));
  }

  @Mutation(() => ReallocationProposalType, { description: 'retailer BUYER or ADMIN, or an API key with sourcing:write: turns a proposal down; nothing is ordered' })
  @Allow(REALLOCATE)
  async dismissReallocation(@Arg('id', () => ID, { description: 'a PROPOSED proposal' }) id: string, @Ctx() ctx: AuthedContext) {
    return this.fresh(ctx, await ctx.services.reallocations.dismiss(ctx, id));
  }

  @Mutation(() => SourcingMode, { description: 'ADMIN: MANUAL waits for a buyer; AUTO applies proposals that cover the shortfall on time within the cost limit' })
  @Allow({ scope: 'sourcing:write', kinds: [OrganizationKind.RETAILER], roles: [] })
  setSourcingPolicy(@Arg('input', () => SourcingPolicyInput, { description: 'the mode and cost limit' }) input: SourcingPolicyInput, @Ctx() ctx: AuthedContext) {
    return ctx.services.reallocations.setPolicy(ctx, input);
  }

  @FieldResolver(() => PurchaseOrderLineType, { description: 'the slipped line whose shortfall this covers' })
  sourceLine(@Root() proposal: ReallocationProposalType, @Ctx() ctx: RequestContext) {
    return purchasingLoaders(ctx).line.load(proposal.sourceLine);
  }

  @FieldResolver(() => [ReallocationMoveType], { description: 'the backup suppliers chosen, with what each takes: at most one per candidate' })
  moves(@Root() proposal: ReallocationProposalType) {
    return proposal.moves;
  }

  @FieldResolver(() => [ReallocationCandidateType], {
    description: 'every backup supplier considered, with its verdict: one per sourcing rule of the item, at most 50',
  })
  candidates(@Root() proposal: ReallocationProposalType) {
    return proposal.candidates;
  }

  private async fresh(ctx: AuthedContext, id: string) {
    return (await ctx.services.reallocations.find(ctx, id))!;
  }
}

@Resolver(() => ReallocationMoveType)
export class ReallocationMoveResolver {
  @FieldResolver(() => OrganizationType, { description: 'the backup supplier ordered from' })
  supplier(@Root() move: ReallocationMoveType, @Ctx() ctx: RequestContext) {
    return showOrganization(ctx, move.supplierId);
  }

  @FieldResolver(() => PurchaseOrderLineType, { nullable: true, description: 'the new order line, once applied' })
  purchaseOrderLine(@Root() move: ReallocationMoveType, @Ctx() ctx: RequestContext) {
    return move.purchaseOrderLineId ? purchasingLoaders(ctx).line.load(move.purchaseOrderLineId) : null;
  }
}

@Resolver(() => ReallocationCandidateType)
export class ReallocationCandidateResolver {
  @FieldResolver(() => OrganizationType, { description: 'the backup supplier considered' })
  supplier(@Root() candidate: ReallocationCandidateType, @Ctx() ctx: RequestContext) {
    return showOrganization(ctx, candidate.supplierId);
  }
}
