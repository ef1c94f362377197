import { systemClock, type Clock } from '../../core/clock';
import type { AuthedContext } from '../../core/context';
import { inTransaction } from '../../core/transaction';
import { addDays, daysBetweenChecked, type CalendarDate } from '../../shared/calendar';
import { startOfLocalDay, type LocalToday } from '../../core/local-dates';
import type { ListPage, Page, PageArgs } from '../../shared/connection';
import { MAX_QUANTITY } from '../../shared/bounds';
import { badInput, DuplicateCheck, notFound } from '../../shared/errors';
import { isUuid } from '../../shared/ids';
import { keyedListPage, keysetPage, type SortKey } from '../../shared/keyset';
import { isCalendarDate } from '../../shared/scalars';
import { Slicer } from '../../shared/slices';
import { Params, sql } from '../../shared/sql';
import type { CatalogService } from '../catalog/catalog.service';
import { ForecastMethod } from '../forecasting/forecast-method';
import { ForecastScope } from '../forecasting/forecast-scope';
import type { ForecastLineInputData, ForecastService } from '../forecasting/forecast.service';
import type { ForecastVersionType } from '../forecasting/forecast.types';
import { groupLabels } from '../kpis/kpi.service';
import { KpiGroup } from '../kpis/kpi.types';
import { reported } from '../risk/projection';
import { AccuracySums, forecastOfDay, type CoveringLine } from './accuracy';
import { baseline, BaselineMethod, blockOf, MAX_HISTORY_WEEKS, seriesOfBlocks, type Baseline } from './baseline';
import type { ForecastAccuracyType, ForecastPreviewType, SalesDayType } from './demand.types';
import { FitPool } from './fit-pool';

export interface SalesLineData {
  itemId: string;
  locationId: string;
  date: string;
  quantity: number;
}

export interface SalesFilter {
  itemId?: string | null;
  locationId?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface GenerateRequest {
  horizonWeeks: number;
  method: ForecastMethod;
  itemIds?: string[] | null;
  locationIds?: string[] | null;
}

/** Series per part of a generated version: each part's lines are written while the next part is fitted. */
const FIT_PART_SERIES = 1_000;
/** The longest forecastAccuracy window, in days (from and to included), as the KPIs'. */
export const MAX_ACCURACY_WINDOW_DAYS = 400;
const ALL_KEY = 'ALL';

const SALES_COLUMNS = `sd.item_id AS item, sd.location_id AS location, sd.day::text AS date, sd.quantity`;
/** Item, location, day: the primary key, so a page walks its index. */
const SALES_KEY: SortKey = [
  { sql: 'sd.item_id', type: 'uuid' },
  { sql: 'sd.location_id', type: 'uuid' },
  { sql: 'sd.day', type: 'date' },
];

/**
 * One item x location's daily sales before today: the i-th number of `days`
 * (days back, 1 = yesterday) sold the i-th number of `quantities`; both
 * comma-separated text, parsed when the series is built (weeklyOf, in
 * slices), not while the rows arrive (as int[] columns, 2 x 1.1 million
 * numbers parsed by the driver held the event loop up to 440 ms).
 */
interface DailyRow {
  item_id: string;
  location_id: string;
  days: string;
  quantities: string;
}

interface AccuracyRow {
  item_id: string;
  location_id: string;
  day: string;
  actual: number;
  lines: CoveringLine[] | null;
}

/**
 * Demand from sales history (DESIGN.md, "Demand: sales history, a baseline
 * forecast, forecast accuracy"): daily sales (this module alone writes
 * sales_day), the baseline forecast (the pure ./baseline.ts; a generated
 * forecast is published through ForecastService like an uploaded one) and
 * the accuracy of published forecasts against what sold.
 */
export class DemandService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly forecasts: ForecastService,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Upserts daily sales, one row per item x location x date (the latest value
   * wins), all or nothing: every line must name the caller's item and
   * location, a date no later than today and appear once. Returns the number
   * of rows written: new rows and rows whose quantity changed (a row already
   * holding the line's quantity is left as it is, so a retry of the same
   * call writes nothing and answers 0).
   */
  async recordSales(ctx: AuthedContext, lines: SalesLineData[]): Promise<number> {
    if (lines.length === 0) throw badInput('input.lines', 'Record at least one sales line');
    const [items, locations] = await Promise.all([
      this.catalog.ownItemIds(ctx, lines.map((l) => l.itemId)),
      this.catalog.ownLocationIds(ctx, lines.map((l) => l.locationId)),
    ]);
    // No later than today where each line's location is (DESIGN.md, Local dates), by this service's clock.
    const todays = await ctx.services.localDates.todayAt(ctx.em, [...locations], this.clock.now());
    const duplicates = new DuplicateCheck('input.lines', 'date', ' (same item, location and date)');
    const slicer = new Slicer();
    for (let i = 0; i < lines.length; i++) {
      await slicer.pause();
      const line = lines[i];
      if (!items.has(line.itemId)) throw notFound('Item', `input.lines[${i}].itemId`);
      if (!locations.has(line.locationId)) throw notFound('Location', `input.lines[${i}].locationId`);
      const today = todays.get(line.locationId)!;
      if (line.date > today) throw badInput(`input.lines[${i}].date`, `Sales of ${line.date} cannot be recorded before the day (today is ${today} at the location)`);
      const key = `${line.itemId}/${line.locationId}/${line.date}`;
      duplicates.check(key, i);
    }
    return inTransaction(ctx, async (tx) => {
      const written = await sql<{ n: number }>(
        tx.em,
        `WITH written AS (
           INSERT INTO sales_day AS sd (item_id, location_id, day, retailer_id, quantity, updated_at)
           SELECT x.item_id, x.location_id, x.day, $1, x.quantity, now()
             FROM unnest($2::uuid[], $3::uuid[], $4::date[], $5::int[]) AS x(item_id, location_id, day, quantity)
           ON CONFLICT (item_id, location_id, day) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()
             WHERE sd.quantity IS DISTINCT FROM EXCLUDED.quantity
           RETURNING 1)
         SELECT count(*)::int AS n FROM written`,
        [tx.caller.organizationId, lines.map((l) => l.itemId), lines.map((l) => l.locationId), lines.map((l) => l.date), lines.map((l) => l.quantity)],
      );
      return written[0].n;
    });
  }

