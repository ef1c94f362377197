import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createItem, createLocation, signUp, supplierOfTwoRetailers, type SupplierOfTwo } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Through GraphQL, from a fresh review: a supplier's projections (acting for
 * each retailer) beside its orders over two retailers, many at once, failing
 * ones among them, over HTTP and WebSocket; no BEGIN or COMMIT for a query,
 * nothing left idle in a transaction.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface World extends SupplierOfTwo {
  foreign: { item: { id: string }; location: { id: string } };
}

let w: World;
beforeAll(async () => {
  // And a retailer the supplier is no partner of.
  const stranger = await signUp(server, 'RETAILER');
  const foreign = { item: await createItem(server, stranger.token), location: await createLocation(server, stranger.token) };
  w = { ...(await supplierOfTwoRetailers(server)), foreign };
});

function document(projections: number, extra = '') {
  const [a, b] = w.retailers;
  const fields: string[] = [];
  for (let i = 0; i < projections; i++) {
    const r = i % 2 ? b : a;
    fields.push(`p${i}: projectedInventory(itemId: "${r.item.id}", locationId: "${r.location.id}", horizonDays: 7) { date inbound }`);
    if (i === 1) fields.push('purchaseOrders(first: 50) { edges { node { id retailer { id } lines { id purchaseOrder { id } item { id } } } } }');
  }
  fields.push('items(first: 50) { edges { node { id } } }');
  return `{ ${fields.join('\n')} ${extra} }`;
}

type Data = Record<string, unknown> & { purchaseOrders: { edges: { node: { id: string; lines: { purchaseOrder: { id: string } | null }[] } }[] } };

function check(data: Data, projections: number) {
  const ids = data.purchaseOrders.edges.map((e) => e.node.id).sort();
  expect(ids).toEqual(w.retailers.flatMap((r) => r.orderIds).sort());
  for (const e of data.purchaseOrders.edges) expect(e.node.lines.map((l) => l.purchaseOrder?.id)).toEqual([e.node.id]);
  for (let i = 0; i < projections; i++) expect((data[`p${i}`] as { inbound: number }[]).map((d) => d.inbound)).toEqual([0, 0, 0, 10, 20, 30, 0]);
}

async function idleInTransaction() {
  const rows = await server.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
  );
  return rows[0].n;
}

it('twenty projections over two retailers beside the orders, five times: every field answered under its own scope', async () => {
  for (let run = 0; run < 5; run++) {
    const result = await server.raw({ query: document(20) }, { authorization: `Bearer ${w.supplier.token}` });
    expect(result.errors).toBeUndefined();
    check(result.data as Data, 20);
  }
  expect(await idleInTransaction()).toBe(0);
});

it('sends no BEGIN or COMMIT, and one app_enter per projection beside the request\'s own', async () => {
  await server.raw({ query: '{ me { id } }' }, { authorization: `Bearer ${w.supplier.token}` });
  server.statements.length = 0;
  const result = await server.raw({ query: document(2) }, { authorization: `Bearer ${w.supplier.token}` });
  expect(result.errors).toBeUndefined();
  const log = server.statementsBesideCredentials().map((l) => l.replace(/^\[query\] /, '').replace(/ \[took [^\]]*\]$/, '').trim());
  expect({ control: log.filter((s) => /^(begin|commit|rollback)\b/i.test(s)), enters: log.filter((s) => /app_enter/.test(s)).length, total: log.length })
    .toEqual({ control: [], enters: 3, total: expect.any(Number) });
});

for (const bad of ['horizonDays: 0 (fails before any statement)', 'another tenant\'s item (NOT_FOUND after a round trip)'] as const) {
  it(`a failing non-null projection (${bad}) beside the others: nothing left open on the pool, the next requests answer`, async () => {
    const field = bad.startsWith('horizon')
      ? `bad: projectedInventory(itemId: "${w.retailers[0].item.id}", locationId: "${w.retailers[0].location.id}", horizonDays: 0) { date }`
      : `bad: projectedInventory(itemId: "${w.foreign.item.id}", locationId: "${w.foreign.location.id}", horizonDays: 7) { date }`;
    for (let run = 0; run < 5; run++) {
      const result = await server.raw({ query: document(6, field) }, { authorization: `Bearer ${w.supplier.token}` });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual([bad.startsWith('horizon') ? 'BAD_USER_INPUT' : 'NOT_FOUND']);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await idleInTransaction()).toBe(0);
    for (let run = 0; run < 5; run++) {
      const result = await server.raw({ query: document(4) }, { authorization: `Bearer ${w.supplier.token}` });
      expect(result.errors).toBeUndefined();
      check(result.data as Data, 4);
    }
  });
}

it('over the WebSocket: the same query answers every field', async () => {
  const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${w.supplier.token}` }, retryAttempts: 0 });
  try {
    for (let run = 0; run < 3; run++) {
      const result = await new Promise<{ data?: Data; errors?: unknown[] }>((resolve, reject) => {
        let value: { data?: Data; errors?: unknown[] } = {};
        client.subscribe<Data>({ query: document(6) }, { next: (v) => (value = v as never), error: reject, complete: () => resolve(value) });
      });
      expect(result.errors).toBeUndefined();
      check(result.data!, 6);
    }
  } finally {
    await client.dispose();
  }
  expect(await idleInTransaction()).toBe(0);
});
