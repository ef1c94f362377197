import DataLoader from 'dataloader';
import { isUuid } from '../shared/ids';
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
}

/**
 * Objects of one kind by id, batched into one query per tick, through the
 * kind's visibility rule: an id the caller may not see (another tenant's, or
 * a partner's since suspended) loads as null.
 */
export function visibleRows<T extends { id: string }>(kind: VisibleKind, columns: Record<keyof T & string, string>): VisibleRows<T> {
  const select = Object.entries<string>(columns).map(([name, column]) => `(${column})::text AS "${name}"`).join(', ');
  const create = (ctx: RequestContext) =>
    new DataLoader<string, T | null>(async (ids) => {
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
      return ids.map((id) => byId.get(id) ?? null);
    });
  return { kind, columns, loader: (ctx) => perRequest(ctx, create) };
}

/**
 * The row of `rows` whose id is `idColumn` (a column of the enclosing
 * statement, not on alias v), as one JSON column holding what the loader
 * would load: null when the caller may not see it. A list selects its nodes'
 * neighbours this way, then primes the loader with them (primeVisible), so
 * the nested field costs no statement of its own and the same rule applies.
 */
export function embedVisible<T extends { id: string }>(ctx: RequestContext, rows: VisibleRows<T>, idColumn: string, p: Params): string {
  const fields = Object.entries<string>(rows.columns).map(([name, column]) => `'${name}', (${column})::text`).join(', ');
  return `(SELECT json_build_object(${fields}) FROM ${TABLE_OF[rows.kind]} v WHERE v.id = ${idColumn} AND ${ctx.scope.where(rows.kind, 'v', p)})`;
}

/** Hands an embedded row (embedVisible; null when not visible) to the request's loader for `id`. */
export function primeVisible<T extends { id: string }>(ctx: RequestContext, rows: VisibleRows<T>, id: string | null | undefined, row: T | null | undefined): void {
  if (id && row !== undefined) rows.loader(ctx).prime(id, row);
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
}

/**
 * The neighbours among `neighbours` (keyed by the node field that holds the
 * id and shows the object, e.g. `supplier`) whose field the client selected:
 * `select` adds them to a list's statement as JSON columns (embedVisible),
 * `take` moves them from a row into the request's loaders and returns the
 * row as it would be without them.
 */
export function embedNeighbours(ctx: RequestContext, p: Params, fields: ReadonlySet<string> | undefined, neighbours: Record<string, Neighbour>) {
  const chosen = Object.entries(neighbours).filter(([field]) => fields?.has(field));
  return {
    select: chosen.map(([field, n]) => `, ${embedVisible(ctx, n.rows, n.idColumn, p)} AS "${field}$"`).join(''),
    take<Row extends object>(row: Row): Row {
      const r = row as Record<string, unknown>;
      for (const [field, n] of chosen) {
        primeVisible(ctx, n.rows, r[field] as string | null, r[`${field}$`] as { id: string } | null);
        delete r[`${field}$`];
      }
      return row;
    },
  };
}
