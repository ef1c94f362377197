import autocannon from 'autocannon';

/**
 * Runs autocannon in its own process for bench/side-by-side, so the load
 * generator does not share an event loop with ShortStop (which runs in the
 * bench's process). Receives autocannon options over IPC, replies with the
 * figures.
 */
export interface LoadRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  duration: number;
}
export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

process.on('message', async (req: LoadRequest) => {
  const r = await autocannon({ url: req.url, method: 'POST', connections: req.connections, duration: req.duration, headers: req.headers, body: req.body });
  const result: LoadResult = { requests: r.requests.total, rps: r.requests.total / (r.duration || req.duration), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts };
  process.send!(result);
});
