import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Allow } from '../../core/access';
import { runInScope } from '../../core/transaction';
import type { AuthedContext, RequestContext } from '../../core/context';
import { abortableStream } from '../../shared/abortable-stream';
import { ArgBounds, type Bound } from '../../shared/bounds';
import { pageSize, toConnection, type ConnectionShape } from '../../shared/connection';
import { PurchaseOrderLineType, PurchaseOrderType } from '../purchasing/purchasing.types';
import { ShipNoticeType } from '../purchasing/ship-notice.types';
import { ForecastCommitType } from '../forecasting/forecast-commit.types';
import { forecastCommitLoader } from '../forecasting/forecast-commit.loaders';
import { ShortageRiskFilter } from '../risk/risk.inputs';
import { ReallocationProposalType } from '../sourcing/reallocation.types';
import { ShortageRiskType } from '../risk/shortage-risk.type';
import type { AlertRow } from './alert-row';
import { AlertType } from './alert-type';
import { AlertConnection, AlertObject } from './alert.types';
import { purchasingLoaders } from '../purchasing/purchasing.loaders';
import { riskLoader } from '../risk/risk.loaders';

const MAX_ALERTS_PAGE = 1000;
/** Alert cursors are decimal numbers (a bigint per organization). */
const ALERT_CURSOR: Bound = { maxLength: 32 };

/** Replays the caller organization's alerts after `after`, then follows new ones (types filter applied). */
async function subscribeAlerts({ args, context }: SubscribeResolverData<unknown, { types?: AlertType[] | null; after?: string | null }, AuthedContext>) {
  const after = await context.services.alerts.resumePoint(context, args.after);
  const types = args.types?.length ? new Set(args.types) : null;
  const bus = context.services.alertBus;
  const organizationId = context.caller.organizationId;
  return abortableStream(async function* (signal) {
    for await (const alert of bus.subscribe(organizationId, { after, signal })) {
      if (!types || types.has(alert.type)) yield alert;
    }
  });
}

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

@Resolver(() => AlertObject)
export class AlertResolver {
  @Query(() => AlertConnection, {
    description: 'the caller organization\'s alerts after `after` (from the oldest retained when null), oldest first, for polling. '
      + 'Edge cursors are the alerts\' cursors; on an empty page endCursor stays `after`, so a poller can always resume from endCursor.',
  })
  @Allow({ scope: 'alerts:read' })
  @ArgBounds({ after: ALERT_CURSOR })
  async alerts(
    @Ctx() ctx: AuthedContext,
    @Arg('types', () => [AlertType], { nullable: true, description: 'only alerts of these types; null: all' }) types: AlertType[] | null,
    @Arg('after', () => String, {
      nullable: true,
      description: 'an alert\'s cursor: start after it; BAD_USER_INPUT when older than the retention period (default 30 days), saying how far back alerts reach',
    })
    after: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: 'at most this many alerts, 1 to 1,000' }) first: number,
  ): Promise<ConnectionShape<AlertRow>> {
    const connection = toConnection(await ctx.services.alerts.list(ctx, { types, after, first: pageSize(first, { max: MAX_ALERTS_PAGE }) }));
    connection.pageInfo.endCursor ??= after;
    return connection;
  }

  @Query(() => String, { description: 'the newest cursor of the caller organization ("0" before any alert): subscribe after it for live alerts only' })
  @Allow({ scope: 'alerts:read' })
  async alertCursor(@Ctx() ctx: AuthedContext): Promise<string> {
    return String(await ctx.services.alertBus.currentCursor(ctx.caller.organizationId, ctx.em));
  }

  @Subscription(() => AlertObject, {
    subscribe: subscribeAlerts as never,
    name: 'alerts',
    description: 'replays the caller organization\'s alerts after `after` (all retained ones when null), then streams new ones: no gap, no duplicate',
  })
  @Allow({ scope: 'alerts:read' })
  @ArgBounds({ after: ALERT_CURSOR })
  alertStream(
    @Root() alert: AlertRow,
    @Arg('types', () => [AlertType], { nullable: true, description: 'only alerts of these types; null: all' }) _types: AlertType[] | null,
    @Arg('after', () => String, {
      nullable: true,
      description: 'the last cursor the client processed: replay starts after it; BAD_USER_INPUT when older than the retention period (default 30 days)',
    })
    _after: string | null,
  ): AlertRow {
    return alert;
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

  @FieldResolver(() => String, { description: 'opaque, strictly increasing per organization: pass it back as `after` to resume after this alert' })
  cursor(@Root() alert: AlertRow): string {
    return String(alert.cursor);
  }

  @FieldResolver(() => ShortageRiskType, { nullable: true, description: 'for SHORTAGE_RISK_CHANGED: the risk as it stands now' })
  shortageRisk(@Root() alert: AlertRow, @Ctx() ctx: RequestContext) {
    return alert.itemId && alert.locationId && alert.type === AlertType.SHORTAGE_RISK_CHANGED
      ? riskLoader(ctx).load(`${alert.itemId}/${alert.locationId}`)
      : null;
  }

  @FieldResolver(() => ReallocationProposalType, { nullable: true, description: 'for REALLOCATION_PROPOSED and REALLOCATION_APPLIED' })
  reallocation(@Root() alert: AlertRow, @Ctx() ctx: AuthedContext) {
    return alert.reallocationId ? ctx.services.reallocations.find(ctx, alert.reallocationId) : null;
  }

  @FieldResolver(() => PurchaseOrderType, { nullable: true, description: 'for purchase order, confirmation and slip alerts: the order' })
  purchaseOrder(@Root() alert: AlertRow, @Ctx() ctx: RequestContext) {
    return alert.purchaseOrderId ? purchasingLoaders(ctx).order.load(alert.purchaseOrderId) : null;
  }

  @FieldResolver(() => PurchaseOrderLineType, { nullable: true, description: 'for alerts about one line (confirmed, rejected, slipped, changed): the line' })
  purchaseOrderLine(
@Root() alert: AlertRow, @Ctx() ctx: RequestContext) {
    return alert.purchaseOrderLineId ? purchasingLoaders(ctx).line.load(alert.purchaseOrderLineId) : null;
  }

  @FieldResolver(() => ShipNoticeType, { nullable: true, description: 'for SHIP_NOTICE_CREATED (and changes a notice caused)' })
  shipNotice(@Root() alert: AlertRow, @Ctx() ctx: RequestContext) {
    return alert.shipNoticeId ? purchasingLoaders(ctx).shipNotice.load(alert.shipNoticeId) : null;
  }

  @FieldResolver(() => ForecastCommitType, { nullable: true, description: 'for FORECAST_COMMIT_EXCEPTION: the forecast line beside the commit, as it stands now' })
  forecastCommit(@Root() alert: AlertRow, @Ctx() ctx: RequestContext) {
    return alert.forecastCommitId ? forecastCommitLoader(ctx).load(alert.forecastCommitId) : null;
  }
}
