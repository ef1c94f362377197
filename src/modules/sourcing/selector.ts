import { addDays, daysBetween, isoWeek, type CalendarDate } from '../../shared/calendar';
import { fromScaled, toScaled } from '../../shared/money';
import { percentileNearestRank } from '../../shared/percentile';
import {
  expectedDeliveries,
  lineQuantities,
  replaceableAfter as replaceableOfLine,
  shortfall,
  unshippedQuantity,
  type LineQuantities,
} from '../open-orders/open-quantity';

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
 * on-time coverage, and objectives 4 to 6 add up over both parts). In each
 * part the best coverage is the one with every candidate at its largest
 * useful order, and the rest of the objective, tie rule included, is linear
 * in the quantities (objectiveVector). A dynamic programme over the covered
 * quantity finds the optimum but its work grows with the quantity (issue 11:
 * 30,000 units blocked the server for 11 s), and a handful of "breakpoint"
 * quantities per candidate is not enough either: with multiples 997 and 1,000
 * the optimum for 500,000 units can be 332,001 + 168,000 (see the tests).
 * solvePart therefore searches only where the optimum can be: the linear
 * relaxation bounds how far each quantity may stray from it for an allocation
 * to beat the best one known, and within those windows it runs the exact DP
 * over the covered quantity or an exact DP modulo one candidate's multiple
 * (its correctness argument is there). The work is counted in DP states and
 * bounded (WORK_BUDGET), whatever the quantities: past it the best allocation
 * found is returned, with full coverage, and `optimal: false`. Tests compare
 * it with brute force, with the pre-issue-11 programme and with the plain DP
 * over every quantity.
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

/**
 * The slipped line, as the open-quantity model reads it (its requestedDate
 * is neededBy). What it leaves out defaults to nothing: no cancellation,
 * receipt or shipment; scheduleTaken defaults to receivedQuantity (a
 * promise older than every receipt, whose earliest lines they came off).
 */
export type SelectorLine = Pick<LineQuantities, 'quantity' | 'schedule' | 'rejected'> & Partial<Omit<LineQuantities, 'requestedDate'>> & { unitCost: string };

export interface SelectorInput {
  neededBy: CalendarDate;
  line: SelectorLine;
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
  /** Base units in the rule's purchase unit (1 without one): an order is whole purchase units too. */
  unitsPerPurchaseUnit?: number;
}

/** A supplier's confirmed lead times for the item, in days (a line's latest promised date less its order's issue day). */
export interface LeadTimeObservation {
  supplierId: string;
  confirmedDays: number[];
}

/** An order line of the item to this retailer, of any supplier: what it still brings and when is the open-quantity model's. */
export interface OpenLineFacts extends LineQuantities {
  supplierId: string;
}

/** Confirmations of an item a supplier needs before its observed p90 replaces its quoted lead time. */
export const MIN_CONFIRMATIONS = 3;

/**
 * The selector's candidates for a slipped line (DESIGN.md, Backup-supplier
 * selector, "Candidates"): every other supplier's rule for the item;
 * usable when the rule is active and the partnership ACTIVE; lead time = the
 * p90 of its confirmed lead times once it has MIN_CONFIRMATIONS, else the
 * quoted one; expectedDate = today + lead time; capacity is weeklyCapacity
 * less its open quantity in the ISO week of expectedDate (what its lines are
 * still expected to deliver that week, by the open-quantity model: in
 * transit on arrival, promised dates, else requested dates).
 */
export function selectorCandidates(args: {
  slippedSupplierId: string;
  rules: SourcingRuleFacts[];
  leadTimes: LeadTimeObservation[];
  openLines: OpenLineFacts[];
  today: CalendarDate;
  /**
   * A what-if's supplier outages (DESIGN.md, Planning collaboration): the
   * date a delivery of this supplier due on `date` really comes. Moves the
   * expected date (and so the ISO week whose capacity counts); none: as due.
   */
  moveDelivery?: (supplierId: string, date: CalendarDate) => CalendarDate;
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
      const seen = observed.get(rule.supplierId)?.confirmedDays ?? [];
      const useObserved = seen.length >= MIN_CONFIRMATIONS;
      const leadTime = useObserved ? percentileNearestRank(seen, 90)! : rule.quotedLeadTimeDays;
      const due = addDays(args.today, leadTime);
      const expectedDate = args.moveDelivery ? args.moveDelivery(rule.supplierId, due) : due;
      const week = isoWeek(expectedDate);
      return {
        supplierId: rule.supplierId,
        usable: rule.active && rule.partnershipActive,
        expectedDate,
        leadTimeBasis: (useObserved ? `p90 of ${seen.length} confirmed lead times: ${leadTime} days` : `quoted ${leadTime} days`)
          + (expectedDate !== due ? `, moved from ${due} past an outage` : ''),
        unitCost: rule.unitCost,
        minOrderQuantity: rule.minOrderQuantity,
        // A multiple of orderMultiple and whole purchase units (a line in base units that is not is refused).
        orderMultiple: leastCommonMultiple(rule.orderMultiple, rule.unitsPerPurchaseUnit ?? 1),
        weeklyCapacity: rule.weeklyCapacity,
        openInWeek: openInWeek.get(`${rule.supplierId}/${week}`) ?? 0,
        week,
        priority: rule.priority,
      };
    });
}

const greatestCommonDivisor = (a: number, b: number): number => (b === 0 ? a : greatestCommonDivisor(b, a % b));
const leastCommonMultiple = (a: number, b: number) => (a / greatestCommonDivisor(a, b)) * b;

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
  /**
   * True when the moves are proven optimal. False only when the work bound
   * (WORK_BUDGET) stopped the search first: the moves then still reach the
   * best on-time and useful coverage, and are the cheapest allocation found.
   */
  optimal: boolean;
}

/** The comparable objective of an allocation; better is larger coverage, then smaller costs, then the tie rule. */
export interface Objective {
  onTime: number;
  useful: number;
  lateness: number;
  cost: number;
  priority: number;
}

/** The slipped line's facts for the open-quantity model. */
const lineOf = (input: SelectorInput): LineQuantities => {
  const { unitCost: _cost, ...line } = input.line;
  return lineQuantities({ scheduleTaken: line.receivedQuantity ?? 0, ...line, requestedDate: input.neededBy });
};

