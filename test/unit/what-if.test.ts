import { expectedDeliveries, lineQuantities, moveDeliveries, promise, receive, ship, shortfall, slip } from '../../src/modules/open-orders/open-quantity';
import { Scenario } from '../../src/modules/what-if/scenario';

const D = (day: number) => `2030-01-${String(day).padStart(2, '0')}`;

describe('slip (a line delivering later and/or less)', () => {
  const promised = promise(lineQuantities({ quantity: 100, requestedDate: D(5) }), [{ quantity: 60, deliveryDate: D(5) }, { quantity: 40, deliveryDate: D(9) }]);

  it('moves all that is still expected besides transit to the new date, or keeps the dates and cuts the latest first', () => {
    expect(expectedDeliveries(slip(promised, { deliveryDate: D(12) }))).toEqual([{ quantity: 100, deliveryDate: D(12) }]);
    expect(expectedDeliveries(slip(promised, { quantity: 70 }))).toEqual([{ quantity: 60, deliveryDate: D(5) }, { quantity: 10, deliveryDate: D(9) }]);
    expect(expectedDeliveries(slip(promised, { quantity: 70, deliveryDate: D(7) }))).toEqual([{ quantity: 70, deliveryDate: D(7) }]);
    // Neither given: the same deliveries.
    expect(expectedDeliveries(slip(promised, {}))).toEqual(expectedDeliveries(promised));
  });

  it('leaves goods in transit alone; a never-confirmed line slips from its requested date; 0 brings nothing more', () => {
    const shipped = ship(promised, { quantity: 30, expectedArrival: D(4) });
    expect(expectedDeliveries(slip(shipped, { deliveryDate: D(20) }))).toEqual([{ quantity: 30, deliveryDate: D(4) }, { quantity: 70, deliveryDate: D(20) }]);
    const open = lineQuantities({ quantity: 50, requestedDate: D(6) });
    expect(expectedDeliveries(slip(open, { quantity: 20 }))).toEqual([{ quantity: 20, deliveryDate: D(6) }]);
    const nothing = slip(shipped, { quantity: 0 });
    expect(expectedDeliveries(nothing)).toEqual([{ quantity: 30, deliveryDate: D(4) }]);
    // The selector's shortfall of that line by day 5: all that is not in transit.
    expect(shortfall(nothing, D(5))).toBe(70);
  });

  it('after a receipt, slips only what is still to come', () => {
    const { receipt } = receive(promised, 60, { tolerancePercent: 0 }) as { ok: true; receipt: { after: typeof promised } };
    expect(expectedDeliveries(slip(receipt.after, { deliveryDate: D(15) }))).toEqual([{ quantity: 40, deliveryDate: D(15) }]);
  });
});

describe('moveDeliveries and outages', () => {
  it('moves what falls in an outage to the day after, again through a following outage, and nothing else', () => {
    const scenario = new Scenario([], [{ supplierId: 's', from: D(3), to: D(5) }, { supplierId: 's', from: D(6), to: D(7) }]);
    expect(scenario.delivery('s', D(2))).toBe(D(2));
    expect(scenario.delivery('s', D(4))).toBe(D(8)); // day 6 is in the second outage
    expect(scenario.delivery('other', D(4))).toBe(D(4));
    const line = ship(promise(lineQuantities({ quantity: 90, requestedDate: D(3) }), [{ quantity: 50, deliveryDate: D(3) }, { quantity: 40, deliveryDate: D(10) }]), { quantity: 20, expectedArrival: D(5) });
    // In transit 20 on day 5 and the 30 left of the promise on day 3 both come on day 8; the 40 on day 10 stay.
    expect(expectedDeliveries(scenario.line('l', 's', line))).toEqual([{ quantity: 50, deliveryDate: D(8) }, { quantity: 40, deliveryDate: D(10) }]);
    // Nothing in the window: the same object back.
    expect(moveDeliveries(line, (d) => d)).toBe(line);
  });

  it('a slip applies first, then the outage; other lines of other suppliers are untouched', () => {
    const scenario = new Scenario([{ lineId: 'l', deliveryDate: D(4) }], [{ supplierId: 's', from: D(4), to: D(5) }]);
    const line = promise(lineQuantities({ quantity: 10, requestedDate: D(2) }), [{ quantity: 10, deliveryDate: D(2) }]);
    expect(expectedDeliveries(scenario.line('l', 's', line))).toEqual([{ quantity: 10, deliveryDate: D(6) }]);
    expect(scenario.line('m', 'other', line)).toBe(line);
    expect(scenario.touches('m', 'other')).toBe(false);
  });
});
