import type { DailyTask } from '../../core/jobs';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthedContext } from '../../core/context';
import { badInput } from '../../shared/errors';
import type { Page } from '../../shared/connection';
import { keysetPage, type CursorCodec, type SortKey } from '../../shared/keyset';
import { Params, sql } from '../../shared/sql';
import { alertColumnsFor, toAlertRow, type AlertRow } from './alert-row';
import type { AlertType } from './alert-type';

const ALERT_KEY: SortKey = [{ sql: 'a.cursor', type: 'bigint' }];

/**
 * Alert cursors are the plain cursor numbers of the alerts (clients store
 * them, and resume subscriptions from them), not the opaque JSON cursors of
 * other connections; anything else is BAD_USER_INPUT like everywhere.
 */
const ALERT_CURSOR: CursorCodec = {
  encode: ([cursor]) => String(cursor),
  decode(cursor, field) {
    if (!/^\d{1,15}$/.test(cursor)) throw badInput(field, 'Invalid cursor: pass back a cursor this API returned');
    return [cursor];
  },
};

/** Parses a client's `after` cursor (the decimal string we hand out); null means "from the oldest retained". */
function parseCursor(after: string | null | undefined): number | null {
  return after == null ? null : Number(ALERT_CURSOR.decode(after, 'after')[0]);
}

/** The polling side of the alert stream, and its retention. */
export class AlertService {
  constructor(private readonly retentionDays: number) {}

  /**
   * Where a resumed stream starts: after `after`, or after the last pruned
   * alert. Refuses a cursor older than the retention period, so an
   * integration knows to resynchronise instead of silently missing alerts.
   */
  async resumePoint(ctx: AuthedContext, after: string | null | undefined): Promise<number> {
    const cursor = parseCursor(after);
    const [row] = await sql<{ pruned: string | null; newest: string | null }>(
      ctx.em,
      `SELECT max(value) FILTER (WHERE name = 'alert_pruned') AS pruned, max(value) FILTER (WHERE name = 'alert') AS newest
         FROM organization_counter WHERE organization_id = $1`,
      [ctx.caller.organizationId],
    );
    const pruned = Number(row?.pruned ?? 0);
    if (cursor === null) return pruned;
    // A cursor this stream never handed out would silently skip the alerts up to it.
    if (cursor > Number(row?.newest ?? 0)) throw badInput('after', 'Unknown cursor: newer than any alert of this organization');
    if (cursor < pruned) {
      throw badInput(
        'after',
        `The alert stream now starts after cursor ${pruned}: older alerts were deleted after the ${this.retentionDays}-day retention period. `
          + `Resynchronise (re-read orders and risks), then resume after cursor ${pruned}.`,
      );
    }
    return cursor;
  }

  /**
   * The caller organization's alerts after a cursor, oldest first. Pages like
   * every connection (keysetPage), on the alert's cursor number, which is
   * also the edge cursor clients store and resume from.
   */
  async list(
    ctx: AuthedContext,
    args: { types?: AlertType[] | null; after?: string | null; first: number; fields?: ReadonlySet<string>; cursors?: boolean },
  ): Promise<Page<AlertRow>> {
    // From the oldest retained (no `after`): every alert still stored is after the stream's resume point, as retention
    // deletes the prefix up to it and moves the point in one transaction (prune_alerts), so the point need not be read.
    const after = args.after == null ? null : String(await this.resumePoint(ctx, args.after));
    const p = new Params();
    const where = [ctx.scope.where('alert', 'a', p)];
    if (args.types?.length) where.push(`a.type = ANY(${p.add(args.types)}::text[])`);
    return keysetPage<AlertRow>(
      ctx.em,
      { select: alertColumnsFor(args.fields), from: 'alert a', where, params: p, key: ALERT_KEY },
      { first: args.first, after, cursors: args.cursors },
      { codec: ALERT_CURSOR, toNode: toAlertRow },
    );
  }

  /**
   * Deletes alerts older than the retention period: per organization, the
   * prefix of its stream up to the newest expired alert, so the stream never
   * has holes; remembers where each stream now starts.
   */
  async prune(em: EntityManager): Promise<number> {
    const [row] = await sql<{ deleted: string }>(em, `SELECT prune_alerts($1) AS deleted`, [this.retentionDays]);
    return Number(row.deleted);
  }
}

/** Alerts past retention leave the stream, once a day. */
export const dailyAlertRetention: DailyTask = {
  name: 'alert retention',
  run: async ({ orm, services }) => ({ alertsPruned: await services.alerts.prune(orm.em.fork()) }),
};

declare module '../../core/context' {
  interface ServiceRegistry {
    /** The alert stream: polling, resume points, retention. */
    alerts: AlertService;
  }
}
