import type { CalendarDate } from '../../shared/calendar';
import { PurchaseOrderLineStatus as LineStatus } from './line-status';

/**
 * The open-quantity model of DESIGN.md ("The open-quantity model", "Ship
 * notices"): what a purchase-order line still owes, what of it is promised,
 * in transit or unscheduled, and what that makes of its status, its slip,
 * its inbound for the projection and its shortfall for the selector. A pure
 * function of plain facts, and the one place this arithmetic is written:
 * line writes, the risk projection, the backup-supplier selector (shortfall
 * and weekly capacity), lead-time statistics and the portal all ask it.
 *
 * For a line: q ordered, c cancelled (closed short or reduced by the
 * retailer), r received (at most q - c; beyond it, within tolerance, is
 * over-delivered), t in transit (on open ship notices, not yet received).
 *
 *   open = max(0, q - c - r)                       what the supplier still owes
 *   remaining schedule = the latest promise, less what was shipped or received
 *     since it was given (earliest lines first), never more than open - t
 *     (latest lines cut first)
 *   unscheduled = open - t - remaining schedule    promised by nobody
 *
 * A line never promised is expected as requested: what of q - c was never
 * shipped or received without a notice (q - c - scheduleTaken, at most
 * open - t) counts on requestedDate. What comes back from a closed ship
 * notice was shipped, so it is not in it: it is owed and expected by nobody
 * until the supplier promises it, and the line slips (as for a promised line).
 *
 * A promise lists only what is still to come when it is given, so receipts
 * and shipments made before it are not taken off it again (`scheduleTaken`
 * counts only those made after it). This is what makes "ordered 100, received
 * 60, re-promised 40 on day 9" mean 40 inbound on day 9.
 *
 * A buyer's change order (changeOrder: a new q and/or requestedDate, q never
 * below c + r + t) leaves a promised line acknowledgementRequired until the
 * supplier confirms or rejects again. Meanwhile the line is expected to bring
 * its old promise capped at the new open - t (latest lines cut first) and the
 * rest of open - t on the new requestedDate, and the change alone does not
 * make it slipped (DESIGN.md, "Changes after an order is issued, both ways").
 */

export interface ScheduleEntry {
  quantity: number;
  deliveryDate: CalendarDate;
}

/** What one open ship notice still carries for the line. */
export interface Shipment {
  /** Shipped and not yet received (> 0 for an open notice). */
  quantity: number;
  expectedArrival: CalendarDate;
}

/** The facts of one line, as stored (all quantities in the item's base unit). */
export interface LineQuantities {
  /** q */
  quantity: number;
  requestedDate: CalendarDate;
  /** c: taken off by the retailer (closed short, reduced by a reallocation, cancelled). */
  cancelledQuantity: number;
  /** r: received, at most q - c. */
  receivedQuantity: number;
  /** Received beyond q - c, within the sourcing rule's tolerance. */
  overDeliveredQuantity: number;
  /** The latest promise as the supplier gave it; empty when never confirmed, rejected or closed. */
  schedule: ScheduleEntry[];
  /**
   * Units of that promise shipped (ship notices) or received without a notice
   * since it was given. Without a promise: units of the order shipped or
   * received without a notice (no longer expected as requested).
   */
  scheduleTaken: number;
  /** The line's open ship notices. */
  inTransit: Shipment[];
  rejected: boolean;
  /** The retailer closed the line: nothing more is owed beyond what is in transit. */
  closed: boolean;
  /** The buyer changed the line after the supplier's promise, and the supplier has not answered since (false when left out). */
  acknowledgementRequired?: boolean;
}

/** A line's facts with defaults for what a caller leaves out (tests, simulations). */
export function lineQuantities(facts: Pick<LineQuantities, 'quantity' | 'requestedDate'> & Partial<LineQuantities>): LineQuantities {
  return {
    cancelledQuantity: 0,
    receivedQuantity: 0,
    overDeliveredQuantity: 0,
    schedule: [],
    scheduleTaken: 0,
    inTransit: [],
    rejected: false,
    closed: false,
    ...facts,
  };
}