  /**
   * One page of the daily sales the caller may see (a supplier: of the items
   * it supplies, from retailers that share their sales with it), by item,
   * location and day, filtered by item, location and [from, to].
   */
  async sales(ctx: AuthedContext, filter: SalesFilter, args: PageArgs): Promise<Page<SalesDayType>> {
    checkDates(filter.from, filter.to);
    const empty = (filter.itemId != null && !isUuid(filter.itemId)) || (filter.locationId != null && !isUuid(filter.locationId));
    const p = new Params();
    const where = [ctx.scope.where('salesDay', 'sd', p)];
    if (!empty) {
      if (filter.itemId) where.push(`sd.item_id = ${p.add(filter.itemId)}`);
      if (filter.locationId) where.push(`sd.location_id = ${p.add(filter.locationId)}`);
    }
    if (filter.from) where.push(`sd.day >= ${p.add(filter.from)}::date`);
    if (filter.to) where.push(`sd.day <= ${p.add(filter.to)}::date`);
    return keysetPage<SalesDayType>(ctx.em, { select: SALES_COLUMNS, from: 'sales_day sd', where, params: p, key: SALES_KEY }, args, { empty });
  }

  /**
   * The baseline of one of the caller's item x locations, with its weekly
   * history, for a chart; nothing is stored. NOT_FOUND on itemId/locationId
   * for what the caller does not own; BAD_USER_INPUT on itemId with fewer
   * than 2 weeks of history.
   */
  async preview(ctx: AuthedContext, itemId: string, locationId: string, horizonWeeks: number, method: ForecastMethod): Promise<ForecastPreviewType> {
    await this.catalog.requireOwnItem(ctx, itemId, 'itemId');
    await this.catalog.requireOwnLocation(ctx, locationId, 'locationId');
    const today = await ctx.services.localDates.todayAtOne(ctx.em, locationId, this.clock.now());
    const [row] = await this.daily(ctx, new Map([[locationId, today]]), [itemId], [locationId]);
    const y = row ? weeklyOf(row) : [];
    if (y.length < 2) {
      throw badInput('itemId', `This item x location has ${y.length} week(s) of sales history before today; a baseline needs at least 2`);
    }
    const result = baseline(y, horizonWeeks, baselineMethod(method));
    return {
      item: itemId,
      location: locationId,
      method: METHOD_OF[result.method],
      history: y.map((quantity, i) => ({ periodStart: addDays(today, -7 * (y.length - i)), quantity: reported(quantity) })),
      forecast: weeksFrom(today, result),
      holdoutWape: result.holdoutWape === null ? null : Math.round(result.holdoutWape * 10_000) / 10_000,
    };
  }

