import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthedContext } from '../../core/context';
import type { CalendarDate } from '../../shared/calendar';
import type { LocalToday } from '../../core/local-dates';
import type { Page, PageArgs } from '../../shared/connection';
import { badInput, notFound } from '../../shared/errors';
import { isUuid } from '../../shared/ids';
import { fromScaled, toScaled } from '../../shared/money';
import { keysetPage } from '../../shared/keyset';
import { columnsFor } from '../../shared/selected-columns';
import { Slicer } from '../../shared/slices';
import { Params, sql, write } from '../../shared/sql';
import { AlertType } from '../alerts/alert-type';
import { raiseAlerts, type NewAlert } from '../alerts/outbox';
import { factsOfValues, FACT_VALUES, INBOUND_LINE } from '../open-orders/open-orders.queries';
import { actingFor, heldByTransaction } from '../../core/transaction';
import { embedNeighbours } from '../../core/loaders';
import { sharingSuppliers } from '../../core/scope';
import { ITEM_ROWS, LOCATION_ROWS } from '../catalog/catalog.loaders';
import { project, riskChanged, type ForecastPeriod, type Projection, type ProjectionInput } from './projection';
import { LEVEL_RANK, RiskLevel } from './risk-level';
import type { ShortageRiskType } from './shortage-risk.type';
import { URGENCY, URGENCY_CURSOR } from './urgency-key';

export const HORIZON_DAYS = 56;

/** Positions per statement when a what-if loads inputs: each result parses in a few milliseconds, so the event loop is given back between them. */
/** Item x locations whose inputs one statement reads when many are projected (a retailer's every position, a what-if). */
const INPUT_CHUNK = 500;

export interface Pair {
  itemId: string;
  locationId: string;
}

/** An item x location's projection inputs, with the id and supplier of each inbound line (input.inbound[i] is lines[i]). */
export interface WhatIfPair {
  itemId: string;
  locationId: string;
  input: ProjectionInput;
  lines: { id: string; supplierId: string }[];
}

export interface RiskFilter {
  levels?: RiskLevel[] | null;
  locationId?: string | null;
  itemId?: string | null;
  supplierId?: string | null;
  /** Also the risks of retired items and locations (default: left out). */
  includeInactive?: boolean | null;
}

/** A kept risk's position and stored figures (keepStored), as Projection names them. */
type KeptRisk = { item_id: string; location_id: string } & Pick<
  Projection,
  'level' | 'availableNow' | 'safetyStock' | 'projectedStockoutDate' | 'shortageQuantity' | 'daysOfCover' | 'revenueAtRisk'
>;

interface PairFacts {
  item_id: string;
  location_id: string;
  sku: string;
  code: string;
  unit_price: string;
  available: number;
  safety_stock: number;
  prev_level: RiskLevel | null;
  prev_date: string | null;
  prev_shortage: number | null;
}

export const RISK_COLUMNS = `r.item_id AS item, r.location_id AS location, r.level, r.available_now AS "availableNow", r.safety_stock AS "safetyStock",
  r.projected_stockout_date::text AS "projectedStockoutDate", r.shortage_quantity AS "shortageQuantity", r.days_of_cover AS "daysOfCover",
  r.revenue_at_risk AS "revenueAtRisk", r.computed_at AS "computedAt"`;

/** Each plain field of ShortageRisk and the column it reads (null: none of its own; the item and location ids are always read). */
const RISK_FIELD_COLUMNS: Readonly<Record<string, string | null>> = {
  __typename: null,
  id: null,
  item: null,
  location: null,
  level: 'r.level',
  availableNow: 'r.available_now AS "availableNow"',
  safetyStock: 'r.safety_stock AS "safetyStock"',
  projectedStockoutDate: 'r.projected_stockout_date::text AS "projectedStockoutDate"',
  shortageQuantity: 'r.shortage_quantity AS "shortageQuantity"',
  daysOfCover: 'r.days_of_cover AS "daysOfCover"',
  revenueAtRisk: 'r.revenue_at_risk AS "revenueAtRisk"',
  computedAt: 'r.computed_at AS "computedAt"',
};

/** The columns a list of risks selecting `fields` reads (columnsFor): the item and location ids, and the selected fields' own. */
export function riskColumnsFor(fields: ReadonlySet<string> | undefined): string {
  return columnsFor(fields, RISK_FIELD_COLUMNS, ['r.item_id AS item', 'r.location_id AS location'], RISK_COLUMNS);
}

