import {
  asRequestedQuantity,
  changeOrder,
  closeShort,
  expectedDeliveries,
  inboundPart,
  inTransitQuantity,
  isReceivedInFull,
  isSlipped,
  lineQuantities,
  lineStatus,
  openQuantity,
  promise,
  receive,
  reduce,
  reject,
  remainingSchedule,
  replaceableAfter,
  returnShipment,
  sameInbound,
  ship,
  shipmentProblem,
  shortfall,
  slipsFurther,
  takeEarliest,
  total,
  uncoveredQuantity,
  unscheduledQuantity,
  unshippedQuantity,
  type LineQuantities,
  type ReceiptResult,
} from '../../src/modules/open-orders/open-quantity';

/**
 * The open-quantity model, by hand (DESIGN.md "The open-quantity model",
 * "Ship notices"). Day n is 2026-12-01 + n; every line asks for delivery on
 * requestedDate (day 5 unless said otherwise).
 */
const day = (n: number) => `2026-12-${String(1 + n).padStart(2, '0')}`;
const s = (quantity: number, n: number) => ({ quantity, deliveryDate: day(n) });
const line = (over: Partial<LineQuantities> = {}) => lineQuantities({ quantity: 100, requestedDate: day(5), ...over });

/** Applies a receipt that must be accepted. */
function received(l: LineQuantities, quantity: number, options: { tolerancePercent?: number; shipment?: number } = {}): LineQuantities {
  const result = receive(l, quantity, { tolerancePercent: options.tolerancePercent ?? 0, shipment: options.shipment });
  if (!result.ok) throw new Error(result.message);
  return result.receipt.after;
}
const refusal = (result: ReceiptResult) => (result.ok ? null : { maximum: result.maximum, message: result.message });

/** What everything that counts a line reads of it. */
const view = (l: LineQuantities) => ({
  open: openQuantity(l),
  inTransit: inTransitQuantity(l),
  remaining: remainingSchedule(l),
  unscheduled: unscheduledQuantity(l),
  inbound: expectedDeliveries(l),
  status: lineStatus(l),
  slipped: isSlipped(l),
});

describe('re-promising a backorder after partial receipts', () => {
  it('after one receipt: the remainder promised on day 9 is 40 inbound on day 9 (issue 12, first story)', () => {
    const confirmed = promise(line(), [s(100, 5)]);
    const partly = received(confirmed, 60);
    // The 60 came off the promise of 100 on day 5: 40 still to come that day.
    expect(view(partly)).toEqual({ open: 40, inTransit: 0, remaining: [s(40, 5)], unscheduled: 0, inbound: [s(40, 5)], status: 'PARTIALLY_RECEIVED', slipped: false });

    const repromised = promise(partly, [s(40, 9)]);
    expect(view(repromised)).toEqual({ open: 40, inTransit: 0, remaining: [s(40, 9)], unscheduled: 0, inbound: [s(40, 9)], status: 'PARTIALLY_RECEIVED', slipped: true });
    expect(slipsFurther(partly, repromised)).toBe(true);
    // The selector: all 40 arrive after day 5; a backup arriving on day 7 could replace them, one on day 9 not.
    expect(shortfall(repromised, day(5))).toBe(40);
    expect([replaceableAfter(repromised, day(7)), replaceableAfter(repromised, day(9))]).toEqual([40, 0]);
    // The old rule (every receipt off the current schedule) took the 60 off the new 40: nothing inbound at all.
    expect(takeEarliest([s(40, 9)], 60)).toEqual([]);
  });

  it('after two receipts, and a third receipt after the re-promise comes off it', () => {
    let l = promise(line(), [s(100, 5)]);
    l = received(l, 30);
    l = received(l, 30);
    expect(view(l)).toMatchObject({ open: 40, remaining: [s(40, 5)], status: 'PARTIALLY_RECEIVED' });
    l = promise(l, [s(25, 9), s(15, 12)]);
    expect(view(l)).toMatchObject({ open: 40, remaining: [s(25, 9), s(15, 12)], inbound: [s(25, 9), s(15, 12)], slipped: true });
    l = received(l, 25);
    expect(view(l)).toEqual({ open: 15, inTransit: 0, remaining: [s(15, 12)], unscheduled: 0, inbound: [s(15, 12)], status: 'PARTIALLY_RECEIVED', slipped: true });
    l = received(l, 15);
    expect(view(l)).toMatchObject({ open: 0, remaining: [], inbound: [], status: 'RECEIVED', slipped: false });
    expect(isReceivedInFull(l)).toBe(true);
  });
});

