import { lineQuantities } from '../../src/modules/open-orders/open-quantity';
import { deliveryOverdueDate, isConfirmationOverdue, overdueOf, OverdueKind, type OverdueLine } from '../../src/modules/purchasing/overdue';

const issuedAt = new Date('2026-12-01T10:00:00Z');
const line = (over: Partial<OverdueLine> = {}): OverdueLine => ({
  ...lineQuantities({ quantity: 100, requestedDate: '2026-12-10' }),
  issuedAt,
  answered: false,
  confirmationDueHours: 24,
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('CONFIRMATION_OVERDUE', () => {
  it('is due confirmationDueHours after issue, to the minute', () => {
    expect(isConfirmationOverdue(line(), at('2026-12-02T09:59:59Z'))).toBe(false);
    expect(isConfirmationOverdue(line(), at('2026-12-02T10:00:00Z'))).toBe(true);
    expect(isConfirmationOverdue(line({ confirmationDueHours: 48 }), at('2026-12-02T10:00:00Z'))).toBe(false);
  });

  it('is not raised once answered, rejected, closed, shipped or received, or with nothing owed', () => {
    const late = at('2026-12-05T00:00:00Z');
    expect(isConfirmationOverdue(line({ answered: true }), late)).toBe(false);
    expect(isConfirmationOverdue(line({ rejected: true }), late)).toBe(false);
    expect(isConfirmationOverdue(line({ closed: true, cancelledQuantity: 100 }), late)).toBe(false);
    expect(isConfirmationOverdue(line({ inTransit: [{ quantity: 10, expectedArrival: '2026-12-06' }], scheduleTaken: 10 }), late)).toBe(false);
    expect(isConfirmationOverdue(line({ receivedQuantity: 5, scheduleTaken: 5 }), late)).toBe(false);
    expect(isConfirmationOverdue(line({ cancelledQuantity: 100 }), late)).toBe(false);
  });
});

describe('DELIVERY_OVERDUE', () => {
  const promised = lineQuantities({ quantity: 100, requestedDate: '2026-12-10', schedule: [{ quantity: 60, deliveryDate: '2026-12-08' }, { quantity: 40, deliveryDate: '2026-12-12' }] });

  it('is due the day after the latest promised date (the requested date when never promised)', () => {
    expect(deliveryOverdueDate(promised, '2026-12-12')).toBeNull();
    expect(deliveryOverdueDate(promised, '2026-12-13')).toBe('2026-12-12');
    const never = lineQuantities({ quantity: 100, requestedDate: '2026-12-10' });
    expect(deliveryOverdueDate(never, '2026-12-10')).toBeNull();
    expect(deliveryOverdueDate(never, '2026-12-11')).toBe('2026-12-10');
  });

  it('stays quiet while anything is in transit, when nothing is owed, and for rejected or closed lines', () => {
    expect(deliveryOverdueDate({ ...promised, inTransit: [{ quantity: 1, expectedArrival: '2026-12-20' }], scheduleTaken: 1 }, '2026-12-20')).toBeNull();
    expect(deliveryOverdueDate({ ...promised, receivedQuantity: 100, scheduleTaken: 100 }, '2026-12-20')).toBeNull();
    expect(deliveryOverdueDate({ ...promised, schedule: [], rejected: true }, '2026-12-20')).toBeNull();
    expect(deliveryOverdueDate({ ...promised, schedule: [], closed: true, cancelledQuantity: 40, receivedQuantity: 60 }, '2026-12-20')).toBeNull();
    // Partly received: 40 still owed after the last promised date.
    expect(deliveryOverdueDate({ ...promised, receivedQuantity: 60, scheduleTaken: 60 }, '2026-12-13')).toBe('2026-12-12');
  });
});

it('keys each overdue: the issue date for a confirmation, the missed date for a delivery', () => {
  const found = overdueOf(line({ requestedDate: '2026-12-01' }), at('2026-12-03T12:00:00Z'), '2026-12-03');
  expect(found).toEqual([
    { kind: OverdueKind.CONFIRMATION_OVERDUE, forDate: '2026-12-01', hoursSinceIssue: 50 },
    { kind: OverdueKind.DELIVERY_OVERDUE, forDate: '2026-12-01', promised: false, open: 100 },
  ]);
});
