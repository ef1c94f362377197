import { systemClock } from '../../core/clock';
import { systemActor, type ActingOrganization } from '../../core/caller';
import { createContext, type AuthedContext } from '../../core/context';
import type { DailyTask, JobDeps } from '../../core/jobs';
import { inTransaction } from '../../core/transaction';
import { sharingSuppliers } from '../../core/scope';
import type { Page, PageArgs } from '../../shared/connection';
import { badInput, DuplicateCheck, notFound } from '../../shared/errors';
import { isUuid } from '../../shared/ids';
import { keysetPage, type SortKey } from '../../shared/keyset';
import type { ForecastCommitKey } from '../../shared/node';
import { Params, sql } from '../../shared/sql';
import { AlertType } from '../alerts/alert-type';
import { raiseAlerts, type NewAlert } from '../alerts/outbox';

/** At most this many lines per commitForecast call (a version of 8 weekly periods x 1,250 item x locations). */
export const MAX_COMMIT_LINES = 10_000;

export interface CommitLineData {
  itemId: string;
  locationId: string;
  periodStart: string;
  quantity: number;
}

export interface CommitForecastData {
  retailerId: string;
  forecastVersion: number;
  lines: CommitLineData[];
}

/** One forecast line beside one supplier's commit, as ForecastCommit shows it (ids of its neighbours, for loaders). */
export interface ForecastCommitRow {
  /** the stored row's id (commitId below); the public id is forecastCommitNodeId of the key */
  storedId: string;
  versionId: string;
  retailer: string;
  supplier: string;
  item: string;
  location: string;
  forecastVersion: number;
  periodStart: string;
  periodDays: number;
  forecastQuantity: number;
  committedQuantity: number | null;
  committedAt: string | null;
  exception: boolean;
}

/**
 * The id of the commit of one supplier against one forecast line, derived
 * from its key: the same before the supplier commits (the row is not stored
 * yet) and after. SQL over the given column expressions.
 */
const commitId = (version: string, supplier: string, item: string, location: string, period: string) =>
  `md5(${version}::text || '/' || ${supplier}::text || '/' || ${item}::text || '/' || ${location}::text || '/' || ${period}::text)::uuid`;

/**
 * A commit is short when committed < forecast x (1 - tolerance/100), i.e.
 * committed x 100 < forecast x (100 - tolerance) in whole numbers (bigint: a
 * quantity of 10^9 times 100 does not fit an int). DESIGN.md, Planning
 * collaboration.
 */
const shortSql = (committed: string, forecast: string, tolerance: string) =>
  `(${committed})::bigint * 100 < (${forecast})::bigint * (100 - ${tolerance})`;

/**
 * The columns every row source below yields (alias `c` over them): the key,
 * the forecast line, the partnership's rules and the stored commit, if any.
 */
const SOURCE_COLUMNS = (id: string) => `${id} AS id, v.id AS version_id, v.retailer_id, s.supplier_id, fl.item_id, fl.location_id, fl.period_start, fl.period_days,
  fl.quantity AS forecast_quantity, v.version, v.published_at, p.commit_tolerance_percent, p.commit_due_days,
  fc.committed_quantity, fc.committed_at, fc.exception_raised_at`;

/**
 * exception: a commit short of the tolerance; with no commit, a
 * missing-commit exception raised for it, or demand (forecast > 0) and
 * commitDueDays passed since the version was published (as of `now`).
 */
const exceptionSql = (now: string) => `CASE WHEN c.committed_quantity IS NOT NULL
    THEN ${shortSql('c.committed_quantity', 'c.forecast_quantity', 'c.commit_tolerance_percent')}
    ELSE c.exception_raised_at IS NOT NULL OR (c.forecast_quantity > 0 AND c.published_at + make_interval(days => c.commit_due_days) <= ${now}) END`;