/** Day 0 of a position: today at its location (every caller asks LocalDates.todayAt for the positions' locations first). */
function dayZero(todays: LocalToday, locationId: string): CalendarDate {
  const today = todays.get(locationId);
  if (today === undefined) throw new Error(`no local date for location ${locationId}`);
  return today;
}

/**
 * Buckets of a retailer's positions for the recompute lock (see
 * RiskService.lockRetailer): positions in one bucket recompute one after the
 * other, so 8 writers on random items seldom wait on each other. A bucket
 * holds whole items (every location of an item): the backup-supplier
 * selector that runs after a slip weighs a backup's weekly capacity for the
 * item across all locations, so two selectors for one item must not run
 * side by side.
 */
const RISK_LOCK_BUCKETS = 64;
const ALL_BUCKETS = Array.from({ length: RISK_LOCK_BUCKETS }, (_, b) => b);

/** A position's bucket: FNV-1a of its item id, modulo RISK_LOCK_BUCKETS (its location does not count: see above). */
export function bucketOf(pair: Pair): number {
  let h = 0x811c9dc5;
  for (const ch of pair.itemId) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h >>> 0) % RISK_LOCK_BUCKETS;
}

const pairKey = (itemId: string, locationId: string) => `${itemId}/${locationId}`;

function describe(level: RiskLevel | null, date: string | null, shortage: number | null): string {
  if (!level || level === RiskLevel.OK) return 'OK';
  if (level === RiskLevel.AT_RISK) return 'AT_RISK (below safety stock)';
  return `STOCKOUT on ${date} (short ${shortage})`;
}

/**
 * The shortage-risk engine around the pure projection: loads the inputs of
 * many item x locations in a few set-based queries, projects them, stores the
 * results and raises SHORTAGE_RISK_CHANGED where level, stockout date or
 * shortage changed. Runs inside the transaction of the change that caused it.
 */
export class RiskService {
  /**
   * Recomputes the given item x locations of a retailer ('all': every one
   * with any input; 'stale': those whose stored risk is from an earlier day
   * than today at their location, as days pass). Day 0 of each is today at
   * its location (DESIGN.md, Local dates) at `at` (default: now). Returns
   * how many changed.
   */
  async recompute(ctx: AuthedContext, retailerId: string, scope: Pair[] | 'all' | 'stale', at?: Date): Promise<number> {
    // The inputs are the retailer's (stock, demand, every supplier's inbound): when a supplier's change causes it, ShortStop recomputes for the retailer.
    return actingFor(ctx, retailerId, 'risk recompute', (as) => this.recomputeAsRetailer(as, retailerId, scope, { at }));
  }

  /**
   * recompute of the positions a change touched, where some of them
   * (`unchanged`) had none of their inputs changed by it: a confirmation
   * that promises just what its line was already expected to bring (the
   * open-quantity model's sameInbound), say. The stored risk of such a
   * position is what recomputing it would give (every change of an input
   * recomputes its positions in its own transaction, under the same
   * position locks), so it is kept, and its computedAt moves as a
   * recompute moves it; the inputs are not read again. Only a risk computed
   * for today at its location (day 0 moves the projection) and at the
   * item's current unit price (a price change recomputes nothing by itself,
   * and revenueAtRisk is priced) is kept so; any other, or a position with
   * no stored risk, is recomputed. A position in both lists is recomputed.
   * Alerts and the returned count as recompute's.
   *
   * The caller vouches that `unchanged` positions' inputs are as they were
   * (their change is written already, and moved none of them): a position
   * listed wrongly keeps a risk that is no longer its inputs' until its
   * next recompute (at the latest the daily one, 'all', which also
   * repairs a row made wrong by anything that bypassed the rule: a data
   * fix in SQL, a new projection rule deployed). In tests (NODE_ENV=test)
   * with SHORTSTOP_CHECK_KEPT_RISK=1 (the suite's global set-up sets it)
   * every kept risk is projected again and compared, and a difference
   * throws; elsewhere the variable does nothing.
   */
  async recomputeAfterChange(ctx: AuthedContext, retailerId: string, positions: { changed: Pair[]; unchanged: Pair[] }): Promise<number> {
    return actingFor(ctx, retailerId, 'risk recompute', (as) => this.recomputeAsRetailer(as, retailerId, positions.changed, { unchanged: positions.unchanged }));
  }