export const total = (entries: readonly { quantity: number }[]) => entries.reduce((sum, e) => sum + e.quantity, 0);

const byDate = (a: ScheduleEntry, b: ScheduleEntry) => a.deliveryDate.localeCompare(b.deliveryDate);

/** Takes `taken` units off the earliest entries first; entries used up are left out. */
export function takeEarliest(entries: readonly ScheduleEntry[], taken: number): ScheduleEntry[] {
  let left = Math.max(0, taken);
  return [...entries].sort(byDate).flatMap((e) => {
    const off = Math.min(left, e.quantity);
    left -= off;
    return e.quantity > off ? [{ quantity: e.quantity - off, deliveryDate: e.deliveryDate }] : [];
  });
}

/** Keeps at most `limit` units, cutting the latest entries first (they would have arrived last). */
export function capLatest(entries: readonly ScheduleEntry[], limit: number): ScheduleEntry[] {
  let excess = Math.max(0, total(entries) - Math.max(0, limit));
  return [...entries].sort(byDate).reverse().flatMap((e) => {
    const cut = Math.min(excess, e.quantity);
    excess -= cut;
    return e.quantity > cut ? [{ quantity: e.quantity - cut, deliveryDate: e.deliveryDate }] : [];
  }).reverse();
}

/** open = max(0, q - c - r): what the supplier still owes. */
export const openQuantity = (l: LineQuantities) => Math.max(0, l.quantity - l.cancelledQuantity - l.receivedQuantity);

/** t: on open ship notices, not yet received. */
export const inTransitQuantity = (l: LineQuantities) => total(l.inTransit);

/** What may still be promised or shipped: open less what is in transit. */
export const unshippedQuantity = (l: LineQuantities) => Math.max(0, openQuantity(l) - inTransitQuantity(l));

/** The retailer closed the line and something of it was cancelled (a line received in full and then closed is simply received). */
export const isClosedShort = (l: LineQuantities) => l.closed && l.cancelledQuantity > 0;

/** The line has a standing promise (it was confirmed, and not rejected or closed since). */
export const isPromised = (l: LineQuantities) => !l.rejected && !l.closed && l.schedule.length > 0;

/** The part of the latest promise still to come: less what was shipped or received since it was given, at most open - t. */
export function remainingSchedule(l: LineQuantities): ScheduleEntry[] {
  if (!isPromised(l)) return [];
  return capLatest(takeEarliest(l.schedule, l.scheduleTaken), unshippedQuantity(l));
}

/** Owed and neither in transit nor on the remaining promise. For a never-confirmed line that is all of open - t. */
export const unscheduledQuantity = (l: LineQuantities) => Math.max(0, unshippedQuantity(l) - total(remainingSchedule(l)));

/**
 * What a line without a promise (not rejected or closed) is still expected
 * to bring on its requestedDate: the order less what was cancelled, shipped
 * or received without a notice, at most open - t. What came back from a
 * closed ship notice is not in it (it was shipped): unscheduled until promised.
 */
export function asRequestedQuantity(l: LineQuantities): number {
  if (l.rejected || l.closed || isPromised(l)) return 0;
  return Math.min(unshippedQuantity(l), Math.max(0, l.quantity - l.cancelledQuantity - l.scheduleTaken));
}

/** A promised line the buyer changed since the promise, the supplier not having answered yet. */
export const isAwaitingAcknowledgement = (l: LineQuantities) => Boolean(l.acknowledgementRequired) && isPromised(l);

/**
 * What is still expected of the line besides its ship notices: the remaining
 * promise, or for a line never promised what is expected as requested. While
 * a change awaits the supplier's acknowledgement: the old promise capped at
 * open - t (remainingSchedule) and the rest of open - t on requestedDate.
 */
export function expectedSchedule(l: LineQuantities): ScheduleEntry[] {
  if (isAwaitingAcknowledgement(l)) {
    const remaining = remainingSchedule(l);
    const rest = unshippedQuantity(l) - total(remaining);
    return rest > 0 ? merge([...remaining, { quantity: rest, deliveryDate: l.requestedDate }]) : remaining;
  }
  if (isPromised(l)) return remainingSchedule(l);
  const asRequested = asRequestedQuantity(l);
  return asRequested > 0 ? [{ quantity: asRequested, deliveryDate: l.requestedDate }] : [];
}