const ROW_COLUMNS = `c.id AS "storedId", c.version_id AS "versionId", c.retailer_id AS retailer, c.supplier_id AS supplier, c.item_id AS item, c.location_id AS location,
  c.version AS "forecastVersion", c.period_start::text AS "periodStart", c.period_days AS "periodDays", c.forecast_quantity AS "forecastQuantity",
  c.committed_quantity AS "committedQuantity", c.committed_at AS "committedAt", ${exceptionSql('now()')} AS exception`;

/**
 * The newest version of each retailer the caller may see, each line of it
 * beside each supplier with an active sourcing rule for its item through an
 * ACTIVE partnership (the suppliers the forecast is shared with), and that
 * supplier's commit when there is one.
 */
function newestLinesSource(ctx: AuthedContext, p: Params): string {
  // The commit is found by its id, derived from the key and computed first (in a subquery the planner keeps, OFFSET
  // 0): a plain primary-key probe per line. Joined on the key columns, or on an id computed in the join condition,
  // row-level security kept the condition out of the index (it is evaluated after the policy unless leakproof), and
  // every line was compared with every commit: 50 s for a page of 10,000 lines with 5,000 commits.
  return `SELECT l.*, fc.committed_quantity, fc.committed_at, fc.exception_raised_at
    FROM (SELECT ${commitId('v.id', 's.supplier_id', 'fl.item_id', 'fl.location_id', 'fl.period_start')} AS id, v.id AS version_id, v.retailer_id, s.supplier_id,
                 fl.item_id, fl.location_id, fl.period_start, fl.period_days, fl.quantity AS forecast_quantity, v.version, v.published_at,
                 p.commit_tolerance_percent, p.commit_due_days
            FROM (SELECT DISTINCT ON (fv.retailer_id) fv.id, fv.retailer_id, fv.version, fv.published_at FROM forecast_version fv
                   WHERE ${ctx.scope.where('forecastVersion', 'fv', p)} ORDER BY fv.retailer_id, fv.version DESC) v
            JOIN forecast_line fl ON fl.version_id = v.id
            JOIN (${sharingSuppliers('s', 'p')}) ON s.item_id = fl.item_id AND s.retailer_id = v.retailer_id
          OFFSET 0) l
    LEFT JOIN forecast_commit fc ON fc.id = l.id`;
}

/** Stored commits by id (alert links, a mutation's answer), of any version. */
function storedSource(ids: string): string {
  return `SELECT ${SOURCE_COLUMNS('fc.id')}
    FROM forecast_commit fc
    JOIN forecast_version v ON v.id = fc.version_id
    JOIN forecast_line fl ON fl.version_id = fc.version_id AND fl.item_id = fc.item_id AND fl.location_id = fc.location_id AND fl.period_start = fc.period_start
    JOIN partnership p ON p.retailer_id = fc.retailer_id AND p.supplier_id = fc.supplier_id
    CROSS JOIN LATERAL (SELECT fc.supplier_id) s
   WHERE fc.id = ANY(${ids}::uuid[])`;
}

/**
 * The line of one key (any version) beside its supplier, when it is or was
 * the supplier's to commit: a commit is stored for it, or the supplier
 * actively sources the item through an ACTIVE partnership (as the newest
 * version's lines are shared). Query.node's source for a ForecastCommit id.
 */
function keySource(key: ForecastCommitKey, p: Params): string {
  const [v, s, i, l, d] = [
    `${p.add(key.versionId)}::uuid`, `${p.add(key.supplierId)}::uuid`, `${p.add(key.itemId)}::uuid`, `${p.add(key.locationId)}::uuid`, `${p.add(key.periodStart)}::date`,
  ];
  const id = commitId(v, s, i, l, d);
  return `SELECT ${SOURCE_COLUMNS(id)}
    FROM forecast_version v
    JOIN forecast_line fl ON fl.version_id = v.id AND fl.item_id = ${i} AND fl.location_id = ${l} AND fl.period_start = ${d}
    JOIN partnership p ON p.retailer_id = v.retailer_id AND p.supplier_id = ${s}
    CROSS JOIN LATERAL (SELECT ${s} AS supplier_id) s
    LEFT JOIN forecast_commit fc ON fc.id = ${id}
   WHERE v.id = ${v}
     AND (fc.id IS NOT NULL
          OR EXISTS (SELECT 1 FROM ${sharingSuppliers('sr', 'sp')} WHERE sr.item_id = fl.item_id AND sr.supplier_id = ${s} AND sr.retailer_id = v.retailer_id))`;
}

