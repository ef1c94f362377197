import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../../core/caller';
import { newId } from '../../shared/ids';
import { Params, sql } from '../../shared/sql';
import { changeRecordInsert, type Change } from './audit';
import { latestDate, rollUpOrderStatus, scheduleTotal, type ScheduleEntry } from './line-state';
import { inTransitQuantity, isSlipped, lineStatus, type LineQuantities } from './open-quantity';
import type { PurchaseOrderLineStatus } from './purchasing.enums';

/**
 * Writes shared by everything that changes an order's lines (confirmations,
 * receipts, ship notices, closing, reallocations), inside the caller's
 * transaction and after it has locked the order rows. Each is one statement
 * (two for schedules) whatever the number of lines: a batch of 10,000
 * confirmations writes as a single one does.
 */

/** Replaces a line's confirmed schedule. */
export function replaceSchedule(em: EntityManager, lineId: string, schedule: ScheduleEntry[]): Promise<void> {
  return replaceSchedules(em, [{ lineId, schedule }]);
}

/** Replaces the confirmed schedules of many lines. */
export async function replaceSchedules(em: EntityManager, lines: { lineId: string; schedule: ScheduleEntry[] }[]): Promise<void> {
  if (lines.length === 0) return;
  await sql(em, `DELETE FROM schedule_line WHERE line_id = ANY($1::uuid[])`, [lines.map((l) => l.lineId)]);
  const rows = lines.flatMap((l) => l.schedule.map((s) => ({ lineId: l.lineId, ...s })));
  if (rows.length === 0) return;
  await sql(em, `INSERT INTO schedule_line (line_id, delivery_date, quantity) SELECT * FROM unnest($1::uuid[], $2::date[], $3::int[])`, [
    rows.map((r) => r.lineId),
    rows.map((r) => r.deliveryDate),
    rows.map((r) => r.quantity),
  ]);
}

/** A line's facts after a change, and the rejection reason that goes with a rejection. */
export interface LineWrite {
  lineId: string;
  after: LineQuantities;
  rejectionReason?: string | null;
}

/**
 * Saves a line's facts after a change, with everything the open-quantity
 * model derives from them (status, slipped, in transit) kept in step, so
 * lists can filter on them. confirmedQuantity and the latest delivery date
 * are those of the promise as given (lead-time statistics read them).
 * `rejectionReason` is written with a rejection; other changes keep it while
 * the line stays rejected and clear it otherwise.
 */
export function saveLine(em: EntityManager, lineId: string, after: LineQuantities, rejectionReason: string | null = null): Promise<void> {
  return saveLines(em, [{ lineId, after, rejectionReason }]);
}

/** saveLine for many lines, in one statement. */
export async function saveLines(em: EntityManager, lines: LineWrite[]): Promise<void> {
  if (lines.length === 0) return;
  await sql(
    em,
    `UPDATE purchase_order_line l SET status = x.status, confirmed_quantity = x.confirmed, latest_delivery_date = x.latest, slipped = x.slipped,
            received_quantity = x.received, cancelled_quantity = x.cancelled, over_delivered_quantity = x.over, in_transit_quantity = x.transit,
            schedule_taken = x.taken,
            rejection_reason = CASE WHEN x.rejected THEN coalesce(x.reason, l.rejection_reason) END,
            closed_at = CASE WHEN x.closed THEN coalesce(l.closed_at, now()) END
       FROM unnest($1::uuid[], $2::text[], $3::int[], $4::date[], $5::boolean[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[],
                   $11::boolean[], $12::text[], $13::boolean[])
            AS x(id, status, confirmed, latest, slipped, received, cancelled, over, transit, taken, rejected, reason, closed)
      WHERE l.id = x.id`,
    [
      lines.map((l) => l.lineId),
      lines.map((l) => lineStatus(l.after)),
      lines.map((l) => scheduleTotal(l.after.schedule)),
      lines.map((l) => latestDate(l.after.schedule)),
      lines.map((l) => isSlipped(l.after)),
      lines.map((l) => l.after.receivedQuantity),
      lines.map((l) => l.after.cancelledQuantity),
      lines.map((l) => l.after.overDeliveredQuantity),
      lines.map((l) => inTransitQuantity(l.after)),
      lines.map((l) => l.after.scheduleTaken),
      lines.map((l) => l.after.rejected),
      lines.map((l) => l.rejectionReason ?? null),
      lines.map((l) => l.after.closed),
    ],
  );
}