  /**
   * Publishes a LISTED version with the baseline of every item x location
   * with at least 2 weeks of sales history (or of the listed items and/or
   * locations), horizonWeeks weekly lines each, starting today at its
   * location (its history ends yesterday there), each line recording its
   * method; retired items and locations get none (DESIGN.md, Retiring).
   * The fitting runs on worker threads (./fit-pool.ts; where none can run,
   * on this thread in slices, src/shared/slices.ts, so the event loop is
   * never held long), FIT_PART_SERIES series a part: ForecastService writes
   * each part while the next is fitted.
   * BAD_USER_INPUT on `input` when no series qualifies; NOT_FOUND on
   * input.itemIds[i] / input.locationIds[i], BAD_USER_INPUT there when it
   * names a retired one.
   */
  async generate(ctx: AuthedContext, request: GenerateRequest): Promise<ForecastVersionType> {
    const itemIds = request.itemIds ?? null;
    const locationIds = request.locationIds ?? null;
    await this.requireOwn(ctx, 'item', itemIds, 'input.itemIds');
    await this.requireOwn(ctx, 'location', locationIds, 'input.locationIds');
    // Retired items and locations get no new forecast lines (DESIGN.md, Retiring): named, refused; otherwise skipped.
    await this.catalog.refuseRetired(ctx, {
      items: itemIds?.map((id, i) => ({ id, field: `input.itemIds[${i}]` })),
      locations: locationIds?.map((id, i) => ({ id, field: `input.locationIds[${i}]` })),
    });
    const pool = FitPool.open(); // its threads start while the history is read
    try {
      return await this.generateOn(ctx, request, pool);
    } finally {
      await pool?.close();
    }
  }

  /** generate() after its input checks: the fitting on `pool`'s threads, or on this thread without one. */
  private async generateOn(ctx: AuthedContext, request: GenerateRequest, pool: FitPool | null): Promise<ForecastVersionType> {
    const itemIds = request.itemIds ?? null;
    const locationIds = request.locationIds ?? null;
    // Each series ends yesterday where it is sold and its periods start today there (DESIGN.md, Local dates): what
    // previewForecast shows for it is what is published.
    const todays = await ctx.services.localDates.todayAtLocationsOf(ctx.em, ctx.caller.organizationId, this.clock.now());
    const retired = await this.catalog.retiredIds(ctx);
    const rows = await this.daily(ctx, todays, itemIds, locationIds);
    const method = baselineMethod(request.method);
    const horizon = request.horizonWeeks;
    const series: { itemId: string; locationId: string; y: number[] }[] = [];
    const slicer = new Slicer();
    for (const row of rows) {
      await slicer.pause();
      if (retired.items.has(row.item_id) || retired.locations.has(row.location_id)) continue;
      const y = weeklyOf(row);
      if (y.length >= 2) series.push({ itemId: row.item_id, locationId: row.location_id, y });
    }
    if (series.length === 0) throw badInput('input', 'No item x location (of those asked for) has 2 or more weeks of sales history before today');
    // Every line but its quantity and method first (ForecastService checks them all before it writes), then the
    // fitting, a part at a time: each part is written while the next is fitted.
    const lines: ForecastLineInputData[] = [];
    const periodStarts = new Map([...todays].map(([locationId, today]) => [locationId, Array.from({ length: horizon }, (_, k) => addDays(today, 7 * k))]));
    for (const { itemId, locationId } of series) {
      await slicer.pause();
      const starts = periodStarts.get(locationId)!;
      for (let k = 0; k < horizon; k++) lines.push({ itemId, locationId, periodStart: starts[k], periodDays: 7, quantity: 0, method: null });
    }
    const fill = (s: number, fit: { method: BaselineMethod; forecast: number[] }) => {
      const used = METHOD_OF[fit.method];
      for (let k = 0; k < horizon; k++) {
        const line = lines[s * horizon + k];
        line.quantity = Math.min(fit.forecast[k], MAX_QUANTITY);
        line.method = used;
      }
    };
    // On worker threads where they run (FitPool), else here in slices; either way the pure baseline() of each series.
    async function* fitted(): AsyncGenerator<number> {
      if (!pool) {
        for (let s = 0; s < series.length; s++) {
          await slicer.pause();
          fill(s, baseline(series[s].y, horizon, method));
          if ((s + 1) % FIT_PART_SERIES === 0 || s + 1 === series.length) yield (s + 1) * horizon;
        }
        return;
      }
      // Every part sent at once (each worker fits its share of each part in order); each filled in as it comes back.
      const parts: Promise<{ method: BaselineMethod; forecast: number[] }[]>[] = [];
      for (let start = 0; start < series.length; start += FIT_PART_SERIES) {
        const part = pool.fit(series.slice(start, start + FIT_PART_SERIES).map((x) => x.y), horizon, method);
        part.catch(() => undefined); // awaited below, in order
        parts.push(part);
        await slicer.pause();
      }
      for (let p = 0; p < parts.length; p++) {
        const start = p * FIT_PART_SERIES;
        (await parts[p]).forEach((fit, j) => fill(start + j, fit));
        yield Math.min(start + FIT_PART_SERIES, series.length) * horizon;
      }
    }
    return this.forecasts.publish(ctx, lines, ForecastScope.LISTED, fitted());
  }

