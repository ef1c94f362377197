import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';
import { rollUpOrderStatus, type ScheduleEntry } from './line-state';
import type { PurchaseOrderLineStatus } from './purchasing.enums';

/**
 * Writes shared by everything that changes an order's lines (confirmations,
 * receipts, reallocations), inside the caller's transaction and after it has
 * locked the order row.
 */

/** Replaces a line's confirmed schedule. */
export async function replaceSchedule(em: EntityManager, lineId: string, schedule: ScheduleEntry[]): Promise<void> {
  await sql(em, `DELETE FROM schedule_line WHERE line_id = $1`, [lineId]);
  if (schedule.length === 0) return;
  await sql(em, `INSERT INTO schedule_line (line_id, delivery_date, quantity) SELECT $1, * FROM unnest($2::date[], $3::int[])`, [
    lineId,
    schedule.map((s) => s.deliveryDate),
    schedule.map((s) => s.quantity),
  ]);
}

/** Rolls the order's status up from its lines and bumps its version; returns the new version. */
export async function bumpOrder(em: EntityManager, orderId: string, currentVersion: number): Promise<number> {
  const lines = await sql<{ status: PurchaseOrderLineStatus; receivedQuantity: number }>(
    em,
    `SELECT status, received_quantity AS "receivedQuantity" FROM purchase_order_line WHERE purchase_order_id = $1`,
    [orderId],
  );
  const version = currentVersion + 1;
  await sql(em, `UPDATE purchase_order SET status = $2, version = $3, updated_at = now() WHERE id = $1`, [orderId, rollUpOrderStatus(lines), version]);
  return version;
}
