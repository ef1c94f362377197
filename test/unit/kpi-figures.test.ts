import { lineKpis } from '../../src/modules/kpis/kpi-figures';
import { isOnTimeInFull, lineQuantities, receivedBy, type LineQuantities } from '../../src/modules/open-orders/open-quantity';

const REQUESTED = '2026-12-10';
const line = (facts: Partial<LineQuantities>) => lineQuantities({ quantity: 100, requestedDate: REQUESTED, ...facts });

describe('receivedBy and isOnTimeInFull (the open-quantity model)', () => {
  it('counts receipts dated on or before the date, at most ordered - cancelled', () => {
    const l = line({ receivedQuantity: 100, overDeliveredQuantity: 2 });
    const receipts = [{ quantity: 60, receivedOn: '2026-12-09' }, { quantity: 42, receivedOn: '2026-12-10' }];
    expect(receivedBy(l, receipts, '2026-12-08')).toBe(0);
    expect(receivedBy(l, receipts, '2026-12-09')).toBe(60);
    expect(receivedBy(l, receipts, REQUESTED)).toBe(100); // 102 received, 2 of them over-delivered
    expect(isOnTimeInFull(l, receipts)).toBe(true);
  });

  it('is not on time in full when the last units came late, or the line was closed short', () => {
    const late = line({ receivedQuantity: 100 });
    expect(isOnTimeInFull(late, [{ quantity: 90, receivedOn: REQUESTED }, { quantity: 10, receivedOn: '2026-12-11' }])).toBe(false);
    const closedShort = line({ receivedQuantity: 70, cancelledQuantity: 30, closed: true });
    const receipts = [{ quantity: 70, receivedOn: '2026-12-01' }];
    expect(receivedBy(closedShort, receipts, REQUESTED)).toBe(70);
    expect(isOnTimeInFull(closedShort, receipts)).toBe(false);
  });
});

describe('lineKpis', () => {
  it('computes fill rate, on-time-in-full and confirmation latency by hand', () => {
    expect(lineKpis([
      { line: line({ receivedQuantity: 100 }), receipts: [{ quantity: 100, receivedOn: REQUESTED }], requestedInWindow: true, answerHours: 2 },
      { line: line({ quantity: 50, receivedQuantity: 50 }), receipts: [{ quantity: 20, receivedOn: REQUESTED }, { quantity: 30, receivedOn: '2026-12-12' }], requestedInWindow: true, answerHours: null },
      { line: line({ quantity: 40, rejected: true }), receipts: [], requestedInWindow: true, answerHours: 7 },
      // Requested outside the window: latency only.
      { line: line({ quantity: 10 }), receipts: [], requestedInWindow: false, answerHours: 3.5 },
      // Cancelled (c = q): left out.
      { line: line({ quantity: 10, cancelledQuantity: 10 }), receipts: [], requestedInWindow: true, answerHours: null },
    ])).toEqual({
      fillRate: 0.6316, // (100 + 20 + 0) / (100 + 50 + 40) = 120 / 190
      onTimeInFullRate: 0.3333, // 1 of 3
      confirmationLatencyHours: 4.17, // (2 + 7 + 3.5) / 3
    });
  });

  it('answers null when nothing counts', () => {
    expect(lineKpis([])).toEqual({ fillRate: null, onTimeInFullRate: null, confirmationLatencyHours: null });
  });
});