  /**
   * Forecast accuracy over [from, to] (at most 400 days), whole (key ALL) or
   * per supplier, item or location, by key, a page of groups at a time.
   * Only days with a sales row count; each one's forecast is its daily share
   * in the version that was newest when that day began at its location (its
   * local midnight, DESIGN.md, Local dates; 0 when that version has no line
   * covering it, or no version had been published before). A
   * supplier counts only the sales it may see (items it supplies, retailers
   * that share their sales with it); per supplier, an item counts for each
   * supplier with an active sourcing rule for it.
   * Errors: BAD_USER_INPUT on `to` when to < from or the window is too long.
   */
  async accuracy(ctx: AuthedContext, from: CalendarDate, to: CalendarDate, groupBy: KpiGroup, page: ListPage): Promise<ForecastAccuracyType[]> {
    const days = daysBetweenChecked(from, to) + 1;
    if (days < 1) throw badInput('to', `to (${to}) is before from (${from})`);
    if (days > MAX_ACCURACY_WINDOW_DAYS) throw badInput('to', `The window from ${from} to ${to} is ${days} days; at most ${MAX_ACCURACY_WINDOW_DAYS}`);
    const starts = await this.dayStarts(ctx, from, days);
    const p = new Params();
    // Each sales row with the instant its day began at its location (DESIGN.md, Local dates); the newest version
    // published before that instant is the one the day is measured against.
    const rows = await sql<AccuracyRow>(
      ctx.em,
      `WITH s AS MATERIALIZED (
         SELECT sd.retailer_id, sd.item_id, sd.location_id, sd.day, sd.quantity, ds.starts_at FROM sales_day sd
           JOIN unnest(${p.add(starts.locations.ids)}::uuid[], ${p.add(starts.locations.zones)}::text[]) AS lz(location_id, zone) ON lz.location_id = sd.location_id
           JOIN unnest(${p.add(starts.zones)}::text[], ${p.add(starts.days)}::date[], ${p.add(starts.instants)}::timestamptz[]) AS ds(zone, day, starts_at)
             ON ds.zone = lz.zone AND ds.day = sd.day
          WHERE sd.day BETWEEN ${p.add(from)}::date AND ${p.add(to)}::date AND ${ctx.scope.where('salesDay', 'sd', p)}),
       newest AS (
         SELECT d.retailer_id, d.starts_at,
                (SELECT fv.id FROM forecast_version fv
                  WHERE fv.retailer_id = d.retailer_id AND fv.published_at < d.starts_at AND ${ctx.scope.where('forecastVersion', 'fv', p)}
                  ORDER BY fv.version DESC LIMIT 1) AS version_id
           FROM (SELECT DISTINCT retailer_id, starts_at FROM s) d)
       SELECT s.item_id, s.location_id, s.day::text AS day, s.quantity AS actual,
              (SELECT json_agg(json_build_object('periodStart', fl.period_start, 'periodDays', fl.period_days, 'quantity', fl.quantity))
                 FROM forecast_line fl
                WHERE fl.version_id = n.version_id AND fl.item_id = s.item_id AND fl.location_id = s.location_id
                  AND fl.period_start <= s.day AND fl.period_start + fl.period_days > s.day AND ${ctx.scope.where('forecastLine', 'fl', p)}) AS lines
         FROM s JOIN newest n ON n.retailer_id = s.retailer_id AND n.starts_at = s.starts_at`,
      p.values,
    );
    const suppliersOf = groupBy === KpiGroup.SUPPLIER ? await this.suppliersOfItems(ctx, rows.map((r) => r.item_id)) : new Map<string, string[]>();
    const keysOf = (row: AccuracyRow): string[] =>
      groupBy === KpiGroup.SUPPLIER ? suppliersOf.get(row.item_id) ?? []
        : groupBy === KpiGroup.ITEM ? [row.item_id]
          : groupBy === KpiGroup.LOCATION ? [row.location_id] : [ALL_KEY];
    const sums = new Map<string, AccuracySums>();
    const slicer = new Slicer();
    for (const row of rows) {
      await slicer.pause();
      const forecast = forecastOfDay(row.day, row.lines ?? []);
      for (const key of keysOf(row)) {
        let group = sums.get(key);
        if (!group) sums.set(key, (group = new AccuracySums()));
        group.add(forecast, row.actual);
      }
    }
    if (groupBy === KpiGroup.ALL && sums.size === 0) sums.set(ALL_KEY, new AccuracySums());
    const wanted = keyedListPage(sums.keys(), page);
    const labels = await groupLabels(ctx, groupBy, wanted);
    return wanted.map((key) => {
      const result = sums.get(key)!.result();
      return {
        key,
        label: labels.get(key) ?? key,
        wape: result.wape,
        bias: result.bias,
        days: reported(result.days),
        actualQuantity: reported(result.actualQuantity),
        forecastQuantity: reported(result.forecastQuantity),
      };
    });
  }

