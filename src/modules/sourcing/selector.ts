import { addDays, daysBetween, isoWeek, type CalendarDate } from '../../shared/calendar';
import { fromScaled, toScaled } from '../../shared/money';
import { afterReceipts, expectedDeliveries, type ScheduleEntry } from '../purchasing/line-state';

/**
 * The backup-supplier selector of DESIGN.md as a pure function: which
 * suppliers should ship how much of a slipped line's shortfall, optimal for
 * the lexicographic objective
 *   1. on-time coverage, 2. useful coverage, 3. lateness, 4. cost,
 *   5. priority, 6. the smaller supplier id first,
 * with minimum order quantities, order multiples and weekly capacities.
 *
 * Exactness: the problem splits into on-time and late candidates (objective 1
 * only involves on-time ones, objectives 2 and 3 only late ones given the
 * on-time coverage, and objectives 4 to 6 add up over both parts), and each
 * part is solved by dynamic programming over the covered quantity (capped at
 * what can still count), keeping for every reachable state the best
 * objective vector. Tests compare it with brute-force enumeration.
 */
export enum Verdict {
  CHOSEN = 'CHOSEN',
  LATE = 'LATE',
  NO_CAPACITY = 'NO_CAPACITY',
  BELOW_MIN_ORDER = 'BELOW_MIN_ORDER',
  INACTIVE = 'INACTIVE',
  MORE_EXPENSIVE = 'MORE_EXPENSIVE',
  NOT_NEEDED = 'NOT_NEEDED',
}

export interface SelectorCandidate {
  supplierId: string;
  /** False when the rule is inactive or the partnership is not ACTIVE. */
  usable: boolean;
  expectedDate: CalendarDate;
  /** How expectedDate was found, for the reason text: "p90 of 5 confirmations" or "quoted". */
  leadTimeBasis: string;
  unitCost: string;
  minOrderQuantity: number;
  orderMultiple: number;
  /** Units per ISO week for this retailer; null = unlimited. */
  weeklyCapacity: number | null;
  /** Open quantity of this supplier's lines for the item to this retailer in the ISO week of expectedDate. */
  openInWeek: number;
  week: string;
  priority: number;
}

export interface SelectorInput {
  neededBy: CalendarDate;
  /** receivedQuantity: units already received, taken off the earliest deliveries (they cannot be short any more). */
  line: { quantity: number; schedule: ScheduleEntry[]; rejected: boolean; unitCost: string; receivedQuantity?: number };
  candidates: SelectorCandidate[];
}

/** A sourcing rule of the item, as the selector's input rules need it. */
export interface SourcingRuleFacts {
  supplierId: string;
  priority: number;
  quotedLeadTimeDays: number;
  unitCost: string;
  minOrderQuantity: number;
  orderMultiple: number;
  weeklyCapacity: number | null;
  active: boolean;
  /** The partnership between the retailer and this supplier is ACTIVE. */
  partnershipActive: boolean;
}

/** A supplier's confirmed lead times for the item: how many confirmations, and their p90 in days. */
export interface LeadTimeObservation {
  supplierId: string;
  confirmations: number;
  p90Days: number;
}

/** An open (not received, cancelled or rejected) line of the item to this retailer, of any supplier. */
export interface OpenLineFacts {
  supplierId: string;
  quantity: number;
  requestedDate: CalendarDate;
  schedule: ScheduleEntry[];
  receivedQuantity: number;
}

/** Confirmations of an item a supplier needs before its observed p90 replaces its quoted lead time. */
export const MIN_CONFIRMATIONS = 3;

/**
 * The selector's candidates for a slipped line (DESIGN.md, Backup-supplier
 * selector, "Candidates"): every other supplier's rule for the item;
 * usable when the rule is active and the partnership ACTIVE; lead time = the
 * p90 of its confirmed lead times once it has MIN_CONFIRMATIONS, else the
 * quoted one; expectedDate = today + lead time; capacity is weeklyCapacity
 * less its open quantity in the ISO week of expectedDate (confirmed dates,
 * else requested dates; received units off the earliest deliveries).
 */
