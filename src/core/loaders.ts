import DataLoader from 'dataloader';
import { isUuid } from '../shared/ids';
import { Params, sql } from '../shared/sql';
import type { RequestContext } from './context';
import { TABLE_OF, type VisibleKind } from './scope';

/**
 * Objects of one kind by id, batched into one query per tick, through the
 * kind's visibility rule: an id the caller may not see (another tenant's, or
 * a partner's since suspended) loads as null. `columns` select from alias v.
 */
export function visibleByIdLoader<T extends { id: string }>(ctx: RequestContext, kind: VisibleKind, columns: string): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const p = new Params();
    const candidates = ids.filter(isUuid);
    const rows = candidates.length
      ? await sql<T>(
          ctx.em,
          `SELECT ${columns} FROM ${TABLE_OF[kind]} v WHERE v.id = ANY(${p.add(candidates)}::uuid[]) AND ${ctx.scope.where(kind, 'v', p)}`,
          p.values,
        )
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Rows grouped by a key, in the order the keys were asked for (DataLoader's contract). */
export function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}