/** By retailer, item, location, period, then supplier: a version's lines in their primary-key order, per supplier. */
const COMMIT_KEY: SortKey = [
  { sql: 'c.retailer_id', type: 'uuid' },
  { sql: 'c.item_id', type: 'uuid' },
  { sql: 'c.location_id', type: 'uuid' },
  { sql: 'c.period_start', type: 'date' },
  { sql: 'c.supplier_id', type: 'uuid' },
];

export interface ForecastCommitFilter {
  supplierId?: string | null;
  retailerId?: string | null;
  itemId?: string | null;
  locationId?: string | null;
  exceptionsOnly?: boolean | null;
}

/** What a statement marking exceptions returns for raise(). */
const MARKED_COLUMNS = (t: string) =>
  `${t}.id, ${t}.retailer_id, ${t}.supplier_id, ${t}.version_id, ${t}.item_id, ${t}.location_id, ${t}.period_start, ${t}.committed_quantity`;

interface RaisedRow {
  id: string;
  retailerId: string;
  supplierId: string;
  versionId: string;
  itemId: string;
  locationId: string;
  periodStart: string;
  version: number;
  sku: string;
  code: string;
  retailerName: string;
  supplierName: string;
  forecastQuantity: number;
  committedQuantity: number | null;
  tolerance: number;
  dueDays: number;
}

/**
 * Forecast commits (CPFR, DESIGN.md "Planning collaboration"): a supplier
 * commits a quantity per forecast line (item x location x period) of a
 * retailer's newest version; the retailer and that supplier see forecast and
 * commit side by side. FORECAST_COMMIT_EXCEPTION goes to both, once per
 * version x supplier x item x location x period, when a commit is short of
 * the forecast by more than the partnership's commitTolerancePercent, or when
 * no commit has come commitDueDays after publication.
 */