describe('a receipt before and after a re-promise', () => {
  it('a receipt before the promise is not taken off it; one after is', () => {
    // Never confirmed: open 100 expected as requested; 20 arrive unannounced.
    let l = received(line({ requestedDate: day(10) }), 20);
    expect(view(l)).toMatchObject({ open: 80, remaining: [], unscheduled: 80, inbound: [s(80, 10)], status: 'PARTIALLY_RECEIVED', slipped: false });
    // The supplier promises the 80 still to come: 50 early, 30 late.
    l = promise(l, [s(50, 8), s(30, 12)]);
    expect(view(l)).toMatchObject({ open: 80, remaining: [s(50, 8), s(30, 12)], inbound: [s(50, 8), s(30, 12)], slipped: true });
    expect(shortfall(l, day(10))).toBe(30);
    // 50 arrive after the promise: off its earliest line.
    l = received(l, 50);
    expect(view(l)).toMatchObject({ open: 30, remaining: [s(30, 12)], inbound: [s(30, 12)], status: 'PARTIALLY_RECEIVED', slipped: true });
  });

  it('receipt, re-promise, receipt', () => {
    let l = promise(line({ requestedDate: day(10) }), [s(100, 8)]);
    l = received(l, 40);
    expect(remainingSchedule(l)).toEqual([s(60, 8)]);
    l = promise(l, [s(60, 11)]); // the 40 received before are not taken off again
    expect(remainingSchedule(l)).toEqual([s(60, 11)]);
    l = received(l, 10);
    expect(view(l)).toMatchObject({ open: 50, remaining: [s(50, 11)], inbound: [s(50, 11)], slipped: true });
  });
});

describe('receipts against a ship notice', () => {
  const promised = () => promise(line({ requestedDate: day(10) }), [s(60, 8), s(40, 10)]);

  it('moves the shipped quantity from the schedule (earliest first) to in transit, counted once, on its arrival', () => {
    const shipped = ship(promised(), { quantity: 50, expectedArrival: day(9) });
    expect(view(shipped)).toEqual({
      open: 100, inTransit: 50, remaining: [s(10, 8), s(40, 10)], unscheduled: 0,
      inbound: [s(10, 8), s(50, 9), s(40, 10)], status: 'CONFIRMED', slipped: false,
    });
    expect(shipmentProblem(shipped, 51)).toBe('At most 50 can be shipped on this line (100 open, 50 already in transit)');
    expect(shipmentProblem(shipped, 50)).toBeNull();
  });

  it('a receipt against the notice comes off its in-transit quantity; one on the line alone takes what is in transit first', () => {
    let l = ship(promised(), { quantity: 50, expectedArrival: day(9) });
    l = received(l, 30, { shipment: 0 });
    expect(view(l)).toEqual({
      open: 70, inTransit: 20, remaining: [s(10, 8), s(40, 10)], unscheduled: 0,
      inbound: [s(10, 8), s(20, 9), s(40, 10)], status: 'PARTIALLY_RECEIVED', slipped: false,
    });
    l = received(l, 25); // 20 in transit, then 5 off the schedule
    expect(view(l)).toMatchObject({ open: 45, inTransit: 0, remaining: [s(5, 8), s(40, 10)], inbound: [s(5, 8), s(40, 10)] });
  });

  it('a notice arriving after the requested date makes the line slip', () => {
    const before = promised();
    const late = ship(before, { quantity: 60, expectedArrival: day(11) });
    expect(view(late)).toMatchObject({ inbound: [s(40, 10), s(60, 11)], slipped: true });
    expect(slipsFurther(before, late)).toBe(true);
    expect(shortfall(late, day(10))).toBe(60);
    expect(replaceableAfter(late, day(9))).toBe(40); // goods on their way are never replaced
  });

  it('a never-confirmed line counts open less in transit on its requested date', () => {
    const l = ship(line({ requestedDate: day(10) }), { quantity: 30, expectedArrival: day(6) });
    expect(view(l)).toMatchObject({ open: 100, inTransit: 30, inbound: [s(30, 6), s(70, 10)], status: 'PARTIALLY_CONFIRMED', slipped: false });
  });
});

