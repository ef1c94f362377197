import { formatQuantity, linesField, scheduleField } from '../../src/modules/portal/app/fields';

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