export class ForecastCommitService {
  /**
   * Supplier side: stores (or replaces) its commits against lines of the
   * retailer's newest version, all or nothing, and raises an exception for
   * each line now short whose key has had none. Answers the commits in input
   * order. Errors name the field: NOT_FOUND input.retailerId (not an ACTIVE
   * partner), input.forecastVersion (no such version), input.lines[i].itemId
   * or .locationId (not one the supplier may see); BAD_USER_INPUT
   * input.forecastVersion (a version replaced since), input.lines (empty),
   * input.lines[i].periodStart (no such forecast line in the version, or the
   * same line twice).
   */
  async commit(ctx: AuthedContext, input: CommitForecastData): Promise<string[]> {
    if (input.lines.length === 0) throw badInput('input.lines', 'Commit at least one forecast line');
    const supplierId = ctx.caller.organizationId;
    return inTransaction(ctx, async (tx) => {
      if (!isUuid(input.retailerId) || !tx.scope.partnerIds.includes(input.retailerId)) throw notFound('Retailer', 'input.retailerId');
      const p = new Params();
      const versions = await sql<{ id: string; version: number; newest: number; retailerId: string }>(
        tx.em,
        `SELECT v.id, v.version, v.retailer_id AS "retailerId", (SELECT max(n.version) FROM forecast_version n WHERE n.retailer_id = v.retailer_id) AS newest
           FROM forecast_version v WHERE v.retailer_id = ${p.add(input.retailerId)} AND v.version = ${p.add(input.forecastVersion)}
            AND ${ctx.scope.where('forecastVersion', 'v', p)}`,
        p.values,
      );
      const version = versions[0];
      if (!version) throw notFound(`Forecast version ${input.forecastVersion}`, 'input.forecastVersion');
      if (version.version !== version.newest) {
        throw badInput('input.forecastVersion', `Version ${version.version} has been replaced by version ${version.newest}: commit against version ${version.newest}`);
      }
      await this.checkLines(tx, version, input.lines);

      const q = new Params();
      const lines = input.lines;
      const [v, s] = [`${q.add(version.id)}::uuid`, `${q.add(supplierId)}::uuid`];
      // The commits (replacing earlier ones of the same keys), then the exceptions they raise (a key that had one raises none).
      const stored = await sql<{ id: string; key: string }>(
        tx.em,
        `INSERT INTO forecast_commit (id, retailer_id, supplier_id, version_id, item_id, location_id, period_start, committed_quantity, committed_at, committed_by)
         SELECT ${commitId(v, s, 'x.item_id', 'x.location_id', 'x.period_start')}, ${q.add(input.retailerId)}::uuid, ${s}, ${v},
                x.item_id, x.location_id, x.period_start, x.quantity, now(), ${q.add(ctx.caller.actor)}
           FROM unnest(${q.add(lines.map((l) => l.itemId))}::uuid[], ${q.add(lines.map((l) => l.locationId))}::uuid[],
                       ${q.add(lines.map((l) => l.periodStart))}::date[], ${q.add(lines.map((l) => l.quantity))}::int[]) WITH ORDINALITY AS x(item_id, location_id, period_start, quantity, n)
          ORDER BY x.n
         ON CONFLICT (version_id, supplier_id, item_id, location_id, period_start) DO UPDATE
            SET committed_quantity = excluded.committed_quantity, committed_at = excluded.committed_at, committed_by = excluded.committed_by
         RETURNING id, item_id || '/' || location_id || '/' || period_start AS key`,
        q.values,
      );
      const idOf = new Map(stored.map((row) => [row.key, row.id]));
      const ids = lines.map((l) => idOf.get(`${l.itemId.toLowerCase()}/${l.locationId.toLowerCase()}/${l.periodStart}`)!);
      const raised = await this.raise(
        tx,
        `UPDATE forecast_commit fc SET exception_raised_at = now()
           FROM forecast_line fl, partnership p
          WHERE fc.id = ANY(${'$1'}::uuid[]) AND fc.exception_raised_at IS NULL
            AND fl.version_id = fc.version_id AND fl.item_id = fc.item_id AND fl.location_id = fc.location_id AND fl.period_start = fc.period_start
            AND p.retailer_id = fc.retailer_id AND p.supplier_id = fc.supplier_id
            AND ${shortSql('fc.committed_quantity', 'fl.quantity', 'p.commit_tolerance_percent')}
         RETURNING ${MARKED_COLUMNS('fc')}`,
        [ids],
      );
      this.alert(tx, raised);
      return ids;
    });
  }

