import DataLoader from 'dataloader';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { NestedSelection } from '../shared/connection';
import { isUuid } from '../shared/ids';
import { PAGE_WINDOW } from '../shared/keyset';
import { Params, sql } from '../shared/sql';
import { perRequest, type RequestContext } from './context';
import { TABLE_OF, type VisibleKind } from './scope';

/** What `show` needs of a nested field's resolve info: the field nodes it resolves (a row kept for them, keepPartial). */
export type FieldOf = Pick<GraphQLResolveInfo, 'fieldNodes'>;

/**
 * How one kind's rows are read by id through its visibility rule: output
 * name -> SQL on alias v. Every column is read as text (the rows hold ids,
 * names, codes, decimals), so a row reads the same whether a loader fetched
 * it or it came as JSON inside another statement (embedVisible).
 */
export interface VisibleRows<T extends { id: string }> {
  kind: VisibleKind;
  columns: Record<keyof T & string, string>;
  /** The request's loader: rows by id, one query per tick; null for an id the caller may not see. */
  loader(ctx: RequestContext): DataLoader<string, T | null>;
  /**
   * The row for a nested field: a row kept for the field's nodes when `info`
   * is given and a list kept one for every node of it (keepPartial); else the
   * row itself when the request's loader already holds it (loaded, or primed
   * by a list that embedded it whole); else the loader's promise, which reads
   * the whole row. A field answered without a promise lets graphql-js
   * complete its object, and the list around it, without one either (measured:
   * a promise per node and two more per object above it, a fifth of a
   * 100-row list's CPU time in promise bookkeeping and garbage collection).
   */
  show(ctx: RequestContext, id: string, info?: FieldOf): T | null | Promise<T | null>;
  /** Gives the request's loader the row for `id` (null: not visible), unless it holds one already. */
  prime(ctx: RequestContext, id: string, row: T | null): void;
  /** The columns but the id, in the order embedVisible sends them. */
  embeddedColumns: readonly string[];
  /** The row for `id` from what embedVisible sent: the other columns' values in embeddedColumns' order. */
  fromEmbedded(id: string, values: (string | null)[]): T;
  /**
   * Takes the row for `id` a statement embedded (embedVisible; false: the
   * caller may not see it): with `only`, its values are those columns'
   * (columnsShowing) and it is kept for `only.nodes` (keepPartial); without,
   * they are embeddedColumns' and the loader is primed with it.
   */
  takeEmbedded(ctx: RequestContext, id: string, values: (string | null)[] | false, only?: { columns: readonly string[]; nodes: readonly FieldNode[] }): void;
  /**
   * The columns but the id that a selection of this kind's GraphQL fields
   * reads, in embeddedColumns' order; undefined when one of the fields is not
   * in the kind's `byField` (its resolver may read any column) or the
   * selection reads them all.
   */
  columnsShowing(fields: ReadonlySet<string>): readonly string[] | undefined;
  /**
   * Keeps a row holding only the columns `nodes`' selection shows
   * (columnsShowing of their fields): `show` gives it to a field resolved at
   * those nodes alone, never to the loader, whose rows answer any selection.
   * `nodes` without repeats.
   */
  keepPartial(ctx: RequestContext, nodes: readonly FieldNode[], id: string, row: T | null): void;
}

/**
 * DataLoader's cache (promises by id) that also keeps each row it knows
 * without waiting: the ones the batch function read and the ones primed.
 * A primed row gets its promise only when the loader is asked for it
 * (`get`): a list primes each row it embedded whole, and most are then shown
 * without the loader (VisibleRows.show), so the promise DataLoader.prime
 * would make for each (100 per 100-risk page, with async_hooks' bookkeeping
 * on every one: the largest single source of a list's promises) is never
 * made. clear() and clearAll() forget rows and promises alike.
 */
class KnownRows<T> implements DataLoader.CacheMap<string, Promise<T>> {
  private readonly promises = new Map<string, Promise<T>>();
  readonly rows = new Map<string, T>();
  get(id: string) {
    let promise = this.promises.get(id);
    if (promise === undefined && this.rows.has(id)) {
      promise = Promise.resolve(this.rows.get(id)!);
      this.promises.set(id, promise);
    }
    return promise;
  }
  set(id: string, promise: Promise<T>) {
    this.promises.set(id, promise);
  }
  delete(id: string) {
    this.rows.delete(id);
    return this.promises.delete(id);
  }
  clear() {
    this.rows.clear();
    this.promises.clear();
  }
  /** Whether the loader holds `id`, as a row or a promise. */
  has(id: string) {
    return this.rows.has(id) || this.promises.has(id);
  }
  /** Records a row the loader's promise for `id` resolves to (kept only while that promise is cached). */
  know(id: string, row: T) {
    if (this.promises.has(id)) this.rows.set(id, row);
  }
  /** Takes a row for `id` as DataLoader.prime would, its promise made when the loader is first asked for it. */
  prime(id: string, row: T) {
    this.rows.set(id, row);
  }
}