describe('a receipt against one notice beyond what it carries', () => {
  // Confirmed 100 on day 5; ASN 1: 50 arriving day 2, ASN 2: 50 arriving day 3.
  const twoNotices = () => ship(ship(promise(line(), [s(100, 5)]), { quantity: 50, expectedArrival: day(2) }), { quantity: 50, expectedArrival: day(3) });
  const receipt = (l: LineQuantities, quantity: number, shipment: number | null, tolerancePercent = 0) => {
    const result = receive(l, quantity, { tolerancePercent, shipment });
    if (!result.ok) throw new Error(result.message);
    return result.receipt;
  };

  it('takes the rest off the line\'s other notices: 60 against ASN 1 is its 50 and 10 of ASN 2', () => {
    const r = receipt(twoNotices(), 60, 0);
    expect([r.received, r.overDelivered, r.fromTransit, r.scheduleTaken]).toEqual([60, 0, [50, 10], 0]);
    expect(view(r.after)).toEqual({ open: 40, inTransit: 40, remaining: [], unscheduled: 0, inbound: [s(40, 3)], status: 'PARTIALLY_RECEIVED', slipped: false });
    // The rest of ASN 2 (now second of one: index 0) arrives in full.
    const rest = receipt(r.after, 40, 0);
    expect(rest.fromTransit).toEqual([40]);
    expect(view(rest.after)).toMatchObject({ open: 0, inTransit: 0, inbound: [], status: 'RECEIVED' });
  });

  it('100 against ASN 1 receives both notices in full: RECEIVED, nothing in transit', () => {
    const r = receipt(twoNotices(), 100, 0);
    expect([r.fromTransit, r.scheduleTaken]).toEqual([[50, 50], 0]);
    expect(view(r.after)).toMatchObject({ open: 0, inTransit: 0, status: 'RECEIVED', inbound: [] });
  });

  it('the other notices go earliest arrival first, then the promise; over-delivery comes off no notice', () => {
    // Promised 100 on day 5; shipped 30 (day 4), 30 (day 3), 20 (day 2): 20 still promised.
    let l = promise(line(), [s(100, 5)]);
    l = ship(l, { quantity: 30, expectedArrival: day(4) });
    l = ship(l, { quantity: 30, expectedArrival: day(3) });
    l = ship(l, { quantity: 20, expectedArrival: day(2) });
    const first = receipt(l, 55, 0);
    expect(first.fromTransit).toEqual([30, 5, 20]);
    expect(view(first.after)).toMatchObject({ open: 45, inTransit: 25, remaining: [s(20, 5)], inbound: [s(25, 3), s(20, 5)] });
    // 55 against what is left of the day-3 notice: its 25, the 20 promised, 10 over (10% of 100).
    const second = receipt(first.after, 55, 0, 10);
    expect([second.received, second.overDelivered, second.fromTransit, second.scheduleTaken]).toEqual([45, 10, [25], 20]);
    expect(view(second.after)).toMatchObject({ open: 0, inTransit: 0, remaining: [], status: 'RECEIVED' });
  });

  it('on a closed line, what is in transit on any of its notices can still be received, nothing beyond', () => {
    const shipped = ship(ship(promise(line(), [s(100, 5)]), { quantity: 30, expectedArrival: day(2) }), { quantity: 20, expectedArrival: day(3) });
    const { cancelled, after: closed } = closeShort(shipped);
    expect(cancelled).toBe(50);
    expect(refusal(receive(closed, 51, { tolerancePercent: 10, shipment: 1 }))).toEqual({ maximum: 50, message: 'The line is closed: only the 50 in transit can still be received' });
    expect(receipt(closed, 50, 1).fromTransit).toEqual([30, 20]);
  });
});