  /** Each line names an item and a location the supplier may see, and a line of the version; no line twice. */
  private async checkLines(tx: AuthedContext, version: { id: string; version: number; retailerId: string }, lines: CommitLineData[]): Promise<void> {
    const duplicates = new DuplicateCheck('input.lines', 'periodStart', ' (same item, location and period)');
    lines.forEach((line, i) => {
      const key = `${line.itemId}/${line.locationId}/${line.periodStart}`;
      duplicates.check(key, i);
    });
    // Items it actively sources from this retailer (sourcingRule rule) and the retailer's locations.
    const r = new Params();
    const ownRows = await sql<{ kind: string; id: string }>(
      tx.em,
      `SELECT 'item' AS kind, sr.item_id AS id FROM sourcing_rule sr
        WHERE sr.retailer_id = ${r.add(version.retailerId)} AND sr.item_id = ANY(${r.add(lines.map((l) => l.itemId).filter(isUuid))}::uuid[])
          AND ${tx.scope.where('sourcingRule', 'sr', r)}
       UNION ALL
       SELECT 'location', lo.id FROM location lo
        WHERE lo.retailer_id = ${r.add(version.retailerId)} AND lo.id = ANY(${r.add(lines.map((l) => l.locationId).filter(isUuid))}::uuid[])
          AND ${tx.scope.where('location', 'lo', r)}`,
      r.values,
    );
    const items = new Set(ownRows.filter((o) => o.kind === 'item').map((o) => o.id));
    const locations = new Set(ownRows.filter((o) => o.kind === 'location').map((o) => o.id));
    const p = new Params();
    const found = await sql<{ n: number }>(
      tx.em,
      `SELECT x.n::int AS n FROM unnest(${p.add(lines.map((l) => (isUuid(l.itemId) ? l.itemId : null)))}::uuid[],
                                     ${p.add(lines.map((l) => (isUuid(l.locationId) ? l.locationId : null)))}::uuid[],
                                     ${p.add(lines.map((l) => l.periodStart))}::date[]) WITH ORDINALITY AS x(item_id, location_id, period_start, n)
        WHERE EXISTS (SELECT 1 FROM forecast_line fl WHERE fl.version_id = ${p.add(version.id)} AND fl.item_id = x.item_id
                         AND fl.location_id = x.location_id AND fl.period_start = x.period_start AND ${tx.scope.where('forecastLine', 'fl', p)})`,
      p.values,
    );
    const onVersion = new Set(found.map((r) => r.n - 1));
    lines.forEach((line, i) => {
      const at = `input.lines[${i}]`;
      // A supplier commits only for items it actively sources (the forecast is shared with it for those).
      if (!items.has(line.itemId)) throw notFound('Item', `${at}.itemId`);
      if (!locations.has(line.locationId)) throw notFound('Location', `${at}.locationId`);
      if (!onVersion.has(i)) {
        throw badInput(`${at}.periodStart`, `Forecast version ${version.version} has no line for this item and location starting ${line.periodStart}`);
      }
    });
  }

  /**
   * Marks exceptions raised with `statement` (an UPDATE or INSERT returning
   * the ids of the keys it marked) and reads what their alerts say.
   */
  private async raise(tx: AuthedContext, statement: string, params: unknown[]): Promise<RaisedRow[]> {
    // The statement's own rows come from its RETURNING (MARKED_COLUMNS): the outer query does not see what a CTE wrote.
    return sql<RaisedRow>(
      tx.em,
      `WITH marked AS (${statement})
       SELECT m.id, m.retailer_id AS "retailerId", m.supplier_id AS "supplierId", m.version_id AS "versionId", m.item_id AS "itemId",
              m.location_id AS "locationId", m.period_start::text AS "periodStart", v.version, i.sku, l.code,
              r.name AS "retailerName", su.name AS "supplierName", fl.quantity AS "forecastQuantity", m.committed_quantity AS "committedQuantity",
              p.commit_tolerance_percent AS tolerance, p.commit_due_days AS "dueDays"
         FROM marked m
         JOIN forecast_version v ON v.id = m.version_id
         JOIN forecast_line fl ON fl.version_id = m.version_id AND fl.item_id = m.item_id AND fl.location_id = m.location_id AND fl.period_start = m.period_start
         JOIN partnership p ON p.retailer_id = m.retailer_id AND p.supplier_id = m.supplier_id
         JOIN item i ON i.id = m.item_id JOIN location l ON l.id = m.location_id
         JOIN organization r ON r.id = m.retailer_id JOIN organization su ON su.id = m.supplier_id
        ORDER BY m.supplier_id, m.item_id, m.location_id, m.period_start`,
      params,
    );
  }

