import type { AuthedContext } from '../../core/context';
import { daysBetweenChecked, type CalendarDate } from '../../shared/calendar';
import type { ListPage } from '../../shared/connection';
import { badInput } from '../../shared/errors';
import { keyedListPage } from '../../shared/keyset';
import { Params, sql } from '../../shared/sql';
import { lineQuantities, type DatedReceipt } from '../open-orders/open-quantity';
import { lineKpis, type KpiLineFacts } from './kpi-figures';
import { KpiGroup, type KpiType, type RiskTrendDayType } from './kpi.types';

/** The longest window kpis and riskTrend answer, in days (from and to included): the snapshots' retention. */
export const MAX_KPI_WINDOW_DAYS = 400;

const ALL_KEY = 'ALL';

interface LineRow {
  supplier_id: string;
  item_id: string;
  ship_to_id: string;
  quantity: number;
  requested_date: string;
  cancelled_quantity: number;
  received_quantity: number;
  over_delivered_quantity: number;
  closed: boolean;
  rejected: boolean;
  receipts: DatedReceipt[];
  requested_in_window: boolean;
  answer_hours: number | null;
}

interface PositionRow {
  key: string;
  stockout_days: number;
  position_days: number;
  revenue: string;
}

/**
 * Stockout KPIs and the risk trend (DESIGN.md, "KPIs") of the caller's
 * organization: its order lines (a supplier: only its own, through the
 * purchase-order rule) and the daily risk snapshots it may see (a supplier:
 * the positions of the items it actively sources, through the shortage-risk
 * rule, a snapshot being a past risk). Reads only; the snapshots are written
 * by the risk module's daily task.
 */
export class KpiService {
  /**
   * The KPIs over [from, to], whole (one element, key ALL) or per supplier,
   * item or location, by key; `page.first` groups after the key `page.afterId`.
   * Lines group by their supplier, item or ship-to; positions by item,
   * location, or each supplier with an active sourcing rule for the item (an
   * item with two suppliers counts in both groups). revenueAtRisk sums the
   * group's positions on the window's last snapshot day (the same day for
   * every group, so item or location groups add up to ALL).
   * Errors: BAD_USER_INPUT on `to` when to < from or the window is longer than 400 days.
   */
  async kpis(ctx: AuthedContext, from: CalendarDate, to: CalendarDate, groupBy: KpiGroup, page: ListPage): Promise<KpiType[]> {
    checkWindow(from, to);
    const [lines, positions] = [await this.lines(ctx, from, to, groupBy), await this.positions(ctx, from, to, groupBy)];
    const keys = new Set([...lines.keys(), ...positions.keys()]);
    if (groupBy === KpiGroup.ALL && keys.size === 0) keys.add(ALL_KEY);
    const wanted = keyedListPage(keys, page);
    const labels = await groupLabels(ctx, groupBy, wanted);
    return wanted.map((key) => {
      const position = positions.get(key);
      return {
        key,
        label: labels.get(key) ?? key,
        ...lineKpis(lines.get(key) ?? []),
        stockoutDays: position?.stockout_days ?? 0,
        positionDays: position?.position_days ?? 0,
        revenueAtRisk: position?.revenue ?? '0',
      };
    });
  }

  /**
   * Per snapshot day in [from, to] on which the caller has any position, oldest
   * first: how many positions were STOCKOUT and AT_RISK, and their revenue at risk.
   * Errors as kpis.
   */
  async riskTrend(ctx: AuthedContext, from: CalendarDate, to: CalendarDate): Promise<RiskTrendDayType[]> {
    checkWindow(from, to);
    const p = new Params();
    return sql<RiskTrendDayType>(
      ctx.em,
      `SELECT s.day::text AS date, count(*) FILTER (WHERE s.level = 'STOCKOUT')::int AS "stockoutPositions",
              count(*) FILTER (WHERE s.level = 'AT_RISK')::int AS "atRiskPositions", sum(s.revenue_at_risk)::text AS "revenueAtRisk"
         FROM risk_snapshot s
        WHERE s.day BETWEEN ${p.add(from)}::date AND ${p.add(to)}::date AND ${ctx.scope.where('shortageRisk', 's', p)}
        GROUP BY s.day ORDER BY s.day`,
      p.values,
    );
  }