describe('invariants over any sequence of changes', () => {
  // A small deterministic generator (no flaky seeds): ships, receipts on the line or against a notice, closed and cancelled notices, promises.
  function* random(seed: number) {
    let x = seed;
    for (;;) {
      x = (x * 1103515245 + 12345) % 2147483648;
      yield x / 2147483648;
    }
  }

  it('nothing is in transit beyond open, no notice receives more than it carries, nothing received beyond open plus tolerance', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rand = random(seed);
      const next = () => rand.next().value as number;
      const pick = (n: number) => Math.floor(next() * n);
      let l = next() < 0.5 ? promise(line(), [s(60, 4), s(40, 6)]) : line();
      for (let step = 0; step < 12; step++) {
        const before = l;
        const action = pick(5);
        if (action === 0) {
          const quantity = 1 + pick(Math.max(1, unshippedQuantity(l)));
          if (!shipmentProblem(l, quantity)) l = ship(l, { quantity, expectedArrival: day(1 + pick(8)) });
        } else if (action === 1 || action === 2) {
          const named = action === 1 && l.inTransit.length ? pick(l.inTransit.length) : undefined;
          const result = receive(l, 1 + pick(80), { tolerancePercent: 5, shipment: named });
          if (result.ok) {
            result.receipt.fromTransit.forEach((q, i) => expect(q).toBeLessThanOrEqual(before.inTransit[i].quantity));
            expect(result.receipt.fromTransit.reduce((a, b) => a + b, 0) + result.receipt.scheduleTaken).toBe(result.receipt.received);
            l = result.receipt.after;
          }
        } else if (action === 3 && l.inTransit.length) {
          l = returnShipment(l, pick(l.inTransit.length));
        } else if (action === 4 && unshippedQuantity(l) > 0) {
          l = promise(l, [s(unshippedQuantity(l), 5 + pick(4))]);
        }
        expect(inTransitQuantity(l)).toBeLessThanOrEqual(openQuantity(l));
        expect(l.receivedQuantity).toBeLessThanOrEqual(l.quantity - l.cancelledQuantity);
        expect(l.overDeliveredQuantity).toBeLessThanOrEqual(5);
        expect(total(expectedDeliveries(l))).toBeLessThanOrEqual(openQuantity(l));
        expect(total(expectedDeliveries(l)) + uncoveredQuantity(l)).toBe(openQuantity(l));
      }
    }
  });
});

