/**
 * The baseline forecast (DESIGN.md, "Demand: sales history, a baseline
 * forecast, forecast accuracy"): pure functions of a weekly sales series
 * y1..yn (oldest first), deterministic so anyone can recompute them.
 *
 * - SES: l1 = y1, l_t = a*y_t + (1-a)*l_{t-1}; forecast l_n every week; a on
 *   the grid 0.05, 0.10, ..., 0.95 minimising sum (y_t - l_{t-1})^2, t = 2..n;
 *   ties to the smaller a (SSEs within one part in 10^9 are ties: see improves).
 * - HOLT: l1 = y1, b1 = y2 - y1; l_t = a*y_t + (1-a)(l_{t-1} + b_{t-1}),
 *   b_t = g(l_t - l_{t-1}) + (1-g) b_{t-1}; week h: max(0, l_n + h*b_n); a, g
 *   on the same grid minimising sum (y_t - l_{t-1} - b_{t-1})^2, t = 3..n,
 *   ties to the smaller a then g. Needs n >= 4.
 * - CROSTON (SBA): the non-zero weeks' sizes z and intervals p (weeks since
 *   the previous non-zero; the first counts from week 1, so a first non-zero
 *   in week t has p = t), each smoothed with a = 0.1 from its first value;
 *   forecast (1 - a/2) * Z/P every week.
 * - SEASONAL_NAIVE: week h repeats the week 52 weeks earlier. Needs n >= 52
 *   (and n >= 56 for its holdout score: 52 weeks before the 4 held out).
 * - AUTO: with n >= 8, every applicable method is fitted on y1..y(n-4) and
 *   scored by WAPE on the last 4 weeks (rounded forecasts); the best is
 *   refitted on all weeks; ties in the order SES, HOLT, CROSTON,
 *   SEASONAL_NAIVE. With fewer than 8 weeks: SES.
 * Weekly quantities are rounded half up to whole units.
 */

export enum BaselineMethod {
  SES = 'SES',
  HOLT = 'HOLT',
  CROSTON = 'CROSTON',
  SEASONAL_NAIVE = 'SEASONAL_NAIVE',
}

/** The order AUTO breaks ties in. */
export const METHOD_ORDER: readonly BaselineMethod[] = [BaselineMethod.SES, BaselineMethod.HOLT, BaselineMethod.CROSTON, BaselineMethod.SEASONAL_NAIVE];

/** The smoothing grid 0.05, 0.10, ..., 0.95, each k/20 (exactly the double nearest to the decimal). */
export const GRID: readonly number[] = Array.from({ length: 19 }, (_, k) => (k + 1) / 20);
export const CROSTON_ALPHA = 0.1;
/** Weeks AUTO holds out to score the methods. */
export const HOLDOUT_WEEKS = 4;
/** Fewer weeks than this: AUTO takes SES without scoring (the holdout would leave too little to fit). */
export const AUTO_MIN_WEEKS = 8;
/** Share of zero weeks from which a series counts as intermittent (CROSTON's domain under AUTO). */
export const INTERMITTENT_ZERO_SHARE = 0.3;
export const SEASON_WEEKS = 52;

/**
 * The fewest weeks with which a method's holdout WAPE can be scored: 8
 * (AUTO_MIN_WEEKS), and for SEASONAL_NAIVE 56 (it is fitted on the weeks
 * before the 4 held out, and needs 52 of them). Even then it is null when
 * the 4 weeks sold nothing, and CROSTON's when the weeks before sold nothing.
 */
export const minScoredWeeks = (method: BaselineMethod): number =>
  method === BaselineMethod.SEASONAL_NAIVE ? SEASON_WEEKS + HOLDOUT_WEEKS : AUTO_MIN_WEEKS;

/**
 * Whether an SSE beats the best so far. Sums equal in exact arithmetic can
 * differ in the last bits of a double (0.05*7 + 0.95*7 is not exactly 7), so
 * a tie is "within one part in 10^9": the earlier (smaller) parameter keeps it.
 */
const improves = (sse: number, best: number): boolean => sse < best - 1e-9 * Math.max(1, best);

/**
 * Half up to a whole unit (quantities are never negative here). A value one
 * rounding error below a half (2.4999999999999996 for 2.5) still goes up.
 */
export const roundHalfUp = (x: number): number => Math.floor(x + 0.5 + 1e-9);

