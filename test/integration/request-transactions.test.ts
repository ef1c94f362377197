import { createOrder, inDays, signUp, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * One transaction per operation, without its costs: a request never waits
 * for a second pooled connection while holding one, a document's mutations
 * commit one by one (no lock is held across them), and what cannot run over
 * HTTP says so.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('answers 30 concurrent alertCursor queries, and another tenant meanwhile, without exhausting the pool', async () => {
  const a = await signUp(server, 'RETAILER');
  const b = await signUp(server, 'SUPPLIER');
  const burst = Promise.all(Array.from({ length: 30 }, () => server.raw({ query: '{ alertCursor }' }, { authorization: `Bearer ${a.token}` })));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = Date.now();
  const other = await server.raw({ query: '{ me { email } }' }, { authorization: `Bearer ${b.token}` });
  const otherMs = Date.now() - started;
  const results = await burst;
  expect(other.errors).toBeUndefined();
  expect(otherMs).toBeLessThan(5_000);
  expect(results.filter((r) => r.errors || r.status !== 200)).toHaveLength(0);
  expect(new Set(results.map((r) => r.data?.alertCursor))).toEqual(new Set(['0']));
}, 60_000);

it('lets two documents of several mutations confirm lines of two orders in opposite orders: no deadlock, both applied', async () => {
  const pair = await tradingPair(server);
  const auth = { authorization: `Bearer ${pair.supplier.token}` };
  const doc = (x: string, y: string) => ({
    query: `mutation($x: ID!, $y: ID!, $d: Date!) {
      a: confirmPurchaseOrderLine(input: {lineId: $x, schedule: [{quantity: 100, deliveryDate: $d}]}) { id status }
      b: confirmPurchaseOrderLine(input: {lineId: $y, schedule: [{quantity: 100, deliveryDate: $d}]}) { id status } }`,
    variables: { x, y, d: inDays(12) },
  });
  for (let round = 0; round < 3; round++) {
    const o1 = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }, { quantity: 100, requestedDate: inDays(10) }]);
    const o2 = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }, { quantity: 100, requestedDate: inDays(10) }]);
    const results = await Promise.all([
      server.raw(doc(o1.lines[0].id, o2.lines[0].id), auth),
      server.raw(doc(o2.lines[1].id, o1.lines[1].id), auth),
    ]);
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const lines = await server.query<{ status: string }>('SELECT status FROM purchase_order_line WHERE purchase_order_id = ANY($1::uuid[])', [[o1.id, o2.id]]);
    expect(lines.map((l) => l.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CONFIRMED']);
  }
}, 120_000);

it('keeps the first mutation of a document when the second fails, and writes nothing of the failed one', async () => {
  // Both fields are non-null, so the failed one nulls the whole response data; what the first did stands.
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }]);
  const result = await server.raw(
    {
      query: `mutation($x: ID!, $d: Date!) {
        a: confirmPurchaseOrderLine(input: {lineId: $x, schedule: [{quantity: 100, deliveryDate: $d}]}) { id }
        b: confirmPurchaseOrderLine(input: {lineId: $x, schedule: [{quantity: 500, deliveryDate: $d}]}) { id } }`,
      variables: { x: order.lines[0].id, d: inDays(10) },
    },
    { authorization: `Bearer ${pair.supplier.token}` },
  );
  expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['b'], 'BAD_USER_INPUT']]);
  const schedule = await server.query<{ quantity: number }>('SELECT quantity FROM schedule_line WHERE line_id = $1', [order.lines[0].id]);
  expect(schedule).toEqual([{ quantity: 100 }]);
  const confirmations = await server.query('SELECT 1 FROM confirmation WHERE line_id = $1', [order.lines[0].id]);
  expect(confirmations).toHaveLength(1);
});

it('says that subscriptions are served over WebSocket when one comes over HTTP', async () => {
  const a = await signUp(server, 'RETAILER');
  const result = await server.raw({ query: 'subscription { alerts { id } }' }, { authorization: `Bearer ${a.token}` });
  expect(result.status).toBe(200); // as application/json, a request error is 200 with the error in the body
  expect(result.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  expect(result.errors?.[0]?.message).toMatch(/WebSocket/);
});
