import { rollUpOrderStatus, scheduleProblem } from '../../src/modules/purchasing/line-state';

// Line statuses and slips: the open-quantity model (open-quantity.test.ts).
const s = (quantity: number, deliveryDate: string) => ({ quantity, deliveryDate });

describe('rollUpOrderStatus', () => {
  const l = (status: string, receivedQuantity = 0) => ({ status: status as never, receivedQuantity });
  it.each([
    [[l('OPEN'), l('OPEN')], 'ISSUED'],
    [[l('CONFIRMED'), l('OPEN')], 'PARTIALLY_CONFIRMED'],
    [[l('CONFIRMED'), l('CONFIRMED')], 'CONFIRMED'],
    [[l('CONFIRMED'), l('PARTIALLY_CONFIRMED')], 'PARTIALLY_CONFIRMED'],
    [[l('REJECTED'), l('OPEN')], 'PARTIALLY_CONFIRMED'],
    [[l('REJECTED'), l('CONFIRMED')], 'PARTIALLY_CONFIRMED'],
    [[l('REJECTED'), l('REJECTED')], 'REJECTED'],
    [[l('CONFIRMED', 10), l('CONFIRMED')], 'PARTIALLY_RECEIVED'],
    [[l('RECEIVED', 100), l('REJECTED')], 'RECEIVED'],
    [[l('RECEIVED', 100), l('RECEIVED', 5)], 'RECEIVED'],
    [[l('CANCELLED'), l('CANCELLED')], 'CANCELLED'],
    [[l('PARTIALLY_RECEIVED', 60), l('CONFIRMED')], 'PARTIALLY_RECEIVED'],
    [[l('CLOSED', 60), l('RECEIVED', 10)], 'RECEIVED'],
    [[l('CLOSED', 60), l('CANCELLED')], 'RECEIVED'],
  ])('%j -> %s', (lines, status) => expect(rollUpOrderStatus(lines)).toBe(status));
});

describe('scheduleProblem', () => {
  const today = '2026-12-01';
  it('accepts a valid split', () => expect(scheduleProblem([s(60, '2026-12-01'), s(40, '2026-12-05')], 100, today)).toBeNull());
  it.each([
    [[], 'input.schedule', /at least one/],
    [[s(0, '2026-12-02')], 'input.schedule[0].quantity', /at least 1/],
    [[s(10, '2026-12-02'), s(10, '2026-11-30')], 'input.schedule[1].deliveryDate', /past/],
    [[s(10, '2026-12-02'), s(10, '2026-12-02')], 'input.schedule[1].deliveryDate', /already/],
    [[s(60, '2026-12-02'), s(41, '2026-12-03')], 'input.schedule', /101, more than the 100 ordered/],
  ])('%j -> %s', (schedule, field, message) => {
    const problem = scheduleProblem(schedule, 100, today);
    expect(problem?.field).toBe(field);
    expect(problem?.message).toMatch(message);
  });
  it('limits a re-promise to what is still to come', () => {
    expect(scheduleProblem([s(41, '2026-12-09')], 40, today, 'input.schedule', 'still to come (ordered 100, received 60)')?.message)
      .toBe('The schedule adds up to 41, more than the 40 still to come (ordered 100, received 60)');
  });
});
