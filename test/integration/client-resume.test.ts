import { existsSync } from 'node:fs';
import WebSocket from 'ws';
import { subscribeAlerts, type StreamedAlert } from '../../packages/client/src';
import { createOrder, tradingPair } from '../support/factories';
import { MAIN, spawnNode, type Spawned } from '../support/process';
import { startTestServer, type TestServer } from '../support/server';
import { freePort } from '../support/test-database';

/**
 * The client package's alert stream (issue 15, point 1) against the real
 * server in its own process, killed (SIGKILL: a crash) and stopped (SIGTERM)
 * and started again on the same port several times while orders are being
 * issued: what the integration's loop sees is exactly the committed alerts,
 * in cursor order, each once, and its saved cursor is the last one.
 */
jest.setTimeout(180_000);

let writer: TestServer;
let api: Spawned | undefined;
beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error('dist/src/main.js is missing: run npm run build (npm test builds first)');
  writer = await startTestServer();
});
afterAll(async () => {
  await api?.stop('SIGKILL');
  await writer.close();
});

it('delivers every committed alert once, in order, across crashes and restarts of the server', async () => {
  const pair = await tradingPair(writer);
  const port = await freePort();
  const start = async () => {
    api = spawnNode([MAIN], { DATABASE_URL: writer.databaseUrl, PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'false', LOG_LEVEL: 'info' });
    await api.waitFor(/ShortStop is serving/, 60_000);
  };
  await start();

  let saved: string | null = null;
  const seen: StreamedAlert[] = [];
  const disconnects: string[] = [];
  const stream = subscribeAlerts({
    url: `ws://127.0.0.1:${port}/graphql`,
    credential: pair.supplier.token,
    loadCursor: () => null,
    saveCursor: (cursor) => void (saved = cursor),
    types: ['PURCHASE_ORDER_ISSUED'],
    webSocketImpl: WebSocket,
    minRetryMs: 100,
    maxRetryMs: 500,
    onStatus: (status) => void (status.state === 'disconnected' && disconnects.push(status.reason)),
  });
  const ORDERS = 24;
  const reading = (async () => {
    for await (const alert of stream) {
      seen.push(alert);
      if (seen.length === ORDERS) break;
    }
  })();

  // Orders are issued through another instance on the same database the whole time; the API the stream reads from
  // goes down three times: killed twice, stopped once.
  const issuing = (async () => {
    for (let i = 0; i < ORDERS; i++) {
      await createOrder(writer, pair, [{ quantity: i + 1 }]);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  })();
  for (const signal of ['SIGKILL', 'SIGTERM', 'SIGKILL'] as const) {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await api!.stop(signal);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await start();
  }
  await issuing;
  await reading;

  const committed = await writer.query<{ cursor: string }>(
    `SELECT cursor::text AS cursor FROM alert WHERE organization_id = $1 AND type = 'PURCHASE_ORDER_ISSUED' ORDER BY alert.cursor`,
    [pair.supplier.orgId],
  );
  expect(committed).toHaveLength(ORDERS);
  expect(seen.map((a) => a.cursor)).toEqual(committed.map((r) => r.cursor));
  expect(new Set(seen.map((a) => a.id)).size).toBe(ORDERS);
  // The last alert's cursor is saved when the loop asks for the next one: the loop broke out first.
  expect(saved).toBe(committed[ORDERS - 2].cursor);
  expect(disconnects.length).toBeGreaterThanOrEqual(3);
});
