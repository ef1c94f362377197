/**
 * Node.js options the server is started with (`npm start`, and the side by
 * side bench, which starts it as production does), by the Node version that
 * runs it. Run as a script (`node dist/src/runtime-flags.js`), it prints them
 * on one line, space-separated (an empty line when there are none).
 *
 * `--experimental-async-context-frame`, on Node 22.7 (where it appeared) to
 * 23: AsyncLocalStorage kept in V8's continuation data instead of promise
 * hooks. From Node 24 that is the default and this spelling is gone; Node 20
 * refuses it. MikroORM runs every flush and every transaction inside an
 * AsyncLocalStorage, and the request id of each log line comes from one
 * (src/logger.ts); once one has been entered, the hook implementation runs an
 * init, before and after hook on every promise of every request for the life
 * of the process. Measured with an interleaved A/B of one build on one
 * database, Node 22.23.5 (README, Side by side, session 20): the server's CPU
 * per request 7% to 13% lower on the four queries of issue 13, 5% to 13% more
 * requests per second.
 */
export const ASYNC_CONTEXT_FRAME = '--experimental-async-context-frame';

/** The options for Node `version` (`process.versions.node` form, e.g. "22.23.5"). */
export function runtimeFlags(version: string = process.versions.node): string[] {
  const [major, minor] = version.split('.').map(Number);
  const framesByFlag = (major === 22 && minor >= 7) || major === 23;
  return framesByFlag ? [ASYNC_CONTEXT_FRAME] : [];
}

/**
 * The options runtimeFlags names for Node `version` that are not in effect
 * in a process started with `execArgv` and NODE_OPTIONS `nodeOptions`: the
 * last of `--x` and `--no-x` wins, the command line after NODE_OPTIONS (as
 * Node reads them), quotes around a NODE_OPTIONS word taken off.
 */
export function missingRuntimeFlags(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
  version: string = process.versions.node,
): string[] {
  const words = [...nodeOptions.split(/\s+/).map((word) => word.replace(/^(["'])(.*)\1$/, '$2')), ...execArgv];
  return runtimeFlags(version).filter((flag) => {
    const negated = flag.replace(/^--/, '--no-');
    let on = false;
    for (const word of words) {
      if (word === flag) on = true;
      else if (word === negated) on = false;
    }
    return !on;
  });
}

if (require.main === module) process.stdout.write(`${runtimeFlags().join(' ')}\n`);