/**
 * The deliveries the line is still expected to make, by date: what is in
 * transit on its ship notices' expectedArrival, then the remaining promise
 * on its dates; a line never confirmed counts what is expected as requested
 * (asRequestedQuantity) on its requestedDate; a rejected or closed line only
 * what is in transit. (The projection's inbound: DESIGN.md, "Projected
 * available balance".)
 */
export function expectedDeliveries(l: LineQuantities): ScheduleEntry[] {
  const deliveries = l.inTransit.filter((s) => s.quantity > 0).map((s) => ({ quantity: s.quantity, deliveryDate: s.expectedArrival }));
  deliveries.push(...expectedSchedule(l));
  const merged = new Map<CalendarDate, number>();
  for (const d of deliveries) merged.set(d.deliveryDate, (merged.get(d.deliveryDate) ?? 0) + d.quantity);
  return [...merged].map(([deliveryDate, quantity]) => ({ quantity, deliveryDate })).sort(byDate);
}

/**
 * Statuses whose lines are no inbound of the projection at all: nothing
 * open (RECEIVED, CLOSED) or nothing owed (CANCELLED, REJECTED). The risk
 * inputs read lines by this list (open-orders.queries.ts, INBOUND_LINE).
 */
export const NOT_INBOUND_STATUSES: readonly LineStatus[] = [LineStatus.CANCELLED, LineStatus.REJECTED, LineStatus.RECEIVED, LineStatus.CLOSED];

/**
 * The line's part of its position's stored shortage risk, by date: its
 * expected deliveries when its status counts it as inbound, none
 * otherwise. The risk inputs' read takes a line of an issued order by the
 * same status list (INBOUND_LINE) and the projection reads its expected
 * deliveries (src/modules/risk/projection.ts, dailyInbound); a draft's
 * lines are no inbound at all.
 */
export function inboundPart(l: LineQuantities): ScheduleEntry[] {
  return NOT_INBOUND_STATUSES.includes(lineStatus(l)) ? [] : expectedDeliveries(l);
}

/**
 * True when two versions of a line (before and after a change to it) bring
 * the same deliveries on the same dates to its position's projection: the
 * change then moves no projected balance, whatever the day (e.g. a
 * confirmation of what is still open on the requested date, split or not,
 * of a line never promised or promised just that).
 */
export function sameInbound(before: LineQuantities, after: LineQuantities): boolean {
  const a = inboundPart(before);
  const b = inboundPart(after);
  return a.length === b.length && a.every((d, i) => d.deliveryDate === b[i].deliveryDate && d.quantity === b[i].quantity);
}

/**
 * OPEN (no promise yet), PARTIALLY_CONFIRMED / CONFIRMED (the promise plus
 * in-transit covers less than / all of open), REJECTED, PARTIALLY_RECEIVED
 * (0 < r < q - c and open > 0), RECEIVED (r >= q - c, r > 0), CANCELLED
 * (c = q), CLOSED (closed short with r > 0 and open = 0).
 */
export function lineStatus(l: LineQuantities): LineStatus {
  const open = openQuantity(l);
  if (l.cancelledQuantity >= l.quantity) return LineStatus.CANCELLED;
  if (l.rejected) return LineStatus.REJECTED;
  if (open === 0) return isClosedShort(l) ? LineStatus.CLOSED : LineStatus.RECEIVED;
  if (l.receivedQuantity > 0) return LineStatus.PARTIALLY_RECEIVED;
  const transit = inTransitQuantity(l);
  if (!isPromised(l) && transit === 0) return LineStatus.OPEN;
  return total(remainingSchedule(l)) + transit >= open ? LineStatus.CONFIRMED : LineStatus.PARTIALLY_CONFIRMED;
}

