import { confirmLine, createOrder, inDays, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * An order's lines read only the columns of plain selected fields
 * (lineColumnsFor): every way of selecting line fields answers what the full
 * row answers, compiled or on graphql-js, for either party; and a document's
 * second mutation answers what it changed, whatever the first selected (the
 * request's loaders are emptied around each mutation). Cases from a fresh
 * review.
 */
let server: TestServer;
let pair: Awaited<ReturnType<typeof tradingPair>>;
let orderId: string;
let lineIds: string[];
beforeAll(async () => {
  server = await startTestServer();
  pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 10, requestedDate: inDays(8) }, { quantity: 20, requestedDate: inDays(12), unitCost: '3.25' }]);
  orderId = order.id;
  lineIds = order.lines.map((l: { id: string }) => l.id);
  await confirmLine(server, pair.supplier, lineIds[0], [{ quantity: 10, deliveryDate: inDays(8) }]);
});
afterAll(() => server.close());

const run = async (query: string, token: string, variables: Record<string, unknown> = {}) => {
  const result = await server.raw({ query, variables }, { authorization: `Bearer ${token}` });
  return result;
};

const FORCE_JS = '__type(name: "Query") { name }';

const cases: [string, string][] = [
  ['inline fragment merging', `query($id: ID!) { purchaseOrder(id: $id) { lines { id } ... on PurchaseOrder { lines { status confirmedQuantity openQuantity } } } }`],
  ['named fragment merging', `query($id: ID!) { purchaseOrder(id: $id) { lines { id quantity } ...F } } fragment F on PurchaseOrder { lines { status slipped } }`],
  ['line fragment', `query($id: ID!) { purchaseOrder(id: $id) { lines { id ...L } } } fragment L on PurchaseOrderLine { status unshippedQuantity }`],
  ['aliases', `query($id: ID!) { purchaseOrder(id: $id) { a: lines { id quantity } b: lines { status quantity receivedQuantity } } }`],
  ['two parents', `query($id: ID!) { x: purchaseOrder(id: $id) { lines { id quantity } } y: purchaseOrder(id: $id) { lines { id status } } }`],
  ['node', `query($id: ID!) { node(id: $id) { ... on PurchaseOrder { lines { id quantity } } ... on PurchaseOrder { lines { status } } } }`],
  ['include false', `query($id: ID!) { purchaseOrder(id: $id) { lines { id ... @include(if: false) { status } } } }`],
  ['skip on field', `query($id: ID!, $s: Boolean!) { purchaseOrder(id: $id) { lines { id status @skip(if: $s) } } }`],
  ['typename alias', `query($id: ID!) { purchaseOrder(id: $id) { lines { t: __typename n: lineNumber q: quantity id } } }`],
  ['deep', `query($id: ID!) { purchaseOrder(id: $id) { lines { id purchaseOrder { lines { status item { sku } } } } } }`],
  ['no id', `query($id: ID!) { purchaseOrder(id: $id) { lines { lineNumber quantity unitCost item { sku } purchaseOrder { number lines { id } } } } }`],
  ['id beside the same fields', `query($id: ID!) { purchaseOrder(id: $id) { a: lines { lineNumber } b: lines { id lineNumber } } }`],
];

