import {
  isSlipped,
  lineStatus,
  rollUpOrderStatus,
  scheduleProblem,
  shortfallByRequestedDate,
  slipsFurther,
  type LineFacts,
} from '../../src/modules/purchasing/line-state';

const line = (over: Partial<LineFacts> = {}): LineFacts => ({
  quantity: 100,
  requestedDate: '2026-12-10',
  schedule: [],
  rejected: false,
  cancelled: false,
  receivedQuantity: 0,
  ...over,
});
const s = (quantity: number, deliveryDate: string) => ({ quantity, deliveryDate });

describe('lineStatus', () => {
  it.each([
    ['open', line(), 'OPEN'],
    ['fully confirmed in a split', line({ schedule: [s(60, '2026-12-08'), s(40, '2026-12-10')] }), 'CONFIRMED'],
    ['short confirmation', line({ schedule: [s(60, '2026-12-08')] }), 'PARTIALLY_CONFIRMED'],
    ['rejected', line({ rejected: true }), 'REJECTED'],
    ['cancelled wins', line({ cancelled: true, schedule: [s(100, '2026-12-10')] }), 'CANCELLED'],
    ['partly received', line({ schedule: [s(100, '2026-12-10')], receivedQuantity: 40 }), 'CONFIRMED'],
    ['fully received', line({ schedule: [s(100, '2026-12-10')], receivedQuantity: 100 }), 'RECEIVED'],
    ['short confirmation received in full', line({ schedule: [s(60, '2026-12-10')], receivedQuantity: 60 }), 'RECEIVED'],
    ['received without confirmation', line({ receivedQuantity: 100 }), 'RECEIVED'],
  ])('%s', (_name, facts, status) => expect(lineStatus(facts)).toBe(status));
});

describe('slips', () => {
  it('counts late, short and rejected as slipped, and on-time full confirmations not', () => {
    expect(isSlipped(line())).toBe(false);
    expect(isSlipped(line({ schedule: [s(100, '2026-12-10')] }))).toBe(false);
    expect(isSlipped(line({ schedule: [s(50, '2026-12-09'), s(50, '2026-12-11')] }))).toBe(true);
    expect(isSlipped(line({ schedule: [s(99, '2026-12-01')] }))).toBe(true);
    expect(isSlipped(line({ rejected: true }))).toBe(true);
  });

  it('detects slipping further: later, shorter or rejected', () => {
    const late = line({ schedule: [s(100, '2026-12-12')] });
    expect(slipsFurther(line(), late)).toBe(true);
    expect(slipsFurther(late, line({ schedule: [s(100, '2026-12-12')] }))).toBe(false);
    expect(slipsFurther(late, line({ schedule: [s(100, '2026-12-15')] }))).toBe(true);
    expect(slipsFurther(late, line({ schedule: [s(90, '2026-12-11')] }))).toBe(true);
    expect(slipsFurther(late, line({ schedule: [s(100, '2026-12-11')] }))).toBe(false);
    expect(slipsFurther(late, line({ rejected: true }))).toBe(true);
    expect(slipsFurther(late, line({ schedule: [s(100, '2026-12-09')] }))).toBe(false);
  });

  it('measures the shortfall by the requested date', () => {
    expect(shortfallByRequestedDate(line({ schedule: [s(60, '2026-12-10'), s(40, '2026-12-12')] }))).toBe(40);
    expect(shortfallByRequestedDate(line({ schedule: [s(70, '2026-12-01')] }))).toBe(30);
    expect(shortfallByRequestedDate(line({ rejected: true }))).toBe(100);
  });
});

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
});
