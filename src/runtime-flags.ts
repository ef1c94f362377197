/**
 * Node.js options the server is started with (`npm start`, and the side by
 * side bench, which starts it as production does), by the Node version that
 * runs it. Run as a script (`node dist/src/runtime-flags.js`), it prints them
 * on one line, space-separated (an empty line when there are none).
 *
 * `--experimental-async-context-frame`, on Node 22.7 to 23 (from Node 24 it
 * is the default; Node 20 does not know it): AsyncLocalStorage kept in V8's
 * continuation data instead of promise hooks. MikroORM runs every flush and
 * every transaction inside an AsyncLocalStorage, and the request id of each
 * log line comes from one (src/logger.ts); once one has been entered, the
 * hook implementation runs an init, before and after hook on every promise
 * of every request for the life of the process. Measured side by side, one
 * build and one database on Node 22.23 (session 20, interleaved rounds): the
 * server's CPU per request 7% to 13% lower on the four queries of issue 13,
 * 5% to 13% more requests per second.
 */
export const ASYNC_CONTEXT_FRAME = '--experimental-async-context-frame';

/** The options for Node `version` (`process.versions.node` form, e.g. "22.23.5"). */
export function runtimeFlags(version: string = process.versions.node): string[] {
  const [major, minor] = version.split('.').map(Number);
  const framesByFlag = (major === 22 && minor >= 7) || major === 23;
  return framesByFlag ? [ASYNC_CONTEXT_FRAME] : [];
}

/** The options runtimeFlags names for this Node that this process was not started with (argv or NODE_OPTIONS). */
export function missingRuntimeFlags(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): string[] {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)]);
  return runtimeFlags().filter((flag) => !given.has(flag));
}

if (require.main === module) process.stdout.write(`${runtimeFlags().join(' ')}\n`);