/** The latest date anything still expected of a promised or shipped line arrives (null: nothing dated). */
function latestExpected(l: LineQuantities): CalendarDate | null {
  const dates = [...expectedSchedule(l).map((s) => s.deliveryDate), ...l.inTransit.filter((s) => s.quantity > 0).map((s) => s.expectedArrival)];
  return dates.reduce<CalendarDate | null>((latest, d) => (latest === null || d > latest ? d : latest), null);
}

/**
 * What is owed and expected by nobody: neither in transit nor promised, or
 * for a line never confirmed, neither in transit nor expected as requested
 * (what came back from a closed ship notice). 0 for a rejected or closed line.
 */
export const uncoveredQuantity = (l: LineQuantities) => (l.rejected || l.closed ? 0 : Math.max(0, unshippedQuantity(l) - total(expectedSchedule(l))));

/**
 * Slipped: rejected; or a promised date or a ship notice's expectedArrival
 * after requestedDate; or the promise plus in-transit covers less than open.
 * A line with nothing owed, or closed by the retailer, has nothing left to slip.
 */
export function isSlipped(l: LineQuantities): boolean {
  if (l.closed || openQuantity(l) === 0) return false;
  if (l.rejected) return true;
  // A change awaiting acknowledgement: the old promise answers the old terms, so only goods shipped late slip the line.
  if (isAwaitingAcknowledgement(l)) return l.inTransit.some((s) => s.quantity > 0 && s.expectedArrival > l.requestedDate);
  const latest = latestExpected(l);
  return (latest !== null && latest > l.requestedDate) || uncoveredQuantity(l) > 0;
}

/** A change that makes a line slipped, or slip further: later, or less of what is owed covered, or rejected. */
export function slipsFurther(before: LineQuantities, after: LineQuantities): boolean {
  if (!isSlipped(after)) return false;
  if (!isSlipped(before)) return true;
  if (after.rejected) return !before.rejected;
  if (before.rejected) return false;
  return (latestExpected(after) ?? '') > (latestExpected(before) ?? '') || uncoveredQuantity(after) > uncoveredQuantity(before);
}

/**
 * The selector's shortfall Q: the open quantity not expected on or before
 * neededBy, i.e. open minus the in-transit quantity arriving by then minus
 * the remaining schedule dated by then; all of open less in transit for a
 * rejected line.
 */
export function shortfall(l: LineQuantities, neededBy: CalendarDate): number {
  if (l.rejected) return unshippedQuantity(l);
  const inTime = (d: CalendarDate) => d <= neededBy;
  const arriving = total(l.inTransit.filter((s) => inTime(s.expectedArrival)));
  const scheduled = total(remainingSchedule(l).filter((s) => inTime(s.deliveryDate)));
  return Math.max(0, openQuantity(l) - arriving - scheduled);
}

/**
 * Units of the line a delivery on `date` could replace (the selector's
 * "useful" quantity of a late candidate): the rejected or unconfirmed part,
 * and the remaining schedule dated after it. Goods already in transit are
 * never replaced.
 */
export function replaceableAfter(l: LineQuantities, date: CalendarDate): number {
  if (l.rejected) return unshippedQuantity(l);
  const remaining = remainingSchedule(l);
  return unscheduledQuantity(l) + total(remaining.filter((s) => s.deliveryDate > date));
}

/** Received in full: nothing owed any more and not closed short (over-delivery counts as in full). */
export const isReceivedInFull = (l: LineQuantities) => l.receivedQuantity > 0 && openQuantity(l) === 0 && !isClosedShort(l);

/** A receipt as the KPIs date it (receipt.quantity includes what was over-delivered). */
export interface DatedReceipt {
  quantity: number;
  receivedOn: CalendarDate;
}

/**
 * What of q - c had arrived by the end of `date`: the receipts dated on or
 * before it, at most q - c (beyond is over-delivery). The fill rate's
 * numerator (DESIGN.md, "KPIs").
 */
export function receivedBy(l: LineQuantities, receipts: readonly DatedReceipt[], date: CalendarDate): number {
  return Math.min(Math.max(0, l.quantity - l.cancelledQuantity), total(receipts.filter((r) => r.receivedOn <= date)));
}