export interface SesFit {
  alpha: number;
  /** sum of squared one-step errors, t = 2..n */
  sse: number;
  level: number;
}

/** SES with a fixed a: the final level and the sum of squared one-step errors. */
export function sesWith(y: ArrayLike<number>, alpha: number): SesFit {
  let level = y[0];
  let sse = 0;
  for (let t = 1; t < y.length; t++) {
    const e = y[t] - level;
    sse += e * e;
    level = alpha * y[t] + (1 - alpha) * level;
  }
  return { alpha, sse, level };
}

/** SES with a chosen on the grid (smallest SSE, ties to the smaller a). */
export function fitSes(y: ArrayLike<number>): SesFit {
  let best = sesWith(y, GRID[0]);
  for (let k = 1; k < GRID.length; k++) {
    const fit = sesWith(y, GRID[k]);
    if (improves(fit.sse, best.sse)) best = fit;
  }
  return best;
}

export interface HoltFit {
  alpha: number;
  beta: number;
  /** sum of squared one-step errors, t = 3..n */
  sse: number;
  level: number;
  trend: number;
}

/** Holt with fixed a, g. */
export function holtWith(y: ArrayLike<number>, alpha: number, beta: number): HoltFit {
  let level = y[0];
  let trend = y[1] - y[0];
  let sse = 0;
  const n = y.length;
  for (let t = 1; t < n; t++) {
    const predicted = level + trend;
    if (t >= 2) {
      const e = y[t] - predicted;
      sse += e * e;
    }
    const next = alpha * y[t] + (1 - alpha) * predicted;
    trend = beta * (next - level) + (1 - beta) * trend;
    level = next;
  }
  return { alpha, beta, sse, level, trend };
}

/**
 * Holt with a and g chosen on the grid (smallest SSE; ties to the smaller a,
 * then the smaller g). This is the hot path of generateForecast (361 fits
 * per series): each pass over the weeks fits four values of g at once (four
 * independent recursions keep the processor busy where one waits on its own
 * previous step), with exactly holtWith's arithmetic for each, and the
 * candidates are compared in (a, g) order, so the choice is holtWith's.
 */
export function fitHolt(y: ArrayLike<number>): HoltFit {
  const n = y.length;
  const ys = Float64Array.from(y as ArrayLike<number>);
  const y0 = ys[0];
  const b0 = ys[1] - ys[0];
  const last = GRID.length - 1;
  let bestSse = Infinity;
  let bestA = 0;
  let bestG = 0;
  const sses = [0, 0, 0, 0];
  for (let i = 0; i < GRID.length; i++) {
    const a = GRID[i];
    const a1 = 1 - a;
    for (let j = 0; j <= last; j += 4) {
      const g0 = GRID[j], g1 = GRID[Math.min(j + 1, last)], g2 = GRID[Math.min(j + 2, last)], g3 = GRID[Math.min(j + 3, last)];
      const h0 = 1 - g0, h1 = 1 - g1, h2 = 1 - g2, h3 = 1 - g3;
      let l0 = y0, l1 = y0, l2 = y0, l3 = y0;
      let b0_ = b0, b1_ = b0, b2_ = b0, b3_ = b0;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let t = 1; t < n; t++) {
        const yt = ys[t];
        const p0 = l0 + b0_, p1 = l1 + b1_, p2 = l2 + b2_, p3 = l3 + b3_;
        if (t >= 2) {
          const e0 = yt - p0, e1 = yt - p1, e2 = yt - p2, e3 = yt - p3;
          s0 += e0 * e0; s1 += e1 * e1; s2 += e2 * e2; s3 += e3 * e3;
        }
        const n0 = a * yt + a1 * p0, n1 = a * yt + a1 * p1, n2 = a * yt + a1 * p2, n3 = a * yt + a1 * p3;
        b0_ = g0 * (n0 - l0) + h0 * b0_; b1_ = g1 * (n1 - l1) + h1 * b1_; b2_ = g2 * (n2 - l2) + h2 * b2_; b3_ = g3 * (n3 - l3) + h3 * b3_;
        l0 = n0; l1 = n1; l2 = n2; l3 = n3;
      }
      sses[0] = s0; sses[1] = s1; sses[2] = s2; sses[3] = s3;
      for (let k = 0; k < 4 && j + k <= last; k++) {
        if (bestSse === Infinity || improves(sses[k], bestSse)) {
          bestSse = sses[k];
          bestA = a;
          bestG = GRID[j + k];
        }
      }
    }
  }
  return holtWith(ys, bestA, bestG);
}

