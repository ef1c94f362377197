import type { EntityManager } from '@mikro-orm/postgresql';
import type { Page, PageArgs } from './connection';
import { badInput } from './errors';
import { isUuid } from './ids';
import { Params, sql } from './sql';

/** The SQL types a sort-key column may have; cursor values are checked against them. */
export type KeyType = 'uuid' | 'smallint' | 'integer' | 'bigint' | 'numeric' | 'date' | 'timestamptz' | 'text';

/** One value of a sort key as a cursor carries it: a number for smallint and integer, the PostgreSQL text otherwise. */
export type KeyValue = string | number;

/** One column of a sort key. */
export interface KeyColumn {
  /** An SQL expression over the query's aliases. Never NULL: coalesce it (NULLs would drop rows from every page after them). */
  sql: string;
  type: KeyType;
  /** Descending; ascending by default. */
  desc?: boolean;
}

/**
 * The order of a list as columns, most significant first. Together they must
 * be unique: end with a tiebreak (the id, or the primary key's columns).
 */
export type SortKey = readonly KeyColumn[];

/** The window a page's statement defines in the page's order: `lag(x) OVER page` reads the row before's x (embedNeighbours). */
export const PAGE_WINDOW = 'page';

/** A list to page: its rows, filters and order. */
export interface KeysetQuery {
  /** The node columns (`i.id, i.sku AS "sku"`). */
  select: string;
  /** The FROM clause: table with alias, and any joins. */
  from: string;
  /** The list's conditions (visibility first), ANDed; their parameters are in `params`. */
  where: string[];
  params: Params;
  key: SortKey;
}

export type CursorField = 'after' | 'before';

/** Turns key values into the cursor clients see, and back (throwing BAD_USER_INPUT on `field` for anything it did not make). */
export interface CursorCodec {
  encode(values: KeyValue[]): string;
  decode(cursor: string, field: CursorField): KeyValue[];
}

const MAX_CURSOR_LENGTH = 1024;
const INT_RANGE: Partial<Record<KeyType, [number, number]>> = { smallint: [-32768, 32767], integer: [-2147483648, 2147483647] };
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2}|Z)?$/;

function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Whether a decoded cursor value is a valid value of the column's type (PostgreSQL would accept the cast). */
export function isKeyValue(type: KeyType, value: unknown): value is KeyValue {
  switch (type) {
    case 'smallint':
    case 'integer': {
      const [min, max] = INT_RANGE[type]!;
      return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
    }
    case 'bigint':
      return typeof value === 'string' && /^-?\d{1,19}$/.test(value) && BigInt(value) >= INT8_MIN && BigInt(value) <= INT8_MAX;
    case 'numeric':
      return typeof value === 'string' && /^-?\d{1,40}(\.\d{1,40})?$/.test(value);
    case 'uuid':
      return typeof value === 'string' && isUuid(value);
    case 'date':
      return typeof value === 'string' && (value === 'infinity' || value === '-infinity' || isCalendarDate(value));
    case 'timestamptz':
      return typeof value === 'string' && (value === 'infinity' || value === '-infinity' || (TIMESTAMP.test(value) && isCalendarDate(value.slice(0, 10))));
    case 'text':
      return typeof value === 'string' && !value.includes('\u0000');
  }
}

/**
 * The one cursor format of every keyset connection: base64url of a JSON
 * array of the key's values, each checked against its column's type. Anything
 * else is BAD_USER_INPUT on the argument that carried it.
 */
export function jsonCursor(key: SortKey): CursorCodec {
  return {
    encode: (values) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url'),
    decode(cursor, field) {
      const invalid = () => badInput(field, 'Invalid cursor');
      if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) throw invalid();
      const bytes = Buffer.from(cursor, 'base64url');
      // Only the canonical spelling: whatever Buffer skips or pads is not a cursor we made.
      if (bytes.toString('base64url') !== cursor) throw invalid();
      const text = bytes.toString('utf8');
      if (Buffer.from(text, 'utf8').compare(bytes) !== 0) throw invalid();
      let values: unknown;
      try {
        values = JSON.parse(text);
      } catch {
        throw invalid();
      }
      if (!Array.isArray(values) || values.length !== key.length) throw invalid();
      if (!values.every((value, i) => isKeyValue(key[i].type, value))) throw invalid();
      return values as KeyValue[];
    },
  };
}

