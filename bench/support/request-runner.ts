import http from 'node:http';
import { pool } from './bench-server';

/**
 * Sends GraphQL requests from a process of its own, so the load generator
 * does not share an event loop with the server under test. Receives one
 * RunRequest over IPC, answers with each request's time in ms (in the order
 * given) and the first error, if any.
 *
 * It shares the machine's cores with the server and PostgreSQL, so it is
 * kept lean, as autocannon is for the side-by-side bench: node:http over
 * `inFlight` kept-alive sockets, every body serialized before the clock
 * starts. (fetch, as it was, cost the two cores about 0.7 to 1.1 ms of CPU
 * per request on the 2-core machine: time the server and PostgreSQL did
 * not get.) Every answer is still read whole and checked: an HTTP status
 * other than 200 or a GraphQL error fails the run.
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

/** One POST of a ready body on the agent's kept-alive sockets; rejects on a status other than 200 or on GraphQL errors. */
function post(agent: http.Agent, url: URL, token: string, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 500)}`));
          try {
            const json = JSON.parse(text) as { errors?: unknown[] };
            if (json.errors) return reject(new Error(JSON.stringify(json.errors)));
            resolve();
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

process.on('message', async (req: RunRequest) => {
  const url = new URL(req.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: req.inFlight });
  const bodies = req.variables.map((variables) => Buffer.from(JSON.stringify({ query: req.query, variables })));
  let error: string | undefined;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const times = await pool(bodies.length, req.inFlight, (i) =>
    post(agent, url, req.token, bodies[i]).catch((err: unknown) => {
      error ??= err instanceof Error ? err.message : String(err);
    }),
  );
  const used = process.cpuUsage(cpu);
  const result: RunResult = { times, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, ...(error ? { error } : {}) };
  agent.destroy();
  process.send!(result);
});