/** Rows by id kept for the field nodes of one selection, holding the columns those nodes' fields show. */
interface KeptRows<T> {
  nodes: ReadonlySet<FieldNode>;
  rows: Map<string, T | null>;
}

interface RowsOfRequest<T> {
  loader: DataLoader<string, T | null>;
  known: KnownRows<T | null>;
  /** Rows with only the columns one selection shows, by each field node of that selection (keepPartial). */
  partial: Map<FieldNode, KeptRows<T>>;
}

/**
 * Objects of one kind by id, batched into one query per tick, through the
 * kind's visibility rule: an id the caller may not see (another tenant's, or
 * a partner's since suspended) loads as null.
 */
export function visibleRows<T extends { id: string }>(
  kind: VisibleKind,
  columns: Record<keyof T & string, string>,
  byField: Readonly<Record<string, readonly (keyof T & string)[]>> = {},
): VisibleRows<T> {
  const select = Object.entries<string>(columns).map(([name, column]) => `(${column})::text AS "${name}"`).join(', ');
  const create = (ctx: RequestContext): RowsOfRequest<T> => {
    const known = new KnownRows<T | null>();
    const loader = new DataLoader<string, T | null>(async (ids) => {
      const p = new Params();
      const candidates = ids.filter(isUuid);
      const rows = candidates.length
        ? await sql<T>(
            ctx.em,
            `SELECT ${select} FROM ${TABLE_OF[kind]} v WHERE v.id = ANY(${p.add(candidates)}::uuid[]) AND ${ctx.scope.where(kind, 'v', p)}`,
            p.values,
          )
        : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      const found = ids.map((id) => byId.get(id) ?? null);
      ids.forEach((id, i) => known.know(id, found[i]));
      return found;
    }, { cacheMap: known });
    return { loader, known, partial: new Map() };
  };
  const of = (ctx: RequestContext) => perRequest(ctx, create);
  const names = Object.keys(columns) as (keyof T & string)[];
  const embeddedColumns = names.filter((name) => name !== 'id');
  return {
    kind,
    columns,
    embeddedColumns,
    fromEmbedded(id, values) {
      // The keys in the order a loaded row has them (the columns'), so both kinds of row share one shape.
      const row: Record<string, unknown> = {};
      let next = 0;
      for (const name of names) row[name] = name === 'id' ? id : values[next++];
      return row as T;
    },
    takeEmbedded(ctx, id, values, only) {
      if (only) this.keepPartial(ctx, only.nodes, id, values === false ? null : partialRow<T>(id, only.columns, values));
      else this.prime(ctx, id, values === false ? null : this.fromEmbedded(id, values));
    },
    loader: (ctx) => of(ctx).loader,
    show(ctx, id, info) {
      const { loader, known, partial } = of(ctx);
      if (info && partial.size) {
        // Only for a field whose every node was among those the row was kept for (a node reused by a fragment may
        // be merged elsewhere with one that shows more).
        const kept = partial.get(info.fieldNodes[0]);
        if (kept && (info.fieldNodes.length === 1 || info.fieldNodes.every((node) => kept.nodes.has(node)))) {
          const row = kept.rows.get(id);
          if (row !== undefined) return row;
        }
      }
      const row = known.rows.get(id);
      return row !== undefined ? row : loader.load(id);
    },
    columnsShowing(fields) {
      const wanted = new Set<string>();
      for (const field of fields) {
        const read = byField[field];
        if (!read) return undefined;
        for (const column of read) wanted.add(column);
      }
      const chosen = embeddedColumns.filter((name) => wanted.has(name));
      return chosen.length < embeddedColumns.length ? chosen : undefined;
    },
    keepPartial(ctx, nodes, id, row) {
      const { partial } = of(ctx);
      let kept = partial.get(nodes[0]);
      if (!kept || kept.nodes.size !== nodes.length || !nodes.every((node) => kept!.nodes.has(node))) {
        kept = { nodes: new Set(nodes), rows: new Map() };
        for (const node of nodes) partial.set(node, kept);
      }
      kept.rows.set(id, row);
    },
    prime(ctx, id, row) {
      const { known } = of(ctx);
      if (!known.has(id)) known.prime(id, row);
    },
  };
}

