import {
  commitCheck,
  commitFloor,
  fallbackNote,
  formatMoney,
  formatQuantity,
  formatRate,
  holdoutMissing,
  linesField,
  mayPublishForecasts,
  publishedText,
  scheduleField,
  shipQuantity,
  simulateField,
  splitQuantity,
  windowCheck,
} from '../../src/modules/portal/app/fields';

describe('portal: the server error lands on the field it names', () => {
  it.each([
    ['input.schedule[1].quantity', { row: 1, key: 'quantity' }],
    ['input.schedule[0].deliveryDate', { row: 0, key: 'deliveryDate' }],
    ['input.schedule', { row: null, key: null }],
    ['input.expectedVersion', { row: null, key: null }],
    [undefined, { row: null, key: null }],
  ])('%s', (field, expected) => expect(scheduleField(field)).toEqual(expected));
});

describe('portal: a ship notice error lands on its line', () => {
  it.each([
    ['input.lines[2].quantity', { row: 2, key: 'quantity' }],
    ['input.lines[0].lineId', { row: 0, key: 'lineId' }],
    ['input.expectedArrival', { row: null, key: null }],
  ])('%s', (field, expected) => expect(linesField(field)).toEqual(expected));
});

describe('portal: quantities in the purchase unit with base units beside', () => {
  const cases = { unitOfMeasure: 'EA', purchaseUnit: 'CS', unitsPerPurchaseUnit: 12 };
  it.each([
    [240, cases, '20 CS (240 EA)'],
    [40, cases, '3 CS + 4 EA (40 EA)'],
    [7, { unitOfMeasure: 'EA', purchaseUnit: null, unitsPerPurchaseUnit: 1 }, '7 EA'],
    [5, { unitOfMeasure: 'KG_1', purchaseUnit: null, unitsPerPurchaseUnit: 1 }, '5 KG_1'],
  ])('%d', (quantity, units, text) => expect(formatQuantity(quantity, units)).toBe(text));
});

describe('portal: what the ship form sends, in cases and loose units', () => {
  const cases = { unitOfMeasure: 'EA', purchaseUnit: 'CS', unitsPerPurchaseUnit: 12 };
  const each = { unitOfMeasure: 'EA', purchaseUnit: null, unitsPerPurchaseUnit: 1 };
  it('splits what is left to ship into whole cases and loose units', () => {
    expect([splitQuantity(240, cases), splitQuantity(40, cases), splitQuantity(5, cases), splitQuantity(7, each)]).toEqual([
      { whole: 20, loose: 0 }, { whole: 3, loose: 4 }, { whole: 0, loose: 5 }, { whole: 7, loose: 0 },
    ]);
  });
  it.each([
    // 24 ordered in cases of 12, 19 received: 5 EA left, shippable although not a whole case (the reviewer's case).
    ['0', '5', cases, 5, { quantity: 5, problem: null }],
    ['1', '0', cases, 5, { quantity: 12, problem: 'At most 0 CS + 5 EA (5 EA) is left to ship' }],
    ['0', '', cases, 5, { quantity: 0, problem: 'Enter at least 1 EA to ship' }],
    ['3', '4', cases, 240, { quantity: 40, problem: null }],
    ['10', '0', cases, 240, { quantity: 120, problem: null }],
    ['25', '0', cases, 240, { quantity: 300, problem: 'At most 20 CS (240 EA) is left to ship' }],
    ['1.5', '0', cases, 240, { quantity: 0, problem: 'Enter whole numbers (0 or more)' }],
    ['0', '-1', cases, 240, { quantity: 0, problem: 'Enter whole numbers (0 or more)' }],
    ['7', '', each, 7, { quantity: 7, problem: null }],
    ['8', '', each, 7, { quantity: 8, problem: 'At most 7 EA is left to ship' }],
  ])('%s CS + %s EA', (whole, loose, units, limit, expected) => expect(shipQuantity(whole, loose, units, limit)).toEqual(expected));
});

