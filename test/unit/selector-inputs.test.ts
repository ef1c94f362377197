import { expectedDeliveries, lineQuantities, takeEarliest } from '../../src/modules/open-orders/open-quantity';
import { MIN_CONFIRMATIONS, selectorCandidates, type SourcingRuleFacts } from '../../src/modules/sourcing/selector';

/** The selector's input rules, hand-computed (DESIGN.md, Backup-supplier selector, "Candidates"). */
const TODAY = '2026-12-07'; // a Monday: ISO week 2026-W50 runs 12-07..12-13, W51 12-14..12-20

const rule = (supplierId: string, over: Partial<SourcingRuleFacts> = {}): SourcingRuleFacts => ({
  supplierId,
  priority: 2,
  quotedLeadTimeDays: 5,
  unitCost: '4.00',
  minOrderQuantity: 1,
  orderMultiple: 1,
  weeklyCapacity: null,
  active: true,
  partnershipActive: true,
  ...over,
});

describe('received units come off the earliest deliveries', () => {
  it('takes receipts off in date order, whatever the order given', () => {
    const schedule = [
      { quantity: 40, deliveryDate: '2026-12-09' },
      { quantity: 60, deliveryDate: '2026-12-03' },
    ];
    // 70 received: the 60 of 12-03 and 10 of the 40 of 12-09.
    expect(takeEarliest(schedule, 70)).toEqual([{ quantity: 30, deliveryDate: '2026-12-09' }]);
    expect(takeEarliest(schedule, 0)).toEqual([
      { quantity: 60, deliveryDate: '2026-12-03' },
      { quantity: 40, deliveryDate: '2026-12-09' },
    ]);
    expect(takeEarliest(schedule, 100)).toEqual([]);
  });

  it('counts a never-confirmed line on its requested date', () => {
    expect(expectedDeliveries(lineQuantities({ quantity: 100, requestedDate: '2026-12-10', receivedQuantity: 25 }))).toEqual([{ quantity: 75, deliveryDate: '2026-12-10' }]);
  });
});

describe('selector candidates', () => {
  it('leaves out the slipped supplier and marks inactive rules and partnerships unusable', () => {
    const candidates = selectorCandidates({
      slippedSupplierId: 'S1',
      rules: [rule('S1'), rule('S2', { active: false }), rule('S3', { partnershipActive: false }), rule('S4')],
      leadTimes: [],
      openLines: [],
      today: TODAY,
    });
    expect(candidates.map((c) => [c.supplierId, c.usable])).toEqual([['S2', false], ['S3', false], ['S4', true]]);
  });

  it('orders whole purchase units: the multiple is the least common multiple of orderMultiple and the case size', () => {
    const [cases, both] = selectorCandidates({
      slippedSupplierId: 'S1',
      rules: [rule('S2', { unitsPerPurchaseUnit: 12 }), rule('S3', { orderMultiple: 8, unitsPerPurchaseUnit: 12 })],
      leadTimes: [],
      openLines: [],
      today: TODAY,
    });
    expect([cases.orderMultiple, both.orderMultiple]).toEqual([12, 24]);
  });

  it(`uses the p90 of confirmed lead times from ${MIN_CONFIRMATIONS} confirmations on, the quoted lead time before`, () => {
    const [few, enough] = selectorCandidates({
      slippedSupplierId: 'S1',
      rules: [rule('S2', { quotedLeadTimeDays: 5 }), rule('S3', { quotedLeadTimeDays: 5 })],
      leadTimes: [
        // Nearest-rank p90: of 2 values the 2nd, of 3 the 3rd (ceil(0.9 n)).
        { supplierId: 'S2', confirmedDays: [12, 4].slice(0, MIN_CONFIRMATIONS - 1) },
        { supplierId: 'S3', confirmedDays: [9, 12, 4] },
      ],
      openLines: [],
      today: TODAY,
    });
    expect([few.expectedDate, few.leadTimeBasis]).toEqual(['2026-12-12', 'quoted 5 days']);
    expect([enough.expectedDate, enough.leadTimeBasis]).toEqual(['2026-12-19', 'p90 of 3 confirmed lead times: 12 days']);
  });

  it('nets weekly capacity by the open quantity in the ISO week of the expected date (in transit on arrival, confirmed dates, else requested; receipts off the earliest)', () => {
    const [c] = selectorCandidates({
      slippedSupplierId: 'S1',
      rules: [rule('S2', { quotedLeadTimeDays: 3, weeklyCapacity: 500 })], // expected 12-10, week 2026-W50
      leadTimes: [],
      openLines: [
        // Confirmed 100 on 12-08 (W50) and 50 on 12-15 (W51); 30 received come off the 12-08 delivery: 70 left in W50.
        { supplierId: 'S2', ...lineQuantities({ quantity: 150, requestedDate: '2026-12-08', schedule: [{ quantity: 100, deliveryDate: '2026-12-08' }, { quantity: 50, deliveryDate: '2026-12-15' }], receivedQuantity: 30, scheduleTaken: 30 }) },
        // Never confirmed, requested 12-13 (Sunday, still W50): 40.
        { supplierId: 'S2', ...lineQuantities({ quantity: 40, requestedDate: '2026-12-13' }) },
        // Promised for W51, but 25 of it shipped to arrive 12-11 (W50): those count in W50.
        { supplierId: 'S2', ...lineQuantities({ quantity: 60, requestedDate: '2026-12-16', schedule: [{ quantity: 60, deliveryDate: '2026-12-16' }], scheduleTaken: 25, inTransit: [{ quantity: 25, expectedArrival: '2026-12-11' }] }) },
        // Another supplier's line does not count against S2.
        { supplierId: 'S3', ...lineQuantities({ quantity: 999, requestedDate: '2026-12-10' }) },
      ],
      today: TODAY,
    });
    expect(c.week).toBe('2026-W50');
    expect(c.openInWeek).toBe(70 + 40 + 25);
  });
});
