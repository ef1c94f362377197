import type { Caller } from '../../core/context';
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../../shared/ids';
import { sql } from '../../shared/sql';

export interface Change {
  purchaseOrderId: string;
  lineId?: string | null;
  action: string;
  details: string;
  /** The order's version after the change. */
  version: number;
}

/** Appends audit records in the caller's transaction: who (user or API key), when, what. */
export async function recordChanges(em: EntityManager, caller: Caller, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  await sql(
    em,
    `INSERT INTO change_record (id, purchase_order_id, line_id, actor_type, actor_id, actor, action, details, version, at)
     SELECT x.id, x.po, x.line, $1, $2, $3, x.action, x.details, x.version, clock_timestamp()
       FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::int[]) AS x(id, po, line, action, details, version)`,
    [
      caller.type,
      caller.id,
      caller.actor,
      changes.map(() => newId()),
      changes.map((c) => c.purchaseOrderId),
      changes.map((c) => c.lineId ?? null),
      changes.map((c) => c.action),
      changes.map((c) => c.details),
      changes.map((c) => c.version),
    ],
  );
}