describe('portal: a forecast commit is an exception below forecast x (1 - tolerance), shown before sending', () => {
  it.each([
    [100, 10, 90],
    [70, 10, 63],
    [70, 5, 67], // 66.5 rounded up
    [32, 10, 29], // 28.8
    [0, 10, 0],
    [44, 0, 44],
    [44, 100, 0],
  ])('forecast %i at %i%%: %i is the least that is not short', (forecast, tolerance, floor) => expect(commitFloor(forecast, tolerance)).toBe(floor));

  it('checks the entry', () => {
    expect(commitCheck('89', 100, 10)).toEqual({ quantity: 89, problem: null, short: true });
    expect(commitCheck('90', 100, 10)).toEqual({ quantity: 90, problem: null, short: false });
    expect(commitCheck('', 100, 10)).toEqual({ quantity: null, problem: null, short: false });
    expect(commitCheck('-1', 100, 10).problem).toBe('Enter a whole number (0 or more)');
    expect(commitCheck('2.5', 100, 10).problem).toBe('Enter a whole number (0 or more)');
    expect(commitCheck('1000000001', 100, 10).problem).toBe('At most 1,000,000,000');
  });
});

describe('portal: the buyer figures', () => {
  it('shows money with its currency, 2 decimals', () => {
    expect(formatMoney('820.2500')).toBe('$820.25');
    expect(formatMoney('1234567.8')).toBe('$1,234,567.80');
    expect(formatMoney('-41.7600')).toBe('-$41.76');
    expect(formatMoney(0)).toBe('$0.00');
    expect(formatMoney(null)).toBe('—');
  });

  it('shows rates as percentages with one decimal, nothing to measure as a dash', () => {
    expect(formatRate(0.8333)).toBe('83.3%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(null)).toBe('—');
  });

  it('checks the KPI window as the API does (at most 400 days, to not before from)', () => {
    expect(windowCheck('2026-11-01', '2026-11-30')).toBeNull();
    expect(windowCheck('2026-01-01', '2027-02-04')).toBeNull(); // 400 days, both included
    expect(windowCheck('2026-01-01', '2027-02-05')).toEqual({ field: 'to', problem: 'At most 400 days (this is 401)' });
    expect(windowCheck('2026-11-02', '2026-11-01')).toEqual({ field: 'to', problem: 'The end is before the start' });
    expect(windowCheck('', '2026-11-01')).toEqual({ field: 'from', problem: 'Enter a date (YYYY-MM-DD)' });
  });

  it.each([
    ['input.slips[0].deliveryDate', { list: 'slips', row: 0, key: 'deliveryDate' }],
    ['input.outages[2].to', { list: 'outages', row: 2, key: 'to' }],
    ['input.slips', { list: 'slips', row: null, key: null }],
    ['input.lines[0].quantity', { list: null, row: null, key: null }],
    [undefined, { list: null, row: null, key: null }],
  ])('a what-if error on %s lands on %j', (field, expected) => expect(simulateField(field)).toEqual(expected));
});

describe('portal: the demand panel says what the API did', () => {
  it('offers publishing only to the roles generateForecast allows (PLANNER, ADMIN), not to a BUYER it would refuse', () => {
    expect(['ADMIN', 'PLANNER', 'BUYER', 'SUPPLIER_REP', 'INTEGRATION'].filter(mayPublishForecasts)).toEqual(['ADMIN', 'PLANNER']);
  });

  it('says why the holdout WAPE is missing, by the rule of its description', () => {
    expect(holdoutMissing('SES', 7)).toBe('fewer than 8 weeks of history');
    expect(holdoutMissing('SEASONAL_NAIVE', 53)).toBe('seasonal naive is scored from 56 weeks: 52 before the 4 held out');
    expect(holdoutMissing('SEASONAL_NAIVE', 56)).toBe('nothing sold in the last 4 weeks');
    expect(holdoutMissing('CROSTON', 20)).toBe('nothing sold in the last 4 weeks, or before them');
    expect(holdoutMissing('HOLT', 8)).toBe('nothing sold in the last 4 weeks');
  });

  it('notes an explicit method that fell back to SES', () => {
    expect(fallbackNote('SEASONAL_NAIVE', 'SES')).toBe('SEASONAL_NAIVE does not apply to this series: fell back to SES');
    expect(fallbackNote('HOLT', 'HOLT')).toBeNull();
    expect(fallbackNote('AUTO', 'CROSTON')).toBeNull();
  });

  it('shows what a publish dropped beside its version, scope and lines', () => {
    expect(publishedText({ version: 4, scope: 'LISTED', lineCount: 8, positionsDropped: 0 })).toBe(
      'Published forecast version 4 (LISTED, 8 lines in all); no item x location lost its demand.',
    );
    expect(publishedText({ version: 5, scope: 'FULL', lineCount: 480, positionsDropped: 3 })).toBe(
      'Published forecast version 5 (FULL, 480 lines in all); 3 item x location(s) lost all demand.',
    );
  });
});
