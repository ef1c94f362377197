import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from 'knex';
import { prepareValue } from 'pg/lib/utils';
import { DeferredConnection, deferredOf, LazyTransaction, orderKeyOf, ScopedView } from './deferred-transaction';
import { CUSTOM_PLANS, GENERIC_PLANS } from './scoped-statement';

/**
 * Runs parameterised SQL ($1, $2, ... placeholders) on the EntityManager's
 * connection, inside its transaction when it has one, and through MikroORM's
 * logger so statement counts include it. Used for set-based reads and writes
 * the ORM would do row by row.
 *
 * The statement goes to PostgreSQL as a named prepared statement (the name is
 * a hash of its text) with its values bound, not inlined: each pooled
 * connection parses and plans a given text once and keeps its generic plan
 * (every connection runs with plan_cache_mode = force_generic_plan, see
 * src/db/orm.ts). Our statements are few fixed texts run many times, and
 * their row-level-security policies (sub-selects on other tables) make
 * planning cost more than running (measured: a supplier's item page, 1.1 ms
 * of planning for 0.3 ms of execution; left to choose, PostgreSQL kept
 * planning a confirmation's statements for their values, 6 ms of 33).
 * Values never appear in the SQL text, so none reach a log. Statements given
 * a long list are the exception (see LONG_LIST).
 */
export async function sql<T extends object = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  const ctx = em.getTransactionContext<Transactor>();
  const long = params.some(isLongList);
  // A transaction's statements go out in the order they were given, also when a long list's literals are made a
  // turn of the event loop at a time (a bulk write's arrays of 10,000 to 100,000 elements take milliseconds each)
  // or, in a job's transaction, its statement takes three (see below): a statement given while such a one is
  // under way waits until that one is on its connection.
  const key = ctx && orderOf(ctx);
  if (!key || (!long && !handOvers.has(key))) return send<T>(em, ctx, text, params, long, () => undefined);
  return afterEarlier(key, async (handedOver) => send<T>(em, ctx, text, long ? await literalsInTurns(params) : params, long, handedOver));
}

/**
 * sql() for a statement whose result nobody reads (a write whose input the
 * caller has checked, a lock): in a request's transaction it goes in front
 * of the transaction's next statement, in the same message, or with its
 * COMMIT (DeferredConnection.later), one round trip fewer; it still runs in
 * its place in the transaction's order. If it fails, the statement it went
 * with fails with its error, and the transaction with it, so use it only
 * where a failure is not an answer to give the user (a constraint that
 * input may break is checked before, or written with sql()). Elsewhere (a
 * savepoint, a job's transaction, its first use on a connection, a long
 * list) it is sent as sql() sends it, and awaited.
 */
export async function write(em: EntityManager, text: string, params: unknown[] = []): Promise<void> {
  const ctx = em.getTransactionContext<Transactor>();
  const shape = shapeOf(text);
  // The deferred connection's own transaction only (deferredOf): in a savepoint, a write that failed in front of
  // RELEASE would leave the request's transaction aborted instead of rolling back to the savepoint.
  const direct = ctx && shape.placeholders === params.length && !params.some(isLongList) && !handOvers.has(orderOf(ctx)) ? deferredOf(em) : undefined;
  if (direct) {
    const values = params.map((v) => prepareValue(bindable(v)));
    if (direct.later({ name: shape.directName, text, values })) {
      // Logged now, in the order given, as sql() logs (statement counts include it).
      await (em.getConnection() as unknown as LoggingConnection).executeQuery(text, async () => [], { query: text, params: [] });
      return;
    }
  }
  await sql(em, text, params);
}