describe('a closed ship notice with a remainder', () => {
  it('returns the remainder to open and unscheduled: no inbound, the line slips until promised again', () => {
    let l = promise(line({ requestedDate: day(10) }), [s(100, 8)]);
    l = ship(l, { quantity: 100, expectedArrival: day(9) });
    l = received(l, 70, { shipment: 0 });
    expect(view(l)).toMatchObject({ open: 30, inTransit: 30, remaining: [], inbound: [s(30, 9)], slipped: false });
    const closed = returnShipment(l, 0);
    expect(view(closed)).toEqual({ open: 30, inTransit: 0, remaining: [], unscheduled: 30, inbound: [], status: 'PARTIALLY_RECEIVED', slipped: true });
    expect(slipsFurther(l, closed)).toBe(true);
    expect([shortfall(closed, day(10)), replaceableAfter(closed, day(12))]).toEqual([30, 30]);
    const again = promise(closed, [s(30, 14)]);
    expect(view(again)).toMatchObject({ remaining: [s(30, 14)], unscheduled: 0, inbound: [s(30, 14)], slipped: true });
  });

  it('on a never-confirmed line: the remainder is not expected as requested any more; the line slips until promised (reviewer\'s case)', () => {
    // 100 requested on day 5, never confirmed, all shipped on one notice; 40 received against it.
    let l = ship(line(), { quantity: 100, expectedArrival: day(4) });
    l = received(l, 40, { shipment: 0 });
    expect(view(l)).toEqual({ open: 60, inTransit: 60, remaining: [], unscheduled: 0, inbound: [s(60, 4)], status: 'PARTIALLY_RECEIVED', slipped: false });
    const closed = returnShipment(l, 0);
    expect(view(closed)).toEqual({ open: 60, inTransit: 0, remaining: [], unscheduled: 60, inbound: [], status: 'PARTIALLY_RECEIVED', slipped: true });
    expect([asRequestedQuantity(closed), uncoveredQuantity(closed)]).toEqual([0, 60]);
    expect(slipsFurther(l, closed)).toBe(true);
    expect(shortfall(closed, day(5))).toBe(60);
    // Promised again on the requested date: no slip, inbound on that date.
    expect(view(promise(closed, [s(60, 5)]))).toMatchObject({ remaining: [s(60, 5)], inbound: [s(60, 5)], slipped: false });
  });

  it('on a never-confirmed line only what was shipped comes back unscheduled; the rest is still expected as requested', () => {
    let l = received(line(), 10); // 10 arrived without a notice
    l = ship(l, { quantity: 30, expectedArrival: day(3) });
    expect(view(l)).toMatchObject({ open: 90, inTransit: 30, inbound: [s(30, 3), s(60, 5)], slipped: false });
    const closed = returnShipment(l, 0);
    expect(view(closed)).toMatchObject({ open: 90, inTransit: 0, inbound: [s(60, 5)], slipped: true });
    expect(uncoveredQuantity(closed)).toBe(30);
    // A reallocation takes the 30 nobody expects first: then nothing is missing.
    const reduced = reduce(closed, 30);
    expect([reduced.cancelledQuantity, asRequestedQuantity(reduced), uncoveredQuantity(reduced), isSlipped(reduced)]).toEqual([30, 60, 0, false]);
    expect(expectedDeliveries(reduced)).toEqual([s(60, 5)]);
    // Taking more cuts what is expected as requested.
    expect(expectedDeliveries(reduce(closed, 50))).toEqual([s(40, 5)]);
  });

  it('a promise cut to nothing by a reduction leaves the rest unscheduled, not expected as requested', () => {
    // Promised 100 on day 5, all shipped, 70 received, the notice closed: 30 unscheduled; a reallocation takes 10 of them.
    let l = ship(promise(line(), [s(100, 5)]), { quantity: 100, expectedArrival: day(4) });
    l = returnShipment(received(l, 70, { shipment: 0 }), 0);
    const reduced = reduce(l, 10);
    expect([reduced.schedule, openQuantity(reduced), asRequestedQuantity(reduced), uncoveredQuantity(reduced), isSlipped(reduced)]).toEqual([[], 20, 0, 20, true]);
    expect(expectedDeliveries(reduced)).toEqual([]);
  });

  it('a cancelled notice (nothing received) returns all of it the same way', () => {
    const shipped = ship(promise(line(), [s(100, 5)]), { quantity: 40, expectedArrival: day(4) });
    const cancelled = returnShipment(shipped, 0);
    expect(view(cancelled)).toMatchObject({ open: 100, inTransit: 0, remaining: [s(60, 5)], unscheduled: 40, status: 'PARTIALLY_CONFIRMED', slipped: true });
  });
});