  /** recompute as the retailer; `unchanged` (recomputeAfterChange) only beside a list of positions. */
  private async recomputeAsRetailer(
    ctx: AuthedContext,
    retailerId: string,
    scope: Pair[] | 'all' | 'stale',
    { at, unchanged = [] }: { at?: Date; unchanged?: Pair[] },
  ): Promise<number> {
    const em = ctx.em;
    let pairs: Pair[];
    let kept: Pair[] = [];
    let todays: LocalToday;
    if (scope === 'stale') {
      todays = await ctx.services.localDates.todayAtLocationsOf(em, retailerId, at);
      pairs = await this.stalePairs(em, retailerId, todays);
    } else {
      pairs = scope === 'all' ? await this.allPairs(em, retailerId) : dedupe(scope);
      const recomputed = new Set(pairs.map((p) => pairKey(p.itemId, p.locationId)));
      kept = scope === 'all' ? [] : dedupe(unchanged).filter((p) => !recomputed.has(pairKey(p.itemId, p.locationId)));
      todays = await ctx.services.localDates.todayAt(em, [...pairs, ...kept].map((p) => p.locationId), at);
    }
    if (pairs.length === 0 && kept.length === 0) return 0;
    // The same locks as recomputing every one of them, in one go (bucket order): a kept position's stored risk is then
    // no other transaction's work in progress, and the lock order stays that of every recompute.
    await this.lockPositions(ctx, retailerId, scope === 'all' || scope === 'stale' ? 'all' : [...pairs, ...kept]);
    if (kept.length) pairs.push(...(await this.keepStored(em, retailerId, kept, todays)));
    if (pairs.length === 0) return 0;
    const results: { facts: PairFacts; input: ProjectionInput; projection: Projection }[] = [];
    await this.eachInput(em, retailerId, pairs, todays, ({ facts, input }) => void results.push({ facts, input, projection: project(input) }));
    await write(
      em,
      `INSERT INTO shortage_risk AS r (item_id, location_id, retailer_id, level, level_rank, available_now, safety_stock, projected_stockout_date,
                                       shortage_quantity, days_of_cover, revenue_at_risk, computed_for, computed_at)
       SELECT x.item_id, x.location_id, $1, x.level, x.level_rank, x.available_now, x.safety_stock, x.stockout, x.shortage, x.cover, x.revenue, x.today, now()
         FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::int[], $7::int[], $8::int[], $9::date[], $10::int[], $11::int[], $12::numeric[], $2::date[])
              AS x(item_id, location_id, level, level_rank, available_now, safety_stock, stockout, shortage, cover, revenue, today)
       ON CONFLICT (item_id, location_id) DO UPDATE SET
         level = EXCLUDED.level, level_rank = EXCLUDED.level_rank, available_now = EXCLUDED.available_now, safety_stock = EXCLUDED.safety_stock,
         projected_stockout_date = EXCLUDED.projected_stockout_date, shortage_quantity = EXCLUDED.shortage_quantity,
         days_of_cover = EXCLUDED.days_of_cover, revenue_at_risk = EXCLUDED.revenue_at_risk, computed_for = EXCLUDED.computed_for, computed_at = now()`,
      [
        retailerId,
        results.map((r) => r.input.today),
        results.map((r) => r.facts.item_id),
        results.map((r) => r.facts.location_id),
        results.map((r) => r.projection.level),
        results.map((r) => LEVEL_RANK[r.projection.level]),
        results.map((r) => r.projection.availableNow),
        results.map((r) => r.projection.safetyStock),
        results.map((r) => r.projection.projectedStockoutDate),
        results.map((r) => r.projection.shortageQuantity),
        results.map((r) => r.projection.daysOfCover),
        results.map((r) => r.projection.revenueAtRisk),
      ],
    );
    const changed = results.filter(({ facts, projection }) =>
      riskChanged({ level: facts.prev_level ?? undefined, projectedStockoutDate: facts.prev_date, shortageQuantity: facts.prev_shortage ?? undefined }, projection),
    );
    if (changed.length) raiseAlerts(ctx, await this.changeAlerts(em, retailerId, changed));
    return changed.length;
  }