export function selectorCandidates(args: {
  slippedSupplierId: string;
  rules: SourcingRuleFacts[];
  leadTimes: LeadTimeObservation[];
  openLines: OpenLineFacts[];
  today: CalendarDate;
}): SelectorCandidate[] {
  const observed = new Map(args.leadTimes.map((l) => [l.supplierId, l]));
  const openInWeek = new Map<string, number>();
  for (const line of args.openLines) {
    for (const delivery of expectedDeliveries(line)) {
      const key = `${line.supplierId}/${isoWeek(delivery.deliveryDate)}`;
      openInWeek.set(key, (openInWeek.get(key) ?? 0) + delivery.quantity);
    }
  }
  return args.rules
    .filter((rule) => rule.supplierId !== args.slippedSupplierId)
    .map((rule) => {
      const seen = observed.get(rule.supplierId);
      const useObserved = seen !== undefined && seen.confirmations >= MIN_CONFIRMATIONS;
      const leadTime = useObserved ? seen.p90Days : rule.quotedLeadTimeDays;
      const expectedDate = addDays(args.today, leadTime);
      const week = isoWeek(expectedDate);
      return {
        supplierId: rule.supplierId,
        usable: rule.active && rule.partnershipActive,
        expectedDate,
        leadTimeBasis: useObserved ? `p90 of ${seen.confirmations} confirmed lead times: ${leadTime} days` : `quoted ${leadTime} days`,
        unitCost: rule.unitCost,
        minOrderQuantity: rule.minOrderQuantity,
        orderMultiple: rule.orderMultiple,
        weeklyCapacity: rule.weeklyCapacity,
        openInWeek: openInWeek.get(`${rule.supplierId}/${week}`) ?? 0,
        week,
        priority: rule.priority,
      };
    });
}

export interface CandidateOutcome {
  supplierId: string;
  verdict: Verdict;
  quantity: number;
  expectedDate: CalendarDate | null;
  reason: string;
}

export interface Decision {
  shortfall: number;
  onTimeCoverage: number;
  usefulCoverage: number;
  uncoveredQuantity: number;
  reduceSourceBy: number;
  lateness: number;
  /** Total cost of the moves, and the cost added over buying the same units from the slipped line. */
  totalCost: string;
  addedCost: string;
  moves: { supplierId: string; quantity: number; expectedDate: CalendarDate; unitCost: string }[];
  candidates: CandidateOutcome[];
}

/** The comparable objective of an allocation; better is larger coverage, then smaller costs, then the tie rule. */
export interface Objective {
  onTime: number;
  useful: number;
  lateness: number;
  cost: number;
  priority: number;
}

const scheduleSum = (schedule: ScheduleEntry[]) => schedule.reduce((sum, s) => sum + s.quantity, 0);

/** What is still to come of the line: received units come off its earliest deliveries. */
function outstanding(input: SelectorInput): { quantity: number; schedule: ScheduleEntry[] } {
  const { line } = input;
  const received = line.receivedQuantity ?? 0;
  return { quantity: Math.max(0, line.quantity - received), schedule: afterReceipts(line.schedule, received) };
}

/** Quantity of the line not received and not confirmed for delivery on or before neededBy. */
export function shortfallOf(input: SelectorInput): number {
  if (input.line.rejected) return input.line.quantity;
  const { quantity, schedule } = outstanding(input);
  return Math.max(0, quantity - scheduleSum(schedule.filter((s) => s.deliveryDate <= input.neededBy)));
}

/** Units of the line that a delivery on `date` could replace: unconfirmed (or rejected) ones and those scheduled after it. */
export function replaceableAfter(input: SelectorInput, date: CalendarDate): number {
  if (input.line.rejected) return input.line.quantity;
  const { quantity, schedule } = outstanding(input);
  const unconfirmed = Math.max(0, quantity - scheduleSum(schedule));
  return unconfirmed + scheduleSum(schedule.filter((s) => s.deliveryDate > date));
}

