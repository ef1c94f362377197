import { print } from 'graphql';
import { ConfirmPurchaseOrderLineDocument } from '../../src/sdk/generated/graphql';
import { createOrder, inDays, tradingPair } from '../support/factories';
import { MAIN, spawnNode, type Spawned } from '../support/process';
import { startTestServer, type TestServer } from '../support/server';
import { freePort } from '../support/test-database';
import { subscribeAlerts, type AlertSubscription } from '../support/ws-client';

/**
 * Real server processes (dist/src/main.js, as `npm start` runs it) on one
 * database: delivery across processes, and durability across SIGKILL.
 */
jest.setTimeout(120_000);

let setup: TestServer;
const processes: Spawned[] = [];
const subscriptions: AlertSubscription[] = [];
beforeAll(async () => {
  setup = await startTestServer();
});
afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.stop()));
  await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  await setup.close();
});

async function startProcess(): Promise<{ url: string; wsUrl: string; process: Spawned }> {
  const port = await freePort();
  const child = spawnNode([MAIN], { PORT: String(port), DATABASE_URL: setup.databaseUrl, DEMO_DATA: 'false', LOG_LEVEL: 'info', ALERT_POLL_INTERVAL_MS: '60000' });
  processes.push(child);
  await child.waitFor(/ShortStop is serving/, 60_000);
  return { url: `http://127.0.0.1:${port}/graphql`, wsUrl: `ws://127.0.0.1:${port}/graphql`, process: child };
}

const confirm = (url: string, token: string, lineId: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(ConfirmPurchaseOrderLineDocument), variables: { input: { lineId, schedule: [{ quantity: 10, deliveryDate: inDays(4) }] } } }),
  }).then(async (res) => ((await res.json()) as { errors?: unknown[] }).errors === undefined);

it('delivers a mutation made on process A to a subscriber on process B', async () => {
  const [procA, procB] = await Promise.all([startProcess(), startProcess()]);
  const pair = await tradingPair(setup);
  const order = await createOrder(setup, pair, [{ quantity: 10 }]);
  const sub = subscribeAlerts(procB.wsUrl, pair.retailer.token, { types: ['PURCHASE_ORDER_CONFIRMED'] });
  subscriptions.push(sub);
  await new Promise((r) => setTimeout(r, 300));
  expect(await confirm(procA.url, pair.supplier.token, order.lines[0].id)).toBe(true);
  const [alert] = await sub.waitFor(1);
  expect(alert).toMatchObject({ type: 'PURCHASE_ORDER_CONFIRMED', purchaseOrderLine: { id: order.lines[0].id } });
  await Promise.all([procA.process.stop(), procB.process.stop()]);
});

it('after SIGKILL mid-stream, a resumed subscriber gets every alert whose cause committed and none whose cause did not', async () => {
  const pair = await tradingPair(setup);
  const order = await createOrder(setup, pair, Array.from({ length: 60 }, () => ({ quantity: 10 })));
  const victim = await startProcess();

  let succeeded = 0;
  const confirmedByResponse = new Set<string>();
  const requests = order.lines.map((line) =>
    confirm(victim.url, pair.supplier.token, line.id)
      .then((ok) => {
        if (ok) confirmedByResponse.add(line.id);
        succeeded++;
      })
      .catch(() => undefined), // in flight when the process died
  );
  while (succeeded < 15) await new Promise((r) => setTimeout(r, 5));
  victim.process.child.kill('SIGKILL');
  await Promise.all(requests);
  await victim.process.exited;

  const restarted = await startProcess();
  const sub = subscribeAlerts(restarted.wsUrl, pair.retailer.token, { types: ['PURCHASE_ORDER_CONFIRMED'] });
  subscriptions.push(sub);
  const committed = await setup.query<{ id: string }>(`SELECT id FROM purchase_order_line WHERE purchase_order_id = $1 AND status = 'CONFIRMED'`, [order.id]);
  expect(committed.length).toBeGreaterThanOrEqual(15);
  expect(committed.length).toBeLessThan(60); // the kill really interrupted the run
  const received = await sub.waitFor(committed.length);
  await new Promise((r) => setTimeout(r, 500));

  const alerted = new Set(sub.received.map((x) => x.purchaseOrderLine!.id));
  expect(sub.received).toHaveLength(committed.length); // none twice, none for an uncommitted cause
  expect([...alerted].sort()).toEqual(committed.map((c) => c.id).sort());
  for (const id of confirmedByResponse) expect(alerted.has(id)).toBe(true);
  const cursors = received.map((x) => Number(x.cursor));
  expect(cursors).toEqual([...cursors].sort((x, y) => x - y));
  // And the stream as a whole has no hole: every cursor from 1 to the last exists.
  const [{ n, max }] = await setup.query<{ n: string; max: string }>('SELECT count(*) AS n, max(cursor) AS max FROM alert WHERE organization_id = $1', [pair.retailer.orgId]);
  expect(Number(n)).toBe(Number(max));
});