  /**
   * The stored risk of positions whose inputs are unchanged (see
   * recomputeAfterChange), kept where it was computed for today at the
   * location and at the item's current unit price (its revenueAtRisk is
   * its shortageQuantity x the item's unitPrice; with no shortage, 0 at any
   * price): its computedAt set to now, as a recompute sets it. Returns the
   * positions it did not keep, which the caller must recompute.
   */
  private async keepStored(em: EntityManager, retailerId: string, pairs: Pair[], todays: LocalToday): Promise<Pair[]> {
    const kept = await sql<KeptRisk>(
      em,
      `UPDATE shortage_risk r SET computed_at = now()
         FROM unnest($2::uuid[], $3::uuid[], $4::date[]) AS x(item_id, location_id, today), item i
        WHERE r.item_id = x.item_id AND r.location_id = x.location_id AND r.retailer_id = $1 AND r.computed_for = x.today
          AND i.id = r.item_id AND r.revenue_at_risk = r.shortage_quantity * i.unit_price
        RETURNING r.item_id, r.location_id, r.level, r.available_now AS "availableNow", r.safety_stock AS "safetyStock",
                  r.projected_stockout_date::text AS "projectedStockoutDate", r.shortage_quantity AS "shortageQuantity",
                  r.days_of_cover AS "daysOfCover", r.revenue_at_risk::text AS "revenueAtRisk"`,
      [retailerId, pairs.map((p) => p.itemId), pairs.map((p) => p.locationId), pairs.map((p) => todays.get(p.locationId)!)],
    );
    // Tests only: the check throws, and a failed confirmation must never be production's answer to a stale row.
    if (process.env.NODE_ENV === 'test' && process.env.SHORTSTOP_CHECK_KEPT_RISK === '1') await this.checkKept(em, retailerId, kept, todays);
    const done = new Set(kept.map((k) => pairKey(k.item_id, k.location_id)));
    return pairs.filter((p) => !done.has(pairKey(p.itemId, p.locationId)));
  }

  /** NODE_ENV=test with SHORTSTOP_CHECK_KEPT_RISK=1: each kept risk projected again from its inputs; throws on the first figure that differs. */
  private async checkKept(em: EntityManager, retailerId: string, kept: KeptRisk[], todays: LocalToday): Promise<void> {
    const stored = new Map(kept.map((k) => [pairKey(k.item_id, k.location_id), k]));
    const pairs = kept.map((k) => ({ itemId: k.item_id, locationId: k.location_id }));
    await this.eachInput(em, retailerId, pairs, todays, ({ facts, input }) => {
      const was = stored.get(pairKey(facts.item_id, facts.location_id))!;
      const now = project(input);
      const figures = (r: Omit<KeptRisk, 'item_id' | 'location_id'>) =>
        [r.level, r.availableNow, r.safetyStock, r.projectedStockoutDate, r.shortageQuantity, r.daysOfCover, toScaled(r.revenueAtRisk)].join('|');
      if (figures(was) !== figures(now)) {
        throw new Error(`a kept shortage risk is not its inputs' (item ${facts.item_id}, location ${facts.location_id}): stored ${figures(was)}, projected ${figures(now)}`);
      }
    });
  }

  /**
   * One recompute of a position at a time, held until commit: a concurrent
   * change to the same inputs commits first and is then seen, so the stored
   * risk never misses it (and alerts compare against what was really stored).
   * The lock is per bucket of a retailer's positions (RISK_LOCK_BUCKETS, by
   * a hash of the item): recomputes of positions in other buckets run side
   * by side, and 'all' or 'stale' (and lockRetailer) take every
   * bucket. Buckets are taken in ascending order, each once per transaction.
   * Lock order everywhere: order rows, then these, then per-organization
   * counters (order numbers, forecast versions, alert cursors); writers that
   * take a counter and recompute later take these first (lockPositions for
   * the positions they will recompute, or lockRetailer).
   */
  async lockRetailer(tx: AuthedContext, retailerId: string): Promise<void> {
    await this.lockPositions(tx, retailerId, 'all');
  }

