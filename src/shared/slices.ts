import { performance } from 'node:perf_hooks';

/**
 * Long computations on the event loop, cut into slices (DESIGN.md, Bounds:
 * no request holds the event loop more than 50 ms). `pause()` gives the loop
 * back (setImmediate: pending I/O and timers run first) once `sliceMs` of
 * work has run since the last pause, and costs a clock read otherwise: call
 * it between two bounded steps.
 */
export class Slicer {
  private started = performance.now();

  constructor(private readonly sliceMs = 10) {}

  async pause(): Promise<void> {
    if (performance.now() - this.started < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}
