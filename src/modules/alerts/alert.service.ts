import type { DailyTask } from '../../core/jobs';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthedContext } from '../../core/context';
import { badInput } from '../../shared/errors';
import { Params, sql } from '../../shared/sql';
import { ALERT_COLUMNS, toAlertRow, type AlertRow } from './alert-row';
import type { AlertType } from './alert-type';

/** Parses a client's `after` cursor (the decimal string we hand out); null means "from the oldest retained". */
export function parseCursor(after: string | null | undefined): number | null {
  if (after == null) return null;
  if (!/^\d{1,15}$/.test(after)) throw badInput('after', 'Invalid cursor: pass back a cursor this API returned');
  return Number(after);
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

  /** The caller organization's alerts after a cursor, oldest first. */
  async list(ctx: AuthedContext, args: { types?: AlertType[] | null; after?: string | null; first: number }) {
    const after = await this.resumePoint(ctx, args.after);
    const p = new Params();
    const where = [`a.organization_id = ${p.add(ctx.caller.organizationId)}`, `a.cursor > ${p.add(after)}`];
    if (args.types?.length) where.push(`a.type = ANY(${p.add(args.types)}::text[])`);
    const rows = (
      await sql<AlertRow>(ctx.em, `SELECT ${ALERT_COLUMNS} FROM alert a WHERE ${where.join(' AND ')} ORDER BY a.cursor LIMIT ${p.add(args.first + 1)}`, p.values)
    ).map(toAlertRow);
    return { nodes: rows.slice(0, args.first), hasNextPage: rows.length > args.first };
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
