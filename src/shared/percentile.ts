/**
 * The nearest-rank p-th percentile of `values` (0 < p <= 100): the smallest
 * value with at least p% of the values at or below it, as PostgreSQL's
 * percentile_disc(p / 100) answers; null for no values. A lead time's p90
 * (the selector's observed lead time, and leadTimeStats) is this with p = 90.
 */
export function percentileNearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