/**
 * Rolls the order's status up from its lines and bumps its version; returns
 * the new version. A CANCELLED or CLOSED order keeps its status (what still
 * arrives on a closed order is received on it).
 */
export async function bumpOrder(em: EntityManager, orderId: string, currentVersion: number): Promise<number> {
  const [version] = await bumpOrders(em, [{ orderId, currentVersion, changes: 1 }]);
  return version;
}

/**
 * bumpOrder for many orders, each by its number of changes (its version
 * moves as if they were made one by one); returns the new versions in the
 * given order. Two statements whatever the number of orders.
 */
export async function bumpOrders(em: EntityManager, orders: { orderId: string; currentVersion: number; changes: number }[]): Promise<number[]> {
  if (orders.length === 0) return [];
  const lines = await sql<{ order: string; status: PurchaseOrderLineStatus; receivedQuantity: number }>(
    em,
    `SELECT purchase_order_id AS "order", status, received_quantity AS "receivedQuantity" FROM purchase_order_line WHERE purchase_order_id = ANY($1::uuid[])`,
    [orders.map((o) => o.orderId)],
  );
  const linesOf = new Map<string, { status: PurchaseOrderLineStatus; receivedQuantity: number }[]>();
  for (const line of lines) {
    const list = linesOf.get(line.order);
    if (list) list.push(line);
    else linesOf.set(line.order, [line]);
  }
  const versions = orders.map((o) => o.currentVersion + o.changes);
  await sql(
    em,
    `UPDATE purchase_order po SET status = CASE WHEN po.status IN ('CANCELLED', 'CLOSED') THEN po.status ELSE x.status END, version = x.version, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::int[]) AS x(id, status, version)
      WHERE po.id = x.id`,
    [orders.map((o) => o.orderId), orders.map((o) => rollUpOrderStatus(linesOf.get(o.orderId) ?? [])), versions],
  );
  return versions;
}

/** A promise (or rejection) appended to a line's history, with the sequence number it gets (the line's count so far + 1). */
export interface PromiseWrite {
  lineId: string;
  sequence: number;
  kind: 'CONFIRMED' | 'REJECTED';
  schedule: ScheduleEntry[];
  reason: string | null;
}

/** An order's state after a change: its status rolled up from its lines (rollUpOrderStatus) and its new version. */
export interface OrderWrite {
  orderId: string;
  status: string;
  version: number;
}

/**
 * Every write of a change to lines, in one statement (data-modifying CTEs,
 * each on its own table): schedules replaced (the old rows deleted first, then the
 * new ones inserted), lines saved as saveLines does, promises appended, orders'
 * status and version set as bumpOrders does (a CANCELLED or CLOSED order
 * keeps its status), and the history appended as recordChanges does. The
 * caller has locked the orders and computed every value, so nothing here
 * depends on another part's result.
 */