export interface CrostonFit {
  size: number;
  interval: number;
  /** the weekly rate before rounding: (1 - a/2) * size / interval */
  rate: number;
}

/** Croston with the SBA correction; null when no week sold anything. */
export function fitCroston(y: ArrayLike<number>, alpha = CROSTON_ALPHA): CrostonFit | null {
  let size = 0;
  let interval = 0;
  let last = 0; // week number (1-based) of the previous non-zero week; 0 before the first
  let seen = false;
  for (let t = 0; t < y.length; t++) {
    if (y[t] === 0) continue;
    const z = y[t];
    const p = t + 1 - last;
    if (!seen) {
      size = z;
      interval = p;
      seen = true;
    } else {
      size = alpha * z + (1 - alpha) * size;
      interval = alpha * p + (1 - alpha) * interval;
    }
    last = t + 1;
  }
  if (!seen) return null;
  return { size, interval, rate: (1 - alpha / 2) * (size / interval) };
}

const zeroShare = (y: ArrayLike<number>): number => {
  let zeros = 0;
  for (let t = 0; t < y.length; t++) if (y[t] === 0) zeros++;
  return zeros / y.length;
};

/** Whether `method` can be fitted on y (AUTO also needs CROSTON's series to be intermittent: see isCandidate). */
export function applies(method: BaselineMethod, y: ArrayLike<number>): boolean {
  const n = y.length;
  switch (method) {
    case BaselineMethod.SES:
      return n >= 2;
    case BaselineMethod.HOLT:
      return n >= 4;
    case BaselineMethod.CROSTON:
      return n >= 2 && zeroShare(y) < 1;
    case BaselineMethod.SEASONAL_NAIVE:
      return n >= SEASON_WEEKS;
  }
}

/** Whether AUTO considers `method` on y: applicable, and for CROSTON an intermittent series (>= 30% zero weeks). */
export function isCandidate(method: BaselineMethod, y: ArrayLike<number>): boolean {
  if (!applies(method, y)) return false;
  return method !== BaselineMethod.CROSTON || zeroShare(y) >= INTERMITTENT_ZERO_SHARE;
}

/** The unrounded forecast of `weeks` weeks after y by `method` (which must apply). */
export function forecastRaw(method: BaselineMethod, y: ArrayLike<number>, weeks: number): number[] {
  const n = y.length;
  switch (method) {
    case BaselineMethod.SES: {
      const { level } = fitSes(y);
      return Array.from({ length: weeks }, () => level);
    }
    case BaselineMethod.HOLT: {
      const { level, trend } = fitHolt(y);
      return Array.from({ length: weeks }, (_, k) => Math.max(0, level + (k + 1) * trend));
    }
    case BaselineMethod.CROSTON: {
      const fit = fitCroston(y);
      return Array.from({ length: weeks }, () => fit?.rate ?? 0);
    }
    case BaselineMethod.SEASONAL_NAIVE:
      // Week n+h repeats week n+h-52 (and n+h-104 past a year ahead, ...).
      return Array.from({ length: weeks }, (_, k) => y[n - SEASON_WEEKS + (k % SEASON_WEEKS)]);
  }
}

/** The forecast in whole units (half up). */
export const forecastWeeks = (method: BaselineMethod, y: ArrayLike<number>, weeks: number): number[] => forecastRaw(method, y, weeks).map(roundHalfUp);

/**
 * WAPE as an exact fraction: sum |F - A| over sum A. Methods scored on the
 * same holdout share the denominator, so AUTO compares the integer
 * numerators and ties are exact.
 */
export function absoluteErrors(forecast: readonly number[], actual: ArrayLike<number>): { absError: number; actual: number } {
  let absError = 0;
  let total = 0;
  for (let i = 0; i < forecast.length; i++) {
    absError += Math.abs(forecast[i] - actual[i]);
    total += actual[i];
  }
  return { absError, actual: total };
}

export const wapeOf = (e: { absError: number; actual: number }): number | null => (e.actual === 0 ? null : e.absError / e.actual);

