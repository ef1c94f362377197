import { percentileNearestRank } from '../../shared/percentile';

/** Summary statistics of lead times, in whole days. p90 is the nearest-rank 90th percentile. */
export interface Summary {
  count: number;
  mean: number | null;
  p90: number | null;
}

export function summarize(values: number[]): Summary {
  if (values.length === 0) return { count: 0, mean: null, p90: null };
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return { count: values.length, mean: Math.round(mean * 100) / 100, p90: percentileNearestRank(values, 90) };
}

/** Share of received lines that arrived in full no later than requested; null without receipts. */
export function onTimeInFullRate(lines: { inFull: boolean; onTime: boolean }[]): number | null {
  if (lines.length === 0) return null;
  return Math.round((lines.filter((l) => l.inFull && l.onTime).length / lines.length) * 10_000) / 10_000;
}
