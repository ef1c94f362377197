import { confirmLine, createOrder, inDays, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The fixed round trips of a request (issue 13): BEGIN goes out with entering
 * the scope as one message, a transaction nothing uses sends nothing (the one
 * after a mutation's commit), and a document's first mutation runs in the
 * request's transaction instead of committing an empty one first.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The statement as logged, without MikroORM's `[query]` prefix and timing suffix. */
const bare = (line: string) => line.replace(/^\[query\] /, '').replace(/ \[took [^\]]*\]$/, '').trim();
const isControl = (s: string) => /^(begin|commit|rollback)\b/i.test(s.trim());

it('reads in BEGIN-and-enter, the data, COMMIT', async () => {
  const pair = await tradingPair(server);
  await server.raw({ query: '{ me { id } }' }, { authorization: `Bearer ${pair.retailer.token}` });
  server.statements.length = 0;
  const result = await server.raw({ query: '{ purchaseOrders(first: 5) { edges { node { number } } } }' }, { authorization: `Bearer ${pair.retailer.token}` });
  expect(result.errors).toBeUndefined();
  const log = server.statements.map(bare);
  expect(log[0]).toMatch(/^begin; SELECT app_enter\(\$1\)/);
  expect(log[log.length - 1]).toBe('commit');
  expect(log.filter(isControl)).toHaveLength(2);
});

it('confirms a line in one transaction: no empty transaction before or after the mutation', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }]);
  await server.raw({ query: '{ me { id } }' }, { authorization: `Bearer ${pair.supplier.token}` });
  server.statements.length = 0;
  const result = await server.raw(
    {
      query: 'mutation($x: ID!, $d: Date!) { confirmPurchaseOrderLine(input: {lineId: $x, schedule: [{quantity: 100, deliveryDate: $d}]}) { id status } }',
      variables: { x: order.lines[0].id, d: inDays(10) },
    },
    { authorization: `Bearer ${pair.supplier.token}` },
  );
  expect(result.errors).toBeUndefined();
  const log = server.statements.map(bare);
  expect(log.filter(isControl)).toEqual(['begin; SELECT app_enter($1) AS partners', 'commit']);
});

it("reads what a mutation's payload selects beyond its own row in a transaction begun after the commit", async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }]);
  server.statements.length = 0;
  const line = await confirmLine(server, pair.supplier, order.lines[0].id, [{ quantity: 100, deliveryDate: inDays(10) }]);
  expect(line.status).toBe('CONFIRMED');
  const log = server.statements.map(bare);
  const control = log.filter(isControl);
  expect(control[control.length - 1]).toBe('commit');
  expect(control.filter((s) => s === 'commit')).toHaveLength(2);
});
