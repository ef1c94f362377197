import { scheduleField } from '../../src/modules/portal/app/fields';

describe('portal: the server error lands on the field it names', () => {
  it.each([
    ['input.schedule[1].quantity', { row: 1, key: 'quantity' }],
    ['input.schedule[0].deliveryDate', { row: 0, key: 'deliveryDate' }],
    ['input.schedule', { row: null, key: null }],
    ['input.expectedVersion', { row: null, key: null }],
    [undefined, { row: null, key: null }],
  ])('%s', (field, expected) => expect(scheduleField(field)).toEqual(expected));
});