/** sql()'s statement sent; `handedOver` is called once the connection has it in its queue (or, through knex, once it ran). */
async function send<T>(em: EntityManager, ctx: Transactor | undefined, text: string, params: unknown[], long: boolean, handedOver: () => void): Promise<T[]> {
  const connection = em.getConnection();
  const shape = shapeOf(text);
  const name = long ? undefined : shape.name;
  // In a request's transaction the statement goes straight to its connection: knex's raw builder and runner
  // (bindings rewritten to "?" and back, a runner, a connection lookup) cost more than the statement's own work.
  const direct = ctx && shape.placeholders === params.length ? await deferredConnectionOf(ctx) : undefined;
  const run = direct
    ? long
      ? () => plannedForValues<T>(direct, { text, values: params.map(bindable) })
      : () => direct.run<T>({ text, values: params.map(bindable), name: shape.directName })
    : async (): Promise<T[]> => {
        // knex binds "?" and would spread a JS array over several placeholders, so
        // arrays go over as PostgreSQL array literals (cast in the SQL, e.g. $1::uuid[]).
        const bindings = shape.order.map((i) => bindable(params[i]));
        const knex = connection.getKnex();
        const raw = knex.raw(shape.converted, bindings as never[]);
        const query = name ? raw.options({ name }) : raw;
        if (!ctx) return ((await query) as { rows: T[] }).rows;
        // A LazyTransaction goes as it is: its client sends on the request's connection (no await here, so the
        // statement keeps its place in the transaction's order).
        const trx = ctx as Knex.Transaction;
        query.transacting(trx);
        if (!long) return ((await query) as { rows: T[] }).rows;
        // Planned for its values, as plannedForValues does (in a job's transaction, whose statements run one by one).
        await knex.raw(CUSTOM_PLANS.text).transacting(trx);
        const result = (await query) as { rows: T[] };
        await knex.raw(GENERIC_PLANS.text).transacting(trx);
        return result.rows;
      };
  // executeQuery is MikroORM's timing and logging wrapper (the same one its own execute() uses): statements are
  // logged with their $n placeholders, never with values. It calls `run` at once: a direct statement is queued on
  // its connection before this returns.
  const result = (connection as unknown as LoggingConnection).executeQuery(text, run, { query: text, params: [] });
  if (direct) handedOver();
  else await result.finally(handedOver);
  return result;
}

/** Per transaction, when the last statement given to sql() is on its connection (while one is still on its way). */
const handOvers = new WeakMap<object, Promise<void>>();

/** What orders a transaction's statements (handOvers): one key for it before and after its knex transaction is made. */
const orderOf = orderKeyOf;

/** Runs `step` once every statement given before it in the transaction is on its connection; it calls `handedOver` when its own is. */
async function afterEarlier<T>(ctx: object, step: (handedOver: () => void) => Promise<T>): Promise<T> {
  const earlier = handOvers.get(ctx);
  let handOver!: () => void;
  const mine = new Promise<void>((resolve) => (handOver = resolve));
  handOvers.set(ctx, mine);
  void mine.then(() => {
    if (handOvers.get(ctx) === mine) handOvers.delete(ctx);
  });
  try {
    await earlier;
    return await step(handOver);
  } finally {
    handOver();
  }
}

/** The parameters as bindable() makes them, each long list in a turn of the event loop of its own. */
async function literalsInTurns(params: unknown[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const value of params) {
    if (isLongList(value)) await new Promise<void>((resolve) => setImmediate(resolve));
    out.push(bindable(value));
  }
  return out;
}

/**
 * A long list's statement, planned for its values: every connection plans
 * with force_generic_plan (src/db/orm.ts), so the statement is sent unnamed
 * with custom plans switched on for it alone (DeferredConnection: around it
 * in a transaction, in its own message when pipelined).
 */
function plannedForValues<T>(direct: DeferredConnection | ScopedView, statement: { text: string; values: unknown[] }): Promise<T[]> {
  return direct.run<T>({ ...statement, customPlan: true });
}

type Transactor = (Knex.Transaction & { isCompleted(): boolean; client: { acquireConnection(): Promise<unknown> } }) | LazyTransaction;

