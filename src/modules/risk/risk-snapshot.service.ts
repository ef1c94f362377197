import type { AuthedContext } from '../../core/context';
import { addDays, type CalendarDate } from '../../shared/calendar';
import { sql } from '../../shared/sql';
import { dailyDemand, dailyInbound, project, reported, type ProjectionInput } from './projection';
import type { RiskService } from './risk.service';

/** How long snapshots are kept (DESIGN.md, "KPIs"): the last 400 days, today included. */
export const SNAPSHOT_RETENTION_DAYS = 400;

/** PAB(0): available stock plus day 0's inbound (overdue deliveries count on day 0) less day 0's demand; the projection's own rules. */
export function openingBalance(input: ProjectionInput): number {
  return reported(input.available + dailyInbound(input.inbound, input.today, 1)[0] - dailyDemand(input.forecast, input.today, 1)[0]);
}

/**
 * The daily risk snapshot (DESIGN.md, "KPIs"): every item x location of a
 * retailer projected from its day (day 0: today at its location, DESIGN.md
 * "Local dates") with the inputs as they are, as the risk engine projects
 * them, stored as one row per item x location x day. A location's day is
 * taken once: when it already has rows for that day, nothing of it is
 * projected or written (and a concurrent second run's rows are dropped by
 * the primary key), so the day's snapshot is its first run's.
 */
export class RiskSnapshotService {
  constructor(private readonly risk: RiskService) {}

  /**
   * Takes the retailer's snapshot (the caller acts for the retailer): at an
   * instant, each location's day is today there; a date (the demo seed's
   * past days) is every location's day. Returns how many item x locations
   * it projected (0 when every location's day was taken).
   */
  async take(ctx: AuthedContext, retailerId: string, when: Date | CalendarDate): Promise<number> {
    const em = ctx.em;
    const all = await this.risk.allPairs(em, retailerId);
    if (all.length === 0) return 0;
    const locations = [...new Set(all.map((p) => p.locationId))];
    const days = typeof when === 'string' ? new Map(locations.map((id) => [id, when])) : await ctx.services.localDates.todayAt(em, locations, when);
    const taken = await sql<{ location_id: string }>(
      em,
      `SELECT t.location_id FROM unnest($2::uuid[], $3::date[]) AS t(location_id, day)
        WHERE EXISTS (SELECT 1 FROM risk_snapshot s WHERE s.retailer_id = $1 AND s.location_id = t.location_id AND s.day = t.day)`,
      [retailerId, [...days.keys()], [...days.values()]],
    );
    const done = new Set(taken.map((t) => t.location_id));
    const pairs = all.filter((p) => !done.has(p.locationId));
    if (pairs.length === 0) return 0;
    const rows: { facts: { item_id: string; location_id: string }; day: CalendarDate; projection: ReturnType<typeof project>; opening: number }[] = [];
    await this.risk.eachInput(em, retailerId, pairs, days, ({ facts, input }) =>
      void rows.push({ facts, day: input.today, projection: project(input), opening: openingBalance(input) }));
    await sql(
      em,
      `INSERT INTO risk_snapshot (item_id, location_id, day, retailer_id, level, opening_balance, projected_stockout_date, shortage_quantity, revenue_at_risk)
         SELECT x.item_id, x.location_id, x.day, $2, x.level, x.opening, x.stockout, x.shortage, x.revenue
           FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::int[], $7::date[], $8::int[], $9::numeric[], $1::date[])
                AS x(item_id, location_id, level, opening, stockout, shortage, revenue, day)
         ON CONFLICT DO NOTHING`,
      [
        rows.map((r) => r.day),
        retailerId,
        rows.map((r) => r.facts.item_id),
        rows.map((r) => r.facts.location_id),
        rows.map((r) => r.projection.level),
        rows.map((r) => r.opening),
        rows.map((r) => r.projection.projectedStockoutDate),
        rows.map((r) => r.projection.shortageQuantity),
        rows.map((r) => r.projection.revenueAtRisk),
      ],
    );
    return rows.length;
  }

  /** Deletes the retailer's snapshots older than the retention (those of day - 400 and before). Returns how many. */
  async prune(ctx: AuthedContext, retailerId: string, day: CalendarDate): Promise<number> {
    const [{ n }] = await sql<{ n: number }>(
      ctx.em,
      `WITH gone AS (DELETE FROM risk_snapshot WHERE retailer_id = $1 AND day <= $2 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [retailerId, addDays(day, -SNAPSHOT_RETENTION_DAYS)],
    );
    return n;
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** The daily risk snapshots (KPIs, risk trend). */
    riskSnapshots: RiskSnapshotService;
  }
}
