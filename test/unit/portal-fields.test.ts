import { commitCheck, commitFloor, formatQuantity, linesField, scheduleField, shipQuantity, splitQuantity } from '../../src/modules/portal/app/fields';

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
