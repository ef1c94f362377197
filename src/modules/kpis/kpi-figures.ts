import { isOnTimeInFull, receivedBy, type DatedReceipt, type LineQuantities } from '../open-orders/open-quantity';

/**
 * The order-line KPIs of DESIGN.md ("KPIs"), a pure function of plain facts;
 * what a line owes and received is the open-quantity model's.
 *
 *   fillRate                  = sum(min(received on or before requestedDate, q - c)) / sum(q - c)
 *                               over lines requested in the window, not cancelled (c < q)
 *   onTimeInFullRate          = share of those lines received in full on or before requestedDate
 *   confirmationLatencyHours  = mean hours from issue to the first promise or rejection,
 *                               over lines issued in the window that have one
 *
 * Rates are rounded to 4 decimals, hours to 2; each is null when no line counts.
 */
export interface KpiLineFacts {
  line: LineQuantities;
  receipts: DatedReceipt[];
  /** requestedDate is in the window. */
  requestedInWindow: boolean;
  /** Hours from issue to the first promise or rejection, for a line issued in the window that has one; null otherwise. */
  answerHours: number | null;
}

export interface LineKpis {
  fillRate: number | null;
  onTimeInFullRate: number | null;
  confirmationLatencyHours: number | null;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

export function lineKpis(lines: readonly KpiLineFacts[]): LineKpis {
  let owed = 0;
  let filled = 0;
  let counted = 0;
  let onTimeInFull = 0;
  let answered = 0;
  let hours = 0;
  for (const { line, receipts, requestedInWindow, answerHours } of lines) {
    const due = line.quantity - line.cancelledQuantity;
    if (requestedInWindow && due > 0) {
      owed += due;
      filled += receivedBy(line, receipts, line.requestedDate);
      counted += 1;
      if (isOnTimeInFull(line, receipts)) onTimeInFull += 1;
    }
    if (answerHours !== null) {
      answered += 1;
      hours += answerHours;
    }
  }
  return {
    fillRate: owed > 0 ? round(filled / owed, 4) : null,
    onTimeInFullRate: counted > 0 ? round(onTimeInFull / counted, 4) : null,
    confirmationLatencyHours: answered > 0 ? round(hours / answered, 2) : null,
  };
}