describe('closing short', () => {
  it('with goods in transit: cancels only what is not in transit; later receipts beyond it are refused', () => {
    let l = promise(line(), [s(100, 5)]);
    l = received(l, 60);
    l = ship(l, { quantity: 15, expectedArrival: day(7) });
    const { cancelled, after } = closeShort(l);
    expect(cancelled).toBe(25);
    expect({ ...view(after), cancelledQuantity: after.cancelledQuantity }).toEqual({
      open: 15, inTransit: 15, remaining: [], unscheduled: 0, inbound: [s(15, 7)], status: 'PARTIALLY_RECEIVED', slipped: false, cancelledQuantity: 25,
    });
    expect(refusal(receive(after, 16, { tolerancePercent: 10 }))).toEqual({ maximum: 15, message: 'The line is closed: only the 15 in transit can still be received' });
    const done = received(after, 15);
    expect(view(done)).toMatchObject({ open: 0, status: 'CLOSED', inbound: [], slipped: false });
    expect(isReceivedInFull(done)).toBe(false);
    expect(refusal(receive(done, 1, { tolerancePercent: 10 }))).toEqual({ maximum: 0, message: 'The line is closed: nothing is in transit, so nothing more can be received' });
  });

  it('without anything in transit: the rest is cancelled and the line is CLOSED (issue 12, second story)', () => {
    const { cancelled, after } = closeShort(received(promise(line(), [s(100, 5)]), 60));
    expect([cancelled, after.cancelledQuantity, after.schedule]).toEqual([40, 40, []]);
    expect(view(after)).toMatchObject({ open: 0, status: 'CLOSED', inbound: [] });
  });

  it('a notice closed on a closed line is not owed any more: cancelled too', () => {
    const { after } = closeShort(ship(line(), { quantity: 30, expectedArrival: day(3) }));
    const returned = returnShipment(after, 0);
    expect([returned.cancelledQuantity, lineStatus(returned)]).toEqual([100, 'CANCELLED']);
  });
});

describe('over-delivery', () => {
  const ordered = () => line({ quantity: 260 });

  it('within tolerance: recorded, counted as received in full', () => {
    const result = receive(ordered(), 263, { tolerancePercent: 2 }); // 2% of 260 = 5.2: up to 5 more
    expect(result.ok && result.receipt).toMatchObject({ received: 260, overDelivered: 3 });
    const l = received(ordered(), 263, { tolerancePercent: 2 });
    expect([l.receivedQuantity, l.overDeliveredQuantity, lineStatus(l), isReceivedInFull(l)]).toEqual([260, 3, 'RECEIVED', true]);
    // What is left of the tolerance counts over every receipt.
    expect(refusal(receive(l, 3, { tolerancePercent: 2 }))?.maximum).toBe(2);
    expect(received(l, 2, { tolerancePercent: 2 }).overDeliveredQuantity).toBe(5);
  });

  it('beyond tolerance: refused, naming the maximum', () => {
    expect(refusal(receive(ordered(), 266, { tolerancePercent: 2 }))).toEqual({
      maximum: 265,
      message: 'At most 265 can be received on this line (260 still open, 5 more within the over-delivery tolerance of 2%; ordered 260)',
    });
    expect(refusal(receive(ordered(), 261, { tolerancePercent: 0 }))).toEqual({ maximum: 260, message: 'At most 260 can be received on this line (260 still open; ordered 260)' });
  });
});