/** On time in full: received in full (not closed short) and all of q - c received on or before requestedDate. */
export const isOnTimeInFull = (l: LineQuantities, receipts: readonly DatedReceipt[]) =>
  isReceivedInFull(l) && receivedBy(l, receipts, l.requestedDate) >= l.quantity - l.cancelledQuantity;

/** Done receiving: nothing owed any more, something received (RECEIVED or CLOSED). */
export const isFullyReceived = (l: LineQuantities) => l.receivedQuantity > 0 && openQuantity(l) === 0;

// ---------------------------------------------------------------------------
// Changes: each returns the line's facts after it (or why it cannot be made)
// ---------------------------------------------------------------------------

/** The most one more receipt may carry over open: tolerance% of q, less what was over-delivered before (floored). */
export const overDeliveryRoom = (l: LineQuantities, tolerancePercent: number) =>
  Math.max(0, Math.floor((l.quantity * tolerancePercent) / 100) - l.overDeliveredQuantity);

export interface Receipt<L extends LineQuantities = LineQuantities> {
  /** Added to r (at most open). */
  received: number;
  /** Received beyond open (within tolerance). */
  overDelivered: number;
  /** Units taken off each of l.inTransit (same order). */
  fromTransit: number[];
  /** Added to scheduleTaken: received units that were on no ship notice. */
  scheduleTaken: number;
  after: L;
}

export type ReceiptResult<L extends LineQuantities = LineQuantities> = { ok: true; receipt: Receipt<L> } | { ok: false; maximum: number; message: string };

/**
 * Receives `quantity` units. Against a ship notice (`shipment`: its index in
 * l.inTransit, or null when it has nothing left in transit for this line)
 * they come off that notice first; what it does not carry, like a receipt
 * on the line alone, comes off the line's other notices, earliest arrival
 * first (the goods that were announced), then off the schedule. Up to open,
 * plus overDeliveryTolerancePercent of q beyond it (recorded as
 * over-delivered, and taken off no notice); a closed line only takes what
 * is in transit. So nothing is ever in transit beyond open, and no notice
 * receives more than it carries.
 */
export function receive<L extends LineQuantities>(l: L, quantity: number, options: { tolerancePercent: number; shipment?: number | null }): ReceiptResult<L> {
  const open = openQuantity(l);
  const named = options.shipment;
  if (l.closed) {
    const allowed = inTransitQuantity(l);
    if (quantity > allowed) {
      return {
        ok: false,
        maximum: allowed,
        message: allowed > 0
          ? `The line is closed: only the ${allowed} in transit can still be received`
          : 'The line is closed: nothing is in transit, so nothing more can be received',
      };
    }
  } else {
    const maximum = open + overDeliveryRoom(l, options.tolerancePercent);
    if (quantity > maximum) {
      const still = `${open} still open`;
      const beyond = maximum > open ? `, ${maximum - open} more within the over-delivery tolerance of ${options.tolerancePercent}%` : '';
      return { ok: false, maximum, message: `At most ${maximum} can be received on this line (${still}${beyond}; ordered ${l.quantity})` };
    }
  }
  const received = Math.min(quantity, open);
  const fromTransit = l.inTransit.map(() => 0);
  let left = received;
  const takeFrom = (i: number) => {
    const off = Math.min(left, l.inTransit[i].quantity - fromTransit[i]);
    fromTransit[i] += off;
    left -= off;
  };
  if (named != null) takeFrom(named);
  const byArrival = l.inTransit.map((_s, i) => i).sort((a, b) => l.inTransit[a].expectedArrival.localeCompare(l.inTransit[b].expectedArrival) || a - b);
  for (const i of byArrival) takeFrom(i);
  const taken = left; // on no notice: off the promise
  const after: L = {
    ...l,
    receivedQuantity: l.receivedQuantity + received,
    overDeliveredQuantity: l.overDeliveredQuantity + (quantity - received),
    scheduleTaken: l.scheduleTaken + taken,
    inTransit: l.inTransit.map((s, i) => ({ ...s, quantity: s.quantity - fromTransit[i] })).filter((s) => s.quantity > 0),
  };
  return { ok: true, receipt: { received, overDelivered: quantity - received, fromTransit, scheduleTaken: taken, after } };
}

