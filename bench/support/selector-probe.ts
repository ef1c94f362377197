import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { select, type SelectorInput } from '../../src/modules/sourcing/selector';

/**
 * Worker thread of the abuse benchmark: the selector alone on one instance,
 * off the server's event loop, so that the benchmark can see whether a
 * hostile line would finish at all before sending it to the server (the
 * parent terminates this thread when its budget is spent).
 */
const start = performance.now();
const decision = select(workerData as SelectorInput);
parentPort!.postMessage({ ms: performance.now() - start, moved: decision.moves.reduce((sum, m) => sum + m.quantity, 0) });
