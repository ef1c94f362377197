import type { AuthedContext } from '../../core/context';
import { sharingSuppliers } from '../../core/scope';
import { inTransaction } from '../../core/transaction';
import { takeCounter } from '../tenancy/counters';
import { badInput, DuplicateCheck, notFound } from '../../shared/errors';
import { isUuid, newId } from '../../shared/ids';
import { isCalendarDate } from '../../shared/scalars';
import type { Page, PageArgs } from '../../shared/connection';
import { keysetList, keysetPage, type SortKey } from '../../shared/keyset';
import { Slicer } from '../../shared/slices';
import { Params, sql } from '../../shared/sql';
import { AlertType } from '../alerts/alert-type';
import { raiseAlerts } from '../alerts/outbox';
import type { CatalogService } from '../catalog/catalog.service';
import type { RiskService } from '../risk/risk.service';
import type { ForecastLineType, ForecastVersionType } from './forecast.types';
import { ForecastScope } from './forecast-scope';
import type { ForecastMethod } from './forecast-method';

export interface ForecastLineInputData {
  itemId: string;
  locationId: string;
  periodStart: string;
  periodDays: number;
  quantity: number;
  /** The baseline method that generated the line (generateForecast); absent for uploaded lines. */
  method?: ForecastMethod | null;
}

export const VERSION_COLUMNS = `v.id, v.version, v.published_at AS "publishedAt", v.line_count AS "lineCount", v.scope, v.positions_dropped AS "positionsDropped"`;
const LINE_COLUMNS = `fl.item_id AS item, fl.location_id AS location, fl.period_start::text AS "periodStart", fl.period_days AS "periodDays",
  fl.quantity, latest.version, fl.method`;
/** Lines in item, location and period order: the primary key of a version's lines, so a page walks its index. */
const LINE_KEY: SortKey = [
  { sql: 'fl.item_id', type: 'uuid' },
  { sql: 'fl.location_id', type: 'uuid' },
  { sql: 'fl.period_start', type: 'date' },
];

/** Versions newest first (a supplier sees several retailers' versions: the id breaks ties). */
const VERSION_KEY: SortKey = [
  { sql: 'v.published_at', type: 'timestamptz', desc: true },
  { sql: 'v.version', type: 'integer', desc: true },
  { sql: 'v.id', type: 'uuid', desc: true },
];

export interface ForecastFilter {
  itemId?: string | null;
  locationId?: string | null;
  from?: string | null;
  to?: string | null;
}