export async function writeLineChanges(
  em: EntityManager,
  caller: Caller,
  changes: { schedules: { lineId: string; schedule: ScheduleEntry[] }[]; lines: LineWrite[]; promises: PromiseWrite[]; orders: OrderWrite[]; history: Change[] },
): Promise<void> {
  const p = new Params();
  const parts: string[] = [];
  if (changes.schedules.length) {
    const rows = changes.schedules.flatMap((l) => l.schedule.map((s) => ({ lineId: l.lineId, ...s })));
    // The old rows go first: the INSERT's scalar sub-select reads the DELETE to its end before the first new row (a
    // date kept with a new quantity is deleted and inserted again; rows the statement deleted no longer clash).
    parts.push(`gone AS (DELETE FROM schedule_line s WHERE s.line_id = ANY(${p.add(changes.schedules.map((l) => l.lineId))}::uuid[]) RETURNING 1)`);
    parts.push(`put AS (INSERT INTO schedule_line (line_id, delivery_date, quantity)
                SELECT * FROM unnest(${p.add(rows.map((r) => r.lineId))}::uuid[], ${p.add(rows.map((r) => r.deliveryDate))}::date[], ${p.add(rows.map((r) => r.quantity))}::int[])
                 WHERE (SELECT count(*) FROM gone) >= 0)`);
  }
  if (changes.lines.length) {
    const l = changes.lines;
    parts.push(`saved AS (UPDATE purchase_order_line l SET status = x.status, confirmed_quantity = x.confirmed, latest_delivery_date = x.latest,
                  slipped = x.slipped, received_quantity = x.received, cancelled_quantity = x.cancelled, over_delivered_quantity = x.over,
                  in_transit_quantity = x.transit, schedule_taken = x.taken,
                  rejection_reason = CASE WHEN x.rejected THEN coalesce(x.reason, l.rejection_reason) END,
                  closed_at = CASE WHEN x.closed THEN coalesce(l.closed_at, now()) END
                FROM unnest(${p.add(l.map((w) => w.lineId))}::uuid[], ${p.add(l.map((w) => lineStatus(w.after)))}::text[],
                            ${p.add(l.map((w) => scheduleTotal(w.after.schedule)))}::int[], ${p.add(l.map((w) => latestDate(w.after.schedule)))}::date[],
                            ${p.add(l.map((w) => isSlipped(w.after)))}::boolean[], ${p.add(l.map((w) => w.after.receivedQuantity))}::int[],
                            ${p.add(l.map((w) => w.after.cancelledQuantity))}::int[], ${p.add(l.map((w) => w.after.overDeliveredQuantity))}::int[],
                            ${p.add(l.map((w) => inTransitQuantity(w.after)))}::int[], ${p.add(l.map((w) => w.after.scheduleTaken))}::int[],
                            ${p.add(l.map((w) => w.after.rejected))}::boolean[], ${p.add(l.map((w) => w.rejectionReason ?? null))}::text[],
                            ${p.add(l.map((w) => w.after.closed))}::boolean[])
                     AS x(id, status, confirmed, latest, slipped, received, cancelled, over, transit, taken, rejected, reason, closed)
               WHERE l.id = x.id)`);
  }
  if (changes.promises.length) {
    const c = changes.promises;
    parts.push(`promised AS (INSERT INTO confirmation (id, line_id, sequence, kind, schedule, reason, actor, created_at)
                  SELECT x.id, x.line, x.sequence, x.kind, x.schedule::jsonb, x.reason, ${p.add(caller.actor)}, now()
                    FROM unnest(${p.add(c.map(() => newId()))}::uuid[], ${p.add(c.map((w) => w.lineId))}::uuid[], ${p.add(c.map((w) => w.sequence))}::int[],
                                ${p.add(c.map((w) => w.kind))}::text[], ${p.add(c.map((w) => JSON.stringify(w.schedule)))}::text[],
                                ${p.add(c.map((w) => w.reason))}::text[]) AS x(id, line, sequence, kind, schedule, reason))`);
  }
  if (changes.orders.length) {
    const o = changes.orders;
    parts.push(`bumped AS (UPDATE purchase_order po SET status = CASE WHEN po.status IN ('CANCELLED', 'CLOSED') THEN po.status ELSE x.status END,
                  version = x.version, updated_at = now()
                  FROM unnest(${p.add(o.map((w) => w.orderId))}::uuid[], ${p.add(o.map((w) => w.status))}::text[], ${p.add(o.map((w) => w.version))}::int[])
                       AS x(id, status, version)
                 WHERE po.id = x.id)`);
  }
  if (changes.history.length) parts.push(`history AS (${changeRecordInsert(caller, changes.history, p)})`);
  if (parts.length === 0) return;
  await sql(em, `WITH ${parts.join(',\n')} SELECT 1`, p.values);
}
