import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';

/**
 * Batches lookups by primary key into one `WHERE id IN (...)` per tick.
 * Callers reach these only for ids they were already allowed to see (a parent
 * object's reference), so no tenancy filter here.
 */
export function byIdLoader<T extends { id: string }>(em: EntityManager, entity: EntityName<T>): DataLoader<string, T> {
  return new DataLoader<string, T>(async (ids) => {
    const rows = (await em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? new Error(`${String(entity)} ${id} not found`));
  });
}
