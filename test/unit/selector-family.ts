import { addDays } from '../../src/shared/calendar';
import type { SelectorCandidate, SelectorInput } from '../../src/modules/sourcing/selector';

/**
 * Random selector instances, shared by the unit tests and the benchmark
 * (bench/selector.bench.ts): seeded, so a failure or a slow case reproduces.
 */

export const NEEDED_BY = '2026-12-10';

/** A small seeded generator (LCG), so a failure reproduces. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A large instance of the family issue 11 names: a line of up to `maxQuantity`
 * units (1,000,000 by default; exactly that with `exactQuantity`) that was rejected, confirmed late, or partly
 * received with a late remainder; 2 to 6 backups with order multiples 1 to
 * 1,000 (half of them case-pack sizes, half any number), minimum orders,
 * weekly capacities or none, on time or late, and some inactive.
 */
export function largeInstance(random: () => number, maxQuantity = 1_000_000, backups: [number, number] = [2, 6], exactQuantity = false): SelectorInput {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(values: T[]) => values[int(0, values.length - 1)];
  const day = (offset: number) => addDays(NEEDED_BY, offset);
  const quantity = exactQuantity ? maxQuantity : int(Math.floor(maxQuantity / 5), maxQuantity);
  const kind = int(0, 2);
  let line: SelectorInput['line'];
  if (kind === 0) {
    line = { quantity, schedule: [], rejected: true, unitCost: '4.00' };
  } else if (kind === 1) {
    // Confirmed in two deliveries, the second one late (and maybe a first one on time).
    const first = int(0, Math.floor(quantity / 2));
    line = {
      quantity,
      schedule: [{ quantity: first, deliveryDate: day(int(-3, 0)) }, { quantity: quantity - first, deliveryDate: day(int(2, 9)) }].filter((s) => s.quantity > 0),
      rejected: false,
      unitCost: '4.00',
    };
  } else {
    // Partly received; the rest partly confirmed late, partly unconfirmed.
    const received = int(0, Math.floor(quantity / 3));
    const confirmed = int(0, quantity - received);
    line = {
      quantity,
      schedule: [{ quantity: received, deliveryDate: day(-10) }, { quantity: confirmed, deliveryDate: day(int(1, 8)) }].filter((s) => s.quantity > 0),
      rejected: false,
      unitCost: '4.00',
      receivedQuantity: received,
    };
  }
  const count = int(backups[0], backups[1]);
  const candidates = Array.from({ length: count }, (_, c): SelectorCandidate => {
    const multiple = random() < 0.5 ? pick([1, 1, 2, 5, 6, 10, 12, 24, 25, 48, 50, 100, 144, 250, 500, 1000]) : int(1, 1000);
    return {
      supplierId: `${String(c).padStart(8, '0')}-0000-4000-8000-${String(int(0, 999_999)).padStart(12, '0')}`,
      usable: random() > 0.1,
      expectedDate: day(int(-4, 8)),
      leadTimeBasis: 'quoted',
      unitCost: (3.5 + int(0, 30) * 0.05).toFixed(2),
      minOrderQuantity: random() < 0.4 ? 1 : int(1, 50_000),
      orderMultiple: multiple,
      weeklyCapacity: random() < 0.35 ? null : int(5_000, maxQuantity),
      openInWeek: int(0, 5_000),
      week: '2026-W50',
      priority: int(1, 6),
    };
  });
  return { neededBy: NEEDED_BY, line, candidates };
}

/**
 * A deliberately hard instance, outside what sourcing data usually looks like:
 * 2 to 6 backups on one date with equal or nearly equal costs and large,
 * mostly coprime multiples (500 to 1,000), minimum orders up to half the line
 * and capacities. Used to show where the work bound, not the optimum, ends
 * the search.
 */
export function adversarialInstance(random: () => number, maxQuantity = 1_000_000): SelectorInput {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const quantity = int(Math.floor(maxQuantity / 5), maxQuantity);
  const late = random() < 0.5;
  const costs = [int(0, 2), int(0, 2)];
  return {
    neededBy: NEEDED_BY,
    line: { quantity, schedule: [], rejected: true, unitCost: '4.00' },
    candidates: Array.from({ length: int(2, 6) }, (_, c) => ({
      supplierId: `${String(c).padStart(8, '0')}-0000-4000-8000-${String(int(0, 999_999)).padStart(12, '0')}`,
      usable: true,
      expectedDate: addDays(NEEDED_BY, late ? int(1, 2) : -1),
      leadTimeBasis: 'quoted',
      unitCost: (4 + costs[int(0, 1)] * 0.01).toFixed(2),
      minOrderQuantity: random() < 0.5 ? 1 : int(1, Math.floor(quantity / 2)),
      orderMultiple: int(500, 1000),
      weeklyCapacity: random() < 0.3 ? null : int(Math.floor(quantity / 6), quantity),
      openInWeek: 0,
      week: '2026-W50',
      priority: int(1, 3),
    })),
  };
}
