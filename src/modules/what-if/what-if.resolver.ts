import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../core/access';
import type { AuthedContext, RequestContext } from '../../core/context';
import { OrganizationKind } from '../../core/tenancy.enums';
import { ItemType, LocationType } from '../catalog/catalog.types';
import { showItem, showLocation } from '../catalog/catalog.loaders';
import { purchasingLoaders } from '../purchasing/purchasing.loaders';
import { PurchaseOrderLineType } from '../purchasing/purchasing.types';
import { ReallocationCandidateType, ReallocationMoveType } from '../sourcing/reallocation.types';
import { SimulateInput } from './what-if.inputs';
import { ReallocationPlanType, RiskChangeType, SimulationResultType } from './what-if.types';

@Resolver(() => SimulationResultType)
export class WhatIfResolver {
  @Query(() => SimulationResultType, { description: 'what-if: risk before and after the given slips and outages; nothing is stored. Retailers only.' })
  @Allow({ scope: 'read', kinds: [OrganizationKind.RETAILER] })
  simulate(@Arg('input', () => SimulateInput) input: SimulateInput, @Ctx() ctx: AuthedContext): Promise<SimulationResultType> {
    return ctx.services.whatIf.simulate(ctx, input);
  }
}

@Resolver(() => RiskChangeType)
export class RiskChangeResolver {
  @FieldResolver(() => ItemType)
  item(@Root() change: RiskChangeType, @Ctx() ctx: RequestContext) {
    return showItem(ctx, change.item);
  }

  @FieldResolver(() => LocationType)
  location(@Root() change: RiskChangeType, @Ctx() ctx: RequestContext) {
    return showLocation(ctx, change.location);
  }
}

@Resolver(() => ReallocationPlanType)
export class ReallocationPlanResolver {
  @FieldResolver(() => PurchaseOrderLineType, { description: 'the slipped line' })
  sourceLine(@Root() plan: ReallocationPlanType, @Ctx() ctx: RequestContext) {
    return purchasingLoaders(ctx).line.load(plan.sourceLine);
  }

  @FieldResolver(() => [ReallocationMoveType], { description: 'the backup suppliers the selector would choose: at most one per candidate' })
  moves(@Root() plan: ReallocationPlanType) {
    return plan.moves;
  }

  @FieldResolver(() => [ReallocationCandidateType], { description: 'every backup supplier considered, with its verdict: one per sourcing rule of the item, at most 50' })
  candidates(@Root() plan: ReallocationPlanType) {
    return plan.candidates;
  }
}
