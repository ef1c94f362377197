import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';
import { latestDate, rollUpOrderStatus, scheduleTotal, type ScheduleEntry } from './line-state';
import { inTransitQuantity, isSlipped, lineStatus, type LineQuantities } from './open-quantity';
import type { PurchaseOrderLineStatus } from './purchasing.enums';

/**
 * Writes shared by everything that changes an order's lines (confirmations,
 * receipts, ship notices, closing, reallocations), inside the caller's
 * transaction and after it has locked the order row.
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

/**
 * Saves a line's facts after a change, with everything the open-quantity
 * model derives from them (status, slipped, in transit) kept in step, so
 * lists can filter on them. confirmedQuantity and the latest delivery date
 * are those of the promise as given (lead-time statistics read them).
 * `rejectionReason` is written with a rejection; other changes keep it while
 * the line stays rejected and clear it otherwise.
 */
export async function saveLine(em: EntityManager, lineId: string, after: LineQuantities, rejectionReason: string | null = null): Promise<void> {
  await sql(
    em,
    `UPDATE purchase_order_line SET status = $2, confirmed_quantity = $3, latest_delivery_date = $4, slipped = $5, received_quantity = $6,
            cancelled_quantity = $7, over_delivered_quantity = $8, in_transit_quantity = $9, schedule_taken = $10,
            rejection_reason = CASE WHEN $11::boolean THEN coalesce($12, rejection_reason) END,
            closed_at = CASE WHEN $13::boolean THEN coalesce(closed_at, now()) END
      WHERE id = $1`,
    [
      lineId, lineStatus(after), scheduleTotal(after.schedule), latestDate(after.schedule), isSlipped(after), after.receivedQuantity,
      after.cancelledQuantity, after.overDeliveredQuantity, inTransitQuantity(after), after.scheduleTaken,
      after.rejected, rejectionReason, after.closed,
    ],
  );
}

/**
 * Rolls the order's status up from its lines and bumps its version; returns
 * the new version. A CANCELLED or CLOSED order keeps its status (what still
 * arrives on a closed order is received on it).
 */
export async function bumpOrder(em: EntityManager, orderId: string, currentVersion: number): Promise<number> {
  const lines = await sql<{ status: PurchaseOrderLineStatus; receivedQuantity: number }>(
    em,
    `SELECT status, received_quantity AS "receivedQuantity" FROM purchase_order_line WHERE purchase_order_id = $1`,
    [orderId],
  );
  const version = currentVersion + 1;
  await sql(
    em,
    `UPDATE purchase_order SET status = CASE WHEN status IN ('CANCELLED', 'CLOSED') THEN status ELSE $2 END, version = $3, updated_at = now() WHERE id = $1`,
    [orderId, rollUpOrderStatus(lines), version],
  );
  return version;
}
