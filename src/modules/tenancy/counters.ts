import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Params } from '../../shared/sql';

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

/**
 * takeCounter for several organizations in one statement, as SQL for a
 * larger one (a CTE): takes counts[i] values of organizationIds[i]'s counter,
 * in organization-id order (so two takers never wait on each other
 * crosswise), RETURNING organization_id and value (the last value taken).
 */
export function takeCountersSql(p: Params, organizationIds: string[], name: string, counts: number[]): string {
  return `INSERT INTO organization_counter (organization_id, name, value)
     SELECT x.organization_id, ${p.add(name)}, x.n FROM unnest(${p.add(organizationIds)}::uuid[], ${p.add(counts)}::int[]) AS x(organization_id, n)
      ORDER BY x.organization_id
     ON CONFLICT (organization_id, name) DO UPDATE SET value = organization_counter.value + EXCLUDED.value
     RETURNING organization_id, value`;
}