/**
 * The condition "the row's key comes strictly after `values`" (in the key's
 * order), or strictly before. A row comparison when every column runs the same
 * way (PostgreSQL can walk an index with it), the expanded form otherwise.
 */
export function keyCondition(key: SortKey, values: KeyValue[], side: 'after' | 'before', p: Params): string {
  const bound = values.map((value, i) => `${p.add(value)}::${key[i].type}`);
  const op = (column: KeyColumn) => ((column.desc ?? false) === (side === 'before') ? '>' : '<');
  if (key.every((column) => (column.desc ?? false) === (key[0].desc ?? false))) {
    return key.length === 1
      ? `${key[0].sql} ${op(key[0])} ${bound[0]}`
      : `(${key.map((c) => c.sql).join(', ')}) ${op(key[0])} (${bound.join(', ')})`;
  }
  const alternatives = key.map((column, i) =>
    [...key.slice(0, i).map((prior, j) => `${prior.sql} = ${bound[j]}`), `${column.sql} ${op(column)} ${bound[i]}`].join(' AND '),
  );
  return `(${alternatives.map((a) => `(${a})`).join(' OR ')})`;
}

const whereOf = (query: KeysetQuery) => (query.where.length ? query.where.join(' AND ') : 'true');

/** The statements of one page, before they run: exported for the unit tests. */
export interface PagePlan {
  /** The page: the nodes' columns, then the key's values as text (__k0, __k1, ...; none when PageArgs.cursors is false), then __beyond when there is a cursor to look past. */
  text: string;
  /** Alone, the __beyond question, for when the page comes back empty. */
  beyondText: string | null;
  values: unknown[];
  size: number;
  backward: boolean;
}

/**
 * Plans a page: decodes and checks the cursors, bounds the rows by them,
 * orders by the key (reversed when paging backward: the last rows come first,
 * and are put back in order afterwards) and fetches one row more than asked
 * to know whether more follow. `__beyond` answers whether any row lies on the
 * other side of the cursor the page starts from (at or before `after` going
 * forward, at or after `before` going backward): an uncorrelated EXISTS,
 * evaluated once, that stops at the first such row.
 */
export function planPage(query: KeysetQuery, args: PageArgs, codec: CursorCodec = jsonCursor(query.key)): PagePlan {
  const after = args.after != null ? codec.decode(args.after, 'after') : null;
  const before = args.before != null ? codec.decode(args.before, 'before') : null;
  if ((args.first == null) === (args.last == null)) throw new Error('planPage needs exactly one of first and last');
  const backward = args.last != null;
  const size = (backward ? args.last : args.first)!;
  if (!Number.isInteger(size) || size < 1) throw new Error(`invalid page size ${size}`);

  const p = new Params();
  p.values.push(...query.params.values);
  const base = whereOf(query);
  const bounds = [base];
  if (after) bounds.push(keyCondition(query.key, after, 'after', p));
  if (before) bounds.push(keyCondition(query.key, before, 'before', p));
  const origin = backward ? before : after;
  const beyond = origin
    ? `EXISTS (SELECT 1 FROM ${query.from} WHERE ${base} AND NOT ${keyCondition(query.key, origin, backward ? 'before' : 'after', p)})`
    : null;
  // Without cursors to make, no key values to read (the order is the key's own expressions either way).
  const keys = args.cursors === false ? '' : `, ${keyColumns(query.key)}`;
  const order = query.key.map((column) => `${column.sql} ${(column.desc ?? false) === backward ? 'ASC' : 'DESC'}`).join(', ');
  return {
    text: `SELECT ${query.select}${keys}${beyond ? `, ${beyond} AS "__beyond"` : ''}
             FROM ${query.from} WHERE ${bounds.join(' AND ')} WINDOW ${PAGE_WINDOW} AS (ORDER BY ${order}) ORDER BY ${order} LIMIT ${p.add(size + 1)}`,
    beyondText: beyond ? `SELECT ${beyond} AS "__beyond"` : null,
    values: p.values,
    size,
    backward,
  };
}