  /** The recompute lock of the given positions of a retailer (see lockRetailer), until commit. */
  async lockPositions(tx: AuthedContext, retailerId: string, pairs: Pair[] | 'all'): Promise<void> {
    const buckets = pairs === 'all' ? ALL_BUCKETS : [...new Set(pairs.map(bucketOf))].sort((a, b) => a - b);
    const held = heldByTransaction(tx);
    const mine = (held.get(`risk:${retailerId}`) as Set<number> | undefined) ?? new Set<number>();
    held.set(`risk:${retailerId}`, mine);
    const wanted = buckets.filter((b) => !mine.has(b));
    if (wanted.length === 0) return;
    // A bucket below one already held could deadlock with a writer taking both in order: the path must lock its
    // positions up front (as createShipNotice and closeShipNotice do). Tests fail on it; production goes on.
    if (process.env.NODE_ENV === 'test' && mine.size > 0 && wanted[0] < Math.max(...mine)) {
      throw new Error(`risk recompute lock taken out of order (bucket ${wanted[0]} after ${Math.max(...mine)}): lock every position the transaction will recompute first`);
    }
    // unnest yields the array's elements in order: the locks are taken in ascending bucket order. It goes with the next
    // statement (the inputs' read), which PostgreSQL starts, with its own snapshot, once the locks are held.
    await write(tx.em, `SELECT count(pg_advisory_xact_lock(hashtext($1), b)) FROM unnest($2::int[]) AS b`, [`risk:${retailerId}`, wanted]);
    for (const b of wanted) mine.add(b);
  }