  /**
   * When each day of [from, from + days) began in every time zone of the
   * locations the caller may see (DESIGN.md, Local dates): parallel arrays
   * for the accuracy query, the instants from LocalDates' Intl arithmetic,
   * and each location's zone (so the query joins no location row per sales
   * row: with their policies that doubled its time).
   */
  private async dayStarts(ctx: AuthedContext, from: CalendarDate, days: number) {
    const located = await ctx.services.localDates.zonesOfVisibleLocations(ctx.em, ctx.scope);
    const out = {
      locations: { ids: located.map((l) => l.id), zones: located.map((l) => l.zone) },
      zones: [] as string[],
      days: [] as CalendarDate[],
      instants: [] as string[],
    };
    for (const zone of new Set(located.map((l) => l.zone))) {
      for (let k = 0; k < days; k++) {
        const day = addDays(from, k);
        out.zones.push(zone);
        out.days.push(day);
        out.instants.push(startOfLocalDay(day, zone).toISOString());
      }
    }
    return out;
  }

  /**
   * The caller's daily sales before today (at each location: `todays`) per item x location, at most
   * MAX_HISTORY_WEEKS back, in item and location order (weeklyOf sums them
   * by week). One aggregate over the rows as they are: summing by week in
   * SQL took a second grouping and a sort of every row (2.8 s for 10,000
   * series x 104 weeks instead of 1.5 s).
   */
  private async daily(ctx: AuthedContext, todays: LocalToday, itemIds: string[] | null, locationIds: string[] | null): Promise<DailyRow[]> {
    if (todays.size === 0) return [];
    const p = new Params();
    const dates = [...todays.values()].sort();
    // Each location's today (t.today); the earliest and latest of them as constants too, so the day range can use the index.
    const where = [
      ctx.scope.where('salesDay', 'sd', p),
      `sd.retailer_id = ${p.add(ctx.caller.organizationId)}`,
      `sd.day < t.today`,
      `sd.day >= t.today - ${p.add(7 * MAX_HISTORY_WEEKS)}::int`,
      `sd.day < ${p.add(dates[dates.length - 1])}::date`,
      `sd.day >= ${p.add(dates[0])}::date - ${p.add(7 * MAX_HISTORY_WEEKS)}::int`,
    ];
    // One item (location) as an equality: the planner then walks the primary key, not the retailer's whole history.
    const among = (column: string, ids: string[]) => (ids.length === 1 ? `${column} = ${p.add(ids[0])}::uuid` : `${column} = ANY(${p.add(ids)}::uuid[])`);
    if (itemIds) where.push(among('sd.item_id', itemIds));
    if (locationIds) where.push(among('sd.location_id', locationIds));
    return sql<DailyRow>(
      ctx.em,
      `SELECT sd.item_id, sd.location_id, string_agg((t.today - sd.day)::text, ',') AS days, string_agg(sd.quantity::text, ',') AS quantities
         FROM sales_day sd JOIN unnest(${p.add([...todays.keys()])}::uuid[], ${p.add([...todays.values()])}::date[]) AS t(location_id, today) ON t.location_id = sd.location_id
        WHERE ${where.join(' AND ')}
        GROUP BY sd.item_id, sd.location_id
        ORDER BY sd.item_id, sd.location_id`,
      p.values,
    );
  }