/** Capacity left in the week of expectedDate; Infinity when unlimited. */
export const capacityLeft = (c: SelectorCandidate) => (c.weeklyCapacity === null ? Infinity : Math.max(0, c.weeklyCapacity - c.openInWeek));

/** The smallest valid order (a multiple of orderMultiple, at least minOrderQuantity). */
export const smallestOrder = (c: SelectorCandidate) => Math.ceil(c.minOrderQuantity / c.orderMultiple) * c.orderMultiple;

/** The largest valid order within the capacity left; Infinity when unlimited. */
export const largestOrder = (c: SelectorCandidate) => {
  const cap = capacityLeft(c);
  return cap === Infinity ? Infinity : Math.floor(cap / c.orderMultiple) * c.orderMultiple;
};

/**
 * The full objective of an allocation (x per candidate, same order as
 * input.candidates). Late candidates only count for units that would arrive
 * even later; their eligible sets are nested (a later candidate can replace
 * fewer units), so filling the latest first is a maximum matching.
 */
export function evaluate(input: SelectorInput, x: number[]): Objective {
  const q = shortfallOf(input);
  let onTimeSum = 0;
  let lateness = 0;
  let cost = 0;
  let priority = 0;
  const late: { date: CalendarDate; quantity: number }[] = [];
  input.candidates.forEach((c, i) => {
    const v = x[i];
    if (!v) return;
    cost += Number(toScaled(c.unitCost)) * v;
    priority += c.priority * v;
    if (c.expectedDate <= input.neededBy) onTimeSum += v;
    else {
      lateness += v * daysBetween(input.neededBy, c.expectedDate);
      late.push({ date: c.expectedDate, quantity: v });
    }
  });
  late.sort((a, b) => b.date.localeCompare(a.date));
  let matched = 0;
  for (const l of late) matched += Math.min(l.quantity, Math.max(0, replaceableAfter(input, l.date) - matched));
  const onTime = Math.min(q, onTimeSum);
  return { onTime, useful: Math.min(q, onTimeSum + matched), lateness, cost, priority };
}

/** Negative when a is better than b. `ids` decide ties: more for the smaller supplier id. */
export function compare(a: Objective, ax: number[], b: Objective, bx: number[], order: number[]): number {
  if (a.onTime !== b.onTime) return b.onTime - a.onTime;
  if (a.useful !== b.useful) return b.useful - a.useful;
  if (a.lateness !== b.lateness) return a.lateness - b.lateness;
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.priority !== b.priority) return a.priority - b.priority;
  for (const i of order) if (ax[i] !== bx[i]) return bx[i] - ax[i];
  return 0;
}

/** Candidate indices by supplier id: the order of the tie rule. */
export const tieOrder = (input: SelectorInput) =>
  input.candidates.map((c, i) => [c.supplierId, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, i]) => i);

/** Order sizes worth trying: 0 and the valid sizes up to the first one that reaches `need` (more only costs more). */
function sizes(c: SelectorCandidate, need: number): number[] {
  const lo = smallestOrder(c);
  const hi = Math.min(largestOrder(c), Math.max(lo, Math.ceil(need / c.orderMultiple) * c.orderMultiple));
  const values = [0];
  if (need <= 0) return values;
  for (let v = lo; v <= hi; v += c.orderMultiple) values.push(v);
  return values;
}

/**
 * Dynamic programme over candidates; the state is the covered quantity
 * (capped at `cap`), computed by `step`. For every reachable state it keeps
 * the best (lateness, cost, priority) and how it got there (typed arrays:
 * this runs for every slipped line). Exact ties are settled by the tie rule
 * on the allocations, rebuilt from the back-pointers. Returns the largest
 * reachable state and the best allocation reaching it.
 */
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

  /** The allocation behind `state` after `layer` layers, plus `extra` for candidate `at`. */
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