/** Q: the open quantity not expected on or before neededBy (open-quantity.ts, shortfall). */
export function shortfallOf(input: SelectorInput): number {
  return shortfall(lineOf(input), input.neededBy);
}

/** Units of the line that a delivery on `date` could replace: the rejected or unconfirmed part, and what is promised after it. */
export function replaceableAfter(input: SelectorInput, date: CalendarDate): number {
  return replaceableOfLine(lineOf(input), date);
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

/**
 * Work the optimiser may spend on one line, in DP states evaluated (both
 * parts together). About 10 to 40 ms of CPU; DESIGN "Bounds" allows a request
 * 50 ms of the event loop. Past it the selector returns its best allocation so
 * far, which always reaches the best coverage, with `optimal: false`.
 */
export const WORK_BUDGET = 250_000;

/** A usable candidate of one part, as the optimiser sees it: x = 0, or x in {lo, lo + m, ..., hi}. */
interface Item {
  cand: number;
  m: number;
  lo: number;
  hi: number;
  /** Per unit: days late, cost (scaled money), priority. */
  lat: number;
  cost: number;
  prio: number;
  /** Position in the tie order (0 = the smallest supplier id). */
  rank: number;
  /** Late part: expected date (items of one date serve the same units); on-time part: ''. */
  date: CalendarDate | '';
  /** Late part: units it can replace (capped at what is left to cover). */
  cap: number;
}

/** The values an item may take in one search: 0 when `zero`, and the valid orders in [a, b]. */
interface Window {
  a: number;
  b: number;
  zero: boolean;
}

interface PartResult {
  x: number[];
  optimal: boolean;
  work: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
/** Every Window is made here, so that all share one shape (the searches' hot loops read them). */
const win = (a: number, b: number, zero: boolean): Window => ({ a, b, zero });
const full = (it: Item): Window => win(it.lo, it.hi, true);
const minValue = (w: Window) => (w.zero ? 0 : w.a);
const maxValue = (w: Window) => (w.a <= w.b ? w.b : 0);

/** Lexicographic comparison of equal-length vectors: negative when a < b. */
function lexCompare(a: number[], b: number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}

/**
 * The objective of a part as one vector, compared lexicographically: days x
 * units, cost, priority, then for every tie rank r the negated quantity of the
 * candidate of rank r (the tie rule: more for the smaller supplier id). It is
 * linear in x: objective = sum over items of x_i * W_i.
 */
function unitVector(it: Item, ranks: number): number[] {
  const v = new Array<number>(3 + ranks).fill(0);
  v[0] = it.lat;
  v[1] = it.cost;
  v[2] = it.prio;
  v[3 + it.rank] = -1;
  return v;
}

function objectiveVector(items: Item[], x: number[], ranks: number): number[] {
  const v = new Array<number>(3 + ranks).fill(0);
  items.forEach((it, i) => {
    v[0] += it.lat * x[i];
    v[1] += it.cost * x[i];
    v[2] += it.prio * x[i];
    v[3 + it.rank] -= x[i];
  });
  return v;
}

/**
 * Alive state ranges of the search over `wins`: after layer i the state (the
 * units covered so far, capped at the target) is at least what the later
 * layers still need and at most what the earlier ones can reach.
 */
function aliveRanges(wins: Window[], target: number, after: number[], g: number) {
  const n = wins.length;
  const need = new Array<number>(n).fill(0);
  need[n - 1] = target;
  for (let i = n - 2; i >= 0; i--) need[i] = Math.max(after[i], need[i + 1] - maxValue(wins[i + 1]));
  const ranges: { kA: number; count: number; top: boolean }[] = [];
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    lo = Math.min(target, lo + minValue(wins[i]));
    hi = Math.min(target, hi + maxValue(wins[i]));
    const from = Math.max(lo, need[i]);
    const kA = Math.ceil(from / g);
    const kB = Math.floor(Math.min(hi, target - 1) / g);
    ranges.push({ kA, count: Math.max(0, kB - kA + 1), top: hi >= target && from <= target });
  }
  return ranges;
}

/** Work of a search over `wins`: states of every layer plus the scan into the capped top state. */
function searchWork(wins: Window[], target: number, after: number[], g: number): number {
  let work = 0;
  let previous = 1;
  for (const r of aliveRanges(wins, target, after, g)) {
    work += r.count + 1 + previous;
    previous = r.count;
  }
  return work;
}

// Hot loops read these as module bindings: under a vm context (jest) every global lookup is slow.
const INF = Infinity;
const { min, max, floor, ceil } = Math;

/**
 * Scratch buffers reused from one search to the next (the searches never run
 * nested): a search's large typed arrays would otherwise be garbage each time.
 * Each is a view of at least `size` elements; its contents are not cleared.
 */
const pool = new Map<string, Float64Array | Int32Array | Uint8Array>();
function scratch<T extends Float64Array | Int32Array | Uint8Array>(key: string, make: (n: number) => T, size: number): T {
  let buffer = pool.get(key) as T | undefined;
  if (!buffer || buffer.length < size) {
    buffer = make(Math.max(size, 2 * (buffer?.length ?? 0), 64));
    pool.set(key, buffer);
  }
  return buffer.subarray(0, size) as T;
}
const floats = (n: number) => new Float64Array(n);
const ints = (n: number) => new Int32Array(n);
const bytes = (n: number) => new Uint8Array(n);

interface SearchLayer {
  kA: number;
  count: number;
  src: Int32Array;
  topX: number;
}

/** x of layers 0..layer for the allocation ending in `slot` of `layer` (windowSearch). */
function rebuildAllocation(layers: SearchLayer[], layer: number, slot: number, g: number, n: number): number[] {
  const x = new Array<number>(n).fill(0);
  for (let l = layer, s = slot; l >= 0; l--) {
    const ly = layers[l];
    const ps = ly.src[s];
    if (s === ly.count) x[l] = ly.topX;
    else x[l] = (ly.kA + s) * g - (l === 0 ? 0 : (layers[l - 1].kA + ps) * g);
    s = ps;
  }
  return x;
}

/**
 * windowSearch's tie rule, for two ways into one state of layer i with equal
 * (lateness, cost, priority): from previous state a with x_i = xa, or from b
 * with xb. Within a run of layers of decreasing tie rank, two allocations that
 * entered the run through the same state differ first in layer i, where the
 * larger quantity wins; otherwise both are rebuilt and compared in rank order.
 * A module function, not a closure: the hot loops keep one call target.
 */
function tiePrefers(layers: SearchLayer[], byRank: number[], g: number, n: number, i: number, entryA: number, entryB: number, sa: number, xa: number, sb: number, xb: number): boolean {
  if (entryA === entryB && xa !== xb) return xa > xb;
  const A = i === 0 ? new Array<number>(n).fill(0) : rebuildAllocation(layers, i - 1, sa, g, n);
  const B = i === 0 ? new Array<number>(n).fill(0) : rebuildAllocation(layers, i - 1, sb, g, n);
  A[i] = xa;
  B[i] = xb;
  for (const l of byRank) if (l <= i && A[l] !== B[l]) return A[l] > B[l];
  return false;
}

/**
 * Exact dynamic programme over the covered quantity for values restricted to
 * `wins`: the lexicographically smallest objective vector among allocations
 * whose every x_i lies in its window, that cover `target` and meet the
 * thresholds `after` (state after layer i >= after[i]). States are multiples
 * of g (every order is) below the target plus one capped top state, kept to
 * the alive ranges; each layer is a sliding-window minimum along the chains of
 * states m apart, so a layer costs its number of states. Ties on (lateness,
 * cost, priority) are settled by the tie rule (tiePrefers). Returns x per
 * layer, or null.
 */
function windowSearch(items: Item[], wins: Window[], target: number, after: number[], g: number): number[] | null {
  const n = items.length;
  const ranges = aliveRanges(wins, target, after, g);
  const byRank = items.map((_it, i) => i).sort((a, b) => items[a].rank - items[b].rank);
  const layers: SearchLayer[] = [];

  // The state before the first layer: 0 covered.
  let pk = 0;
  let pn = 1;
  let side = 0;
  let pLat = scratch('lat1', floats, 2);
  let pCost = scratch('cost1', floats, 2);
  let pPrio = scratch('prio1', floats, 2);
  let pEntry = scratch('entry1', ints, 2);
  pLat.set([0, INF]);
  pCost.set([0, 0]);
  pPrio.set([0, 0]);
  pEntry.set([0, 1]);

  for (let i = 0; i < n; i++) {
    const it = items[i];
    const w = wins[i];
    const { kA, count } = ranges[i];
    const { lat, cost, prio, m } = it;
    const runStart = i === 0 || it.rank > items[i - 1].rank;
    // Two sets of value buffers, in turn: the previous layer's and this one's.
    const cLat = scratch(`lat${side}`, floats, count + 1).fill(INF);
    const cCost = scratch(`cost${side}`, floats, count + 1);
    const cPrio = scratch(`prio${side}`, floats, count + 1);
    const cEntry = scratch(`entry${side}`, ints, count + 1);
    side = 1 - side;
    const src = new Int32Array(count + 1).fill(-1);
    let topX = 0;

    // Non-top states: x = 0 (same state) or x in [a, b] step m (a sliding window along chains m apart).
    if (count > 0) {
      const hasRange = w.a <= w.b;
      const ap = w.a / g;
      const bp = w.b / g;
      const mp = m / g;
      const dqJ = scratch('dqJ', ints, pn + 2);
      const dqL = scratch('dqL', floats, pn + 2);
      const dqC = scratch('dqC', floats, pn + 2);
      const dqP = scratch('dqP', floats, pn + 2);
      const chains = hasRange ? min(mp, count) : count;
      for (let c0 = 0; c0 < chains; c0++) {
        const kFirst = kA + c0;
        let head = 0;
        let tail = 0;
        let js = 0;
        if (hasRange) {
          const base = kFirst - ap;
          const lowJ = max(pk, kFirst - bp);
          js = base >= lowJ ? base - floor((base - lowJ) / mp) * mp : base + ceil((lowJ - base) / mp) * mp;
        }
        for (let k = kFirst; k < kA + count; k += hasRange ? mp : count) {
          const t = k - kA;
          const v = k * g;
          let bl = INF;
          let bc = 0;
          let bpr = 0;
          let bs = -1;
          let bx = 0;
          if (hasRange) {
            const jEnd = min(k - ap, pk + pn - 1);
            for (; js <= jEnd; js += mp) {
              const s = js - pk;
              if (pLat[s] === INF) continue;
              const u = js * g;
              const kl = pLat[s] - lat * u;
              const kc = pCost[s] - cost * u;
              const kp = pPrio[s] - prio * u;
              while (tail > head) {
                const tl = dqL[tail - 1];
                const tc = dqC[tail - 1];
                const tp = dqP[tail - 1];
                if (kl < tl || (kl === tl && (kc < tc || (kc === tc && kp < tp)))) tail--;
                else if (kl === tl && kc === tc && kp === tp) {
                  const ts = dqJ[tail - 1] - pk;
                  const newer = tiePrefers(layers, byRank, g, n, i, runStart ? s : pEntry[s], runStart ? ts : pEntry[ts], s, v - u, ts, v - dqJ[tail - 1] * g);
                  if (newer) tail--;
                  else break;
                } else break;
              }
              dqJ[tail] = js;
              dqL[tail] = kl;
              dqC[tail] = kc;
              dqP[tail] = kp;
              tail++;
            }
            while (tail > head && dqJ[head] < k - bp) head++;
            if (tail > head) {
              bl = dqL[head] + lat * v;
              bc = dqC[head] + cost * v;
              bpr = dqP[head] + prio * v;
              bs = dqJ[head] - pk;
              bx = v - dqJ[head] * g;
            }
          }
          if (w.zero && k >= pk && k < pk + pn && pLat[k - pk] !== INF) {
            const s = k - pk;
            const zl = pLat[s];
            const zc = pCost[s];
            const zp = pPrio[s];
            let take = bs < 0 || zl < bl || (zl === bl && (zc < bc || (zc === bc && zp < bpr)));
            if (!take && zl === bl && zc === bc && zp === bpr) {
              take = tiePrefers(layers, byRank, g, n, i, runStart ? s : pEntry[s], runStart ? bs : pEntry[bs], s, 0, bs, bx);
            }
            if (take) {
              bl = zl;
              bc = zc;
              bpr = zp;
              bs = s;
              bx = 0;
            }
          }
          if (bs >= 0) {
            cLat[t] = bl;
            cCost[t] = bc;
            cPrio[t] = bpr;
            src[t] = bs;
            cEntry[t] = runStart ? bs : pEntry[bs];
          }
        }
      }
    }

    // The top state: everything that reaches the target, capped. Linear in x, so the best x from each previous
    // state is an extreme of the orders that reach the target: the smallest (the largest too when the item's unit
    // vector is not positive).
    if (ranges[i].top) {
      const positive = lat > 0 || (lat === 0 && (cost > 0 || (cost === 0 && prio > 0)));
      let tl = INF;
      let tc = 0;
      let tp = 0;
      let ts = -1;
      const hasValue = w.zero || w.a <= w.b;
      for (let s = pn; s >= 0; s--) {
        if (pLat[s] === INF || (s === pn && !hasValue)) continue;
        let x1: number;
        let x2: number;
        if (s === pn) {
          x1 = minValue(w);
          x2 = maxValue(w);
        } else {
          const needX = target - (pk + s) * g;
          if (w.a > w.b || needX > w.b) continue;
          x1 = needX <= w.a ? w.a : w.a + ceil((needX - w.a) / m) * m;
          x2 = w.b;
        }
        for (let option = 0; option < (positive || x1 === x2 ? 1 : 2); option++) {
          const x = option === 0 ? x1 : x2;
          const l = pLat[s] + lat * x;
          const c = pCost[s] + cost * x;
          const p = pPrio[s] + prio * x;
          let take = ts < 0 || l < tl || (l === tl && (c < tc || (c === tc && p < tp)));
          if (!take && l === tl && c === tc && p === tp) {
            take = tiePrefers(layers, byRank, g, n, i, runStart ? s : pEntry[s], runStart ? ts : pEntry[ts], s, x, ts, topX);
          }
          if (take) {
            tl = l;
            tc = c;
            tp = p;
            ts = s;
            topX = x;
          }
        }
      }
      if (ts >= 0) {
        cLat[count] = tl;
        cCost[count] = tc;
        cPrio[count] = tp;
        src[count] = ts;
        cEntry[count] = runStart ? ts : pEntry[ts];
      }
    }

    layers.push({ kA, count, src, topX });
    pk = kA;
    pn = count;
    pLat = cLat;
    pCost = cCost;
    pPrio = cPrio;
    pEntry = cEntry;
  }
  if (pLat[pn] === INF) return null;
  return rebuildAllocation(layers, n - 1, pn, g, n);
}

/**
 * The order in which windowSearch takes the items: narrow windows first, within
 * each date group (the late part's thresholds fix the order of the groups).
 * A layer's states then span at most the widths of the windows before it
 * (or what is left below the target), so one wide window costs little when
 * it comes last.
 */
function narrowFirst(items: Item[], wins: Window[]): number[] {
  const group: number[] = [];
  items.forEach((it, i) => group.push(i === 0 ? 0 : group[i - 1] + (it.date === items[i - 1].date ? 0 : 1)));
  const width = (i: number) => maxValue(wins[i]) - minValue(wins[i]);
  return items.map((_it, i) => i).sort((a, b) => group[a] - group[b] || width(a) - width(b) || a - b);
}

function orderedWork(items: Item[], wins: Window[], target: number, after: number[], g: number): number {
  return searchWork(narrowFirst(items, wins).map((i) => wins[i]), target, after, g);
}

function orderedSearch(items: Item[], wins: Window[], target: number, after: number[], g: number): number[] | null {
  const order = narrowFirst(items, wins);
  const x = windowSearch(order.map((i) => items[i]), order.map((i) => wins[i]), target, after, g);
  if (!x) return null;
  const result = new Array<number>(items.length);
  order.forEach((i, k) => (result[i] = x[k]));
  return result;
}

/**
 * Exact search modulo the order multiple of one item, the pivot p (Gomory's
 * group problem): when, for every sum S the other items can make within
 * their windows, p's smallest order covering target - S is m_p *
 * ceil((target - S) / m_p) and lies in p's window, the objective is
 *   sum over i != p of (W_i - W_p) x_i + W_p (target + ((S - target) mod m_p)),
 * which depends on S only through S mod m_p. A DP over the m_p residues
 * (each item a sliding window along the cycles of its multiple modulo m_p, full
 * objective vectors so the tie rule needs nothing special) is then exact and
 * costs about m_p per item, however large the quantities. Null when the
 * condition does not hold (see residueApplies).
 */
function residueApplies(items: Item[], wins: Window[], target: number, after: number[], p: number, W: number[][]): boolean {
  const it = items[p];
  const wp = wins[p];
  if (wp.a > wp.b || lexCompare(W[p], W[p].map(() => 0)) <= 0) return false;
  let sMin = 0;
  let sMax = 0;
  wins.forEach((w, i) => {
    if (i === p) return;
    sMin += minValue(w);
    sMax += maxValue(w);
  });
  if (!(target - sMax > wp.a - it.m && target - sMin <= wp.b)) return false;
  // Thresholds (late part) must hold for every allocation in the windows.
  for (let i = 0; i < items.length - 1; i++) {
    if (after[i] <= 0) continue;
    if (p <= i) {
      let later = 0;
      for (let j = i + 1; j < items.length; j++) later += maxValue(wins[j]);
      if (target - later < after[i]) return false;
    } else {
      let prefix = 0;
      for (let j = 0; j <= i; j++) prefix += minValue(wins[j]);
      if (prefix < after[i]) return false;
    }
  }
  return true;
}

const residueWork = (items: Item[], p: number, ranks: number) => (items.length - 1) * 2 * items[p].m * Math.ceil((3 + ranks) / 4) + items[p].m;

function residueSearch(items: Item[], wins: Window[], target: number, p: number, W: number[][]): number[] {
  const n = items.length;
  const V = W[p].length;
  const mp = items[p].m;
  let side = 0;
  let cur = scratch('rcur0', floats, mp * V).fill(0);
  let reach = scratch('rreach0', bytes, mp).fill(0);
  reach[0] = 1;
  const others = items.map((_it, i) => i).filter((i) => i !== p);
  const choices: Float64Array[] = [];
  const keys = scratch('rkeys', floats, 2 * mp * V);
  const dq = scratch('rdq', ints, 2 * mp);
  const dm = new Float64Array(V);
  const da = new Float64Array(V);
  for (const i of others) {
    const it = items[i];
    const w = wins[i];
    side = 1 - side;
    const next = scratch(`rcur${side}`, floats, mp * V);
    const nreach = scratch(`rreach${side}`, bytes, mp);
    if (w.zero) {
      next.set(cur);
      nreach.set(reach);
    } else nreach.fill(0);
    const choice = new Float64Array(mp);
    if (w.a <= w.b) {
      // Orders a2 + t m, t = 0..K: the cheapest of each residue (the smallest orders for an item worse than p,
      // the largest for a better one); along each cycle of + m (mod m_p) a sliding-window minimum.
      const T = (w.b - w.a) / it.m;
      const s = it.m % mp;
      const h = s === 0 ? mp : gcd(mp, s);
      const L = mp / h;
      const K = Math.min(T, L - 1);
      const better = lexCompare(W[i], W[p]) < 0;
      const a2 = better ? w.a + (T - K) * it.m : w.a;
      const shift = a2 % mp;
      for (let k = 0; k < V; k++) {
        dm[k] = (W[i][k] - W[p][k]) * it.m;
        da[k] = (W[i][k] - W[p][k]) * a2;
      }
      for (let c = 0; c < h; c++) {
        let head = 0;
        let tail = 0;
        let u = c;
        for (let j = 0; j < 2 * L; j++) {
          if (reach[u]) {
            const o = j * V;
            const src = u * V;
            for (let k = 0; k < V; k++) keys[o + k] = cur[src + k] - dm[k] * j;
            // Drop the tail entries no better than the new one (keys are distinct: the tie coordinates differ).
            while (tail > head) {
              const t = dq[tail - 1] * V;
              let k = 0;
              while (k < V && keys[t + k] === keys[o + k]) k++;
              if (k < V && keys[t + k] < keys[o + k]) break;
              tail--;
            }
            dq[tail++] = j;
          }
          while (tail > head && dq[head] < j - K) head++;
          if (j >= L && tail > head) {
            const q = dq[head] * V;
            let to = u + shift;
            if (to >= mp) to -= mp;
            const o = to * V;
            let better2 = !nreach[to];
            if (!better2) {
              let k = 0;
              while (k < V && keys[q + k] + dm[k] * j + da[k] === next[o + k]) k++;
              better2 = k < V && keys[q + k] + dm[k] * j + da[k] < next[o + k];
            }
            if (better2) {
              for (let k = 0; k < V; k++) next[o + k] = keys[q + k] + dm[k] * j + da[k];
              nreach[to] = 1;
              choice[to] = a2 + (j - dq[head]) * it.m;
            }
          }
          u += s;
          if (u >= mp) u -= mp;
        }
      }
    }
    choices.push(choice);
    cur = next;
    reach = nreach;
  }
  let best = -1;
  const total = new Float64Array(V);
  const bestTotal = new Float64Array(V);
  for (let r = 0; r < mp; r++) {
    if (!reach[r]) continue;
    const over = (((r - target) % mp) + mp) % mp;
    for (let k = 0; k < V; k++) total[k] = cur[r * V + k] + W[p][k] * (target + over);
    let k = 0;
    while (k < V && total[k] === bestTotal[k]) k++;
    if (best < 0 || (k < V && total[k] < bestTotal[k])) {
      best = r;
      bestTotal.set(total);
    }
  }
  const x = new Array<number>(n).fill(0);
  let r = best;
  let sum = 0;
  for (let k = others.length - 1; k >= 0; k--) {
    const v = choices[k][r];
    x[others[k]] = v;
    sum += v;
    r = (((r - v) % mp) + mp) % mp;
  }
  x[p] = mp * Math.ceil((target - sum) / mp);
  return x;
}

/**
 * One part (the on-time candidates, or the late ones), exactly when the work
 * allows. `items` come in processing order (late: earliest date first), and
 * `after[i]` is the coverage the items up to i must reach by themselves.
 *
 * Why it is exact. Work within a domain: per item the values of a Window
 * (0 or not, and a range of valid orders); at first every valid order. Let W_i
 * be item i's unit vector (unitVector); the objective of x is sum x_i W_i. The
 * linear relaxation (x_i anywhere between its smallest and largest value, same
 * thresholds) is solved by raising the items in increasing W_i from their
 * smallest values until the target is covered (a better item serves every
 * threshold a worse one serves); let p be the last item raised, lp the
 * solution and LP its objective. For ANY allocation z in the domain that
 * covers the target
 *   objective(z) - LP = sum over i != p of (W_i - W_p)(z_i - lp_i) + W_p (sum z - target),
 * and every term is lexicographically >= 0 (items better than p are at their
 * largest value in lp, worse ones at their smallest). So every z at least as
 * good as a known allocation U has each term at most gap = objective(U) - LP,
 * which bounds |z_i - lp_i| for every item whose W_i differs from W_p before
 * the gap's first non-zero component (rcWindows). An exact search over those
 * windows (windowSearch, or residueSearch when it applies) contains the
 * optimum, so its answer is the optimum.
 *
 * When the windows are too wide for the work left, the search gets there in
 * steps, each exact on its part: a residue search on cut windows plus
 * windowSearch on the regions cut off (together exactly the windows); or
 * narrower windows that give a better U, hence narrower windows next round.
 * Two cheap certificates end it early: the residue search with the pivot's
 * range ignored (Gomory's group relaxation) bounds every allocation from below,
 * and when p's smallest order exceeds what the relaxation gives it, the domain
 * splits into "p not used" and "p at least its smallest order", whose
 * relaxations are tight again. Each piece searched is exact, so the answer is
 * optimal unless the work bound stops the search: then it is the best
 * allocation found, which covers the target (the relaxation rounded does).
 */
function solvePart(items: Item[], target: number, after: number[], ranks: number, budget: number): PartResult {
  const n = items.length;
  if (target <= 0 || n === 0) return { x: new Array<number>(n).fill(0), optimal: true, work: 0 };
  const g = items.reduce((acc, it) => gcd(acc, it.m), 0);
  if (budget === Infinity) {
    // Plain mode (optimizePlain): the DP over every quantity, no windows.
    const wins = items.map(full);
    return { x: orderedSearch(items, wins, target, after, g) ?? new Array<number>(n).fill(0), optimal: true, work: orderedWork(items, wins, target, after, g) };
  }
  const W = items.map((it) => unitVector(it, ranks));
  const zeroVector = W[0].map(() => 0);
  const positive = items.every((_it, i) => lexCompare(W[i], zeroVector) > 0 && lexCompare(W[i].slice(0, 3), zeroVector.slice(0, 3)) > 0);
  const lpOrder = items.map((_it, i) => i).sort((a, b) => lexCompare(W[a], W[b]));
  const byMultiple = items.map((_it, i) => i).sort((a, b) => items[a].m - items[b].m);
  let work = 0;

  /** A valid allocation of `dom`: every x among its values, the target covered and the thresholds met. */
  const feasibleIn = (x: number[], dom: Window[]): boolean => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const w = dom[i];
      const v = x[i];
      if (v === 0 ? !w.zero : v < w.a || v > w.b || v % items[i].m !== 0) return false;
      sum = Math.min(target, sum + v);
      if (sum < after[i]) return false;
    }
    return sum >= target;
  };
  const inside = (inner: Window[], outer: Window[]) =>
    inner.every((w, i) => (!w.zero || outer[i].zero) && (w.a > w.b || (outer[i].a <= w.a && w.b <= outer[i].b)));
  const hasValues = (wins: Window[]) => wins.every((w) => w.zero || w.a <= w.b);
  /** The largest scale in [0, 1] for which `ok` holds (it holds for all smaller ones), or -1. */
  const largestScale = (ok: (scale: number) => boolean): number => {
    if (ok(1)) return 1;
    if (!ok(0)) return -1;
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 30; k++) {
      const mid = (lo + hi) / 2;
      if (ok(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  };

  /** The best allocation of `dom`; optimal false when the work bound stopped the search first; null x when `dom` has none. */
  const solveIn = (dom: Window[], depth: number): { x: number[] | null; optimal: boolean } => {
    // Planning (relaxation, windows, splits) counts too: about n^2 per round.
    work += n * n;
    const smallest = dom.map(minValue);
    const largest = dom.map(maxValue);
    if (!hasValues(dom) || !feasibleIn(largest, dom.map(() => win(0, Infinity, true)))) return { x: null, optimal: true };

    // The linear relaxation.
    const lp = smallest.slice();
    let filled = smallest.reduce((a, b) => a + b, 0);
    let p = -1;
    for (const i of lpOrder) {
      if (filled >= target) break;
      const take = Math.min(largest[i] - lp[i], target - filled);
      if (take <= 0) continue;
      lp[i] += take;
      filled += take;
      p = i;
    }
    // p used below its smallest order: split into "p not used" and "p at least its smallest order".
    if (p >= 0 && dom[p].zero && dom[p].a <= dom[p].b && lp[p] > 0 && lp[p] < dom[p].a && depth < n) {
      const unused = dom.map((w, i) => (i === p ? win(w.a, w.a - items[i].m, true) : w));
      const used = dom.map((w, i) => (i === p ? win(w.a, w.b, false) : w));
      const one = solveIn(used, depth + 1);
      const other = solveIn(unused, depth + 1);
      if (!one.x) return other;
      if (!other.x) return one;
      const better = lexCompare(objectiveVector(items, one.x, ranks), objectiveVector(items, other.x, ranks)) <= 0 ? one : other;
      return { x: better.x, optimal: one.optimal && other.optimal };
    }
    const LP = objectiveVector(items, lp, ranks);

    // The relaxation rounded: p at its smallest value covering the rest (or, should a forced smallest order of
    // a later date leave a threshold short, everything at its largest value, which the domain allows).
    let best = lp.map((v, i) => (i === p ? Math.max(dom[p].a, Math.ceil(v / items[p].m) * items[p].m) : v));
    if (!feasibleIn(best, dom)) best = largest;
    let bestVector = objectiveVector(items, best, ranks);

    /**
     * Windows of `dom` that contain every allocation at least as good as
     * `vector` (see above); `scale` < 1 narrows them (except item `keep`)
     * for a search that only looks for a better allocation.
     */
    const rcWindows = (vector: number[], scale = 1, keep = -1): Window[] => {
      const gap = vector.map((v, k) => v - LP[k]);
      const cg = gap.findIndex((v) => v !== 0);
      return items.map((it, i) => {
        if (i === p || !positive) return dom[i];
        const rc = p < 0 ? W[i] : W[i].map((v, k) => (lexCompare(W[i], W[p]) < 0 ? W[p][k] - v : v - W[p][k]));
        const c = rc.findIndex((v) => v !== 0);
        let delta: number;
        if (cg < 0 || c < cg) delta = 0;
        else if (c > cg) delta = Infinity;
        else delta = Math.floor(gap[c] / rc[c]);
        if (scale < 1 && i !== keep) delta = Math.floor(Math.min(delta, largest[i]) * scale);
        const lo = lp[i] - delta;
        const hi = lp[i] + delta;
        const w = dom[i];
        return win(Math.max(w.a, Math.ceil(Math.max(lo, 0) / it.m) * it.m), Math.min(w.b, Math.floor(hi / it.m) * it.m), w.zero && lo <= 0);
      });
    };

    /** Windows searched exactly so far: the best allocation in each is known (it is at least as bad as `best`). */
    const explored: Window[][] = [];
    const take = (x: number[] | null, wins: Window[] | null) => {
      if (wins) explored.push(wins);
      if (!x) return;
      const vector = objectiveVector(items, x, ranks);
      if (lexCompare(vector, bestVector) < 0) {
        best = x;
        bestVector = vector;
      }
    };
    /**
     * `wins` split for a residue search with pivot q, which needs the others'
     * smallest sum at least target - b_q (q never above its largest value)
     * and their largest sum below target - a_q + m_q (q always used, at a
     * multiple of m_q): windows are raised from below, then cut from above,
     * until it holds. Each part cut off is a region (that item in the part,
     * the items cut before it at their cuts, the rest whole) where that item
     * is small, so q is at its largest and the others must cover the rest, or
     * large, so it covers most of the target: small or empty for windowSearch.
     * The cut windows and the regions together are exactly `wins`.
     */
    const residueSplit = (q: number, wins: Window[], worseFirst: boolean): { cut: Window[]; regions: Window[][] } | null => {
      if (wins[q].a > wins[q].b) return null;
      const others = items.map((_it, i) => i).filter((i) => i !== q);
      const cur = wins.slice();
      const regions: Window[][] = [];
      const step = (j: number, next: Window, rest: Window) => {
        regions.push(cur.map((w, i) => (i === j ? rest : w)));
        cur[j] = next;
      };
      let deficit = target - wins[q].b - others.reduce((sum, i) => sum + minValue(cur[i]), 0);
      for (const j of [...others].sort((a, b) => maxValue(wins[b]) - maxValue(wins[a]))) {
        if (deficit <= 0) break;
        const w = cur[j];
        if (w.a > w.b) continue;
        const a = Math.max(w.a, Math.ceil((minValue(w) + deficit) / items[j].m) * items[j].m);
        step(j, win(a, w.b, false), win(w.a, Math.min(w.b, a - items[j].m), w.zero));
        deficit -= a - minValue(w);
      }
      if (deficit > 0) return null;
      let excess = others.reduce((sum, i) => sum + maxValue(cur[i]), 0) - (target - wins[q].a + items[q].m - 1);
      // Cutting an item the relaxation leaves at its smallest value leaves regions where it covers most of the target: cheap.
      const worse = (i: number) => (worseFirst && lp[i] === smallest[i] ? 0 : 1);
      for (const j of [...others].sort((a, b) => worse(a) - worse(b) || maxValue(cur[b]) - maxValue(cur[a]))) {
        if (excess <= 0) break;
        const w = cur[j];
        if (w.a > w.b) continue;
        const newMax = Math.max(minValue(w), maxValue(w) - excess);
        const b = newMax >= w.a ? Math.floor(newMax / items[j].m) * items[j].m : w.a - items[j].m;
        const next = win(w.a, b, w.zero);
        step(j, next, win(Math.max(w.a, b + items[j].m), w.b, false));
        excess -= maxValue(w) - maxValue(next);
      }
      if (excess > 0 || !regions.length || !residueApplies(items, cur, target, after, q, W)) return null;
      return { cut: cur, regions };
    };

    /** The cheapest exact search of `wins`: the DP, the residue search, or the latter on cut windows plus the DP on the regions cut off. */
    const cheapestPlan = (wins: Window[]) => {
      let plan = { cost: orderedWork(items, wins, target, after, g), run: () => take(orderedSearch(items, wins, target, after, g), null) };
      for (let q = 0; q < n; q++) {
        const c = residueWork(items, q, ranks);
        if (c < plan.cost && residueApplies(items, wins, target, after, q, W)) plan = { cost: c, run: () => take(residueSearch(items, wins, target, q, W), null) };
        for (const worseFirst of [true, false]) {
          const split = residueSplit(q, wins, worseFirst);
          if (!split) continue;
          const cs = c + split.regions.reduce((sum, r) => sum + orderedWork(items, r, target, after, g), 0);
          if (cs >= plan.cost) continue;
          plan = {
            cost: cs,
            run: () => {
              if (hasValues(split.cut)) take(residueSearch(items, split.cut, target, q, W), null);
              for (const region of split.regions) if (hasValues(region)) take(orderedSearch(items, region, target, after, g), null);
            },
          };
        }
      }
      return plan;
    };

    const tried = new Set<number>();
    let bound: number[] | null = null;
    const pivots = p >= 0 ? [p, ...byMultiple.filter((q) => q !== p)] : byMultiple;
    /**
     * Bounds within `allowance` work: the residue search with the pivot's range
     * ignored (Gomory's group relaxation) is at most the objective of every
     * allocation of dom, and when its answer is feasible it is the optimum.
     * The relaxation's pivot first, each pivot once. True when `best` is proven optimal.
     */
    const certify = (allowance: number): boolean => {
      for (const q of pivots) {
        const c = residueWork(items, q, ranks);
        if (tried.has(q) || !positive || dom[q].a > dom[q].b || c > allowance || c > budget - work) continue;
        tried.add(q);
        work += c;
        allowance -= c;
        const x = residueSearch(items, dom, target, q, W);
        const vector = objectiveVector(items, x, ranks);
        if (!bound || lexCompare(vector, bound) > 0) bound = vector;
        if (feasibleIn(x, dom)) take(x, null);
        if (lexCompare(bestVector, bound) <= 0) return true;
      }
      return false;
    };
    for (let round = 0; round < 8; round++) {
      work += 32 * n * n;
      if (work > budget) break;
      // Every allocation at least as good as `best` lies in these windows.
      const wins = rcWindows(bestVector);
      if (explored.some((e) => inside(wins, e)) || (bound && lexCompare(bestVector, bound) <= 0)) return { x: best, optimal: true };
      const plan = cheapestPlan(wins);
      // Before a costly plan, the cheap bounds, within a quarter of its cost (a better allocation: plan again).
      if (plan.cost > 16_384) {
        const before = bestVector;
        if (certify(plan.cost / 4)) return { x: best, optimal: true };
        if (bestVector !== before) continue;
      }
      if (plan.cost <= budget - work) {
        work += plan.cost;
        plan.run();
        return { x: best, optimal: true };
      }
      // Too wide for the work left: spend a third of it on a better allocation (narrower windows next round) or a
      // bound, then plan again.
      let allowance = (budget - work) / 3;
      let progressed = false;
      const scale = largestScale((f) => orderedWork(items, rcWindows(bestVector, f), target, after, g) <= allowance / 2);
      if (scale >= 0) {
        const narrow = rcWindows(bestVector, scale);
        if (!explored.some((e) => inside(narrow, e))) {
          const c = orderedWork(items, narrow, target, after, g);
          work += c;
          allowance -= c;
          take(orderedSearch(items, narrow, target, after, g), narrow);
          progressed = true;
        }
      }
      for (let q = 0; q < n; q++) {
        const c = residueWork(items, q, ranks);
        if (c > allowance / 2) continue;
        const f = largestScale((k) => residueApplies(items, rcWindows(bestVector, k, q), target, after, q, W));
        if (f < 0) continue;
        const narrow = rcWindows(bestVector, f, q);
        if (explored.some((e) => inside(narrow, e))) continue;
        work += c;
        allowance -= c;
        take(residueSearch(items, narrow, target, q, W), narrow);
        progressed = true;
      }
      const spent = work;
      if (certify(allowance)) return { x: best, optimal: true };
      if (work > spent) progressed = true;
      if (!progressed) break;
    }
    return { x: best, optimal: false };
  };

  const result = solveIn(items.map(full), 0);
  return { x: result.x ?? new Array<number>(n).fill(0), optimal: result.optimal, work };
}

/** The items with their tie ranks renumbered 0.. within the part (same order), so objective vectors stay short. */
function localRanks(items: Item[]): Item[] {
  const sorted = items.map((it) => it.rank).sort((a, b) => a - b);
  return items.map((it) => ({
    cand: it.cand,
    m: it.m,
    lo: it.lo,
    hi: it.hi,
    lat: it.lat,
    cost: it.cost,
    prio: it.prio,
    rank: sorted.indexOf(it.rank),
    date: it.date,
    cap: it.cap,
  }));
}

/** The optimal allocation, as quantities per candidate (input order), with whether optimality is proven and the work spent. */
export function optimizeBounded(input: SelectorInput, budget = WORK_BUDGET): { x: number[]; optimal: boolean; work: number } {
  const q = shortfallOf(input);
  const ranks = input.candidates.length;
  const order = tieOrder(input);
  const rank = new Array<number>(ranks);
  order.forEach((c, r) => (rank[c] = r));
  const result = new Array<number>(ranks).fill(0);
  if (q === 0) return { x: result, optimal: true, work: 0 };

  const item = (c: SelectorCandidate, i: number, need: number, date: CalendarDate | '', cap: number): Item => {
    const lo = smallestOrder(c);
    return {
      cand: i,
      m: c.orderMultiple,
      lo,
      hi: Math.min(largestOrder(c), Math.max(lo, Math.ceil(need / c.orderMultiple) * c.orderMultiple)),
      lat: date === '' ? 0 : daysBetween(input.neededBy, c.expectedDate),
      cost: Number(toScaled(c.unitCost)),
      prio: c.priority,
      rank: rank[i],
      date,
      cap,
    };
  };
  const usable = input.candidates.map((c, i) => ({ c, i })).filter(({ c }) => c.usable && largestOrder(c) >= smallestOrder(c));
  const byUnit = (a: Item, b: Item) => a.cost - b.cost || a.prio - b.prio || b.rank - a.rank;

  // On time: cover min(q, everything they can ship).
  const onTime = usable.filter(({ c }) => c.expectedDate <= input.neededBy).map(({ c, i }) => item(c, i, q, '', q)).sort(byUnit);
  const onTarget = Math.min(q, onTime.reduce((sum, it) => sum + it.hi, 0));
  const t = solvePart(localRanks(onTime), onTarget, onTime.map((_it, i) => (i === onTime.length - 1 ? onTarget : 0)), onTime.length, budget);
  onTime.forEach((it, i) => (result[it.cand] += t.x[i]));

  // Late: the rest, each date serving only units that would arrive even later (its cap).
  const rest = q - onTarget;
  const late = usable
    .filter(({ c }) => c.expectedDate > input.neededBy)
    .map(({ c, i }) => {
      const cap = Math.min(rest, replaceableAfter(input, c.expectedDate));
      return item(c, i, cap, c.expectedDate, cap);
    })
    .filter((it) => it.cap > 0)
    .sort((a, b) => a.date.localeCompare(b.date) || byUnit(a, b));
  // The best useful coverage: everything at hi, matched latest date first.
  let lateTarget = 0;
  for (let i = late.length - 1; i >= 0; i--) lateTarget = Math.min(lateTarget + late[i].hi, late[i].cap);
  const after = late.map((it, i) => (i === late.length - 1 ? lateTarget : late[i + 1].date !== it.date ? Math.max(0, lateTarget - late[i + 1].cap) : 0));
  const l = solvePart(localRanks(late), lateTarget, after, late.length, budget - t.work);
  late.forEach((it, i) => (result[it.cand] += l.x[i]));
  return { x: result, optimal: t.optimal && l.optimal, work: t.work + l.work };
}

/** The optimal allocation, as quantities per candidate (input order). */
export function optimize(input: SelectorInput): number[] {
  return optimizeBounded(input).x;
}

/**
 * The same optimum by the plain DP over every covered quantity (windowSearch
 * on whole domains, no relaxation, windows or residues): work grows with the
 * quantity, so it is for tests and the benchmark, to check the bounded search
 * on instances too large for the pre-issue-11 programme.
 */
export function optimizePlain(input: SelectorInput): { x: number[]; work: number } {
  const { x, work } = optimizeBounded(input, Infinity);
  return { x, work };
}

/** The decision with every candidate's verdict and a reason a buyer understands. */
export function select(input: SelectorInput, budget = WORK_BUDGET): Decision {
  const q = shortfallOf(input);
  const { x, optimal } = optimizeBounded(input, budget);
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
    // Goods already in transit cannot be taken off the line: they arrive anyway (late, in the backups' shadow).
    reduceSourceBy: input.line.rejected ? 0 : Math.min(q, objective.useful, unshippedQuantity(lineOf(input))),
    lateness: objective.lateness,
    totalCost: fromScaled(totalCost),
    addedCost: fromScaled(addedCost),
    moves: chosen.map((m) => ({ supplierId: m.c.supplierId, quantity: m.v, expectedDate: m.c.expectedDate, unitCost: fromScaled(toScaled(m.c.unitCost)) })),
    candidates,
    optimal,
  };
}
