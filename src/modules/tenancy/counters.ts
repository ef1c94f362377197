import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';

/**
 * Takes `count` values of a per-organization counter and returns the last.
 * The row stays locked until the transaction ends, so concurrent takers
 * queue and the values become visible in the order they were taken.
 */
export async function takeCounter(em: EntityManager, organizationId: string, name: string, count = 1): Promise<number> {
  const [row] = await sql<{ value: string }>(
    em,
    `INSERT INTO organization_counter (organization_id, name, value) VALUES ($1, $2, $3)
     ON CONFLICT (organization_id, name) DO UPDATE SET value = organization_counter.value + EXCLUDED.value
     RETURNING value`,
    [organizationId, name, count],
  );
  return Number(row.value);
}