/** The optimal allocation, as quantities per candidate (input order). */
export function optimize(input: SelectorInput): number[] {
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

/** The decision with every candidate's verdict and a reason a buyer understands. */
export function select(input: SelectorInput): Decision {
  const q = shortfallOf(input);
  const x = optimize(input);
  const objective = evaluate(input, x);
  const chosen = input.candidates.map((c, i) => ({ c, v: x[i] })).filter((m) => m.v > 0);
  const chosenCosts = chosen.map((m) => Number(toScaled(m.c.unitCost)));
  const maxChosenCost = chosenCosts.length ? Math.max(...chosenCosts) : -1;
  const sourceCost = toScaled(input.line.unitCost);
  const totalCost = chosen.reduce((sum, m) => sum + toScaled(m.c.unitCost) * BigInt(m.v), 0n);
  const addedCost = chosen.reduce((sum, m) => sum + (toScaled(m.c.unitCost) - sourceCost) * BigInt(m.v), 0n);

  const candidates = input.candidates.map((c, i): CandidateOutcome => {
    const v = x[i];
    const lateDays = daysBetween(input.neededBy, c.expectedDate);
    const when = lateDays > 0 ? `arrives ${c.expectedDate}, ${lateDays} day${lateDays === 1 ? '' : 's'} after needed` : `arrives ${c.expectedDate}, in time for ${input.neededBy}`;
    const capacity = c.weeklyCapacity === null ? '' : `; ${capacityLeft(c)} of ${c.weeklyCapacity} units/week left in ${c.week}`;
    const base = { supplierId: c.supplierId, quantity: v, expectedDate: c.usable ? c.expectedDate : null };
    if (v > 0) {
      return { ...base, verdict: Verdict.CHOSEN, reason: `orders ${v} at ${fromScaled(toScaled(c.unitCost))} a unit; ${when} (lead time ${c.leadTimeBasis})${capacity}` };
    }
    if (!c.usable) return { ...base, verdict: Verdict.INACTIVE, reason: 'not an active source: the sourcing rule or the partnership is not active' };
    if (largestOrder(c) < smallestOrder(c)) {
      return { ...base, verdict: Verdict.NO_CAPACITY, reason: `${capacityLeft(c)} of ${c.weeklyCapacity} units/week left in ${c.week}, less than the minimum order of ${smallestOrder(c)}` };
    }
    if (lateDays > 0) return { ...base, verdict: Verdict.LATE, reason: when };
    if (smallestOrder(c) > q) return { ...base, verdict: Verdict.BELOW_MIN_ORDER, reason: `minimum order ${smallestOrder(c)} exceeds the ${q} still needed` };
    if (Number(toScaled(c.unitCost)) > maxChosenCost && chosen.length) {
      return { ...base, verdict: Verdict.MORE_EXPENSIVE, reason: `${fromScaled(toScaled(c.unitCost))} a unit, more than the chosen suppliers (up to ${fromScaled(BigInt(maxChosenCost))})` };
    }
    return { ...base, verdict: Verdict.NOT_NEEDED, reason: objective.useful >= q ? `the ${q} needed are covered at a lower cost or higher priority` : 'ordering here would not improve the cover within its minimum order, multiples and capacity' };
  });

  return {
    shortfall: q,
    onTimeCoverage: objective.onTime,
    usefulCoverage: objective.useful,
    uncoveredQuantity: Math.max(0, q - objective.useful),
    reduceSourceBy: input.line.rejected ? 0 : Math.min(q, objective.useful),
    lateness: objective.lateness,
    totalCost: fromScaled(totalCost),
    addedCost: fromScaled(addedCost),
    moves: chosen.map((m) => ({ supplierId: m.c.supplierId, quantity: m.v, expectedDate: m.c.expectedDate, unitCost: fromScaled(toScaled(m.c.unitCost)) })),
    candidates,
  };
}
