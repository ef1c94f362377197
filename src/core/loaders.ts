import DataLoader from 'dataloader';
import { isUuid } from '../shared/ids';
import { PAGE_WINDOW } from '../shared/keyset';
import { Params, sql } from '../shared/sql';
import { perRequest, type RequestContext } from './context';
import { TABLE_OF, type VisibleKind } from './scope';

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
   * The row for a nested field: the row itself when the request's loader
   * already holds it (loaded, or primed by a list that embedded it), else the
   * loader's promise. A field answered without a promise lets graphql-js
   * complete its object, and the list around it, without one either (measured:
   * a promise per node and two more per object above it, a fifth of a
   * 100-row list's CPU time in promise bookkeeping and garbage collection).
   */
  show(ctx: RequestContext, id: string): T | null | Promise<T | null>;
  /** Gives the request's loader the row for `id` (null: not visible), unless it holds one already. */
  prime(ctx: RequestContext, id: string, row: T | null): void;
  /** The columns but the id, in the order embedVisible sends them. */
  embeddedColumns: readonly string[];
  /** The row for `id` from what embedVisible sent: the other columns' values in embeddedColumns' order. */
  fromEmbedded(id: string, values: (string | null)[]): T;
}

/**
 * DataLoader's cache (promises by id) that also keeps each row it knows
 * without waiting: the ones the batch function read and the ones primed.
 * A primed row gets its promise only when the loader is asked for it
 * (`get`): a list primes each row it embedded, and most are then shown
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

interface RowsOfRequest<T> {
  loader: DataLoader<string, T | null>;
  known: KnownRows<T | null>;
}

/**
 * Objects of one kind by id, batched into one query per tick, through the
 * kind's visibility rule: an id the caller may not see (another tenant's, or
 * a partner's since suspended) loads as null.
 */
export function visibleRows<T extends { id: string }>(kind: VisibleKind, columns: Record<keyof T & string, string>): VisibleRows<T> {
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
    return { loader, known };
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
    loader: (ctx) => of(ctx).loader,
    show(ctx, id) {
      const { loader, known } = of(ctx);
      const row = known.rows.get(id);
      return row !== undefined ? row : loader.load(id);
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
 * of a row's time in pg's parseRow).
 */
export function embedVisible<T extends { id: string }>(ctx: RequestContext, rows: VisibleRows<T>, idColumn: string, p: Params, joined?: string): string {
  const values = rows.embeddedColumns.map((name) => `(${rows.columns[name as keyof T & string]})::text`).join(', ');
  // A row the statement has joined already (read through row-level security) is taken as it is, not read again.
  const from = joined ? `(SELECT ${joined}.*) v WHERE` : `${TABLE_OF[rows.kind]} v WHERE v.id = ${idColumn} AND`;
  return `(SELECT json_build_array(${values}) FROM ${from} ${ctx.scope.where(rows.kind, 'v', p)})`;
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
 * `take` moves them from a row into the request's loaders and returns the
 * row as it would be without them.
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
 */
export function embedNeighbours(
  ctx: RequestContext,
  p: Params,
  fields: ReadonlySet<string> | undefined,
  neighbours: Record<string, Neighbour>,
  options: { once?: 'statement' } = {},
) {
  const chosen = Object.entries(neighbours).filter(([field]) => fields?.has(field));
  const first = (idColumn: string) =>
    options.once === 'statement'
      ? `row_number() OVER (PARTITION BY ${idColumn}) = 1`
      : `${idColumn} IS DISTINCT FROM lag(${idColumn}) OVER ${PAGE_WINDOW}`;
  return {
    // An earlier row of the statement with the same id already brought it: NULL here. Not visible: false.
    select: chosen
      .map(([field, n]) => `, CASE WHEN ${first(n.idColumn)}
          THEN coalesce(${embedVisible(ctx, n.rows, n.idColumn, p, n.joined)}, 'false'::json) END AS "${field}$"`)
      .join(''),
    take<Row extends object>(row: Row): Row {
      const r = row as Record<string, unknown>;
      for (const [field, n] of chosen) {
        const embedded = r[`${field}$`] as (string | null)[] | false | null;
        const id = r[field] as string | null;
        if (embedded !== null && id) n.rows.prime(ctx, id, embedded === false ? null : n.rows.fromEmbedded(id, embedded));
        // Emptied rather than deleted: a deleted property turns every row object into a slow dictionary.
        r[`${field}$`] = undefined;
      }
      return row;
    },
  };
}