/** Demand forecasts: immutable versions; the newest is the one that counts. */
export class ForecastService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly risk: RiskService,
  ) {}

  /** Dates the publication of one of the caller's versions: the demo seed's history (versions published weeks ago). Not in the API. */
  async backdatePublished(ctx: AuthedContext, versionId: string, at: Date): Promise<void> {
    await sql(ctx.em, `UPDATE forecast_version SET published_at = $2 WHERE id = $1 AND retailer_id = $3`, [versionId, at.toISOString(), ctx.caller.organizationId]);
  }

  /**
   * Publishes a new version; each supplier with an active rule for an item in
   * it hears about it. FULL: the version is the whole forecast. LISTED: it
   * replaces only the item x locations it lists; the previous version's lines
   * of every other item x location are copied into it (so the newest version
   * is always the whole demand). positionsDropped counts the item x locations
   * that had demand (a period with quantity > 0) in the previous version and
   * have none in this one.
   *
   * `ready` (generateForecast): the lines' quantities and methods are filled
   * in as they are computed, and each number it yields says how many leading
   * lines are final; each such part is written as soon as it is final,
   * while the caller computes the next (PostgreSQL writes one part while
   * this process fits the next). Everything else (items, locations, periods,
   * duplicates, retired) is checked on all lines first, as without it.
   */
  async publish(ctx: AuthedContext, lines: ForecastLineInputData[], scope: ForecastScope = ForecastScope.FULL, ready?: AsyncIterable<number>): Promise<ForecastVersionType> {
    if (lines.length === 0) throw badInput('input.lines', 'A forecast needs at least one line');
    // Each item and location once, with the first line that names it (the checks below name the first bad line).
    // (Every loop over the lines gives the event loop back every few milliseconds: up to 100,000 of them.)
    const slicer = new Slicer();
    const firstItem = new Map<string, number>();
    const firstLocation = new Map<string, number>();
    for (let i = 0; i < lines.length; i++) {
      await slicer.pause();
      const line = lines[i];
      if (!firstItem.has(line.itemId)) firstItem.set(line.itemId, i);
      if (!firstLocation.has(line.locationId)) firstLocation.set(line.locationId, i);
    }
    const [items, locations] = await Promise.all([this.catalog.ownItemIds(ctx, [...firstItem.keys()]), this.catalog.ownLocationIds(ctx, [...firstLocation.keys()])]);
    const duplicates = new DuplicateCheck('input.lines', 'periodStart', ' (same item, location and period)');
    for (let i = 0; i < lines.length; i++) {
      await slicer.pause();
      const line = lines[i];
      if (!items.has(line.itemId)) throw notFound('Item', `input.lines[${i}].itemId`);
      if (!locations.has(line.locationId)) throw notFound('Location', `input.lines[${i}].locationId`);
      duplicates.check(`${line.itemId}/${line.locationId}/${line.periodStart}`, i);
    }
    // Retired items and locations get no new forecast lines (DESIGN.md, Retiring): named at the first line of each.
    await this.catalog.refuseRetired(ctx, {
      locations: [...firstLocation].map(([id, i]) => ({ id, field: `input.lines[${i}].locationId` })),
      items: [...firstItem].map(([id, i]) => ({ id, field: `input.lines[${i}].itemId` })),
    });

    const retailerId = ctx.caller.organizationId;
    return inTransaction(ctx, async (tx) => {
      await this.risk.lockRetailer(tx, retailerId); // before the version counter: see RiskService.lockRetailer
      const version = await takeCounter(tx.em, retailerId, 'forecast_version');
      const id = newId();
      await sql(
        tx.em,
        `INSERT INTO forecast_version (id, retailer_id, version, line_count, published_by, published_at, scope) VALUES ($1, $2, $3, 0, $4, now(), $5)`,
        [id, retailerId, version, ctx.caller.actor, scope],
      );
      // Its listed lines, a part per statement (sent without waiting: the caller meanwhile computes the next part).
      // (Their policy looks the version up, so the version is inserted by the statement before.)
      const writes: Promise<unknown>[] = [];
      let written = 0;
      for await (const end of ready ?? [lines.length]) {
        if (end <= written) continue;
        const part = lines.slice(written, end);
        const write = sql(
          tx.em,
          `INSERT INTO forecast_line (version_id, item_id, location_id, period_start, period_days, quantity, method)
           SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::date[], $5::int[], $6::int[], $7::text[])`,
          [id, part.map((l) => l.itemId), part.map((l) => l.locationId), part.map((l) => l.periodStart), part.map((l) => l.periodDays), part.map((l) => l.quantity), part.map((l) => l.method ?? null)],
        );
        write.catch(() => undefined); // awaited below; not left unhandled when computing a later part throws first
        writes.push(write);
        written = end;
      }
      if (written !== lines.length) throw new Error(`publish: ${lines.length - written} line(s) were never made ready`);
      await Promise.all(writes);
      // The other item x locations carried over (LISTED), then its line count and what it dropped: the listed
      // item x locations with demand (a line with quantity > 0) are sent along.
      const listed = new Map<string, { itemId: string; locationId: string; demand: boolean }>();
      for (const l of lines) {
        await slicer.pause();
        const key = `${l.itemId}/${l.locationId}`;
        const pair = listed.get(key);
        if (pair) pair.demand ||= l.quantity > 0;
        else listed.set(key, { itemId: l.itemId, locationId: l.locationId, demand: l.quantity > 0 });
      }
      const previous = `(SELECT id FROM forecast_version WHERE retailer_id = $2 AND version = $3)`;
      const [row] = await sql<ForecastVersionType>(
        tx.em,
        `WITH carried AS (
           INSERT INTO forecast_line (version_id, item_id, location_id, period_start, period_days, quantity, method)
           SELECT $1, fl.item_id, fl.location_id, fl.period_start, fl.period_days, fl.quantity, fl.method FROM forecast_line fl
            WHERE $4 = 'LISTED' AND fl.version_id = ${previous}
              AND (fl.item_id, fl.location_id) NOT IN (SELECT x.item_id, x.location_id FROM unnest($5::uuid[], $6::uuid[]) AS x(item_id, location_id))
           RETURNING item_id, location_id, quantity),
         had AS (
           SELECT item_id, location_id FROM forecast_line WHERE version_id = ${previous} GROUP BY item_id, location_id HAVING max(quantity) > 0),
         has AS (
           SELECT x.item_id, x.location_id FROM unnest($5::uuid[], $6::uuid[], $7::boolean[]) AS x(item_id, location_id, demand) WHERE x.demand
           UNION SELECT item_id, location_id FROM carried WHERE quantity > 0)
         UPDATE forecast_version v SET line_count = $8::int + (SELECT count(*) FROM carried),
                positions_dropped = (SELECT count(*) FROM had WHERE (item_id, location_id) NOT IN (SELECT item_id, location_id FROM has))
          WHERE v.id = $1
         RETURNING ${VERSION_COLUMNS}`,
        [
          id, retailerId, version - 1, scope,
          [...listed.values()].map((x) => x.itemId), [...listed.values()].map((x) => x.locationId), [...listed.values()].map((x) => x.demand), lines.length,
        ],
      );
      const suppliers = await sql<{ supplier_id: string; items: string }>(
        tx.em,
        `SELECT r.supplier_id, count(DISTINCT r.item_id) AS items
           FROM ${sharingSuppliers('r', 'p')} WHERE r.retailer_id = $1 AND r.item_id = ANY($2::uuid[])
          GROUP BY r.supplier_id`,
        [retailerId, [...items]],
      );
      // Demand changed where the new version or the one it replaces has lines (LISTED: only where it lists; the rest carried over).
      const pairs =
        scope === ForecastScope.LISTED
          ? [...listed.values()].map(({ itemId, locationId }) => ({ itemId, locationId }))
          : await sql<{ itemId: string; locationId: string }>(
              tx.em,
              `SELECT DISTINCT item_id AS "itemId", location_id AS "locationId" FROM forecast_line
                WHERE version_id = $1 OR version_id = (SELECT id FROM forecast_version WHERE retailer_id = $2 AND version = $3)`,
              [id, retailerId, version - 1],
            );
      await this.risk.recompute(tx, retailerId, pairs);
      raiseAlerts(tx,
        suppliers.map((s) => ({
          organizationId: s.supplier_id,
          type: AlertType.FORECAST_PUBLISHED,
          message: `${ctx.caller.organizationName} published forecast version ${version}${scope === ForecastScope.LISTED ? ' (LISTED: only some item x locations)' : ''} with demand for ${s.items} item(s) you supply`,
          forecastVersionId: id,
        })),
      );
      return row;
    });
  }

  /**
   * One page of the lines of the newest version the caller may see (of each
   * retailer, for a supplier), filtered by item, location and the periods
   * overlapping [from, to], in item, location and period order. A supplier
   * sees only items it has an active sourcing rule for, from active partners.
   * Each page reads the newest version at the time of its request.
   */
  async page(ctx: AuthedContext, filter: ForecastFilter, args: PageArgs): Promise<Page<ForecastLineType>> {
    const empty = (filter.itemId != null && !isUuid(filter.itemId)) || (filter.locationId != null && !isUuid(filter.locationId));
    for (const field of ['from', 'to'] as const) {
      const value = filter[field];
      if (value != null && !isCalendarDate(value)) throw badInput(field, 'Expected a date YYYY-MM-DD');
    }
    if (filter.from && filter.to && filter.from > filter.to) throw badInput('to', '"to" is before "from"');
    const p = new Params();
    const from = `forecast_line fl JOIN (
        SELECT DISTINCT ON (fv.retailer_id) fv.id, fv.version FROM forecast_version fv
         WHERE ${ctx.scope.where('forecastVersion', 'fv', p)} ORDER BY fv.retailer_id, fv.version DESC) latest ON latest.id = fl.version_id`;
    const where: string[] = [ctx.scope.where('forecastLine', 'fl', p)];
    if (!empty) {
      if (filter.itemId) where.push(`fl.item_id = ${p.add(filter.itemId)}`);
      if (filter.locationId) where.push(`fl.location_id = ${p.add(filter.locationId)}`);
    }
    if (filter.from) where.push(`fl.period_start + fl.period_days > ${p.add(filter.from)}::date`);
    if (filter.to) where.push(`fl.period_start <= ${p.add(filter.to)}::date`);
    return keysetPage<ForecastLineType>(ctx.em, { select: LINE_COLUMNS, from, where, params: p, key: LINE_KEY }, args, { empty });
  }

  /** The caller retailer's versions, newest first, a page at a time (suppliers: their active partners'). */
  async versions(ctx: AuthedContext, page: { first: number; afterId: string | null }): Promise<ForecastVersionType[]> {
    const p = new Params();
    return keysetList<ForecastVersionType>(
      ctx.em,
      { select: VERSION_COLUMNS, from: 'forecast_version v', where: [ctx.scope.where('forecastVersion', 'v', p)], params: p, key: VERSION_KEY, id: 'v.id' },
      page,
    );
  }

  /**
   * Each version's figures over the lines the caller may see (forecastLine
   * rule), in the order of `versionIds`: its line count, and the item x
   * locations with demand in the version before it and none in it.
   */
  async visibleFigures(ctx: AuthedContext, versionIds: readonly string[]): Promise<{ lineCount: number; positionsDropped: number }[]> {
    const q = new Params();
    const ids = q.add([...versionIds]);
    const rows = await sql<{ id: string; lines: number; dropped: number }>(
      ctx.em,
      `SELECT v.id,
              (SELECT count(*)::int FROM forecast_line fl WHERE fl.version_id = v.id AND ${ctx.scope.where('forecastLine', 'fl', q)}) AS lines,
              (SELECT count(*)::int FROM (
                 SELECT fl.item_id, fl.location_id FROM forecast_version pv JOIN forecast_line fl ON fl.version_id = pv.id
                  WHERE pv.retailer_id = v.retailer_id AND pv.version = v.version - 1 AND ${ctx.scope.where('forecastLine', 'fl', q)}
                  GROUP BY fl.item_id, fl.location_id HAVING max(fl.quantity) > 0
                 EXCEPT
                 SELECT fl.item_id, fl.location_id FROM forecast_line fl
                  WHERE fl.version_id = v.id AND fl.quantity > 0 AND ${ctx.scope.where('forecastLine', 'fl', q)}) dropped) AS dropped
         FROM forecast_version v WHERE v.id = ANY(${ids}::uuid[]) AND ${ctx.scope.where('forecastVersion', 'v', q)}`,
      q.values,
    );
    const byId = new Map(rows.map((r) => [r.id, { lineCount: r.lines, positionsDropped: r.dropped }]));
    return versionIds.map((id) => byId.get(id) ?? { lineCount: 0, positionsDropped: 0 });
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Forecast versions. */
    forecasts: ForecastService;
  }
}
