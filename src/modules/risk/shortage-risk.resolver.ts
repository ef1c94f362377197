import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../core/access';
import type { AuthedContext, RequestContext } from '../../core/context';
import { ConnectionArgs, pageArgs, toConnection, type ConnectionShape } from '../../shared/connection';
import { ItemType, LocationType } from '../catalog/catalog.types';
import { HORIZON_DAYS } from './risk.service';
import { ProjectedDayType, ShortageRiskConnection, ShortageRiskFilter } from './risk.inputs';
import { ShortageRiskType } from './shortage-risk.type';
import { showItem, showLocation } from '../catalog/catalog.loaders';
import { riskNodeId } from '../../shared/node';

@Resolver(() => ShortageRiskType)
export class ShortageRiskResolver {
  @Query(() => ShortageRiskConnection, {
    description: 'most urgent first: STOCKOUT, then the earliest projected stockout, then the largest revenue at risk. A supplier sees the items it sources.',
  })
  @Allow({ scope: 'read' })
  async shortageRisks(
    @Ctx() ctx: AuthedContext,
    @Arg('filter', () => ShortageRiskFilter, { nullable: true, description: 'null: every risk the caller may see' }) filter: ShortageRiskFilter | null,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<ShortageRiskType>> {
    return toConnection(await ctx.services.risk.list(ctx, filter ?? {}, pageArgs(page, info)));
  }

  @Query(() => [ProjectedDayType], { description: 'the projected available balance day by day, from today, for charts: one day per day of horizonDays (1 to 365)' })
  @Allow({ scope: 'read' })
  projectedInventory(
    @Ctx() ctx: AuthedContext,
    @Arg('itemId', () => ID, { description: 'the item' }) itemId: string,
    @Arg('locationId', () => ID, { description: 'the location' }) locationId: string,
    @Arg('horizonDays', () => Int, { defaultValue: HORIZON_DAYS, description: 'how many days from today, 1 to 365' }) horizonDays: number,
  ): Promise<ProjectedDayType[]> {
    return ctx.services.risk.projectedInventory(ctx, itemId, locationId, horizonDays);
  }

  @FieldResolver(() => ID, {
    description: 'opaque and stable: the same string for this item x location whenever the risk is read or pushed (48 characters today; do not parse it). '
      + 'Query.node(id) reads the risk again.',
  })
  id(@Root() risk: ShortageRiskType): string {
    return riskNodeId(risk.item, risk.location);
  }

  @FieldResolver(() => ItemType, { description: 'the item at risk' })
  item(@Root() risk: ShortageRiskType, @Ctx() ctx: RequestContext) {
    return showItem(ctx, risk.item);
  }

  @FieldResolver(() => LocationType, { description: 'the location it is at risk at' })
  location(@Root() risk: ShortageRiskType, @Ctx() ctx: RequestContext) {
    return showLocation(ctx, risk.location);
  }
}
