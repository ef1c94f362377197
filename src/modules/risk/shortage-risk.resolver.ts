import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Allow } from '../../core/access';
import type { AuthedContext, RequestContext } from '../../core/context';
import { runInScope } from '../../core/transaction';
import { abortableStream } from '../../shared/abortable-stream';
import { ConnectionArgs, pageArgs, toConnection, type ConnectionShape } from '../../shared/connection';
import { AlertType } from '../alerts/alert-type';
import { ItemType, LocationType } from '../catalog/catalog.types';
import { HORIZON_DAYS } from './risk.service';
import { ProjectedDayType, ShortageRiskConnection, ShortageRiskFilter } from './risk.inputs';
import { ShortageRiskType } from './shortage-risk.type';
import { showItem, showLocation } from '../catalog/catalog.loaders';
import { riskNodeId } from '../../shared/node';

/** Risk changes as they commit, with the risk as it now stands, filtered like shortageRisks. */
async function subscribeRiskChanges({ args, context }: SubscribeResolverData<unknown, { filter?: ShortageRiskFilter | null }, AuthedContext>) {
  const filter: Partial<ShortageRiskFilter> = args.filter ?? {};
  const bus = context.services.alertBus;
  const organizationId = context.caller.organizationId;
  const after = await bus.currentCursor(organizationId, context.em);
  return abortableStream(async function* (signal) {
    for await (const alert of bus.subscribe(organizationId, { after, signal })) {
      if (alert.type !== AlertType.SHORTAGE_RISK_CHANGED || !alert.itemId || !alert.locationId) continue;
      if (filter.itemId && filter.itemId !== alert.itemId) continue;
      if (filter.locationId && filter.locationId !== alert.locationId) continue;
      // A fresh read per event, in a scoped transaction of its own: the subscription's context outlives many transactions.
      const page = await runInScope(context, (fresh) =>
        context.services.risk.list(fresh as AuthedContext, { ...filter, itemId: alert.itemId, locationId: alert.locationId }, { first: 1, after: null }),
      );
      if (page.nodes[0]) yield page.nodes[0];
    }
  });
}

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

  @Subscription(() => ShortageRiskType, {
    subscribe: subscribeRiskChanges as never,
    name: 'shortageRiskChanged',
    description: 'each shortage risk the caller may see, as it now stands, when it changes (a SHORTAGE_RISK_CHANGED alert) from the moment of subscribing; '
      + 'live only, no replay: resume with the alerts subscription',
  })
  @Allow({ scope: 'alerts:read' })
  shortageRiskChanged(
    @Root() risk: ShortageRiskType,
    @Arg('filter', () => ShortageRiskFilter, { nullable: true, description: 'like shortageRisks(filter:); null: every risk the caller may see' })
    _filter: ShortageRiskFilter | null): ShortageRiskType {
    return risk;
  }

  @FieldResolver(() => ID, {
    description: 'opaque and stable: the same string for this item x location whenever the risk is read or pushed (48 characters today; do not parse it). '
      + 'Query.node(id) reads the risk again.',
  })
  id(@Root() risk: ShortageRiskType): string {
    return riskNodeId(risk.item, risk.location);
  }

  @FieldResolver(() => ItemType, { description: 'the item at risk' })
  item(@Root() risk: ShortageRiskType, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return showItem(ctx, risk.item, info);
  }

  @FieldResolver(() => LocationType, { description: 'the location it is at risk at' })
  location(@Root() risk: ShortageRiskType, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return showLocation(ctx, risk.location, info);
  }
}
