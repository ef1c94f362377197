import type { EntityManager } from '@mikro-orm/postgresql';
import { takeCounter } from '../../shared/counters';
import { newId } from '../../shared/ids';
import { sql } from '../../shared/sql';
import type { AlertType } from './alert-type';

/** Something that tells every instance, after commit, which organizations have new alerts. */
export interface AlertAnnouncer {
  announce(organizationIds: string[]): void;
}

/** The alerts raised in each open transaction, keyed by the transaction's EntityManager. */
const pending = new WeakMap<EntityManager, NewAlert[]>();

/**
 * Runs fn in one transaction (or inside the caller's, when already in one).
 * The alerts fn raises are written as the transaction's last statements, so
 * the recipients' cursor counters stay locked only for the moment before
 * commit; once it has committed, their organizations are announced.
 * Announcing inside the transaction could wake a reader before the rows are
 * visible (and NOTIFY in a busy transaction takes a global lock at commit).
 */
export async function withOutbox<T>(em: EntityManager, announcer: AlertAnnouncer, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  if (em.isInTransaction() && pending.has(em)) return fn(em);
  let organizations: string[] = [];
  const result = await em.transactional(async (tx) => {
    const raised: NewAlert[] = [];
    pending.set(tx as EntityManager, raised);
    const value = await fn(tx as EntityManager);
    organizations = await writeAlerts(tx as EntityManager, raised);
    return value;
  });
  if (organizations.length) announcer.announce(organizations);
  return result;
}

export interface NewAlert {
  /** The recipient organization. */
  organizationId: string;
  type: AlertType;
  message: string;
  purchaseOrderId?: string | null;
  purchaseOrderLineId?: string | null;
  itemId?: string | null;
  locationId?: string | null;
  forecastVersionId?: string | null;
  reallocationId?: string | null;
}

/**
 * Raises alerts in the caller's transaction (the outbox): they are written
 * when it is about to commit, so they exist if and only if their cause
 * commits.
 */
export function raiseAlerts(em: EntityManager, alerts: NewAlert[]): void {
  const raised = pending.get(em);
  if (!raised) throw new Error('raiseAlerts must run inside withOutbox (or inTransaction), or the alerts are never written');
  raised.push(...alerts);
}

/**
 * Cursors come from each recipient's counter, taken in organization-id order
 * so two transactions never wait on each other's counters in opposite orders.
 * Returns the recipient organizations.
 */
async function writeAlerts(em: EntityManager, alerts: NewAlert[]): Promise<string[]> {
  if (alerts.length === 0) return [];
  const byOrganization = new Map<string, NewAlert[]>();
  for (const alert of alerts) byOrganization.set(alert.organizationId, [...(byOrganization.get(alert.organizationId) ?? []), alert]);
  const rows: (NewAlert & { id: string; cursor: number })[] = [];
  for (const organizationId of [...byOrganization.keys()].sort()) {
    const batch = byOrganization.get(organizationId)!;
    const last = await takeCounter(em, organizationId, 'alert', batch.length);
    batch.forEach((alert, i) => rows.push({ ...alert, id: newId(), cursor: last - batch.length + 1 + i }));
  }
  await sql(
    em,
    `INSERT INTO alert (id, organization_id, cursor, type, message, purchase_order_id, purchase_order_line_id, item_id, location_id,
                        forecast_version_id, reallocation_id, created_at)
     SELECT *, now() FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::uuid[], $9::uuid[], $10::uuid[], $11::uuid[])`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.organizationId),
      rows.map((r) => r.cursor),
      rows.map((r) => r.type),
      rows.map((r) => r.message),
      rows.map((r) => r.purchaseOrderId ?? null),
      rows.map((r) => r.purchaseOrderLineId ?? null),
      rows.map((r) => r.itemId ?? null),
      rows.map((r) => r.locationId ?? null),
      rows.map((r) => r.forecastVersionId ?? null),
      rows.map((r) => r.reallocationId ?? null),
    ],
  );
  return [...byOrganization.keys()];
}
