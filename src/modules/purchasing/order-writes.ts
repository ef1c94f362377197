import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../../core/caller';
import { newId } from '../../shared/ids';
import { Params, sql, write } from '../../shared/sql';
import { changeRecordInsert, type Change } from './audit';
import { latestDate, rollUpOrderStatus, scheduleTotal } from './line-state';
import { inTransitQuantity, isSlipped, lineStatus, type LineQuantities, type ScheduleEntry } from '../open-orders/open-quantity';
import type { PurchaseOrderLineStatus } from '../open-orders/line-status';

/**
 * Writes shared by everything that changes an order's lines (confirmations,
 * receipts, ship notices, closing, reallocations), inside the caller's
 * transaction and after it has locked the order rows. Every one is
 * writeLineChanges: one statement whatever the number of lines, so a batch
 * of 10,000 confirmations writes as a single one does.
 */

/** A line's facts after a change, and the rejection reason that goes with a rejection. */
export interface LineWrite {
  lineId: string;
  after: LineQuantities;
  rejectionReason?: string | null;
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

/** What one change to lines writes; every part may be left out. `by` is whom promises and history name. */
export interface LineChanges {
  by?: Caller;
  schedules?: { lineId: string; schedule: ScheduleEntry[] }[];
  lines?: LineWrite[];
  promises?: PromiseWrite[];
  orders?: OrderWrite[];
  history?: Change[];
}

/**
 * A promise as the line's `schedule` column holds it: what schedule_line
 * holds for it, by delivery date (the order LINE_STATE_COLUMNS reads it in).
 */
function scheduleJson(schedule: readonly ScheduleEntry[]): string {
  const byDate = [...schedule].sort((a, b) => (a.deliveryDate < b.deliveryDate ? -1 : a.deliveryDate > b.deliveryDate ? 1 : 0));
  return JSON.stringify(byDate.map((s) => ({ quantity: s.quantity, deliveryDate: s.deliveryDate })));
}

/** Replaces a line's confirmed schedule. */
export function replaceSchedule(em: EntityManager, lineId: string, schedule: ScheduleEntry[]): Promise<void> {
  return writeLineChanges(em, { schedules: [{ lineId, schedule }] });
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
  return writeLineChanges(em, { lines: [{ lineId, after, rejectionReason }] });
}

/**
 * Rolls the order's status up from its lines and bumps its version; returns
 * the new version. A DRAFT keeps its status (a buyer's change to a draft's
 * line does not send it: only issuePurchaseOrder does), and so does a
 * CANCELLED or CLOSED order (what still arrives on a closed order is
 * received on it).
 */
export async function bumpOrder(em: EntityManager, orderId: string, currentVersion: number): Promise<number> {
  const lines = await sql<{ status: PurchaseOrderLineStatus; receivedQuantity: number }>(
    em,
    `SELECT status, received_quantity AS "receivedQuantity" FROM purchase_order_line WHERE purchase_order_id = $1`,
    [orderId],
  );
  const version = currentVersion + 1;
  await writeLineChanges(em, { orders: [{ orderId, status: rollUpOrderStatus(lines), version }] });
  return version;
}

/**
 * Every write of a change to lines, in one statement (data-modifying CTEs,
 * each on its own table): schedules replaced (the old rows deleted first, then
 * the new ones inserted), lines saved (see saveLine), promises appended,
 * orders' status and version set (see bumpOrder; the caller computed the
 * roll-up from the lines as they will be), and the history appended as
 * recordChanges does. The caller has locked the orders and computed every
 * value, so no part depends on another's result.
 */
export async function writeLineChanges(em: EntityManager, changes: LineChanges): Promise<void> {
  const p = new Params();
  const parts: string[] = [];
  const by = () => {
    if (!changes.by) throw new Error('writeLineChanges: promises and history need `by`');
    return changes.by;
  };
  if (changes.schedules?.length) {
    const rows = changes.schedules.flatMap((l) => l.schedule.map((s) => ({ lineId: l.lineId, ...s })));
    // The old rows go first: the INSERT's scalar sub-select reads the DELETE to its end before the first new row (a
    // date kept with a new quantity is deleted and inserted again; rows the statement deleted no longer clash).
    parts.push(`gone AS (DELETE FROM schedule_line s WHERE s.line_id = ANY(${p.add(changes.schedules.map((l) => l.lineId))}::uuid[]) RETURNING 1)`);
    if (rows.length) {
      parts.push(`put AS (INSERT INTO schedule_line (line_id, delivery_date, quantity)
                  SELECT * FROM unnest(${p.add(rows.map((r) => r.lineId))}::uuid[], ${p.add(rows.map((r) => r.deliveryDate))}::date[], ${p.add(rows.map((r) => r.quantity))}::int[])
                   WHERE (SELECT count(*) FROM gone) >= 0)`);
    }
    // The line's copy of its promise (its `schedule` column) changes with the rows: below with the line's other facts
    // when the line is saved too (from the same promise, or this is a programming error), here otherwise.
    const saved = new Map((changes.lines ?? []).map((w) => [w.lineId, scheduleJson(w.after.schedule)]));
    const copies = changes.schedules.filter((l) => {
      const withLine = saved.get(l.lineId);
      if (withLine !== undefined && withLine !== scheduleJson(l.schedule)) throw new Error(`writeLineChanges: line ${l.lineId} saved with a promise other than its schedule's`);
      return withLine === undefined;
    });
    if (copies.length) {
      parts.push(`copied AS (UPDATE purchase_order_line l SET schedule = x.schedule::jsonb
                   FROM unnest(${p.add(copies.map((c) => c.lineId))}::uuid[], ${p.add(copies.map((c) => scheduleJson(c.schedule)))}::text[]) AS x(id, schedule)
                  WHERE l.id = x.id)`);
    }
  }
  if (changes.lines?.length) {
    const l = changes.lines;
    parts.push(`saved AS (UPDATE purchase_order_line l SET status = x.status, confirmed_quantity = x.confirmed, latest_delivery_date = x.latest,
                  slipped = x.slipped, received_quantity = x.received, cancelled_quantity = x.cancelled, over_delivered_quantity = x.over,
                  in_transit_quantity = x.transit, schedule_taken = x.taken,
                  rejection_reason = CASE WHEN x.rejected THEN coalesce(x.reason, l.rejection_reason) END,
                  closed_at = CASE WHEN x.closed THEN coalesce(l.closed_at, now()) END,
                  quantity = x.quantity, requested_date = x.requested, acknowledgement_required = x.ack, schedule = x.schedule::jsonb
                FROM unnest(${p.add(l.map((w) => w.lineId))}::uuid[], ${p.add(l.map((w) => lineStatus(w.after)))}::text[],
                            ${p.add(l.map((w) => scheduleTotal(w.after.schedule)))}::int[], ${p.add(l.map((w) => latestDate(w.after.schedule)))}::date[],
                            ${p.add(l.map((w) => isSlipped(w.after)))}::boolean[], ${p.add(l.map((w) => w.after.receivedQuantity))}::int[],
                            ${p.add(l.map((w) => w.after.cancelledQuantity))}::int[], ${p.add(l.map((w) => w.after.overDeliveredQuantity))}::int[],
                            ${p.add(l.map((w) => inTransitQuantity(w.after)))}::int[], ${p.add(l.map((w) => w.after.scheduleTaken))}::int[],
                            ${p.add(l.map((w) => w.after.rejected))}::boolean[], ${p.add(l.map((w) => w.rejectionReason ?? null))}::text[],
                            ${p.add(l.map((w) => w.after.closed))}::boolean[], ${p.add(l.map((w) => w.after.quantity))}::int[],
                            ${p.add(l.map((w) => w.after.requestedDate))}::date[], ${p.add(l.map((w) => Boolean(w.after.acknowledgementRequired)))}::boolean[],
                            ${p.add(l.map((w) => scheduleJson(w.after.schedule)))}::text[])
                     AS x(id, status, confirmed, latest, slipped, received, cancelled, over, transit, taken, rejected, reason, closed, quantity, requested, ack, schedule)
               WHERE l.id = x.id)`);
  }
  if (changes.promises?.length) {
    const c = changes.promises;
    parts.push(`promised AS (INSERT INTO confirmation (id, line_id, sequence, kind, schedule, reason, actor, created_at)
                  SELECT x.id, x.line, x.sequence, x.kind, x.schedule::jsonb, x.reason, ${p.add(by().actor)}, now()
                    FROM unnest(${p.add(c.map(() => newId()))}::uuid[], ${p.add(c.map((w) => w.lineId))}::uuid[], ${p.add(c.map((w) => w.sequence))}::int[],
                                ${p.add(c.map((w) => w.kind))}::text[], ${p.add(c.map((w) => JSON.stringify(w.schedule)))}::text[],
                                ${p.add(c.map((w) => w.reason))}::text[]) AS x(id, line, sequence, kind, schedule, reason))`);
  }
  if (changes.orders?.length) {
    const o = changes.orders;
    parts.push(`bumped AS (UPDATE purchase_order po SET status = CASE WHEN po.status IN ('DRAFT', 'CANCELLED', 'CLOSED') THEN po.status ELSE x.status END,
                  version = x.version, updated_at = now()
                  FROM unnest(${p.add(o.map((w) => w.orderId))}::uuid[], ${p.add(o.map((w) => w.status))}::text[], ${p.add(o.map((w) => w.version))}::int[])
                       AS x(id, status, version)
                 WHERE po.id = x.id)`);
  }
  if (changes.history?.length) parts.push(`history AS (${changeRecordInsert(by(), changes.history, p)})`);
  if (parts.length === 0) return;
  // Nothing is read back, and every value was checked by the caller: it goes with the transaction's next statement.
  await write(em, `WITH ${parts.join(',\n')} SELECT 1`, p.values);
}