/** The deferred connection under a transaction (the request's, or a savepoint inside it), if it has one. */
async function deferredConnectionOf(ctx: Transactor): Promise<DeferredConnection | ScopedView | undefined> {
  if (ctx instanceof LazyTransaction) return ctx.connection;
  if (ctx.isCompleted()) return undefined; // knex's path says why
  const connection = await ctx.client.acquireConnection();
  return connection instanceof DeferredConnection || connection instanceof ScopedView ? connection : undefined;
}

interface Shape {
  /** The prepared statement's name: the same text always gets the same name (PostgreSQL allows 63 characters). */
  name: string;
  /**
   * Its name when sent as written ($n kept, values not repeated): knex sends another text (each "?" numbered
   * anew), and pg refuses one name for two texts on a connection, which both paths share.
   */
  directName: string;
  /** The text with "?" for knex, and which parameter each "?" takes. */
  converted: string;
  order: number[];
  /** n when the text uses exactly $1..$n (each at least once), else -1: only then can the values go as they are. */
  placeholders: number;
}

const shapes = new Map<string, Shape>();
const MAX_SHAPES = 5_000;

function shapeOf(text: string): Shape {
  let shape = shapes.get(text);
  if (!shape) {
    const order: number[] = [];
    const converted = text.replace(/\$(\d+)/g, (_m, n: string) => {
      order.push(Number(n) - 1);
      return '?';
    });
    const used = new Set(order);
    const max = order.length ? Math.max(...order) + 1 : 0;
    shape = {
      name: `ss_${createHash('sha1').update(converted).digest('hex')}`,
      directName: `sd_${createHash('sha1').update(text).digest('hex')}`,
      converted,
      order,
      placeholders: used.size === max ? max : -1,
    };
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(text, shape);
  }
  return shape;
}

/**
 * A statement given a list longer than this is planned for its values every
 * time (sent unnamed, between settings that switch its transaction to custom
 * plans and back: two more round trips). A generic plan cannot know a list's
 * length: it assumes a few values, and then probes a list of 1,000 ids once
 * per row of a join (measured: a loader's visible lines, 150 ms instead of
 * 9 ms).
 */
const LONG_LIST = 64;
const isLongList = (value: unknown) => Array.isArray(value) && value.length > LONG_LIST;

interface LoggingConnection {
  executeQuery<R>(query: string, cb: () => Promise<R>, context?: { query: string; params: unknown[] }): Promise<R>;
}

/**
 * What keeps a joined list from being an array literal as it is (PostgreSQL,
 * 8.15.6 Array Value Input): a blank, quote, backslash or brace anywhere, an
 * empty or NULL element.
 */
const NOT_PLAIN = /[\s"\\{}]|(?:^|,)(?:null)?(?:,|$)/i;

/**
 * The array literal of a one-dimensional array of finite numbers and plain
 * strings (ids, dates, codes: no blank, quote, backslash, brace or comma, not
 * empty, not "NULL") joined as they are, or undefined for anything else (pg's
 * prepareValue then quotes and escapes each element). The same literal pg
 * would send, read the same by PostgreSQL, at a fraction of the cost: bulk
 * writes bind arrays of up to 100,000 elements, which pg's quoting of each
 * element turned into tens of milliseconds of held event loop per statement.
 * The elements are tested once joined (one scan of the text; an element
 * holding a comma shows as one comma too many).
 */
export function plainArrayLiteral(values: readonly unknown[]): string | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string') return undefined;
  }
  const joined = values.join(',');
  if (NOT_PLAIN.test(joined)) return undefined;
  let commas = 0;
  for (let at = joined.indexOf(','); at !== -1; at = joined.indexOf(',', at + 1)) commas++;
  return commas === values.length - 1 ? `{${joined}}` : undefined;
}

/** A value as pg binds it: arrays as array literals (see above), dates as ISO instants, undefined as NULL. */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return plainArrayLiteral(value) ?? prepareValue(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Collects parameters while a query is assembled: `p.add(value)` returns its placeholder ($n). */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