  /** The daily series behind a risk, for charts; computed live from the current inputs. */
  async projectedInventory(ctx: AuthedContext, itemId: string, locationId: string, horizonDays: number) {
    if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 365) throw badInput('horizonDays', 'horizonDays must be from 1 to 365');
    const retailerId = await this.requireVisiblePair(ctx, itemId, locationId);
    // A supplier's projection: the retailer's stock and demand, and only this supplier's own inbound (DESIGN.md, Tenancy and access).
    const inboundOf = ctx.scope.isSupplier ? ctx.caller.organizationId : null;
    const [loaded] = await actingFor(ctx, retailerId, 'projection', async (as) =>
      this.loadInputs(as.em, retailerId, [{ itemId, locationId }], await ctx.services.localDates.todayAt(as.em, [locationId]), horizonDays, inboundOf),
    );
    return project(loaded.input, { days: true }).days;
  }

  /**
   * What a what-if (src/modules/what-if) needs of the caller's positions (a
   * retailer's: its own stock, demand and every supplier's inbound), read
   * only, in bounded steps (`each` may give the event loop back):
   * - `each` gets the projection inputs, each inbound line with its id and
   *   supplier, of every position that has an inbound line the scenario
   *   touches (one of `lineIds`, or of a supplier in `supplierIds`) and of
   *   every position whose stored risk is from an earlier day, loaded
   *   INPUT_CHUNK positions per statement (`loaded` counts them);
   * - `untouched`: how many other positions there are, and their revenue at
   *   risk as the engine stored it today (stored shortage x the item's
   *   current unit price, the engine's formula): the scenario changes none of
   *   their inputs, so it is the same before and after. Every position with
   *   an input has a stored risk: the engine stores it in the transaction of
   *   every change to its inputs, and each day.
   */
  async inputsForWhatIf(
    ctx: AuthedContext,
    todays: LocalToday,
    touches: { lineIds: string[]; supplierIds: string[] },
    each: (pair: WhatIfPair) => Promise<void>,
  ): Promise<{ loaded: number; untouched: { count: number; revenueAtRisk: string } }> {
    if (!ctx.scope.isRetailer) throw new Error('a what-if reads a retailer\'s own positions');
    const retailerId = ctx.caller.organizationId;
    const fresh = await sql<Pair>(
      ctx.em,
      `SELECT l.item_id AS "itemId", l.ship_to_id AS "locationId" FROM purchase_order_line l
        WHERE l.retailer_id = $1 AND (l.id = ANY($2::uuid[]) OR l.supplier_id = ANY($3::uuid[])) AND ${INBOUND_LINE}
       UNION SELECT r.item_id, r.location_id FROM shortage_risk r JOIN unnest($4::uuid[], $5::date[]) AS t(location_id, today) ON t.location_id = r.location_id
              WHERE r.retailer_id = $1 AND r.computed_for <> t.today`,
      [retailerId, touches.lineIds, touches.supplierIds, [...todays.keys()], [...todays.values()]],
    );
    const [untouched] = await sql<{ count: number; revenue: string }>(
      ctx.em,
      `SELECT count(*)::int AS count, coalesce(sum(r.shortage_quantity * i.unit_price), 0)::text AS revenue
         FROM shortage_risk r JOIN item i ON i.id = r.item_id
        WHERE r.retailer_id = $1 AND (r.item_id, r.location_id) NOT IN (SELECT f.item_id, f.location_id FROM unnest($2::uuid[], $3::uuid[]) AS f(item_id, location_id))`,
      [retailerId, fresh.map((p) => p.itemId), fresh.map((p) => p.locationId)],
    );
    // Each chunk is handed over as it arrives and not kept: memory stays at one chunk, whatever the number of positions.
    await this.eachInput(ctx.em, retailerId, fresh, todays, ({ facts, input, lines }) => each({ itemId: facts.item_id, locationId: facts.location_id, input, lines }));
    return { loaded: fresh.length, untouched: { count: untouched.count, revenueAtRisk: fromScaled(toScaled(untouched.revenue)) } };
  }

  /** The stored risk of one item x location the caller may see, or null. */
  async find(ctx: AuthedContext, itemId: string, locationId: string): Promise<ShortageRiskType | null> {
    const page = await this.list(ctx, { itemId, locationId, includeInactive: true }, { first: 1, after: null });
    return page.nodes[0] ?? null;
  }

  /**
   * Risks the caller may see, most urgent first: STOCKOUT before AT_RISK
   * before OK, then the earliest stockout date, then the largest revenue at
   * risk. A supplier sees only items it has an active sourcing rule for.
   */
  async list(ctx: AuthedContext, filter: RiskFilter, args: PageArgs): Promise<Page<ShortageRiskType>> {
    const p = new Params();
    const where = [ctx.scope.where('shortageRisk', 'r', p)];
    const ids = [filter.itemId, filter.locationId, filter.supplierId].filter((v): v is string => v != null);
    const impossible = ids.some((v) => !isUuid(v));
    if (filter.levels?.length) where.push(`r.level = ANY(${p.add(filter.levels)}::text[])`);
    if (filter.itemId && !impossible) where.push(`r.item_id = ${p.add(filter.itemId)}`);
    if (filter.locationId && !impossible) where.push(`r.location_id = ${p.add(filter.locationId)}`);
    // Retired items and locations leave the list unless asked for (DESIGN.md, Retiring): joined, so the item and
    // location embedded below come from the same rows.
    const active = !filter.includeInactive;
    const from = active
      ? 'shortage_risk r JOIN item ai ON ai.id = r.item_id AND ai.active JOIN location al ON al.id = r.location_id AND al.active'
      : 'shortage_risk r';
    // A supplier learns nothing of other suppliers' sourcing.
    const otherSupplier = ctx.scope.isSupplier && filter.supplierId != null && filter.supplierId !== ctx.caller.organizationId;
    if (filter.supplierId && !impossible && !otherSupplier) {
      where.push(`EXISTS (SELECT 1 FROM sourcing_rule fs WHERE fs.item_id = r.item_id AND fs.supplier_id = ${p.add(filter.supplierId)})`);
    }
    // The item and location of each risk in the same statement, through their own rules, when the client shows them.
    const neighbours = embedNeighbours(ctx, p, args.fields, {
      item: { rows: ITEM_ROWS, idColumn: 'r.item_id', joined: active ? 'ai' : undefined },
      location: { rows: LOCATION_ROWS, idColumn: 'r.location_id', joined: active ? 'al' : undefined },
    }, { nested: args.nested });
    return keysetPage<ShortageRiskType>(ctx.em, { select: riskColumnsFor(args.fields) + neighbours.select, from, where, params: p, key: URGENCY }, args, {
      empty: impossible || otherSupplier,
      toNode: neighbours.take,
      codec: URGENCY_CURSOR,
    });
  }

  /** Every item x location of the retailer that has any input or a stored risk. */
  /**
   * Hands `each` the inputs of every pair, INPUT_CHUNK per statement, giving
   * the event loop back between steps (Slicer: at most 10 ms at a time), so a
   * retailer's 10,000 positions never hold it for long (DESIGN.md, Bounds).
   * The next chunk's statement is sent before a chunk is handed over, so
   * PostgreSQL reads it while this process projects (two chunks in memory
   * at most); a chunk is not kept once handed over.
   */
  async eachInput(
    em: EntityManager,
    retailerId: string,
    pairs: Pair[],
    todays: LocalToday,
    each: (loaded: Awaited<ReturnType<RiskService['loadInputs']>>[number]) => void | Promise<void>,
  ): Promise<void> {
    const slicer = new Slicer();
    const load = (at: number) => {
      const loading = this.loadInputs(em, retailerId, pairs.slice(at, at + INPUT_CHUNK), todays, HORIZON_DAYS);
      loading.catch(() => undefined); // awaited below; not left unhandled when an earlier chunk's `each` throws first
      return loading;
    };
    let next = pairs.length > 0 ? load(0) : null;
    for (let at = 0; next; at += INPUT_CHUNK) {
      const chunk = await next;
      next = at + INPUT_CHUNK < pairs.length ? load(at + INPUT_CHUNK) : null;
      for (const loaded of chunk) {
        const done = each(loaded);
        if (done) await done;
        await slicer.pause();
      }
    }
  }

  /** The pairs whose stored risk is from an earlier day than today at their location (their day 0 moved). */
  async stalePairs(em: EntityManager, retailerId: string, todays: LocalToday): Promise<Pair[]> {
    return sql<Pair>(
      em,
      `SELECT r.item_id AS "itemId", r.location_id AS "locationId" FROM shortage_risk r
         JOIN unnest($2::uuid[], $3::date[]) AS t(location_id, today) ON t.location_id = r.location_id
        WHERE r.retailer_id = $1 AND r.computed_for < t.today`,
      [retailerId, [...todays.keys()], [...todays.values()]],
    );
  }

  async allPairs(em: EntityManager, retailerId: string): Promise<Pair[]> {
    return sql<Pair>(
      em,
      `SELECT item_id AS "itemId", location_id AS "locationId" FROM inventory_position WHERE retailer_id = $1
       UNION SELECT item_id, location_id FROM safety_stock WHERE retailer_id = $1
       UNION SELECT item_id, location_id FROM shortage_risk WHERE retailer_id = $1
       UNION SELECT fl.item_id, fl.location_id FROM forecast_line fl
              WHERE fl.version_id = (SELECT id FROM forecast_version WHERE retailer_id = $1 ORDER BY version DESC LIMIT 1)
       UNION SELECT l.item_id, l.ship_to_id FROM purchase_order_line l WHERE l.retailer_id = $1 AND ${INBOUND_LINE}`,
      [retailerId],
    );
  }

  /**
   * The projection inputs of many item x locations, in one statement whatever
   * their number: each pair's stock, safety stock and stored risk, with its
   * forecast periods and its inbound lines (those of issued or closed orders
   * that may still bring something: what and when is the open-quantity
   * model's) as JSON. Each pair's item and location are read by id
   * (LATERAL ... OFFSET 0: with the policies' conditions the planner would
   * start from every item of the retailer and probe the pairs once per row:
   * 6 ms instead of 1 ms for one pair with 100 items), its lines by the
   * (item, ship-to) index (INBOUND_LINE: no line needs its order read),
   * each packed as an array of FACT_VALUES: with 200 lines an item, a third
   * of the statement's time went to probes of the orders and to a JSON
   * object per line.
   */
  async loadInputs(em: EntityManager, retailerId: string, pairs: Pair[], todays: LocalToday, horizonDays: number, inboundOf: string | null = null) {
    const rows = await sql<PairFacts & { today: CalendarDate; forecast: ForecastPeriod[]; inbound: [id: string, supplierId: string, ...facts: unknown[]][] }>(
      em,
      `WITH v AS MATERIALIZED (SELECT id FROM forecast_version WHERE retailer_id = $1 ORDER BY version DESC LIMIT 1)
       SELECT p.item_id, p.location_id, p.today::text AS today, i.sku, loc.code, i.unit_price,
              coalesce(ip.on_hand - ip.reserved - ip.quality_hold, 0) AS available, coalesce(ss.quantity, 0) AS safety_stock,
              r.level AS prev_level, r.projected_stockout_date::text AS prev_date, r.shortage_quantity AS prev_shortage,
              coalesce((SELECT json_agg(json_build_object('periodStart', fl.period_start::text, 'periodDays', fl.period_days, 'quantity', fl.quantity))
                          FROM forecast_line fl
                         WHERE fl.version_id = (SELECT id FROM v) AND fl.item_id = p.item_id AND fl.location_id = p.location_id
                           AND fl.period_start + fl.period_days > p.today AND fl.period_start < p.today + $5::int), '[]') AS forecast,
              coalesce((SELECT json_agg(json_build_array(l.id, l.supplier_id, ${FACT_VALUES})) FROM purchase_order_line l
                         WHERE l.item_id = p.item_id AND l.ship_to_id = p.location_id AND l.retailer_id = $1
                           AND ${INBOUND_LINE} AND ($6::uuid IS NULL OR l.supplier_id = $6::uuid)), '[]') AS inbound
         FROM unnest($2::uuid[], $3::uuid[], $4::date[]) AS p(item_id, location_id, today)
         CROSS JOIN LATERAL (SELECT i.sku, i.unit_price FROM item i WHERE i.id = p.item_id AND i.retailer_id = $1 OFFSET 0) i
         CROSS JOIN LATERAL (SELECT loc.code FROM location loc WHERE loc.id = p.location_id AND loc.retailer_id = $1 OFFSET 0) loc
         LEFT JOIN inventory_position ip ON ip.item_id = p.item_id AND ip.location_id = p.location_id
         LEFT JOIN safety_stock ss ON ss.item_id = p.item_id AND ss.location_id = p.location_id
         LEFT JOIN shortage_risk r ON r.item_id = p.item_id AND r.location_id = p.location_id`,
      [retailerId, pairs.map((p) => p.itemId), pairs.map((p) => p.locationId), pairs.map((p) => dayZero(todays, p.locationId)), horizonDays, inboundOf],
    );
    return rows.map(({ forecast, inbound, today, ...facts }) => {
      const input: ProjectionInput = {
        today,
        horizonDays,
        available: facts.available,
        safetyStock: facts.safety_stock,
        unitPrice: facts.unit_price,
        forecast,
        inbound: inbound.map((values) => factsOfValues(values, 2)),
      };
      return { facts, input, lines: inbound.map(([id, supplierId]) => ({ id, supplierId })) };
    });
  }

  /** SHORTAGE_RISK_CHANGED to the retailer and to each supplier with an active rule for the item. */
  private async changeAlerts(em: EntityManager, retailerId: string, changed: { facts: PairFacts; projection: Projection }[]): Promise<NewAlert[]> {
    const suppliers = await sql<{ item_id: string; supplier_id: string }>(
      em,
      `SELECT r.item_id, r.supplier_id FROM ${sharingSuppliers('r', 'p')} WHERE r.retailer_id = $1 AND r.item_id = ANY($2::uuid[])`,
      [retailerId, [...new Set(changed.map((c) => c.facts.item_id))]],
    );
    const suppliersByItem = new Map<string, string[]>();
    for (const s of suppliers) suppliersByItem.set(s.item_id, [...(suppliersByItem.get(s.item_id) ?? []), s.supplier_id]);
    return changed.flatMap(({ facts, projection }) => {
      const now = describe(projection.level, projection.projectedStockoutDate, projection.shortageQuantity);
      const was = describe(facts.prev_level, facts.prev_date, facts.prev_shortage);
      const money = projection.shortageQuantity > 0 ? `, ${projection.revenueAtRisk} revenue at risk` : '';
      const message = `${facts.sku} at ${facts.code}: ${now}${money}; was ${was}`;
      return [retailerId, ...(suppliersByItem.get(facts.item_id) ?? [])].map((organizationId) => ({
        organizationId,
        type: AlertType.SHORTAGE_RISK_CHANGED,
        message,
        itemId: facts.item_id,
        locationId: facts.location_id,
      }));
    });
  }

  /** The retailer that owns the pair, if the caller may see its risk; NOT_FOUND otherwise. */
  private async requireVisiblePair(ctx: AuthedContext, itemId: string, locationId: string): Promise<string> {
    if (!isUuid(itemId)) throw notFound('Item', 'itemId');
    if (!isUuid(locationId)) throw notFound('Location', 'locationId');
    const p = new Params();
    // The pair is visible when its risk would be: the shortageRisk rule, applied to the item's would-be row.
    const [row] = await sql<{ retailer_id: string; location_ok: boolean }>(
      ctx.em,
      `SELECT pr.retailer_id,
              EXISTS (SELECT 1 FROM location l WHERE l.id = ${p.add(locationId)} AND l.retailer_id = pr.retailer_id AND ${ctx.scope.where('location', 'l', p)}) AS location_ok
         FROM (SELECT i.id AS item_id, i.retailer_id FROM item i WHERE i.id = ${p.add(itemId)}) pr
        WHERE ${ctx.scope.where('shortageRisk', 'pr', p)}`,
      p.values,
    );
    if (!row) throw notFound('Item', 'itemId');
    if (!row.location_ok) throw notFound('Location', 'locationId');
    return row.retailer_id;
  }
}

function dedupe(pairs: Pair[]): Pair[] {
  const seen = new Map<string, Pair>();
  for (const pair of pairs) seen.set(pairKey(pair.itemId, pair.locationId), pair);
  return [...seen.values()];
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** The shortage-risk engine. */
    risk: RiskService;
  }
}
