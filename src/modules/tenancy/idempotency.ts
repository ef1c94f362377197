import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../shared/errors';
import { sql } from '../../shared/sql';

/** The most characters of an idempotency key (the input fields' bound, KEY in src/shared/bounds.ts, says the same). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** Why a client's idempotency key cannot be used, or null: 1 to 200 characters, not only whitespace. */
export function idempotencyKeyProblem(key: string): string | null {
  return key.trim() === '' || key.length > MAX_IDEMPOTENCY_KEY_LENGTH
    ? `An idempotency key has 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, not only whitespace`
    : null;
}

/**
 * Claims an idempotency key inside the caller's transaction. Returns null when
 * this request is the first (go ahead and apply it), or the id of the first
 * request's result. A concurrent request with the same key waits on the
 * unique index until the first one commits (then gets its result) or rolls
 * back (then applies itself).
 *
 * Every idempotent mutation claims its key here, so this is where a key is
 * validated (BAD_USER_INPUT on input.idempotencyKey, before anything is
 * written): no mutation can take a blank key by forgetting a check.
 */
export async function claimIdempotencyKey(
  em: EntityManager,
  organizationId: string,
  key: string,
  request: { operation: string; input: unknown },
  resultId: string,
): Promise<string | null> {
  const problem = idempotencyKeyProblem(key);
  if (problem) throw badInput('input.idempotencyKey', problem);
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