describe('status, rejection and reduction', () => {
  it.each([
    ['never confirmed', line(), 'OPEN'],
    ['promised in full, split', promise(line(), [s(60, 4), s(40, 5)]), 'CONFIRMED'],
    ['promised short', promise(line(), [s(60, 4)]), 'PARTIALLY_CONFIRMED'],
    ['rejected', reject(promise(line(), [s(100, 5)])), 'REJECTED'],
    ['all cancelled', line({ cancelledQuantity: 100 }), 'CANCELLED'],
    ['received without a promise', received(line(), 100), 'RECEIVED'],
  ])('%s', (_name, l, status) => expect(lineStatus(l)).toBe(status));

  it('slips when rejected, late or short, and not when promised in full on time', () => {
    expect(isSlipped(line())).toBe(false);
    expect(isSlipped(promise(line(), [s(100, 5)]))).toBe(false);
    expect(isSlipped(promise(line(), [s(50, 4), s(50, 6)]))).toBe(true);
    expect(isSlipped(promise(line(), [s(99, 1)]))).toBe(true);
    expect(isSlipped(reject(line()))).toBe(true);
    expect(shortfall(reject(line()), day(5))).toBe(100);
  });

  it('a reduction takes the latest promised units off and cancels them', () => {
    const reduced = reduce(promise(line(), [s(60, 5), s(40, 12)]), 40);
    expect([reduced.cancelledQuantity, reduced.schedule, openQuantity(reduced), isSlipped(reduced)]).toEqual([40, [s(60, 5)], 60, false]);
    // After a receipt the new schedule lists only what is still to come.
    const afterReceipt = reduce(received(promise(line(), [s(60, 5), s(40, 12)]), 30), 40);
    expect([afterReceipt.schedule, afterReceipt.scheduleTaken, remainingSchedule(afterReceipt)]).toEqual([[s(30, 5)], 0, [s(30, 5)]]);
  });
});

describe('a change that leaves the projection as it was (sameInbound)', () => {
  const shipped = () => ship(promise(line(), [s(100, 5)]), { quantity: 30, expectedArrival: day(8) });
  const raised = () => {
    const change = changeOrder(promise(line(), [s(100, 5)]), { quantity: 120 });
    if (!change.ok) throw new Error(change.message);
    return change.after;
  };
  // Each case: the line before and after the change, and whether its position's projection may be kept (day 5 asked).
  it.each([
    ['confirmed as requested: 100 on day 5, as expected unconfirmed', line(), promise(line(), [s(100, 5)]), true],
    ['re-confirmed with the same promise', promise(line(), [s(60, 4), s(40, 5)]), promise(line(), [s(60, 4), s(40, 5)]), true],
    ['confirmed a day late', line(), promise(line(), [s(100, 6)]), false],
    ['confirmed early', line(), promise(line(), [s(100, 4)]), false],
    ['confirmed short', line(), promise(line(), [s(90, 5)]), false],
    ['a split moved a day', promise(line(), [s(60, 4), s(40, 5)]), promise(line(), [s(60, 5), s(40, 5)]), false],
    ['a rejected line confirmed as requested (it was no inbound at all)', reject(line()), promise(reject(line()), [s(100, 5)]), false],
    ['rejected', line(), reject(line()), false],
    // 60 received: 40 still open, expected on day 5 either way (the promise lists only what is still to come).
    ['after a receipt of 60, the 40 left promised on day 5', received(line(), 60), promise(received(line(), 60), [s(40, 5)]), true],
    ['after a receipt of 60, the 40 left promised on day 9', received(line(), 60), promise(received(line(), 60), [s(40, 9)]), false],
    // 30 of a promise of 100 on day 5 shipped, arriving day 8: 30 on day 8 and 70 on day 5, before and after the 70 is promised again.
    ['the 70 not shipped promised again on day 5', shipped(), promise(shipped(), [s(70, 5)]), true],
    ['the 70 not shipped promised again on day 6', shipped(), promise(shipped(), [s(70, 6)]), false],
    // Raised to 120 after a promise of 100 on day 5: 100 promised and 20 as requested, on day 5; acknowledged as 120 on day 5.
    ['a change order acknowledged as it stands', raised(), promise(raised(), [s(120, 5)]), true],
  ])('%s', (_name, before, after, same) => expect(sameInbound(before, after)).toBe(same));

  it("a line's inbound part is its expected deliveries, or nothing when its status is no inbound", () => {
    expect(inboundPart(promise(line(), [s(60, 4), s(40, 5)]))).toEqual([s(60, 4), s(40, 5)]);
    expect(inboundPart(line())).toEqual([s(100, 5)]);
    expect(inboundPart(reject(line()))).toEqual([]);
    expect(inboundPart(line({ cancelledQuantity: 100 }))).toEqual([]);
    expect(inboundPart(received(line(), 100))).toEqual([]);
  });
});
