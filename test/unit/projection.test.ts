import { dailyDemand, dailyInbound, MAX_REPORTED_QUANTITY, project, type ProjectionInput } from '../../src/modules/risk/projection';
import { addDays, daysBetween, daysBetweenChecked } from '../../src/shared/calendar';
import { lineQuantities, promise, ship, slip, type LineQuantities } from '../../src/modules/open-orders/open-quantity';

/** A line whose receipts all came after its promise (they come off its earliest deliveries). */
const l = (line: Pick<LineQuantities, 'quantity' | 'requestedDate' | 'schedule' | 'rejected' | 'receivedQuantity'>) =>
  lineQuantities({ ...line, scheduleTaken: line.schedule.length ? line.receivedQuantity : 0 });

const TODAY = '2026-12-01';
const input = (over: Partial<ProjectionInput>): ProjectionInput => ({
  today: TODAY,
  horizonDays: 10,
  available: 0,
  safetyStock: 0,
  unitPrice: '2.50',
  forecast: [],
  inbound: [],
  ...over,
});
const column = (result: ReturnType<typeof project>, key: 'demand' | 'inbound' | 'projectedAvailable') => result.days.map((d) => d[key]);
const projectDays = (i: ProjectionInput) => project(i, { days: true });

describe('demand', () => {
  it('spreads a 7-day period with the remainder on its first days', () => {
    // 30 over 7 days: 4 a day and the first 30 mod 7 = 2 days one more.
    expect(dailyDemand([{ periodStart: TODAY, periodDays: 7, quantity: 30 }], TODAY, 10)).toEqual([5, 5, 4, 4, 4, 4, 4, 0, 0, 0]);
  });

  it('spreads a 30-day period that started before today, dropping the past days', () => {
    // 100 over 30 days from 2026-11-21: the first 10 days (11-21..11-30) get 4, the rest 3; today is day 10 of the period.
    expect(dailyDemand([{ periodStart: '2026-11-21', periodDays: 30, quantity: 100 }], TODAY, 22)).toEqual([...new Array(20).fill(3), 0, 0]);
  });

  it('drops days past the horizon and adds overlapping periods', () => {
    const forecast = [
      { periodStart: '2026-11-29', periodDays: 7, quantity: 10 }, // 2,2,2,1,1,1,1 from 11-29
      { periodStart: '2026-12-03', periodDays: 7, quantity: 7 },
    ];
    expect(dailyDemand(forecast, TODAY, 5)).toEqual([2, 1, 1 + 1, 1 + 1, 1 + 1]);
  });
});

describe('inbound', () => {
  it('counts confirmed schedules on their dates, unconfirmed lines on the requested date, rejected lines not at all', () => {
    const lines = [
      l({ quantity: 50, requestedDate: '2026-12-03', schedule: [{ quantity: 20, deliveryDate: '2026-12-03' }], rejected: false, receivedQuantity: 0 }), // short: 30 unconfirmed do not count
      l({ quantity: 30, requestedDate: '2026-11-28', schedule: [], rejected: false, receivedQuantity: 0 }), // overdue: day 0
      l({ quantity: 100, requestedDate: '2026-12-02', schedule: [], rejected: true, receivedQuantity: 0 }),
      l({ quantity: 40, requestedDate: '2026-12-05', schedule: [], rejected: false, receivedQuantity: 15 }), // partly received
    ];
    expect(dailyInbound(lines, TODAY, 6)).toEqual([30, 0, 20, 0, 25, 0]);
  });

  it('takes receipts off the earliest schedule lines first', () => {
    const line = l({ quantity: 100, requestedDate: '2026-12-05', schedule: [{ quantity: 60, deliveryDate: '2026-12-08' }, { quantity: 40, deliveryDate: '2026-12-03' }], rejected: false, receivedQuantity: 50 });
    expect(dailyInbound([line], TODAY, 10)).toEqual([0, 0, 0, 0, 0, 0, 0, 50, 0, 0]);
  });
});