describe.each(cases)('%s', (_name, query) => {
  it.each([['retailer'], ['supplier']])('as %s: compiled and graphql-js answer, without errors', async (who) => {
    const token = who === 'retailer' ? pair.retailer.token : pair.supplier.token;
    const vars = { id: orderId, s: false };
    const compiled = await run(query, token, vars);
    const withJs = await run(query.replace(/\{/, `{ ${FORCE_JS} `), token, vars);
    expect(compiled.errors).toBeUndefined();
    expect(withJs.errors).toBeUndefined();
    const { __type: _t, ...jsData } = (withJs.data ?? {}) as Record<string, unknown>;
    expect(compiled.data).toEqual(jsData);
    expect(JSON.stringify(compiled.data)).not.toContain('null');
  });
});

describe('a document of two mutations, each answering the order\'s lines', () => {
  it.each([['plain fields only', 'id quantity'], ['with a whole-row field', 'id quantity status']])('%s: the second answer shows the second change', async (_n, fields) => {
    const order = await createOrder(server, pair, [{ quantity: 10, requestedDate: inDays(8) }]);
    const lineId = order.lines[0].id;
    const doc = `mutation($l: ID!) {
      a: changePurchaseOrderLine(input: { lineId: $l, quantity: 11, reason: "a" }) { quantity purchaseOrder { lines { ${fields} } } }
      b: changePurchaseOrderLine(input: { lineId: $l, quantity: 12, reason: "b" }) { quantity purchaseOrder { lines { ${fields} } } }
    }`;
    const result = await run(doc, pair.retailer.token, { l: lineId });
    expect(result.errors).toBeUndefined();
    const data = result.data as { a: { quantity: number; purchaseOrder: { lines: { quantity: number }[] } }; b: { quantity: number; purchaseOrder: { lines: { quantity: number }[] } } };
    expect(data.a.purchaseOrder.lines[0].quantity).toBe(11);
    expect(data.b.quantity).toBe(12);
    expect(data.b.purchaseOrder.lines[0].quantity).toBe(12);
  });
});

it('a document of two mutations: the second answer does not depend on whether the first selected the same line fields', async () => {
  const answerOfB = async (fieldsOfA: string) => {
    const order = await createOrder(server, pair, [{ quantity: 10, requestedDate: inDays(8) }]);
    const doc = `mutation($l: ID!) {
      a: changePurchaseOrderLine(input: { lineId: $l, quantity: 11, reason: "a" }) { purchaseOrder { lines { ${fieldsOfA} } } }
      b: changePurchaseOrderLine(input: { lineId: $l, quantity: 12, reason: "b" }) { purchaseOrder { lines { id quantity } } }
    }`;
    const result = await run(doc, pair.retailer.token, { l: order.lines[0].id });
    expect(result.errors).toBeUndefined();
    return (result.data as { b: { purchaseOrder: { lines: { quantity: number }[] } } }).b.purchaseOrder.lines[0].quantity;
  };
  expect(await answerOfB('id quantity status')).toBe(await answerOfB('id quantity'));
});

/**
 * A list of orders reads its lines in its own statement when they show
 * plain fields only (embedLines: text arrays, integers made numbers again,
 * the item through its rule): each selection answers what the lines loader
 * answers, which a second `lines` field (one with a field it cannot embed)
 * makes the list use.
 */
const listed: [string, string][] = [
  ['typename alone', '__typename'],
  ['integers, decimal and date', 'lineNumber quantity unitCost requestedDate'],
  ['item typename', 'item { __typename }'],
  ['item id', 'id item { id }'],
  ['item columns', 'lineNumber item { sku name unitPrice active }'],
  ['ids and order', 'id purchaseOrder { id number } item { id sku }'],
];
describe.each(listed)('a list of orders showing lines { %s }', (_name, selection) => {
  it.each([['retailer'], ['supplier']])('as %s: answers what the lines loader answers', async (who) => {
    const token = who === 'retailer' ? pair.retailer.token : pair.supplier.token;
    const embedded = await run(`{ purchaseOrders(first: 5) { edges { node { id lines { ${selection} } } } } }`, token);
    const loaded = await run(`{ purchaseOrders(first: 5) { edges { node { id lines { ${selection} } z: lines { status } } } } }`, token);
    expect(embedded.errors).toBeUndefined();
    expect(loaded.errors).toBeUndefined();
    const strip = (data: unknown) => JSON.parse(JSON.stringify(data), (key, value) => (key === 'z' ? undefined : value)) as unknown;
    expect(embedded.data).toEqual(strip(loaded.data));
    const edges = (embedded.data as { purchaseOrders: { edges: { node: { id: string; lines: unknown[] } }[] } }).purchaseOrders.edges;
    expect(edges.find((e) => e.node.id === orderId)?.node.lines).toHaveLength(2);
    expect(JSON.stringify(embedded.data)).not.toContain('null');
  });
});
