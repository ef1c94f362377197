import type { CalendarDate } from '../../shared/calendar';
import { PurchaseOrderLineStatus as LineStatus, PurchaseOrderStatus as OrderStatus } from './purchasing.enums';

/**
 * The pure rules of purchase-order lines: statuses, slips and schedule
 * validation. Services load facts, call these, and save the outcome.
 */
export interface ScheduleEntry {
  quantity: number;
  deliveryDate: CalendarDate;
}

export interface LineFacts {
  quantity: number;
  requestedDate: CalendarDate;
  /** The current confirmed schedule; empty when never confirmed or rejected. */
  schedule: ScheduleEntry[];
  rejected: boolean;
  cancelled: boolean;
  receivedQuantity: number;
}

/**
 * Takes received units off the earliest deliveries first (what arrived first
 * was the earliest promise) and returns what is still to come, in date order;
 * deliveries fully received are left out. The one place this rule is written:
 * the projection, the selector and weekly capacity all use it.
 */
export function afterReceipts(deliveries: ScheduleEntry[], receivedQuantity: number): ScheduleEntry[] {
  let received = receivedQuantity;
  return [...deliveries]
    .sort((a, b) => a.deliveryDate.localeCompare(b.deliveryDate))
    .flatMap((d) => {
      const taken = Math.min(received, d.quantity);
      received -= taken;
      return d.quantity > taken ? [{ ...d, quantity: d.quantity - taken }] : [];
    });
}

/** The deliveries a line still expects: its promise, or (never confirmed) its quantity on the requested date, after receipts. */
export function expectedDeliveries(line: { quantity: number; requestedDate: CalendarDate; schedule: ScheduleEntry[]; receivedQuantity: number }): ScheduleEntry[] {
  const deliveries = line.schedule.length ? line.schedule : [{ quantity: line.quantity, deliveryDate: line.requestedDate }];
  return afterReceipts(deliveries, line.receivedQuantity);
}

export const scheduleTotal = (schedule: ScheduleEntry[]) => schedule.reduce((sum, s) => sum + s.quantity, 0);

export const latestDate = (schedule: ScheduleEntry[]): CalendarDate | null =>
  schedule.reduce<CalendarDate | null>((latest, s) => (latest === null || s.deliveryDate > latest ? s.deliveryDate : latest), null);

export function lineStatus(line: LineFacts): LineStatus {
  if (line.cancelled) return LineStatus.CANCELLED;
  if (line.rejected) return LineStatus.REJECTED;
  const confirmed = scheduleTotal(line.schedule);
  // A short confirmation is complete once what was confirmed has arrived.
  const expected = confirmed > 0 ? confirmed : line.quantity;
  if (line.receivedQuantity > 0 && line.receivedQuantity >= expected) return LineStatus.RECEIVED;
  if (confirmed >= line.quantity) return LineStatus.CONFIRMED;
  if (confirmed > 0) return LineStatus.PARTIALLY_CONFIRMED;
  return LineStatus.OPEN;
}

/** Slipped: rejected, or confirmed short, or confirmed for after the requested date. */
export function isSlipped(line: Pick<LineFacts, 'quantity' | 'requestedDate' | 'schedule' | 'rejected'>): boolean {
  if (line.rejected) return true;
  if (line.schedule.length === 0) return false;
  return scheduleTotal(line.schedule) < line.quantity || (latestDate(line.schedule) ?? '') > line.requestedDate;
}

/** A change that makes a line slipped, or slip further: later or shorter than the promise before it. */
export function slipsFurther(before: LineFacts, after: LineFacts): boolean {
  if (!isSlipped(after)) return false;
  if (!isSlipped(before)) return true;
  if (after.rejected) return !before.rejected;
  if (before.rejected) return false;
  const later = (latestDate(after.schedule) ?? '') > (latestDate(before.schedule) ?? '');
  return later || scheduleTotal(after.schedule) < scheduleTotal(before.schedule);
}

/** Quantity of the line not confirmed for delivery on or before the requested date. */
export function shortfallByRequestedDate(line: Pick<LineFacts, 'quantity' | 'requestedDate' | 'schedule' | 'rejected'>): number {
  if (line.rejected) return line.quantity;
  const onTime = line.schedule.filter((s) => s.deliveryDate <= line.requestedDate);
  return Math.max(0, line.quantity - scheduleTotal(onTime));
}

/**
 * The order's status from its lines, once issued. CLOSED and CANCELLED are
 * set explicitly and never derived.
 */
export function rollUpOrderStatus(lines: { status: LineStatus; receivedQuantity: number }[]): OrderStatus {
  const active = lines.filter((l) => l.status !== LineStatus.CANCELLED);
  if (active.length === 0) return OrderStatus.CANCELLED;
  const live = active.filter((l) => l.status !== LineStatus.REJECTED);
  if (live.length === 0) return OrderStatus.REJECTED;
  if (active.some((l) => l.receivedQuantity > 0)) {
    return live.every((l) => l.status === LineStatus.RECEIVED) ? OrderStatus.RECEIVED : OrderStatus.PARTIALLY_RECEIVED;
  }
  if (live.length === active.length && live.every((l) => l.status === LineStatus.CONFIRMED)) return OrderStatus.CONFIRMED;
  const answered = active.some((l) => l.status !== LineStatus.OPEN);
  return answered ? OrderStatus.PARTIALLY_CONFIRMED : OrderStatus.ISSUED;
}

export interface InputProblem {
  field: string;
  message: string;
}

/** First problem of a confirmation schedule, with the input path of the offending value. */
export function scheduleProblem(schedule: ScheduleEntry[], lineQuantity: number, today: CalendarDate, path = 'input.schedule'): InputProblem | null {
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
  if (total > lineQuantity) return { field: path, message: `The schedule adds up to ${total}, more than the ${lineQuantity} ordered` };
  return null;
}

/** "60 on 2026-12-01, 40 on 2026-12-05" */
export const describeSchedule = (schedule: ScheduleEntry[]) =>
  [...schedule].sort((a, b) => a.deliveryDate.localeCompare(b.deliveryDate)).map((s) => `${s.quantity} on ${s.deliveryDate}`).join(', ');