type KeyedRow = Record<string, unknown> & { __beyond?: boolean };

/** The key's values as text columns __k0, __k1, ... (what splitKeyedRow reads back). */
const keyColumns = (key: SortKey) => key.map((column, i) => `(${column.sql})::text AS "__k${i}"`).join(', ');

/** A row's key values (__k0, __k1, ... as a cursor carries them) apart from its other columns; bookkeeping columns (__*) dropped. */
function splitKeyedRow(key: SortKey, row: Record<string, unknown>): { values: KeyValue[]; plain: Record<string, unknown> } {
  const values: KeyValue[] = key.map((column, i) => (INT_RANGE[column.type] ? Number(row[`__k${i}`]) : String(row[`__k${i}`])));
  const plain: Record<string, unknown> = {};
  for (const name in row) if (!name.startsWith('__')) plain[name] = row[name];
  return { values, plain };
}

/**
 * One page of a keyset-paged list, the way every connection pages: cursors
 * in one format (`codec`, by default jsonCursor of the key), checked before
 * anything runs; hasNextPage and hasPreviousPage as PageInfo describes them;
 * totalCount counted only when asked. `empty`: the caller already knows no
 * row can match (cursors are still checked). `toNode` maps each row.
 */
export async function keysetPage<Row extends object, Node = Row>(
  em: EntityManager,
  query: KeysetQuery,
  args: PageArgs,
  options: { codec?: CursorCodec; empty?: boolean; toNode?: (row: Row) => Node } = {},
): Promise<Page<Node>> {
  const codec = options.codec ?? jsonCursor(query.key);
  const plan = planPage(query, args, codec);
  const countValues = [...query.params.values];
  const count = async () => {
    if (options.empty) return 0;
    const [row] = await sql<{ n: string }>(em, `SELECT count(*) AS n FROM ${query.from} WHERE ${whereOf(query)}`, countValues);
    return Number(row.n);
  };
  if (options.empty) return { nodes: [], hasNextPage: false, hasPreviousPage: false, cursorOf: () => '', count };

  const rows = await sql<KeyedRow>(em, plan.text, plan.values);
  let beyond = rows.length > 0 && rows[0].__beyond === true;
  if (rows.length === 0 && plan.beyondText) {
    const [row] = await sql<{ __beyond: boolean }>(em, plan.beyondText, plan.values);
    beyond = row.__beyond;
  }
  const more = rows.length > plan.size;
  const kept = rows.slice(0, plan.size);
  if (plan.backward) kept.reverse();

  const toNode = options.toNode ?? ((row: Row) => row as unknown as Node);
  let nodes: Node[];
  let cursorOf: (node: Node) => string;
  if (args.cursors === false) {
    // No key values were read: each row is its node as it came, __beyond emptied (not deleted: a deleted property
    // turns the row object into a slow dictionary).
    nodes = kept.map((row) => {
      if (row.__beyond !== undefined) row.__beyond = undefined;
      return toNode(row as unknown as Row);
    });
    cursorOf = () => {
      throw new Error('this page was read without cursors (PageArgs.cursors false)');
    };
  } else {
    // Cursors are encoded when asked for: most queries select no cursor, or only pageInfo's two.
    const keyValues = new Map<Node, KeyValue[]>();
    nodes = kept.map((row) => {
      const { values, plain } = splitKeyedRow(query.key, row);
      const node = toNode(plain as Row);
      keyValues.set(node, values);
      return node;
    });
    cursorOf = (node) => codec.encode(keyValues.get(node)!);
  }
  return { nodes, hasNextPage: plan.backward ? beyond : more, hasPreviousPage: plan.backward ? more : beyond, cursorOf, count };
}

/**
 * A list the contract types as a plain list ([T!]!) paged the keyset way:
 * up to `first` rows in the key's order, after the row whose id is `afterId`
 * (the last element of the previous page, under the same filters). `id` is
 * the SQL of the rows' id column. An `afterId` that is not in the list is
 * BAD_USER_INPUT on `after`.
 */
