import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Allow } from '../../core/access';
import type { AuthedContext } from '../../core/context';
import { abortableStream } from '../../shared/abortable-stream';
import { ArgBounds, type Bound } from '../../shared/bounds';
import { pageSize, selectedFields, selectsCursors, toConnection, type ConnectionShape } from '../../shared/connection';
import type { AlertRow } from './alert-row';
import { AlertType } from './alert-type';
import { AlertConnection, AlertObject } from './alert.types';

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
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<AlertRow>> {
    const fields = selectedFields(info, ['edges', 'node']);
    const page = { first: pageSize(first, { max: MAX_ALERTS_PAGE }), fields, cursors: selectsCursors(info) };
    const connection = toConnection(await ctx.services.alerts.list(ctx, { types, after, ...page }));
    // Read (and kept) only when selected: a page read without cursors has none to give.
    if (page.cursors) connection.pageInfo.endCursor ??= after;
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

  @FieldResolver(() => String, { description: 'opaque, strictly increasing per organization: pass it back as `after` to resume after this alert' })
  cursor(@Root() alert: AlertRow): string {
    return String(alert.cursor);
  }
}
