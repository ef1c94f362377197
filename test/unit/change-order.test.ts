import {
  changeOrder,
  expectedDeliveries,
  isSlipped,
  lineQuantities,
  lineStatus,
  promise,
  reject,
  ship,
  slipsFurther,
  uncoveredQuantity,
  type LineQuantities,
} from '../../src/modules/open-orders/open-quantity';
import { PurchaseOrderLineStatus as S } from '../../src/modules/open-orders/line-status';

/** The buyer's change order in the open-quantity model (DESIGN.md, Changes after an order is issued), figures by hand. */
const d = (n: number) => `2026-12-${String(n).padStart(2, '0')}`;
const changed = (l: LineQuantities, change: Parameters<typeof changeOrder>[1]) => {
  const result = changeOrder(l, change);
  if (!result.ok) throw new Error(result.message);
  return result.after;
};

describe('changeOrder', () => {
  // Ordered 100 for d8; promised 60 on d5 and 40 on d9 (late: slipped).
  const promised = promise(lineQuantities({ quantity: 100, requestedDate: d(8) }), [{ quantity: 60, deliveryDate: d(5) }, { quantity: 40, deliveryDate: d(9) }]);

  it('cut from 100 to 70 and moved to d6: the old promise capped at 70, latest cut first (60 on d5, 10 on d9), awaiting acknowledgement, not slipped by the change', () => {
    expect(isSlipped(promised)).toBe(true);
    const after = changed(promised, { quantity: 70, requestedDate: d(6) });
    expect(after).toMatchObject({ quantity: 70, requestedDate: d(6), acknowledgementRequired: true });
    expect(expectedDeliveries(after)).toEqual([{ quantity: 60, deliveryDate: d(5) }, { quantity: 10, deliveryDate: d(9) }]);
    expect(isSlipped(after)).toBe(false); // d9 is after d6, but the supplier has not answered the new terms yet
    expect(lineStatus(after)).toBe(S.CONFIRMED);
    expect(slipsFurther(promised, after)).toBe(false);
  });

  it('raised from 100 to 120: the old promise stays and the 20 more count on requestedDate', () => {
    const after = changed(promised, { quantity: 120 });
    expect(expectedDeliveries(after)).toEqual([{ quantity: 60, deliveryDate: d(5) }, { quantity: 20, deliveryDate: d(8) }, { quantity: 40, deliveryDate: d(9) }]);
    expect(uncoveredQuantity(after)).toBe(0);
    expect(lineStatus(after)).toBe(S.PARTIALLY_CONFIRMED); // the promise (100) covers less than the 120 open
    expect(isSlipped(after)).toBe(false);
  });

  it('the supplier answers: a new promise (or a rejection) ends the wait, and slips are judged again', () => {
    const after = changed(promised, { quantity: 70, requestedDate: d(6) });
    const answered = promise(after, [{ quantity: 70, deliveryDate: d(7) }]);
    expect(answered.acknowledgementRequired).toBe(false);
    expect(isSlipped(answered)).toBe(true); // d7 > d6
    expect(expectedDeliveries(answered)).toEqual([{ quantity: 70, deliveryDate: d(7) }]);
    expect(reject(after).acknowledgementRequired).toBe(false);
  });

  it('goods shipped late still slip a line awaiting acknowledgement', () => {
    const shipped = ship(promised, { quantity: 30, expectedArrival: d(7) });
    const after = changed(shipped, { quantity: 90, requestedDate: d(6) });
    expect(isSlipped(after)).toBe(true); // 30 in transit arrive d7, after d6
    // In transit 30 on d7; the promise less the 30 shipped (30 on d5, 40 on d9) capped at 90 - 30 = 60: 30 on d5, 30 on d9.
    expect(expectedDeliveries(after)).toEqual([{ quantity: 30, deliveryDate: d(5) }, { quantity: 30, deliveryDate: d(7) }, { quantity: 30, deliveryDate: d(9) }]);
  });

  it('never below received + in transit (+ cancelled): received 30, 20 in transit -> at least 50', () => {
    const l = ship(lineQuantities({ quantity: 100, requestedDate: d(8), receivedQuantity: 30 }), { quantity: 20, expectedArrival: d(6) });
    expect(changeOrder(l, { quantity: 49 })).toEqual({ ok: false, minimum: 50, message: 'The quantity cannot go below 50 (30 received, 20 in transit)' });
    const at = changed(l, { quantity: 50 });
    expect(lineStatus(at)).toBe(S.PARTIALLY_RECEIVED);
    expect(expectedDeliveries(at)).toEqual([{ quantity: 20, deliveryDate: d(6) }]);
  });

  it('a line never promised simply asks for the new quantity on the new date (nothing to acknowledge)', () => {
    const after = changed(lineQuantities({ quantity: 100, requestedDate: d(8) }), { quantity: 60, requestedDate: d(10) });
    expect(after.acknowledgementRequired).toBeFalsy();
    expect(expectedDeliveries(after)).toEqual([{ quantity: 60, deliveryDate: d(10) }]);
    expect(lineStatus(after)).toBe(S.OPEN);
  });
});
