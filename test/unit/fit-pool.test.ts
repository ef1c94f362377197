import path from 'node:path';
import { baseline, BaselineMethod } from '../../src/modules/demand/baseline';
import type { FitPool as FitPoolType } from '../../src/modules/demand/fit-pool';

/**
 * generateForecast fits on worker threads (FitPool) only from compiled
 * JavaScript: under jest the service runs from TypeScript and fits on its own
 * thread. This test runs the compiled pool (`npm test` compiles to dist/
 * before jest) and holds its fits to the pure core's, series by series.
 */
const compiled = path.join(__dirname, '../../dist/src/modules/demand/fit-pool.js');

it('fits on worker threads exactly what the pure core fits, in order', async () => {
  const { FitPool } = require(compiled) as { FitPool: typeof FitPoolType };
  const pool = FitPool.open();
  expect(pool).not.toBeNull();
  try {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    // Trending, flat, intermittent (many zero weeks) and long enough for SEASONAL_NAIVE's holdout.
    const series = Array.from({ length: 41 }, (_, s) =>
      Array.from({ length: 10 + (s % 4) * 20 }, (_, w) => (s % 3 === 2 && random() < 0.6 ? 0 : Math.round(20 + w * (s % 5) + random() * 15))),
    );
    for (const method of [null, BaselineMethod.SES, BaselineMethod.HOLT, BaselineMethod.CROSTON, BaselineMethod.SEASONAL_NAIVE]) {
      const fits = await pool!.fit(series, 8, method);
      expect(fits).toEqual(series.map((y) => {
        const { method: used, forecast } = baseline(y, 8, method);
        return { method: used, forecast };
      }));
    }
  } finally {
    await pool!.close();
  }
});
