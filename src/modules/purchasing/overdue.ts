import type { CalendarDate } from '../../shared/calendar';
import { inTransitQuantity, isPromised, openQuantity, unshippedQuantity, type LineQuantities } from '../open-orders/open-quantity';
import { latestDate } from './line-state';

/**
 * The overdue rules of DESIGN.md ("Alerts: who gets what"), pure: which
 * issued lines are late with an answer or with their delivery, and under
 * which key each is raised once (the job that applies them stores the key
 * with a unique constraint: overdue_alert).
 */

export enum OverdueKind {
  CONFIRMATION_OVERDUE = 'CONFIRMATION_OVERDUE',
  DELIVERY_OVERDUE = 'DELIVERY_OVERDUE',
}

/** A line of an issued order, with what the rules need beside its open-quantity facts. */
export interface OverdueLine extends LineQuantities {
  /** When its order was issued. */
  issuedAt: Date;
  /** The supplier ever promised or rejected it (any confirmation, even one since replaced). */
  answered: boolean;
  /** The partnership's confirmationDueHours (default 24). */
  confirmationDueHours: number;
}

/** What is overdue about a line, and the key that makes it once: (line, kind, forDate). */
export interface Overdue {
  kind: OverdueKind;
  /** CONFIRMATION_OVERDUE: the UTC date of issue (one per line); DELIVERY_OVERDUE: the date that passed. */
  forDate: CalendarDate;
  /** DELIVERY_OVERDUE: the line's latest promise was missed (false: its requestedDate, never promised). */
  promised?: boolean;
  /** CONFIRMATION_OVERDUE: whole hours since issue. */
  hoursSinceIssue?: number;
  /** DELIVERY_OVERDUE: units still owed. */
  open?: number;
}

const HOUR_MS = 3_600_000;

/** When an answer is due: issuedAt + confirmationDueHours. */
export const confirmationDueAt = (l: Pick<OverdueLine, 'issuedAt' | 'confirmationDueHours'>): Date =>
  new Date(l.issuedAt.getTime() + l.confirmationDueHours * HOUR_MS);

/**
 * CONFIRMATION_OVERDUE: confirmationDueHours have passed since issue (now >=
 * issuedAt + hours) and the supplier has neither promised nor rejected the
 * line. A line with nothing left to answer for is not chased: cancelled or
 * closed, or already shipped or received (a ship notice or a receipt is an
 * answer in deed).
 */
export function isConfirmationOverdue(l: OverdueLine, now: Date): boolean {
  if (l.answered || l.rejected || l.closed) return false;
  if (l.receivedQuantity > 0 || inTransitQuantity(l) > 0 || l.scheduleTaken > 0) return false;
  if (unshippedQuantity(l) === 0) return false;
  return now.getTime() >= confirmationDueAt(l).getTime();
}

/**
 * DELIVERY_OVERDUE: the date a line's goods were due, when today is past it:
 * the latest date of its standing promise, or its requestedDate when it was
 * never promised (or the promise was withdrawn by a receipt of everything
 * promised), while something is still owed (open > 0) and nothing is in
 * transit (a ship notice on its way is news enough). Rejected and closed
 * lines owe nothing more. Null when not overdue. A new promise with a later
 * date makes a new key: the line may be overdue again, once per date.
 */
export function deliveryOverdueDate(l: LineQuantities, today: CalendarDate): CalendarDate | null {
  if (l.rejected || l.closed) return null;
  if (openQuantity(l) === 0 || inTransitQuantity(l) > 0) return null;
  const due = (isPromised(l) ? latestDate(l.schedule) : null) ?? l.requestedDate;
  return today > due ? due : null;
}

/** Everything overdue about the line at `now` (today: the local date at its ship-to location). */
export function overdueOf(l: OverdueLine, now: Date, today: CalendarDate): Overdue[] {
  const found: Overdue[] = [];
  if (isConfirmationOverdue(l, now)) {
    found.push({
      kind: OverdueKind.CONFIRMATION_OVERDUE,
      forDate: l.issuedAt.toISOString().slice(0, 10),
      hoursSinceIssue: Math.floor((now.getTime() - l.issuedAt.getTime()) / HOUR_MS),
    });
  }
  const due = deliveryOverdueDate(l, today);
  if (due !== null) found.push({ kind: OverdueKind.DELIVERY_OVERDUE, forDate: due, promised: isPromised(l), open: openQuantity(l) });
  return found;
}
