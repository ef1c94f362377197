import { confirmLine, createOrder, inDays, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Queries run compiled (graphql-jit, src/server/compiled-execution.ts) give
 * the answers graphql-js gives. The same query is sent as it is (compiled)
 * and with an introspection field added at its root, which keeps it on
 * graphql-js; the two answers must match but for that field.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function bothWays(query: string, variables: Record<string, unknown>, token: string) {
  const auth = { authorization: `Bearer ${token}` };
  const compiled = await server.raw({ query, variables }, auth);
  // Inserted before the last closing brace of the (single) operation: still one root selection set.
  const at = query.lastIndexOf('}');
  const interpreted = await server.raw({ query: `${query.slice(0, at)} __type(name: "Query") { name } ${query.slice(at)}`, variables }, auth);
  const { __type, ...data } = (interpreted.data ?? {}) as Record<string, unknown>;
  expect(__type).toEqual({ name: 'Query' });
  return { compiled: { data: compiled.data, errors: compiled.errors }, interpreted: { data: interpreted.data === null ? null : data, errors: interpreted.errors } };
}

it('answers lists, neighbours and node fragments as graphql-js does', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 5, requestedDate: inDays(6) }, { quantity: 7, requestedDate: inDays(8) }]);
  await confirmLine(server, pair.supplier, order.lines[0].id, [{ quantity: 5, deliveryDate: inDays(7) }]);
  const lists = `query ($last: Int) { purchaseOrders(last: $last) { edges { cursor node { number issuedAt supplier { name } shipTo { code }
      lines { lineNumber quantity unitCost item { sku } confirmations(first: 5) { sequence schedule { quantity deliveryDate } } } } }
      pageInfo { hasNextPage hasPreviousPage startCursor } } }`;
  for (const token of [pair.retailer.token, pair.supplier.token]) {
    const { compiled, interpreted } = await bothWays(lists, { last: 5 }, token);
    expect(compiled.errors).toBeUndefined();
    expect(compiled).toEqual(interpreted);
  }
  const node = 'query ($id: ID!) { node(id: $id) { __typename id ... on PurchaseOrder { number lines { id } } ... on Item { sku } } }';
  for (const id of [order.id, pair.item.id, 'not an id']) {
    const { compiled, interpreted } = await bothWays(node, { id }, pair.retailer.token);
    expect(compiled).toEqual(interpreted);
  }
});

it('reports one error where a null reached, as graphql-js does, not one per list item below it', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 5 }, { quantity: 7 }]);
  const query = `query ($id: ID!) { a: purchaseOrder(id: $id) { history(first: 0) { at } }
      b: purchaseOrder(id: $id) { lines { confirmations(first: 0) { sequence } } } c: me { id } }`;
  const { compiled, interpreted } = await bothWays(query, { id: order.id }, pair.retailer.token);
  expect(interpreted.errors?.map((e) => e.path)).toEqual([['a', 'history'], ['b', 'lines', 0, 'confirmations']]);
  expect(compiled).toEqual(interpreted);
});
