import { parentPort } from 'node:worker_threads';
import { baseline, type BaselineMethod } from './baseline';

/** A part of a generateForecast's series to fit (see FitPool in ./fit-pool.ts). */
export interface FitJob {
  id: number;
  series: number[][];
  horizonWeeks: number;
  method: BaselineMethod | null;
}

/** The fits of a FitJob's series, in its order. */
export interface FitResult {
  id: number;
  fits: { method: BaselineMethod; forecast: number[] }[];
}

// A worker thread of FitPool: the pure baseline of each series it is sent, nothing else.
parentPort?.on('message', (job: FitJob) => {
  const result: FitResult = {
    id: job.id,
    fits: job.series.map((y) => {
      const { method, forecast } = baseline(y, job.horizonWeeks, job.method);
      return { method, forecast };
    }),
  };
  parentPort!.postMessage(result);
});
