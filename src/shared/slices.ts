import { performance } from 'node:perf_hooks';

/** Gives the event loop back for one turn (setImmediate: pending I/O and timers run first). */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

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
    await nextTurn();
    this.started = performance.now();
  }
}

/**
 * A long list answered as promises that settle `per` elements per turn of
 * the event loop (setImmediate between turns): graphql-js completes a list
 * element when its promise settles, so a bulk answer of 10,000 objects is
 * completed (fields resolved, scalars serialized) in slices instead of one
 * synchronous pass of 0.1 to 1 s.
 */
export function settleInSlices<T>(list: readonly T[], per = 200): Promise<T>[] {
  const out: Promise<T>[] = new Array(list.length);
  let turn: Promise<void> = Promise.resolve();
  for (let start = 0; start < list.length; start += per) {
    if (start > 0) turn = turn.then(nextTurn);
    const settled = turn;
    for (let i = start; i < Math.min(start + per, list.length); i++) out[i] = settled.then(() => list[i]);
  }
  return out;
}
