import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BaselineMethod } from './baseline';
import type { FitJob, FitResult } from './baseline.worker';

/** The most worker threads one generateForecast fits on. */
const MAX_WORKERS = 2;

/**
 * Worker threads that fit baselines (./baseline.worker.ts runs the pure
 * ./baseline.ts), so a generateForecast of 10,000 series fits on the
 * machine's other core(s) while the event loop serves requests and sends
 * the parts already fitted to PostgreSQL. Opened per generateForecast and
 * closed after it (a worker starts in a few milliseconds).
 *
 * Only from compiled JavaScript: under ts-jest the worker's file is
 * TypeScript, open() then returns null and the caller fits on its own
 * thread, in slices, with the same function.
 */
export class FitPool {
  private readonly pending = new Map<number, { resolve: (fits: FitResult['fits']) => void; reject: (err: Error) => void }>();
  private next = 0;
  private turn = 0;
  private failure: Error | null = null;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (result: FitResult) => {
        const job = this.pending.get(result.id);
        this.pending.delete(result.id);
        job?.resolve(result.fits);
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a baseline worker exited with code ${code}`));
      });
    }
  }

  /** A pool of up to MAX_WORKERS threads (no more than the machine's parallelism), or null where workers cannot run. */
  static open(): FitPool | null {
    const file = path.join(__dirname, 'baseline.worker.js');
    if (!existsSync(file)) return null;
    const count = Math.min(MAX_WORKERS, availableParallelism());
    return new FitPool(Array.from({ length: count }, () => new Worker(file)));
  }

  /** The baselines of `series`, in order, split evenly over the workers (each fits its share in the order sent). */
  fit(series: number[][], horizonWeeks: number, method: BaselineMethod | null): Promise<FitResult['fits']> {
    const share = Math.ceil(series.length / this.workers.length);
    const parts: Promise<FitResult['fits']>[] = [];
    for (let start = 0; start < series.length; start += share) {
      parts.push(this.send({ id: this.next++, series: series.slice(start, start + share), horizonWeeks, method }));
    }
    return Promise.all(parts).then((fits) => fits.flat());
  }

  /** Stops the workers (pending fits are rejected). */
  async close(): Promise<void> {
    this.fail(new Error('the baseline workers were closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(job: FitJob): Promise<FitResult['fits']> {
    if (this.failure) return Promise.reject(this.failure);
    const worker = this.workers[this.turn++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.pending.set(job.id, { resolve, reject });
      worker.postMessage(job);
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const job of this.pending.values()) job.reject(err);
    this.pending.clear();
  }
}
