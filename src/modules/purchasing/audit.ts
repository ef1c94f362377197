import type { Caller } from '../../core/context';
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../../shared/ids';
import { Params, sql } from '../../shared/sql';

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
  const p = new Params();
  await sql(em, changeRecordInsert(caller, changes, p), p.values);
}

/** The INSERT of recordChanges, its values added to p (writeLineChanges runs it inside a larger statement). */
export function changeRecordInsert(caller: Caller, changes: Change[], p: Params): string {
  return `INSERT INTO change_record (id, purchase_order_id, line_id, actor_type, actor_id, actor, action, details, version, at)
     SELECT x.id, x.po, x.line, ${p.add(caller.type)}, ${p.add(caller.id)}, ${p.add(caller.actor)}, x.action, x.details, x.version, clock_timestamp()
       FROM unnest(${p.add(changes.map(() => newId()))}::uuid[], ${p.add(changes.map((c) => c.purchaseOrderId))}::uuid[],
                   ${p.add(changes.map((c) => c.lineId ?? null))}::uuid[], ${p.add(changes.map((c) => c.action))}::text[],
                   ${p.add(changes.map((c) => c.details))}::text[], ${p.add(changes.map((c) => c.version))}::int[]) AS x(id, po, line, action, details, version)`;
}
