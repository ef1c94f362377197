import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { postJson } from '../../src/modules/webhooks/webhook-http';

/**
 * WEBHOOK_TIMEOUT_MS bounds the whole exchange, not only a silence: a
 * receiver that trickles its answer a byte at a time must not hold the
 * attempt (its transaction, the endpoint's row, the instance's webhook worker
 * and, at shutdown, the process) for as long as it keeps trickling.
 */
const sockets = new Set<Socket>();
const servers: (Server | TcpServer)[] = [];
const listen = async (server: Server | TcpServer) => {
  servers.push(server);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
};
const timers: NodeJS.Timeout[] = [];
afterAll(async () => {
  timers.forEach(clearInterval);
  sockets.forEach((s) => s.destroy());
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const timed = async (url: string, timeoutMs: number) => {
  const t0 = Date.now();
  const outcome = await postJson(url, '{}', {}, { timeoutMs, allowPrivate: true });
  return { outcome, ms: Date.now() - t0 };
};

it('gives up on a 2xx whose body never ends, at the timeout', async () => {
  const url = await listen(
    createHttpServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      timers.push(setInterval(() => res.write('.'), 100));
    }),
  );
  const { outcome, ms } = await timed(url, 600);
  expect(outcome).toMatchObject({ ok: false, status: null });
  expect(outcome.error).toMatch(/no response within 600 ms/);
  expect(ms).toBeLessThan(2_000);
});

it('gives up on headers trickled a byte at a time, at the timeout', async () => {
  const url = await listen(
    createTcpServer((socket) => {
      socket.on('data', () => undefined);
      const head = 'HTTP/1.1 200 OK\r\nX-Slow: ' + 'a'.repeat(10_000);
      let i = 0;
      timers.push(setInterval(() => socket.writable && socket.write(head[i++ % head.length]), 100));
    }),
  );
  const { outcome, ms } = await timed(url, 600);
  expect(outcome.ok).toBe(false);
  expect(ms).toBeLessThan(2_000);
});

it('still takes a prompt answer', async () => {
  const url = await listen(
    createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    }),
  );
  const { outcome } = await timed(url, 600);
  expect(outcome).toEqual({ status: 204, ok: true, error: null });
});
