import { gql, pool } from './bench-server';

/**
 * Sends GraphQL requests from a process of its own, so the load generator
 * (fetch, JSON) does not share an event loop with the server under test.
 * Receives one RunRequest over IPC, answers with each request's time in ms
 * (in the order given) and the first error, if any.
 */
export interface RunRequest {
  url: string;
  token: string;
  query: string;
  /** One request per element. */
  variables: unknown[];
  inFlight: number;
}
export interface RunResult {
  times: number[];
  ms: number;
  /** The runner's own CPU time over the run (user + system), in ms. */
  cpuMs: number;
  error?: string;
}

process.on('message', async (req: RunRequest) => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let error: string | undefined;
  const times = await pool(req.variables.length, req.inFlight, (i) =>
    gql(req.url, req.query, req.variables[i], req.token).catch((err: unknown) => {
      error ??= err instanceof Error ? err.message : String(err);
    }),
  );
  const used = process.cpuUsage(cpu);
  const result: RunResult = { times, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, ...(error ? { error } : {}) };
  process.send!(result);
});