  /** NOT_FOUND on `${field}[i]` for the first id that is not one of the caller's items (locations). */
  private async requireOwn(ctx: AuthedContext, kind: 'item' | 'location', ids: string[] | null, field: string): Promise<void> {
    if (!ids) return;
    const own = kind === 'item' ? await this.catalog.ownItemIds(ctx, ids) : await this.catalog.ownLocationIds(ctx, ids);
    const bad = ids.findIndex((id) => !own.has(id));
    if (bad >= 0) throw notFound(kind === 'item' ? 'Item' : 'Location', `${field}[${bad}]`);
  }

  /** Per item, the suppliers with an active sourcing rule for it that the caller may see (a supplier: itself). */
  private async suppliersOfItems(ctx: AuthedContext, itemIds: string[]): Promise<Map<string, string[]>> {
    const p = new Params();
    const rows = await sql<{ item_id: string; supplier_id: string }>(
      ctx.em,
      `SELECT DISTINCT sr.item_id, sr.supplier_id FROM sourcing_rule sr
        WHERE sr.item_id = ANY(${p.add([...new Set(itemIds)])}::uuid[]) AND sr.active AND ${ctx.scope.where('sourcingRule', 'sr', p)}`,
      p.values,
    );
    const bySupplier = new Map<string, string[]>();
    for (const row of rows) bySupplier.set(row.item_id, [...(bySupplier.get(row.item_id) ?? []), row.supplier_id]);
    return bySupplier;
  }
}

/** The API's method to the pure module's (AUTO is null there), and back: the names are the same. */
const BASELINE_OF: Record<ForecastMethod, BaselineMethod | null> = {
  [ForecastMethod.AUTO]: null,
  [ForecastMethod.SES]: BaselineMethod.SES,
  [ForecastMethod.HOLT]: BaselineMethod.HOLT,
  [ForecastMethod.CROSTON]: BaselineMethod.CROSTON,
  [ForecastMethod.SEASONAL_NAIVE]: BaselineMethod.SEASONAL_NAIVE,
};
const baselineMethod = (method: ForecastMethod): BaselineMethod | null => BASELINE_OF[method];
const METHOD_OF: Record<BaselineMethod, ForecastMethod> = {
  [BaselineMethod.SES]: ForecastMethod.SES,
  [BaselineMethod.HOLT]: ForecastMethod.HOLT,
  [BaselineMethod.CROSTON]: ForecastMethod.CROSTON,
  [BaselineMethod.SEASONAL_NAIVE]: ForecastMethod.SEASONAL_NAIVE,
};

/** A row's weekly series (block 1 = the 7 days before today), oldest first: the pure core's seriesOfBlocks over each day's block. */
const weeklyOf = (row: DailyRow): number[] => seriesOfBlocks(integers(row.days).map(blockOf), integers(row.quantities));

/** Comma-separated integers (as string_agg writes int::text) to numbers. */
function integers(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let sign = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) {
      out.push(sign * value);
      value = 0;
      sign = 1;
    } else if (c === 45 /* - */) sign = -1;
    else value = value * 10 + (c - 48);
  }
  if (text.length > 0) out.push(sign * value);
  return out;
}

const weeksFrom = (today: CalendarDate, result: Baseline) =>
  result.forecast.map((quantity, k) => ({ periodStart: addDays(today, 7 * k), quantity: Math.min(quantity, MAX_QUANTITY) }));

function checkDates(from: string | null | undefined, to: string | null | undefined): void {
  for (const [field, value] of [['from', from], ['to', to]] as const) {
    if (value != null && !isCalendarDate(value)) throw badInput(field, 'Expected a date YYYY-MM-DD');
  }
  if (from && to && from > to) throw badInput('to', '"to" is before "from"');
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Sales history, the baseline forecast and forecast accuracy. */
    demand: DemandService;
  }
}
