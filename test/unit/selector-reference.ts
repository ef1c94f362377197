import { daysBetween } from '../../src/shared/calendar';
import { toScaled } from '../../src/shared/money';
import {
  largestOrder,
  replaceableAfter,
  shortfallOf,
  smallestOrder,
  tieOrder,
  type SelectorCandidate,
  type SelectorInput,
} from '../../src/modules/sourcing/selector';

/**
 * The selector's optimiser as it was before it was made bounded (issue 11):
 * a dynamic programme over the covered quantity whose work grows with the
 * shortfall times the order sizes. Kept only as a reference for tests and the
 * benchmark: exact, but 30,000 units with two default backups take seconds.
 */

/** Order sizes worth trying: 0 and the valid sizes up to the first one that reaches `need` (more only costs more). */
function sizes(c: SelectorCandidate, need: number): number[] {
  const lo = smallestOrder(c);
  const hi = Math.min(largestOrder(c), Math.max(lo, Math.ceil(need / c.orderMultiple) * c.orderMultiple));
  const values = [0];
  if (need <= 0) return values;
  for (let v = lo; v <= hi; v += c.orderMultiple) values.push(v);
  return values;
}

function solvePart(
  input: SelectorInput,
  indices: number[],
  cap: number,
  need: (i: number) => number,
  step: (state: number, i: number, v: number) => number,
  order: number[],
): { state: number; x: number[] } {
  const n = input.candidates.length;
  const size = cap + 1;
  let lateness = new Float64Array(size).fill(NaN);
  let cost = new Float64Array(size);
  let priority = new Float64Array(size);
  lateness[0] = 0;
  const choices: Int32Array[] = [];
  const parents: Int32Array[] = [];

  const allocation = (layer: number, state: number, at = -1, extra = 0) => {
    const x = new Array<number>(n).fill(0);
    if (at >= 0) x[at] = extra;
    for (let k = layer - 1, s = state; k >= 0; k--) {
      x[indices[k]] = choices[k][s];
      s = parents[k][s];
    }
    return x;
  };
  const prefers = (a: number[], b: number[]) => {
    for (const i of order) if (a[i] !== b[i]) return a[i] > b[i];
    return false;
  };

  indices.forEach((i, layer) => {
    const c = input.candidates[i];
    const unitCost = Number(toScaled(c.unitCost));
    const lateDays = Math.max(0, daysBetween(input.neededBy, c.expectedDate));
    const options = sizes(c, need(i));
    const nextLateness = new Float64Array(size).fill(NaN);
    const nextCost = new Float64Array(size);
    const nextPriority = new Float64Array(size);
    const choice = new Int32Array(size);
    const parent = new Int32Array(size);
    for (let state = 0; state < size; state++) {
      if (Number.isNaN(lateness[state])) continue;
      for (const v of options) {
        const to = Math.min(cap, step(state, i, v));
        const l = lateness[state] + v * lateDays;
        const co = cost[state] + v * unitCost;
        const pr = priority[state] + v * c.priority;
        const current = nextLateness[to];
        let take = Number.isNaN(current) || l < current || (l === current && (co < nextCost[to] || (co === nextCost[to] && pr < nextPriority[to])));
        if (!take && l === current && co === nextCost[to] && pr === nextPriority[to]) {
          take = prefers(allocation(layer, state, i, v), allocation(layer, parent[to], i, choice[to]));
        }
        if (take) {
          nextLateness[to] = l;
          nextCost[to] = co;
          nextPriority[to] = pr;
          choice[to] = v;
          parent[to] = state;
        }
      }
    }
    choices.push(choice);
    parents.push(parent);
    lateness = nextLateness;
    cost = nextCost;
    priority = nextPriority;
  });
  let best = cap;
  while (best > 0 && Number.isNaN(lateness[best])) best--;
  return { state: best, x: allocation(indices.length, best) };
}

/** Units of work the reference would do (states x order sizes), to skip it where it would take too long. */
export function referenceWork(input: SelectorInput): number {
  const q = shortfallOf(input);
  return input.candidates.reduce((sum, c) => sum + (q + 1) * Math.max(1, Math.ceil(q / c.orderMultiple)), 0);
}

/** The optimal allocation by the pre-issue-11 dynamic programme (input order). */
export function optimizeReference(input: SelectorInput): number[] {
  const q = shortfallOf(input);
  const order = tieOrder(input);
  const n = input.candidates.length;
  const usable = input.candidates.map((c, i) => (c.usable && largestOrder(c) >= smallestOrder(c) ? i : -1)).filter((i) => i >= 0);
  const onTime = usable.filter((i) => input.candidates[i].expectedDate <= input.neededBy);
  const late = usable
    .filter((i) => input.candidates[i].expectedDate > input.neededBy)
    .sort((a, b) => input.candidates[b].expectedDate.localeCompare(input.candidates[a].expectedDate) || order.indexOf(a) - order.indexOf(b));
  if (q === 0) return new Array<number>(n).fill(0);

  const t = solvePart(input, onTime, q, () => q, (state, _i, v) => state + v, order);
  const rest = q - t.state;
  const l = solvePart(
    input,
    late,
    rest,
    (i) => Math.min(rest, replaceableAfter(input, input.candidates[i].expectedDate)),
    (state, i, v) => state + Math.min(v, Math.max(0, replaceableAfter(input, input.candidates[i].expectedDate) - state)),
    order,
  );
  return input.candidates.map((_c, i) => t.x[i] + l.x[i]);
}