describe('project', () => {
  it('split confirmation and partial receipt: stockout on day 4, shortage 10', () => {
    const result = projectDays(input({
      available: 20,
      forecast: [{ periodStart: TODAY, periodDays: 7, quantity: 30 }],
      inbound: [l({ quantity: 100, requestedDate: '2026-12-05', schedule: [{ quantity: 40, deliveryDate: '2026-12-03' }, { quantity: 60, deliveryDate: '2026-12-08' }], rejected: false, receivedQuantity: 50 })],
    }));
    expect(column(result, 'demand')).toEqual([5, 5, 4, 4, 4, 4, 4, 0, 0, 0]);
    expect(column(result, 'inbound')).toEqual([0, 0, 0, 0, 0, 0, 0, 50, 0, 0]);
    expect(column(result, 'projectedAvailable')).toEqual([15, 10, 6, 2, -2, -6, -10, 40, 40, 40]);
    expect(result).toMatchObject({ level: 'STOCKOUT', projectedStockoutDate: '2026-12-05', shortageQuantity: 10, daysOfCover: 4, revenueAtRisk: '25.00', availableNow: 20 });
  });

  it('crosses safety stock without a stockout: AT_RISK', () => {
    const result = projectDays(input({
      available: 0,
      safetyStock: 25,
      forecast: [{ periodStart: '2026-11-21', periodDays: 30, quantity: 100 }],
      inbound: [
        l({ quantity: 30, requestedDate: '2026-11-28', schedule: [], rejected: false, receivedQuantity: 0 }),
        l({ quantity: 100, requestedDate: '2026-12-02', schedule: [], rejected: true, receivedQuantity: 0 }),
        l({ quantity: 50, requestedDate: '2026-12-03', schedule: [{ quantity: 20, deliveryDate: '2026-12-03' }], rejected: false, receivedQuantity: 0 }),
      ],
    }));
    expect(column(result, 'projectedAvailable')).toEqual([27, 24, 41, 38, 35, 32, 29, 26, 23, 20]);
    expect(result).toMatchObject({ level: 'AT_RISK', projectedStockoutDate: null, shortageQuantity: 0, daysOfCover: 10, revenueAtRisk: '0.00', safetyStock: 25 });
  });

  it('stockout on day 0', () => {
    const result = projectDays(input({ available: 2, forecast: [{ periodStart: TODAY, periodDays: 1, quantity: 5 }], unitPrice: '1.3333' }));
    expect(column(result, 'projectedAvailable').slice(0, 3)).toEqual([-3, -3, -3]);
    expect(result).toMatchObject({ level: 'STOCKOUT', projectedStockoutDate: TODAY, daysOfCover: 0, shortageQuantity: 3, revenueAtRisk: '3.9999' });
  });

  it('empty forecast: OK with the whole horizon covered', () => {
    const result = projectDays(input({ available: 5, horizonDays: 56 }));
    expect(result.days).toHaveLength(56);
    expect(result.days[55]).toEqual({ date: '2027-01-25', demand: 0, inbound: 0, projectedAvailable: 5 });
    expect(result).toMatchObject({ level: 'OK', projectedStockoutDate: null, shortageQuantity: 0, daysOfCover: 56, revenueAtRisk: '0.00' });
  });

  it('recovers after a stockout but keeps the stockout date and the deepest shortage', () => {
    const result = projectDays(input({
      available: 3,
      forecast: [{ periodStart: TODAY, periodDays: 4, quantity: 8 }],
      inbound: [l({ quantity: 20, requestedDate: '2026-12-04', schedule: [], rejected: false, receivedQuantity: 0 })],
    }));
    expect(column(result, 'projectedAvailable')).toEqual([1, -1, -3, 15, 15, 15, 15, 15, 15, 15]);
    expect(result).toMatchObject({ level: 'STOCKOUT', projectedStockoutDate: '2026-12-02', shortageQuantity: 3, daysOfCover: 1 });
  });
});

describe('within the bounds, nothing overflows what stores and reports it', () => {
  // The largest inputs the schema accepts: 1,000,000,000 a forecast line (one a day, overlapping 31-day ones too), a unit price of 1,000,000,000.
  const flood = input({
    horizonDays: 365,
    available: -2_000_000_000, // on hand 0, reserved and on hold 1,000,000,000 each
    unitPrice: '1000000000.0000',
    forecast: Array.from({ length: 365 }, (_, d) => ({ periodStart: addDays(TODAY, d), periodDays: 1 + (d % 31), quantity: 1_000_000_000 })),
  });

  it('reports sums beyond a 32-bit int at its limit, and revenue at risk as the exact product of what it reports', () => {
    const result = projectDays(flood);
    expect(result.shortageQuantity).toBe(MAX_REPORTED_QUANTITY);
    expect(result.revenueAtRisk).toBe('2147483647000000000.00');
    for (const day of result.days) {
      for (const value of [day.demand, day.inbound, day.projectedAvailable]) expect(Number.isInteger(value) && Math.abs(value) <= 2 ** 31).toBe(true);
    }
    expect(result.days[0].projectedAvailable).toBe(-(2 ** 31));
  });

  it('fits revenue at risk in numeric(38,4) (migration ..._money_headroom) with room to spare', () => {
    const [integer] = project(flood).revenueAtRisk.split('.');
    expect(integer.length).toBeLessThanOrEqual(38 - 4);
    expect(integer.length).toBe(19);
  });
});

describe('calendar arithmetic on the hot path', () => {
  it('counts days like the date library, across month, year and leap-day boundaries', () => {
    for (const from of ['2024-02-27', '2026-12-30', '2027-03-01', '2026-11-24']) {
      for (let n = -400; n <= 400; n += 37) {
        const to = addDays(from, n);
        expect(daysBetween(from, to)).toBe(n);
        expect(daysBetweenChecked(from, to)).toBe(n);
      }
    }
  });

  it('leaves dates out unless a chart asks for them', () => {
    expect(project(input({ available: 1 })).days).toEqual([]);
    expect(project(input({ available: 1 }), { days: true }).days).toHaveLength(10);
  });
});

describe('a line with goods in transit that no longer owes the rest', () => {
  it('counts what is in transit: a what-if slip to 0 of a line with 30 of 100 shipped', () => {
    // Promised 60 on day 4 and 40 on day 8; 30 shipped, arriving on day 3; then slipped to 0 (what-if): a rejection,
    // and only the 30 in transit still arrive.
    const shipped = ship(promise(lineQuantities({ quantity: 100, requestedDate: addDays(TODAY, 4) }), [
      { quantity: 60, deliveryDate: addDays(TODAY, 4) },
      { quantity: 40, deliveryDate: addDays(TODAY, 8) },
    ]), { quantity: 30, expectedArrival: addDays(TODAY, 3) });
    const slipped = slip(shipped, { quantity: 0 });
    expect(slipped.rejected).toBe(true);
    expect(dailyInbound([slipped], TODAY, 10)).toEqual([0, 0, 0, 30, 0, 0, 0, 0, 0, 0]);
  });
});