/** Why `quantity` cannot be shipped on a notice now, or null: at most open - t, and never on a rejected or closed line. */
export function shipmentProblem(l: LineQuantities, quantity: number): string | null {
  if (l.rejected) return 'The line is rejected: nothing of it can be shipped';
  if (l.closed) return 'The line is closed: nothing more of it can be shipped';
  const allowed = unshippedQuantity(l);
  if (quantity > allowed) {
    const transit = inTransitQuantity(l);
    return `At most ${allowed} can be shipped on this line (${openQuantity(l)} open${transit ? `, ${transit} already in transit` : ''})`;
  }
  return null;
}

/** A ship notice moves `quantity` from the schedule (earliest lines first) to in transit. */
export function ship<L extends LineQuantities>(l: L, shipment: L['inTransit'][number]): L {
  return { ...l, scheduleTaken: l.scheduleTaken + shipment.quantity, inTransit: [...l.inTransit, shipment] };
}

/**
 * A ship notice closed (retailer) or cancelled (supplier) with `quantity`
 * not received: it leaves transit and returns to the open, unscheduled part
 * of the line (the supplier must promise it again). On a closed line it is
 * no longer owed: it is cancelled too.
 */
export function returnShipment<L extends LineQuantities>(l: L, index: number): L {
  const returned = l.inTransit[index]?.quantity ?? 0;
  return {
    ...l,
    inTransit: l.inTransit.filter((_s, i) => i !== index),
    cancelledQuantity: l.closed ? l.cancelledQuantity + returned : l.cancelledQuantity,
  };
}

/** A (re)confirmation: the new promise replaces the old (and acknowledges any change), and nothing is taken off it yet. */
export const promise = <L extends LineQuantities>(l: L, schedule: ScheduleEntry[]): L => ({ ...l, schedule, scheduleTaken: 0, rejected: false, acknowledgementRequired: false });

/** The supplier rejects the line: nothing of it is promised any more (a pending change is answered). */
export const reject = <L extends LineQuantities>(l: L): L => ({ ...l, schedule: [], scheduleTaken: 0, rejected: true, acknowledgementRequired: false });

/** The lowest quantity a change order may set: what is cancelled, received or in transit (c + r + t). */
export const changeFloor = (l: LineQuantities) => l.cancelledQuantity + l.receivedQuantity + inTransitQuantity(l);

export type ChangeResult<L extends LineQuantities = LineQuantities> = { ok: true; after: L } | { ok: false; minimum: number; message: string };

/**
 * A buyer's change order (EDI 860): a new ordered quantity q and/or
 * requestedDate. q may not go below c + r + t (what was taken off, received
 * or is in transit stays as it is). A line with a standing promise becomes
 * acknowledgementRequired (see expectedSchedule and isSlipped for what it
 * is expected to bring meanwhile); a line never promised simply asks for
 * the new quantity on the new date. The caller refuses rejected, cancelled,
 * closed and received lines.
 */
export function changeOrder<L extends LineQuantities>(l: L, change: { quantity?: number | null; requestedDate?: CalendarDate | null }): ChangeResult<L> {
  const quantity = change.quantity ?? l.quantity;
  const floor = changeFloor(l);
  if (quantity < floor) {
    const transit = inTransitQuantity(l);
    const parts = [l.receivedQuantity ? `${l.receivedQuantity} received` : null, transit ? `${transit} in transit` : null, l.cancelledQuantity ? `${l.cancelledQuantity} cancelled` : null];
    return { ok: false, minimum: floor, message: `The quantity cannot go below ${floor} (${parts.filter(Boolean).join(', ')})` };
  }
  const after: L = { ...l, quantity, requestedDate: change.requestedDate ?? l.requestedDate };
  return { ok: true, after: isPromised(l) ? { ...after, acknowledgementRequired: true } : after };
}

/** Closing short (retailer): the open quantity not in transit is cancelled and the schedule empties. Returns how much was cancelled. */
export function closeShort<L extends LineQuantities>(l: L): { cancelled: number; after: L } {
  const cancelled = unshippedQuantity(l);
  return { cancelled, after: { ...l, cancelledQuantity: l.cancelledQuantity + cancelled, schedule: [], scheduleTaken: 0, closed: true, acknowledgementRequired: false } };
}