export async function keysetList<Row extends object>(
  em: EntityManager,
  query: KeysetQuery & { id: string },
  args: { first: number; afterId?: string | null },
  options: { empty?: boolean } = {},
): Promise<Row[]> {
  let after: string | null = null;
  if (args.afterId != null) {
    if (!isUuid(args.afterId) || options.empty) throw unknownAfter();
    const p = new Params();
    p.values.push(...query.params.values);
    const [row] = await sql<Record<string, unknown>>(
      em,
      `SELECT ${keyColumns(query.key)} FROM ${query.from} WHERE ${whereOf(query)} AND ${query.id} = ${p.add(args.afterId)}::uuid`,
      p.values,
    );
    if (!row) throw unknownAfter();
    after = jsonCursor(query.key).encode(splitKeyedRow(query.key, row).values);
  }
  const page = await keysetPage<Row>(em, query, { first: args.first, after }, { empty: options.empty });
  return page.nodes;
}

const unknownAfter = () => badInput('after', 'Expected the id of the last element of the previous page (with the same arguments)');

/**
 * A plain list computed in memory (groups of figures, each named by its key),
 * paged as keysetList pages rows: up to `first` keys in key order after
 * `afterId`, which must be one of them (else BAD_USER_INPUT on `after`, as
 * keysetList answers).
 */
export function keyedListPage(keys: Iterable<string>, args: { first: number; afterId?: string | null }): string[] {
  const sorted = [...keys].sort();
  const from = args.afterId == null ? 0 : sorted.indexOf(args.afterId) + 1;
  if (from === 0 && args.afterId != null) throw unknownAfter();
  return sorted.slice(from, from + args.first);
}

/** A child list of many parents, as keysetChildren reads it: `parent` is the SQL of the column naming each row's parent. */
export interface ChildQuery extends KeysetQuery {
  parent: string;
  /** A WITH clause to put before the statement (e.g. the visible parents, materialized). */
  with?: string;
}

/**
 * The first `first` children of each parent (in the key's order), after the
 * cursor `after` when given, for many parents in one statement: what a
 * DataLoader behind a paged nested list field runs. Each child comes with
 * its cursor (the same format as every connection's) to pass back as `after`.
 */
export async function keysetChildren<Row extends object>(
  em: EntityManager,
  query: ChildQuery,
  parentIds: readonly string[],
  args: { first: number; after?: string | null },
): Promise<Map<string, (Row & { cursor: string })[]>> {
  const codec = jsonCursor(query.key);
  const after = args.after != null ? codec.decode(args.after, 'after') : null;
  if (!Number.isInteger(args.first) || args.first < 1) throw new Error(`invalid page size ${args.first}`);
  const byParent = new Map<string, (Row & { cursor: string })[]>(parentIds.map((id) => [id, []]));
  if (parentIds.length === 0) return byParent;
  const p = new Params();
  p.values.push(...query.params.values);
  const bounds = [whereOf(query), `${query.parent} = ANY(${p.add([...parentIds])}::uuid[])`];
  if (after) bounds.push(keyCondition(query.key, after, 'after', p));
  const order = query.key.map((column) => `${column.sql} ${column.desc ? 'DESC' : 'ASC'}`).join(', ');
  const rows = await sql<Record<string, unknown>>(
    em,
    `${query.with ?? ''}
     SELECT * FROM (
       SELECT ${query.select}, ${keyColumns(query.key)}, (${query.parent})::text AS "__parent",
              row_number() OVER (PARTITION BY ${query.parent} ORDER BY ${order}) AS "__n"
         FROM ${query.from} WHERE ${bounds.join(' AND ')}) page
      WHERE "__n" <= ${p.add(args.first)} ORDER BY "__parent", "__n"`,
    p.values,
  );
  for (const row of rows) {
    const { values, plain } = splitKeyedRow(query.key, row);
    byParent.get(String(row.__parent))?.push({ ...(plain as Row), cursor: codec.encode(values) });
  }
  return byParent;
}
