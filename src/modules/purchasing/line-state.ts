import type { CalendarDate } from '../../shared/calendar';
import type { ScheduleEntry } from '../open-orders/open-quantity';
import { PurchaseOrderLineStatus as LineStatus } from '../open-orders/line-status';
import { PurchaseOrderStatus as OrderStatus } from './purchasing.enums';

/**
 * The pure rules of orders around their lines: the order's status from its
 * lines, schedule validation and wording. What a line owes and what that
 * makes of its status, slip and inbound is the open-quantity model
 * (open-orders/open-quantity.ts).
 */

export const scheduleTotal = (schedule: ScheduleEntry[]) => schedule.reduce((sum, s) => sum + s.quantity, 0);

export const latestDate = (schedule: ScheduleEntry[]): CalendarDate | null =>
  schedule.reduce<CalendarDate | null>((latest, s) => (latest === null || s.deliveryDate > latest ? s.deliveryDate : latest), null);

/**
 * The order's status from its lines, once issued. CANCELLED and CLOSED
 * orders are set explicitly (cancelPurchaseOrder, closePurchaseOrder) and
 * keep their status; lines closed one by one make an order RECEIVED once
 * nothing is owed any more.
 */
export function rollUpOrderStatus(lines: { status: LineStatus; receivedQuantity: number }[]): OrderStatus {
  const active = lines.filter((l) => l.status !== LineStatus.CANCELLED);
  if (active.length === 0) return OrderStatus.CANCELLED;
  const live = active.filter((l) => l.status !== LineStatus.REJECTED);
  if (live.length === 0) return OrderStatus.REJECTED;
  if (active.some((l) => l.receivedQuantity > 0)) {
    const done = (l: { status: LineStatus }) => l.status === LineStatus.RECEIVED || l.status === LineStatus.CLOSED;
    return live.every(done) ? OrderStatus.RECEIVED : OrderStatus.PARTIALLY_RECEIVED;
  }
  if (live.length === active.length && live.every((l) => l.status === LineStatus.CONFIRMED)) return OrderStatus.CONFIRMED;
  const answered = active.some((l) => l.status !== LineStatus.OPEN);
  return answered ? OrderStatus.PARTIALLY_CONFIRMED : OrderStatus.ISSUED;
}

export interface InputProblem {
  field: string;
  message: string;
}

/**
 * First problem of a confirmation schedule, with the input path of the
 * offending value. `limit` is what the promise may cover: the open quantity
 * not in transit (DESIGN.md, a promise lists only what is still to come),
 * described as `what` ("ordered", or "still to come (ordered 100, received 60)").
 */
export function scheduleProblem(schedule: ScheduleEntry[], limit: number, today: CalendarDate, path = 'input.schedule', what = 'ordered'): InputProblem | null {
  if (schedule.length === 0) return { field: path, message: 'Give at least one delivery (quantity and date)' };
  const seen = new Map<CalendarDate, number>();
  for (const [i, entry] of schedule.entries()) {
    if (!Number.isInteger(entry.quantity) || entry.quantity < 1) return { field: `${path}[${i}].quantity`, message: 'Quantity must be at least 1' };
    if (entry.deliveryDate < today) return { field: `${path}[${i}].deliveryDate`, message: `Delivery date cannot be in the past (today is ${today})` };
    const first = seen.get(entry.deliveryDate);
    if (first !== undefined) return { field: `${path}[${i}].deliveryDate`, message: `${entry.deliveryDate} is already in ${path}[${first}]; put one quantity per date` };
    seen.set(entry.deliveryDate, i);
  }
  const total = scheduleTotal(schedule);
  if (total > limit) return { field: path, message: `The schedule adds up to ${total}, more than the ${limit} ${what}` };
  return null;
}

/** "60 on 2026-12-01, 40 on 2026-12-05" */
export const describeSchedule = (schedule: ScheduleEntry[]) =>
  [...schedule].sort((a, b) => a.deliveryDate.localeCompare(b.deliveryDate)).map((s) => `${s.quantity} on ${s.deliveryDate}`).join(', ');
