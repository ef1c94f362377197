import { PurchaseOrdersNestedDocument } from '../../src/sdk/generated/graphql';
import { confirmLine, createItem, createOrder, inDays, partner, signUp, sourcingRule, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/** purchaseOrders with lines, items, parties, ship-to and schedules costs the same statements for 5 orders as for 100. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('lists 5 or 100 orders with everything nested in the same, small number of SQL statements', async () => {
  const pair = await tradingPair(server);
  const secondSupplier = await signUp(server, 'SUPPLIER');
  await partner(server, pair.retailer, secondSupplier);
  const items = [pair.item, await createItem(server, pair.retailer.token), await createItem(server, pair.retailer.token)];
  for (const item of items) {
    await sourcingRule(server, pair.retailer.token, { itemId: item.id, supplierId: pair.supplier.orgId });
    await sourcingRule(server, pair.retailer.token, { itemId: item.id, supplierId: secondSupplier.orgId, priority: 2 });
  }
  for (let i = 0; i < 100; i++) {
    const supplier = i % 2 ? secondSupplier : pair.supplier;
    const order = await createOrder(server, { ...pair, supplier, item: items[i % 3] }, [{ quantity: 10 }, { quantity: 20, requestedDate: inDays(12) }]);
    if (i % 4 === 0) await confirmLine(server, supplier, order.lines[0].id, [{ quantity: 6, deliveryDate: inDays(9) }, { quantity: 4, deliveryDate: inDays(11) }]);
  }

  const statementsFor = async (first: number) => {
    server.statements.length = 0;
    const { purchaseOrders } = await server.ok(PurchaseOrdersNestedDocument, { first }, pair.retailer.token);
    expect(purchaseOrders.edges).toHaveLength(first);
    expect(purchaseOrders.edges.every((e) => e.node.lines.length === 2 && e.node.lines[0].item.sku && e.node.shipTo.code)).toBe(true);
    return server.statementsBesideCredentials().length;
  };
  const five = await statementsFor(5);
  const hundred = await statementsFor(100);
  expect(hundred).toBe(five);
  // orders, lines, schedules, items, organizations, locations; begin, enter the scope, commit
  expect(hundred).toBeLessThanOrEqual(7 + 3);
});

it("reads only the columns of the line fields a list selects when they are plain ones, and answers as the full row does", async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 10, requestedDate: inDays(8) }, { quantity: 20, requestedDate: inDays(12), unitCost: '3.25' }]);
  await confirmLine(server, pair.supplier, order.lines[0].id, [{ quantity: 10, deliveryDate: inDays(8) }]);
  const list = async (lineFields: string) => {
    server.statements.length = 0;
    const result = await server.raw({ query: `{ purchaseOrders(first: 5) { edges { node { number lines { ${lineFields} } } } } }` }, { authorization: `Bearer ${pair.retailer.token}` });
    expect(result.errors).toBeUndefined();
    const statements = server.statementsBesideCredentials();
    const lines = statements.find((s) => /JOIN purchase_order_line l ON l.purchase_order_id = v.id/.test(s));
    const page = statements.find((s) => /FROM purchase_order po/.test(s) && /LIMIT/.test(s))!;
    return { data: result.data, lines, page };
  };
  const plain = 'id lineNumber quantity requestedDate unitCost __typename item { sku } purchaseOrder { number }';
  const narrow = await list(plain);
  // Plain fields only: the lines come in the page's own statement (embedLines), with the plain fields' columns, not
  // the line's others (status, confirmed quantity, ...), and no statement of the lines loader.
  expect(narrow.lines).toBeUndefined();
  expect(narrow.page).toMatch(
    /array_to_json\(ARRAY\(SELECT ARRAY\[\(l\.id\)::text, \(l\.line_number\)::text, \(l\.quantity\)::text, \(l\.requested_date::text\)::text, \(l\.unit_cost\)::text, \(l\.item_id\)::text, \(l\.purchase_order_id\)::text\]/,
  );
  expect(narrow.page).not.toMatch(/confirmed_quantity|l\.status/);
  // Beside a field that needs the whole row, the same plain fields answer the same.
  const full = await list(`${plain} status confirmedQuantity`);
  expect(full.page).not.toMatch(/lines\$/);
  expect(full.lines).toMatch(/confirmed_quantity/);
  expect(full.lines).toMatch(/JOIN purchase_order po ON po.id = v.id/); // the whole row reads the order's issue date
  const strip = (data: unknown) =>
    JSON.parse(JSON.stringify(data), (key, value) => (key === 'status' || key === 'confirmedQuantity' ? undefined : value)) as unknown;
  expect(strip(full.data)).toEqual(narrow.data);
  expect(JSON.stringify(narrow.data)).toContain('"unitCost":"3.25"');
});
