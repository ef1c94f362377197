import { onTimeInFullRate, summarize } from '../../src/modules/lead-times/lead-time-stats';
import { percentileNearestRank } from '../../src/shared/percentile';

describe('lead-time statistics', () => {
  it('takes the nearest-rank p90', () => {
    expect(percentileNearestRank([], 90)).toBeNull();
    expect(percentileNearestRank([7], 90)).toBe(7);
    expect(percentileNearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentileNearestRank([10, 1, 5], 90)).toBe(10);
    expect(percentileNearestRank(Array.from({ length: 20 }, (_, i) => i + 1), 90)).toBe(18);
  });

  it('summarizes count, mean and p90', () => {
    expect(summarize([])).toEqual({ count: 0, mean: null, p90: null });
    expect(summarize([5, 7, 12])).toEqual({ count: 3, mean: 8, p90: 12 });
    expect(summarize([1, 2])).toEqual({ count: 2, mean: 1.5, p90: 2 });
  });

  it('rates on time in full among received lines', () => {
    expect(onTimeInFullRate([])).toBeNull();
    expect(onTimeInFullRate([{ inFull: true, onTime: true }, { inFull: false, onTime: true }, { inFull: true, onTime: false }])).toBe(0.3333);
  });
});
