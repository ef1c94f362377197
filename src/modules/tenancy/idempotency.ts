import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../shared/errors';
import { sql } from '../../shared/sql';

/**
 * Claims an idempotency key inside the caller's transaction. Returns null when
 * this request is the first (go ahead and apply it), or the id of the first
 * request's result. A concurrent request with the same key waits on the
 * unique index until the first one commits (then gets its result) or rolls
 * back (then applies itself).
 */
export async function claimIdempotencyKey(
  em: EntityManager,
  organizationId: string,
  key: string,
  request: { operation: string; input: unknown },
  resultId: string,
): Promise<string | null> {
  const fingerprint = JSON.stringify(request);
  const claimed = await sql(
    em,
    `INSERT INTO idempotency_key (organization_id, key, fingerprint, result_id, created_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (organization_id, key) DO NOTHING RETURNING key`,
    [organizationId, key, fingerprint, resultId],
  );
  if (claimed.length) return null;
  const [first] = await sql<{ fingerprint: string; result_id: string }>(
    em,
    `SELECT fingerprint, result_id FROM idempotency_key WHERE organization_id = $1 AND key = $2`,
    [organizationId, key],
  );
  if (first.fingerprint !== fingerprint) {
    throw badInput('input.idempotencyKey', 'This idempotencyKey was already used for a different request');
  }
  return first.result_id;
}