/**
 * The row of `rows` whose id is `idColumn` (a column of the enclosing
 * statement, not on alias v), as one JSON column holding what the loader
 * would load but the id, as an array in `embeddedColumns` order
 * (`fromEmbedded` makes the row): null when the caller may not see it. A
 * list selects its nodes' neighbours this way, then primes the loader with
 * them (embedNeighbours' take), so the nested field costs no statement of
 * its own and the same rule applies. An array, not an object: no key names
 * sent and parsed for each row, nor the id the statement has already (a
 * risk's item: about 70 bytes of JSON instead of 170; parsing it was most
 * of a row's time in pg's parseRow). `only`: just these columns, in
 * embeddedColumns' order (a row for one selection, VisibleRows.keepPartial).
 */
export function embedVisible<T extends { id: string }>(
  ctx: RequestContext,
  rows: VisibleRows<T>,
  idColumn: string,
  p: Params,
  joined?: string,
  only: readonly string[] = rows.embeddedColumns,
): string {
  // A row the statement has joined already (read through row-level security) is taken as it is, not read again.
  const on = joined && plainColumnsOn(rows, only, joined);
  if (on) return `(CASE WHEN ${ctx.scope.where(rows.kind, joined!, p)} THEN json_build_array(${on.map((c) => `(${c})::text`).join(', ')}) END)`;
  const values = only.map((name) => `(${rows.columns[name as keyof T & string]})::text`).join(', ');
  const from = joined ? `(SELECT ${joined}.*) v WHERE` : `${TABLE_OF[rows.kind]} v WHERE v.id = ${idColumn} AND`;
  return `(SELECT json_build_array(${values}) FROM ${from} ${ctx.scope.where(rows.kind, 'v', p)})`;
}

/**
 * `only`'s columns read on alias `joined` instead of v, when each is a plain
 * column of v (`v.sku`; not an expression such as a location's time zone
 * sub-select); else undefined. A joined row's values and its rule then go in
 * a CASE on the joined alias instead of a sub-select over `(SELECT
 * joined.*) v`: the same values and the same NULL when the rule does not
 * hold (or the join found no row), without a sub-plan per row (pgbench of
 * (b)'s statement as shortstop_app: 0.41 ms against 0.44; under load, by
 * pg_stat_statements, 0.34 to 0.37 against 0.38 to 0.40).
 */
function plainColumnsOn<T extends { id: string }>(rows: VisibleRows<T>, only: readonly string[], joined: string): string[] | undefined {
  const on: string[] = [];
  for (const name of only) {
    const plain = /^v\.([a-z_][a-z0-9_]*)$/.exec(rows.columns[name as keyof T & string]);
    if (!plain) return undefined;
    on.push(`${joined}.${plain[1]}`);
  }
  return on;
}

/**
 * embedVisible for a row the statement has joined already (alias `joined`,
 * read through row-level security), as text[] elements to append to a text
 * array: '1' then `only`'s values (as text) when the caller may see it
 * through its kind's rule, else '0' then as many NULLs. For a statement that
 * builds its rows as text arrays (embedLines): ARRAY(SELECT ARRAY[...])
 * costs PostgreSQL less than json_agg(json_build_array(...)) per row.
 * `visibleValues` reads the elements back.
 */
export function embedVisibleElements<T extends { id: string }>(
  ctx: RequestContext,
  rows: VisibleRows<T>,
  p: Params,
  joined: string,
  only: readonly string[] = rows.embeddedColumns,
): string {
  const hidden = only.map(() => ', NULL').join('');
  const on = plainColumnsOn(rows, only, joined);
  if (on) {
    return `CASE WHEN ${ctx.scope.where(rows.kind, joined, p)} THEN ARRAY['1'${on.map((c) => `, (${c})::text`).join('')}] ELSE ARRAY['0'${hidden}]::text[] END`;
  }
  const values = only.map((name) => `, (${rows.columns[name as keyof T & string]})::text`).join('');
  return `coalesce((SELECT ARRAY['1'${values}] FROM (SELECT ${joined}.*) v WHERE ${ctx.scope.where(rows.kind, 'v', p)}), ARRAY['0'${hidden}]::text[])`;
}