/**
 * The retailer takes `by` units off the line (a reallocation): at most what
 * is neither received nor in transit, what nobody promised first. The
 * promise keeps what is still to come, its latest lines cut first, as a new
 * schedule with nothing taken; a line never promised keeps what is expected
 * as requested the same way. A promise cut to nothing leaves the rest
 * unscheduled (expected as requested: none).
 */
export function reduce<L extends LineQuantities>(l: L, by: number): L {
  const cut = Math.min(by, unshippedQuantity(l));
  const reduced = { ...l, cancelledQuantity: l.cancelledQuantity + cut };
  if (l.rejected || l.closed) return reduced;
  const owed = reduced.quantity - reduced.cancelledQuantity;
  if (isPromised(l)) {
    const schedule = capLatest(remainingSchedule(l), unshippedQuantity(reduced));
    // Cut to nothing, the line has no promise left: all of the order counts as taken, so none of it is expected as requested.
    return schedule.length ? { ...reduced, schedule, scheduleTaken: 0 } : { ...reduced, schedule: [], scheduleTaken: owed };
  }
  return { ...reduced, scheduleTaken: owed - Math.min(asRequestedQuantity(l), unshippedQuantity(reduced)) };
}

// ---------------------------------------------------------------------------
// What-if (DESIGN.md, "Planning collaboration"): changes to a copy of a line
// ---------------------------------------------------------------------------

/**
 * A simulated slip: the line delivers `quantity` units (null: all it is still
 * expected to deliver besides what is in transit, expectedSchedule) on
 * `deliveryDate` (null: on its current dates, less the latest first, as
 * capLatest cuts a promise). Said as the supplier would say it, a new promise
 * replacing the old; 0 means nothing more comes, which the model says as a
 * rejection (only what is in transit still arrives). Goods in transit are
 * not touched (they are on their way). The caller checks that quantity is at
 * most total(expectedSchedule(l)): a slip delivers later and/or less.
 */
export function slip<L extends LineQuantities>(l: L, change: { quantity?: number | null; deliveryDate?: CalendarDate | null }): L {
  const current = expectedSchedule(l);
  const quantity = change.quantity ?? total(current);
  if (quantity <= 0) return reject(l);
  return promise(l, change.deliveryDate ? [{ quantity, deliveryDate: change.deliveryDate }] : capLatest(current, quantity));
}

/**
 * Moves the dates of everything the line is still expected to deliver
 * (expectedDeliveries: ship notices' arrivals, the remaining promise, or what
 * a line never promised brings on its requestedDate) by `move`; what stays
 * on its date stays as it was. A moved promise, or a moved as-requested
 * delivery, becomes a promise of what was still to come: nothing is added
 * or lost, only dates change. Returns l itself when no date moves.
 */
export function moveDeliveries<L extends LineQuantities>(l: L, move: (date: CalendarDate) => CalendarDate): L {
  const inTransit = l.inTransit.map((s) => ({ ...s, expectedArrival: move(s.expectedArrival) }));
  const expected = expectedSchedule(l);
  const moved = expected.map((e) => ({ quantity: e.quantity, deliveryDate: move(e.deliveryDate) }));
  const changed = inTransit.some((s, i) => s.expectedArrival !== l.inTransit[i].expectedArrival) || moved.some((e, i) => e.deliveryDate !== expected[i].deliveryDate);
  if (!changed) return l;
  const shipped = { ...l, inTransit };
  return moved.length ? promise(shipped, merge(moved)) : shipped;
}

function merge(entries: ScheduleEntry[]): ScheduleEntry[] {
  const byDay = new Map<CalendarDate, number>();
  for (const e of entries) byDay.set(e.deliveryDate, (byDay.get(e.deliveryDate) ?? 0) + e.quantity);
  return [...byDay].map(([deliveryDate, quantity]) => ({ quantity, deliveryDate })).sort(byDate);
}