export interface Baseline {
  /** The method that made `forecast` (AUTO resolved to one of the four). */
  method: BaselineMethod;
  /** Whole units per week, horizonWeeks of them. */
  forecast: number[];
  /**
   * WAPE of `method` on the last 4 weeks when fitted on the weeks before
   * them; null with fewer than minScoredWeeks(method) weeks (8; 56 for
   * SEASONAL_NAIVE), when the method does not apply to the shortened series
   * (CROSTON: it sold nothing), or when the 4 weeks sold nothing.
   */
  holdoutWape: number | null;
}

/** Holdout errors of one method: fitted on all but the last 4 weeks, scored on them; null when it does not apply there. */
function holdout(method: BaselineMethod, y: ArrayLike<number>, candidate: boolean): { absError: number; actual: number } | null {
  const n = y.length;
  const train = Array.prototype.slice.call(y, 0, n - HOLDOUT_WEEKS) as number[];
  if (!(candidate ? isCandidate(method, train) : applies(method, train))) return null;
  return absoluteErrors(forecastWeeks(method, train, HOLDOUT_WEEKS), Array.prototype.slice.call(y, n - HOLDOUT_WEEKS) as number[]);
}

/**
 * The baseline of one weekly series (n >= 2): `method` null means AUTO. An
 * explicit method that does not apply to the series (HOLT under 4 weeks,
 * SEASONAL_NAIVE under 52, CROSTON on a series that never sold) falls back
 * to SES, and the result names the method it used.
 */
export function baseline(y: ArrayLike<number>, horizonWeeks: number, method: BaselineMethod | null): Baseline {
  if (y.length < 2) throw new RangeError('a baseline needs at least 2 weeks');
  const scored = y.length >= AUTO_MIN_WEEKS;
  if (method !== null) {
    const used = applies(method, y) ? method : BaselineMethod.SES;
    const errors = y.length >= minScoredWeeks(used) ? holdout(used, y, false) : null;
    return { method: used, forecast: forecastWeeks(used, y, horizonWeeks), holdoutWape: errors ? wapeOf(errors) : null };
  }
  if (!scored) return { method: BaselineMethod.SES, forecast: forecastWeeks(BaselineMethod.SES, y, horizonWeeks), holdoutWape: null };
  let best: { method: BaselineMethod; errors: { absError: number; actual: number } } | null = null;
  for (const candidate of METHOD_ORDER) {
    const errors = holdout(candidate, y, true);
    if (errors && (best === null || errors.absError < best.errors.absError)) best = { method: candidate, errors };
  }
  // SES applies to every series of 4 or more weeks, so there is always a best.
  const chosen = best!;
  return { method: chosen.method, forecast: forecastWeeks(chosen.method, y, horizonWeeks), holdoutWape: wapeOf(chosen.errors) };
}

/** The most history weeks a baseline reads (three years). */
export const MAX_HISTORY_WEEKS = 156;

/** The 7-day block a day falls in, counted back from today: 1 for the 7 days before today, 2 for the 7 before those... */
export const blockOf = (daysBeforeToday: number): number => Math.ceil(daysBeforeToday / 7);

/**
 * The weekly series of one item x location from its weekly sums: blocks[i]
 * (1 = the 7 days before today) sold quantities[i]. Oldest first, from the
 * oldest block with a sales row (blocks after it with none count 0), at
 * most `maxWeeks` blocks back.
 */
export function seriesOfBlocks(blocks: readonly number[], quantities: readonly number[], maxWeeks = MAX_HISTORY_WEEKS): number[] {
  let oldest = 0;
  for (const block of blocks) if (block >= 1 && block <= maxWeeks && block > oldest) oldest = block;
  const y = new Array<number>(oldest).fill(0);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (block >= 1 && block <= oldest) y[oldest - block] += quantities[i];
  }
  return y;
}

/**
 * The weekly series from daily sales: `sales` holds [daysBeforeToday,
 * quantity] pairs (1 = yesterday); rows of today or later are not history.
 */
export function weeklySeries(sales: Iterable<readonly [number, number]>, maxWeeks = MAX_HISTORY_WEEKS): number[] {
  const blocks: number[] = [];
  const quantities: number[] = [];
  for (const [daysBack, quantity] of sales) {
    if (daysBack < 1) continue;
    blocks.push(blockOf(daysBack));
    quantities.push(quantity);
  }
  return seriesOfBlocks(blocks, quantities, maxWeeks);
}