/** What embedVisibleElements put in `elements` from index `at`: the values, or false when the caller may not see the row. */
export function visibleValues(elements: readonly (string | null)[], at: number): (string | null)[] | false {
  return elements[at] === '1' ? elements.slice(at + 1) : false;
}

/** Rows grouped by a key, in the order the keys were asked for (DataLoader's contract). */
export function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}

/** A neighbour a list can read in its own statement: the node field holding its id, and the id's column there. */
export interface Neighbour {
  rows: VisibleRows<{ id: string }>;
  idColumn: string;
  /**
   * The alias of the neighbour's table when the statement joins it already (on idColumn, as the app role, so under
   * row-level security): its row is embedded from there, through the kind's rule, instead of read again.
   */
  joined?: string;
}

/**
 * The neighbours among `neighbours` (keyed by the node field that holds the
 * id and shows the object, e.g. `supplier`) whose field the client selected:
 * `select` adds them to a list's statement as JSON columns (embedVisible),
 * `take` moves them from a row into the request's loaders (or keeps them
 * for their field, below) and returns the row as it would be without them.
 *
 * The statement must define PAGE_WINDOW in its order (keysetPage does): a
 * neighbour is embedded only where its id differs from the row before's, so
 * 100 orders of one supplier read and parse the supplier once, not 100 times
 * (side by side, (a) and (c): +26% requests per second). A repeat comes
 * as NULL and primes nothing (its first row did); a neighbour the caller may
 * not see comes as false.
 *
 * `once: 'statement'`, for a statement without a LIMIT (every line of some
 * orders): each id is embedded once in the whole statement, in one of its
 * rows (row_number() over the rows with that id; which one does not matter:
 * `take` primes by id), so 20 orders' 200 lines over 100 items read and
 * parse 100 items, not 200. Not for a page: a window partitioned by the id
 * is computed over every row before the LIMIT, where lag() stops with the
 * page.
 *
 * `nested` (PageArgs.nested): the selection under each neighbour's field.
 * When every field of it reads known columns (the kind's `byField`), the
 * neighbour is embedded with those columns alone and kept for that field
 * (VisibleRows.keepPartial) instead of primed into the loader: a risk's
 * `item { sku name }` sends two values, not five, and a location's
 * `code` skips the organization's time zone sub-select (an interleaved A/B
 * of the side-by-side queries on the 2-core machine: (b) +11% and (c) +16%
 * requests per second).
 */
export function embedNeighbours(
  ctx: RequestContext,
  p: Params,
  fields: ReadonlySet<string> | undefined,
  neighbours: Record<string, Neighbour>,
  options: { once?: 'statement'; nested?: (field: string) => NestedSelection } = {},
) {
  const first = (idColumn: string) =>
    options.once === 'statement'
      ? `row_number() OVER (PARTITION BY ${idColumn}) = 1`
      : `${idColumn} IS DISTINCT FROM lag(${idColumn}) OVER ${PAGE_WINDOW}`;
  const chosen = Object.entries(neighbours)
    .filter(([field]) => fields?.has(field))
    .map(([field, n]) => {
      // Only the columns the neighbour's own selection shows, when every field of it is known to read just those.
      const nested = options.nested?.(field);
      const only = nested && nested.nodes.length ? n.rows.columnsShowing(nested.fields) : undefined;
      return { field, n, only, kept: only && { columns: only, nodes: nested!.nodes } };
    });
  return {
    // An earlier row of the statement with the same id already brought it: NULL here. Not visible: false.
    select: chosen
      .map(({ field, n, only }) => `, CASE WHEN ${first(n.idColumn)}
          THEN coalesce(${embedVisible(ctx, n.rows, n.idColumn, p, n.joined, only)}, 'false'::json) END AS "${field}$"`)
      .join(''),
    take<Row extends object>(row: Row): Row {
      const r = row as Record<string, unknown>;
      for (const { field, n, kept } of chosen) {
        const embedded = r[`${field}$`] as (string | null)[] | false | null;
        const id = r[field] as string | null;
        if (embedded !== null && id) n.rows.takeEmbedded(ctx, id, embedded, kept);
        // Emptied rather than deleted: a deleted property turns every row object into a slow dictionary.
        r[`${field}$`] = undefined;
      }
      return row;
    },
  };
}

/** A row of `columns` (and the id) from their values in that order. */
function partialRow<T extends { id: string }>(id: string, columns: readonly string[], values: (string | null)[]): T {
  const row: Record<string, unknown> = { id };
  columns.forEach((name, i) => (row[name] = values[i]));
  return row as T;
}
