import { createOrder, tradingPair } from '../support/factories';
import { MAIN, spawnNode, type Spawned } from '../support/process';
import { startTestServer, type TestServer } from '../support/server';
import { freePort } from '../support/test-database';

/**
 * The whole request path, not only the pieces the unit tests measure: a real
 * server process (dist/src/main.js) under --trace-gc-nvp answers a page of
 * orders 3,000 times, one request after another, and the young-generation
 * collections (scavenges) must promote next to nothing of the finished
 * requests. Every request's objects used to be promoted (1.3 to 1.8 MB a
 * scavenge: a per-request closure or accessor holding the request, README,
 * Session 26 under Side by side); the next such holder on any path this
 * query takes (HTTP, Apollo's pipeline, the plugins, the executor, a
 * connection page, the SQL path) fails here.
 */
jest.setTimeout(120_000);

let setup: TestServer;
let server: Spawned | undefined;
beforeAll(async () => {
  setup = await startTestServer();
});
afterAll(async () => {
  await server?.stop('SIGKILL');
  await setup.close();
});

const QUERY = '{ purchaseOrders(first: 50) { edges { node { number supplier { name } lines { lineNumber } } } pageInfo { endCursor hasNextPage } } }';

it('a finished request leaves nothing for the scavenges to promote', async () => {
  const pair = await tradingPair(setup);
  for (let i = 0; i < 10; i++) await createOrder(setup, pair, [{ quantity: 10 }, { quantity: 20 }]);
  const port = await freePort();
  server = spawnNode(['--trace-gc-nvp', MAIN], { PORT: String(port), DATABASE_URL: setup.databaseUrl, DEMO_DATA: 'false', LOG_LEVEL: 'silent' });
  const url = `http://127.0.0.1:${port}`;
  for (let ready = false; !ready; ) {
    ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
  const ask = async () => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${pair.retailer.token}` },
      body: JSON.stringify({ query: QUERY }),
    });
    const body = (await res.json()) as { data?: { purchaseOrders: { edges: unknown[] } }; errors?: unknown };
    if (body.data?.purchaseOrders.edges.length !== 10) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);
  };
  for (let i = 0; i < 500; i++) await ask(); // warm-up: start-up's own garbage, compiled code
  const scavengesBefore = server.output().split('\n').filter((line) => /\bgc=s\b/.test(line)).length;
  for (let i = 0; i < 3000; i++) await ask();
  const scavenges = server
    .output()
    .split('\n')
    .filter((line) => /\bgc=s\b/.test(line))
    .slice(scavengesBefore)
    .map((line) => Number(/\bpromoted=(\d+)/.exec(line)?.[1] ?? 0));
  expect(scavenges.length).toBeGreaterThan(5);
  const perScavenge = scavenges.reduce((a, b) => a + b, 0) / scavenges.length;
  expect(perScavenge).toBeLessThan(300 * 1024);
});