  /** FORECAST_COMMIT_EXCEPTION to the retailer and to the supplier, one per key. */
  private alert(tx: AuthedContext, raised: RaisedRow[]): void {
    raiseAlerts(
      tx,
      raised.flatMap((r) => {
        const what = `${r.sku} at ${r.code}, period from ${r.periodStart}, forecast version ${r.version}`;
        const message =
          r.committedQuantity === null
            ? `${r.supplierName} has not committed to the forecast of ${r.forecastQuantity} (${what}) ${r.dueDays} day(s) after it was published`
            : `${r.supplierName} committed ${r.committedQuantity} against a forecast of ${r.forecastQuantity} (${what}): `
              + `more than ${r.tolerance}% short`;
        const alert: Omit<NewAlert, 'organizationId'> = {
          type: AlertType.FORECAST_COMMIT_EXCEPTION,
          message,
          itemId: r.itemId,
          locationId: r.locationId,
          forecastVersionId: r.versionId,
          forecastCommitId: r.id,
        };
        return [{ ...alert, organizationId: r.retailerId }, { ...alert, organizationId: r.supplierId }];
      }),
    );
  }

  /**
   * One page of the newest version's lines beside each supplier's commit,
   * for the retailer (every supplier the forecast is shared with, or
   * `supplierId`) or for a supplier (its own, of items it actively sources;
   * per retailer, or `retailerId`). exceptionsOnly keeps the rows whose
   * `exception` is true.
   */
  async page(ctx: AuthedContext, filter: ForecastCommitFilter, args: PageArgs): Promise<Page<ForecastCommitRow>> {
    const ids = [filter.supplierId, filter.retailerId, filter.itemId, filter.locationId];
    const empty = ids.some((id) => id != null && !isUuid(id));
    const p = new Params();
    const from = `(${newestLinesSource(ctx, p)}) c`;
    const where = [ctx.scope.where('forecastCommit', 'c', p)];
    if (!empty) {
      if (filter.supplierId) where.push(`c.supplier_id = ${p.add(filter.supplierId)}`);
      if (filter.retailerId) where.push(`c.retailer_id = ${p.add(filter.retailerId)}`);
      if (filter.itemId) where.push(`c.item_id = ${p.add(filter.itemId)}`);
      if (filter.locationId) where.push(`c.location_id = ${p.add(filter.locationId)}`);
    }
    if (filter.exceptionsOnly) where.push(`(${exceptionSql('now()')})`);
    return keysetPage<ForecastCommitRow>(ctx.em, { select: ROW_COLUMNS, from, where, params: p, key: COMMIT_KEY }, args, { empty });
  }

  /** Stored commits by id, of any version, through the forecastCommit rule (absent when the caller may not see one). */
  async byIds(ctx: AuthedContext, ids: readonly string[]): Promise<ForecastCommitRow[]> {
    const candidates = [...new Set(ids.filter(isUuid))];
    if (candidates.length === 0) return [];
    const p = new Params();
    const source = storedSource(p.add(candidates));
    return sql<ForecastCommitRow>(ctx.em, `SELECT ${ROW_COLUMNS} FROM (${source}) c WHERE ${ctx.scope.where('forecastCommit', 'c', p)}`, p.values);
  }

  /** The commit of one key (Query.node), of any version, through the forecastCommit rule; null when the caller may not see it. */
  async byKey(ctx: AuthedContext, key: ForecastCommitKey): Promise<ForecastCommitRow | null> {
    const p = new Params();
    const source = keySource(key, p);
    const [row] = await sql<ForecastCommitRow>(ctx.em, `SELECT ${ROW_COLUMNS} FROM (${source}) c WHERE ${ctx.scope.where('forecastCommit', 'c', p)}`, p.values);
    return row ?? null;
  }

