import type { EntityManager } from '@mikro-orm/postgresql';
import { takeCounter } from '../../shared/counters';
import { newId } from '../../shared/ids';
import { sql } from '../../shared/sql';
import type { AlertType } from './alert-type';

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
}

/**
 * Writes alerts in the caller's transaction (the outbox): they exist if and
 * only if their cause commits. Cursors come from each recipient's counter,
 * taken in organization-id order so two transactions never wait on each
 * other's counters in opposite orders.
 */
export async function raiseAlerts(em: EntityManager, alerts: NewAlert[]): Promise<string[]> {
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
    `INSERT INTO alert (id, organization_id, cursor, type, message, purchase_order_id, purchase_order_line_id, item_id, location_id, forecast_version_id, created_at)
     SELECT *, now() FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::uuid[], $9::uuid[], $10::uuid[])`,
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
    ],
  );
  return rows.map((r) => r.id);
}