  /** The lines requested or issued in the window the caller may see, as KPI facts, by group key. */
  private async lines(ctx: AuthedContext, from: CalendarDate, to: CalendarDate, groupBy: KpiGroup): Promise<Map<string, KpiLineFacts[]>> {
    const p = new Params();
    const f = p.add(from);
    const t = p.add(to);
    const rows = await sql<LineRow>(
      ctx.em,
      `SELECT l.supplier_id, l.item_id, l.ship_to_id, l.quantity, l.requested_date::text AS requested_date, l.cancelled_quantity,
              l.received_quantity, l.over_delivered_quantity, l.closed_at IS NOT NULL AS closed, l.status = 'REJECTED' AS rejected,
              l.requested_date BETWEEN ${f}::date AND ${t}::date AS requested_in_window,
              CASE WHEN l.requested_date BETWEEN ${f}::date AND ${t}::date THEN coalesce(
                (SELECT json_agg(json_build_object('quantity', r.quantity, 'receivedOn', r.received_on)) FROM receipt r WHERE r.line_id = l.id), '[]') ELSE '[]' END AS receipts,
              CASE WHEN (po.issued_at AT TIME ZONE 'UTC')::date BETWEEN ${f}::date AND ${t}::date THEN
                (SELECT extract(epoch FROM c.created_at - po.issued_at)::float8 / 3600 FROM confirmation c WHERE c.line_id = l.id AND c.sequence = 1) END AS answer_hours
         FROM purchase_order_line l
         JOIN purchase_order po ON po.id = l.purchase_order_id
        WHERE po.issued_at IS NOT NULL AND ${ctx.scope.where('purchaseOrder', 'po', p)}
          AND ((l.requested_date BETWEEN ${f}::date AND ${t}::date AND l.status <> 'CANCELLED')
               OR (po.issued_at AT TIME ZONE 'UTC')::date BETWEEN ${f}::date AND ${t}::date)`,
      p.values,
    );
    const byKey = new Map<string, KpiLineFacts[]>();
    for (const row of rows) {
      const key = groupBy === KpiGroup.SUPPLIER ? row.supplier_id : groupBy === KpiGroup.ITEM ? row.item_id : groupBy === KpiGroup.LOCATION ? row.ship_to_id : ALL_KEY;
      const facts: KpiLineFacts = {
        line: lineQuantities({
          quantity: row.quantity,
          requestedDate: row.requested_date,
          cancelledQuantity: row.cancelled_quantity,
          receivedQuantity: row.received_quantity,
          overDeliveredQuantity: row.over_delivered_quantity,
          closed: row.closed,
          rejected: row.rejected,
        }),
        receipts: row.receipts,
        requestedInWindow: row.requested_in_window,
        answerHours: row.answer_hours,
      };
      byKey.set(key, [...(byKey.get(key) ?? []), facts]);
    }
    return byKey;
  }

  /** Stockout days, position days and the last day's revenue at risk of the snapshots the caller may see, by group key. */
  private async positions(ctx: AuthedContext, from: CalendarDate, to: CalendarDate, groupBy: KpiGroup): Promise<Map<string, PositionRow>> {
    const p = new Params();
    const window = `s.day BETWEEN ${p.add(from)}::date AND ${p.add(to)}::date AND ${ctx.scope.where('shortageRisk', 's', p)}`;
    // Per supplier: each supplier with an active sourcing rule for the item the caller may see (a supplier: only its own).
    const bySupplier = groupBy === KpiGroup.SUPPLIER
      ? `JOIN sourcing_rule sr ON sr.item_id = s.item_id AND sr.active AND ${ctx.scope.where('sourcingRule', 'sr', p)}`
      : '';
    const key = groupBy === KpiGroup.SUPPLIER ? 'sr.supplier_id::text' : groupBy === KpiGroup.ITEM ? 's.item_id::text' : groupBy === KpiGroup.LOCATION ? 's.location_id::text' : `'${ALL_KEY}'`;
    const rows = await sql<PositionRow>(
      ctx.em,
      `WITH seen AS MATERIALIZED (SELECT s.* FROM risk_snapshot s WHERE ${window}),
            last AS (SELECT max(day) AS day FROM seen)
       SELECT ${key} AS key, count(*) FILTER (WHERE s.opening_balance < 0)::int AS stockout_days, count(*)::int AS position_days,
              coalesce(sum(s.revenue_at_risk) FILTER (WHERE s.day = (SELECT day FROM last)), 0)::text AS revenue
         FROM seen s ${bySupplier}
        GROUP BY 1`,
      p.values,
    );
    return new Map(rows.map((r) => [r.key, r]));
  }
}

/**
 * Each group key's label, read through the caller's scope: a supplier's name,
 * "<SKU> <item name>", "<code> <location name>", or "All" (the KPIs and
 * forecast accuracy group alike).
 */
export async function groupLabels(ctx: AuthedContext, groupBy: KpiGroup, keys: string[]): Promise<Map<string, string>> {
  if (groupBy === KpiGroup.ALL) return new Map([[ALL_KEY, 'All']]);
  if (keys.length === 0) return new Map();
  const p = new Params();
  const ids = p.add(keys);
  const query = groupBy === KpiGroup.SUPPLIER
    ? `SELECT o.id::text AS key, o.name AS label FROM organization o WHERE o.id = ANY(${ids}::uuid[]) AND ${ctx.scope.where('organization', 'o', p)}`
    : groupBy === KpiGroup.ITEM
      ? `SELECT i.id::text AS key, i.sku || ' ' || i.name AS label FROM item i WHERE i.id = ANY(${ids}::uuid[]) AND ${ctx.scope.where('item', 'i', p)}`
      : `SELECT l.id::text AS key, l.code || ' ' || l.name AS label FROM location l WHERE l.id = ANY(${ids}::uuid[]) AND ${ctx.scope.where('location', 'l', p)}`;
  const rows = await sql<{ key: string; label: string }>(ctx.em, query, p.values);
  return new Map(rows.map((r) => [r.key, r.label]));
}

/** to >= from, and at most MAX_KPI_WINDOW_DAYS days from from to to, both included. */
function checkWindow(from: CalendarDate, to: CalendarDate): void {
  const days = daysBetweenChecked(from, to) + 1;
  if (days < 1) throw badInput('to', `to (${to}) is before from (${from})`);
  if (days > MAX_KPI_WINDOW_DAYS) {
    throw badInput('to', `The window from ${from} to ${to} is ${days} days; at most ${MAX_KPI_WINDOW_DAYS} (the risk snapshots are kept ${MAX_KPI_WINDOW_DAYS} days)`);
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Stockout KPIs and the risk trend. */
    kpis: KpiService;
  }
}