  /**
   * The retailer's side of "no commit commitDueDays after publication"
   * (acting as the retailer): for each line with demand (forecast > 0) of its
   * newest version, each supplier the line is shared with that has not
   * committed to it, when published + commitDueDays <= now, raises
   * FORECAST_COMMIT_EXCEPTION to both, once per key (the key's row records
   * it; a later run, or one racing a commit, raises nothing again). `now` is
   * the clock (tests move it). Returns the exceptions raised.
   */
  async raiseMissing(ctx: AuthedContext, now: Date): Promise<number> {
    return inTransaction(ctx, async (tx) => {
      const retailer = tx.caller.organizationId;
      const raised = await this.raise(
        tx,
        `INSERT INTO forecast_commit (id, retailer_id, supplier_id, version_id, item_id, location_id, period_start, exception_raised_at)
         SELECT ${commitId('v.id', 's.supplier_id', 'fl.item_id', 'fl.location_id', 'fl.period_start')}, v.retailer_id, s.supplier_id, v.id,
                fl.item_id, fl.location_id, fl.period_start, $2::timestamptz
           FROM (SELECT fv.id, fv.retailer_id, fv.published_at FROM forecast_version fv WHERE fv.retailer_id = $1::uuid ORDER BY fv.version DESC LIMIT 1) v
           JOIN forecast_line fl ON fl.version_id = v.id AND fl.quantity > 0
           JOIN (${sharingSuppliers('s', 'p')}) ON s.item_id = fl.item_id AND s.retailer_id = $1
          WHERE v.published_at + make_interval(days => p.commit_due_days) <= $2::timestamptz
            AND NOT EXISTS (SELECT 1 FROM forecast_commit fc WHERE fc.version_id = v.id AND fc.supplier_id = s.supplier_id
                               AND fc.item_id = fl.item_id AND fc.location_id = fl.location_id AND fc.period_start = fl.period_start)
         ON CONFLICT (version_id, supplier_id, item_id, location_id, period_start) DO NOTHING
         RETURNING ${MARKED_COLUMNS('forecast_commit')}`,
        [retailer, now],
      );
      this.alert(tx, raised);
      return raised.length;
    });
  }
}

/**
 * Every retailer's missing-commit check as of `now`, one retailer per
 * transaction, acting for it as a system actor (one retailer's failure
 * leaves the others done). Idempotent: run it as often as the scheduler
 * likes; each key raises once. Independent of any scheduler: the daily task
 * below calls it with the wall clock, tests with the clock they choose.
 */
export async function raiseMissingCommitExceptions({ orm, services, log }: JobDeps, now: Date): Promise<{ retailers: number; missingCommitExceptions: number }> {
  const retailers = await sql<ActingOrganization>(orm.em.fork(), `SELECT id, name, kind FROM daily_job_retailers()`);
  let raised = 0;
  const failed: string[] = [];
  for (const retailer of retailers) {
    const ctx = createContext({ em: orm.em, services, log }, systemActor(retailer, 'missing forecast commit check')) as AuthedContext;
    try {
      raised += await services.forecastCommits.raiseMissing(ctx, now);
    } catch (err) {
      log.error({ err, retailerId: retailer.id }, 'the missing forecast commit check failed for a retailer');
      failed.push(retailer.id);
    }
  }
  if (failed.length) throw new Error(`the missing forecast commit check failed for ${failed.length} retailer(s)`);
  return { retailers: retailers.length, missingCommitExceptions: raised };
}

/** The daily run's task: the missing-commit check as of the run's clock (the system clock unless a test moves it). */
export const dailyMissingCommitCheck: DailyTask = {
  name: 'missing forecast commits',
  async run(deps) {
    const { missingCommitExceptions } = await raiseMissingCommitExceptions(deps, (deps.clock ?? systemClock).now());
    return { missingCommitExceptions };
  },
};

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Forecast commits (CPFR) and their exceptions. */
    forecastCommits: ForecastCommitService;
  }
}
