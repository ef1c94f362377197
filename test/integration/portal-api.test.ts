import {
  ConfirmPurchaseOrderLinesDocument,
  PortalAcknowledgeOrderDocument,
  PortalOrderListDocument,
  PortalProposalsDocument,
  UpsertInventoryDocument,
} from '../../src/sdk/generated/graphql';
import { confirmLine, createItem, createLocation, createOrder, expectError, inDays, partner, signUp, sourcingRule, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * What the portal's pages added to the API. acknowledgePurchaseOrder: a
 * supplier confirms every line of an order still waiting for an answer, as
 * requested, in one call, all or nothing, through the batch confirmation
 * (same rules, history and alerts). The order list's filters (ship-to, item,
 * search, issue days) and the proposals of one item x location.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Pair = Awaited<ReturnType<typeof tradingPair>>;

/** Everything a confirmation writes for a retailer (line states, promises, history, alerts but risk ones, proposals). */
async function written(pair: Pair) {
  const rows = await server.query<{ t: string; v: string }>(
    `SELECT 'line' AS t, concat_ws(',', l.line_number, l.status, l.confirmed_quantity, l.latest_delivery_date, l.slipped) AS v
       FROM purchase_order_line l WHERE l.retailer_id = $1
     UNION ALL SELECT 'order', concat_ws(',', po.status, po.version) FROM purchase_order po WHERE po.retailer_id = $1
     UNION ALL SELECT 'promise', concat_ws(',', l.line_number, c.sequence, c.kind, c.schedule::text)
       FROM confirmation c JOIN purchase_order_line l ON l.id = c.line_id WHERE l.retailer_id = $1
     UNION ALL SELECT 'change', concat_ws(',', c.version, c.action, c.details)
       FROM change_record c JOIN purchase_order po ON po.id = c.purchase_order_id WHERE po.retailer_id = $1
     UNION ALL SELECT 'alert', concat_ws(',', CASE WHEN a.organization_id = $1 THEN 'retailer' ELSE 'supplier' END, a.type, a.message)
       FROM alert a WHERE a.organization_id IN ($1, $2) AND a.type <> 'SHORTAGE_RISK_CHANGED'
     UNION ALL SELECT 'risk', concat_ws(',', r.level, r.projected_stockout_date, r.shortage_quantity) FROM shortage_risk r WHERE r.retailer_id = $1
     ORDER BY 1, 2`,
    [pair.retailer.orgId, pair.supplier.orgId],
  );
  const names: [string, string][] = [[pair.supplier.orgName, '<supplier>'], [pair.retailer.orgName, '<retailer>'], [pair.item.sku, '<sku>'], [pair.location.code, '<location>']];
  return rows.map((r) => `${r.t}: ${names.reduce((v, [name, as]) => v.split(/PO-\d+/).join('PO').split(name).join(as), r.v)}`).sort();
}

/** An order of three lines, the first already confirmed a day late (the supplier's answer stands). */
async function scenario(pair: Pair) {
  await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: pair.item.id, locationId: pair.location.id, onHand: 50 }] } }, pair.retailer.token);
  const order = await createOrder(server, pair, [
    { quantity: 100, requestedDate: inDays(10) },
    { quantity: 40, requestedDate: inDays(12) },
    { quantity: 30, requestedDate: inDays(14) },
  ]);
  await confirmLine(server, pair.supplier, order.lines[0].id, [{ quantity: 100, deliveryDate: inDays(11) }]);
  return order;
}

it('confirms every line still waiting, as requested, exactly as confirmPurchaseOrderLines would', async () => {
  const [viaAck, viaBatch] = [await tradingPair(server), await tradingPair(server)];
  const ackOrder = await scenario(viaAck);
  const batchOrder = await scenario(viaBatch);

  const { acknowledgePurchaseOrder } = await server.ok(PortalAcknowledgeOrderDocument, { input: { purchaseOrderId: ackOrder.id } }, viaAck.supplier.token);
  expect(acknowledgePurchaseOrder.status).toBe('CONFIRMED');
  expect(acknowledgePurchaseOrder.lines.map((l) => l.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED']);

  await server.ok(ConfirmPurchaseOrderLinesDocument, {
    input: {
      lines: [
        { lineId: batchOrder.lines[1].id, schedule: [{ quantity: 40, deliveryDate: inDays(12) }] },
        { lineId: batchOrder.lines[2].id, schedule: [{ quantity: 30, deliveryDate: inDays(14) }] },
      ],
    },
  }, viaBatch.supplier.token);

  const ack = await written(viaAck);
  expect(ack).toEqual(await written(viaBatch));
  // The first line's late answer stands; the other two are confirmed on their requested dates, each with its history and alert.
  expect(ack.filter((r) => r.startsWith('change:') && r.includes('LINE_CONFIRMED'))).toEqual([
    'change: 2,LINE_CONFIRMED,Line 1 (<sku>): 100 on ' + inDays(11) + ' (was: unconfirmed)',
    'change: 3,LINE_CONFIRMED,Line 2 (<sku>): 40 on ' + inDays(12) + ' (was: unconfirmed)',
    'change: 4,LINE_CONFIRMED,Line 3 (<sku>): 30 on ' + inDays(14) + ' (was: unconfirmed)',
  ]);
  expect(ack.filter((r) => r.includes('PURCHASE_ORDER_CONFIRMED'))).toHaveLength(3);

  // Nothing is waiting any more: a second acknowledgement says so and writes nothing.
  expectError(await server.gql(PortalAcknowledgeOrderDocument, { input: { purchaseOrderId: ackOrder.id } }, viaAck.supplier.token), 'BAD_USER_INPUT', 'input.purchaseOrderId');
  expect(await written(viaAck)).toEqual(ack);
});

it('is all or nothing: a stale version, another supplier, a retailer or a bad id write nothing', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 10, requestedDate: inDays(5) }, { quantity: 20, requestedDate: inDays(6) }]);
  const before = await written(pair);
  expectError(
    await server.gql(PortalAcknowledgeOrderDocument, { input: { purchaseOrderId: order.id, expectedVersion: order.version + 1 } }, pair.supplier.token),
    'CONFLICT',
    'input.expectedVersion',
  );
  const stranger = await signUp(server, 'SUPPLIER');
  expectError(await server.gql(PortalAcknowledgeOrderDocument, { input: { purchaseOrderId: order.id } }, stranger.token), 'NOT_FOUND', 'input.purchaseOrderId');
  expectError(await server.gql(PortalAcknowledgeOrderDocument, { input: { purchaseOrderId: order.id } }, pair.retailer.token), 'FORBIDDEN');
  expectError(await server.gql(PortalAcknowledgeOrderDocument, { input: { purchaseOrderId: 'nope' } }, pair.supplier.token), 'BAD_USER_INPUT');
  expect(await written(pair)).toEqual(before);

  // With the right version and a key: done once; the same key again answers the same order and writes nothing more.
  const input = { purchaseOrderId: order.id, expectedVersion: order.version, idempotencyKey: 'ack-1' };
  const first = await server.ok(PortalAcknowledgeOrderDocument, { input }, pair.supplier.token);
  expect(first.acknowledgePurchaseOrder.status).toBe('CONFIRMED');
  const after = await written(pair);
  const again = await server.ok(PortalAcknowledgeOrderDocument, { input }, pair.supplier.token);
  expect(again.acknowledgePurchaseOrder.id).toBe(order.id);
  expect(await written(pair)).toEqual(after);
});

it('filters orders by ship-to, item, search text and issue days', async () => {
  const pair = await tradingPair(server);
  const other = await createItem(server, pair.retailer.token, { sku: `ZEBRA-${Date.now()}`, name: 'Striped Teacake' });
  await sourcingRule(server, pair.retailer.token, { itemId: other.id, supplierId: pair.supplier.orgId });
  const plain = await createOrder(server, pair, [{ quantity: 10 }]);
  const zebra = await server.ok(PortalOrderListDocument, { first: 1 }, pair.supplier.token); // warms the list
  expect(zebra.purchaseOrders.totalCount).toBe(1);
  const striped = await createOrder(server, { ...pair, item: other }, [{ quantity: 5 }]);
  const numbers = async (filter: object, token = pair.supplier.token) =>
    (await server.ok(PortalOrderListDocument, { filter, first: 50 }, token)).purchaseOrders.edges.map((e) => e.node.number).sort();

  expect(await numbers({ search: 'teaCAKE' })).toEqual([striped.number]);
  expect(await numbers({ search: other.sku.toLowerCase() })).toEqual([striped.number]);
  expect(await numbers({ search: plain.number })).toEqual([plain.number]);
  expect(await numbers({ search: '%' })).toEqual([]);
  expect(await numbers({ search: '   ' })).toEqual([plain.number, striped.number].sort());
  expect(await numbers({ itemId: pair.item.id })).toEqual([plain.number]);
  expect(await numbers({ shipToId: pair.location.id })).toEqual([plain.number, striped.number].sort());
  expect(await numbers({ shipToId: 'not-an-id' })).toEqual([]);
  expect(await numbers({ issuedFrom: inDays(0), issuedTo: inDays(0) })).toEqual([plain.number, striped.number].sort());
  expect(await numbers({ issuedFrom: inDays(1) })).toEqual([]);
  expect(await numbers({ issuedTo: inDays(-1) })).toEqual([]);
  expect(await numbers({ search: 'teacake' }, pair.retailer.token)).toEqual([striped.number]);
  expectError(
    await server.gql(PortalOrderListDocument, { filter: { issuedFrom: inDays(0), issuedTo: inDays(-1) }, first: 5 }, pair.supplier.token),
    'BAD_USER_INPUT',
    'filter.issuedTo',
  );
  expectError(await server.gql(PortalOrderListDocument, { filter: { search: 'x'.repeat(101) }, first: 5 }, pair.supplier.token), 'BAD_USER_INPUT');
});

it('lists the reallocation proposals of one item x location', async () => {
  const pair = await tradingPair(server);
  const backup = await signUp(server, 'SUPPLIER');
  await partner(server, pair.retailer, backup);
  await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: backup.orgId, priority: 2, quotedLeadTimeDays: 2 });
  const otherPlace = await createLocation(server, pair.retailer.token);
  const here = await createOrder(server, pair, [{ quantity: 40, requestedDate: inDays(6) }]);
  const there = await createOrder(server, { ...pair, location: otherPlace }, [{ quantity: 30, requestedDate: inDays(6) }]);
  // Both slip (promised a week late): each gets a proposal.
  await confirmLine(server, pair.supplier, here.lines[0].id, [{ quantity: 40, deliveryDate: inDays(13) }]);
  await confirmLine(server, pair.supplier, there.lines[0].id, [{ quantity: 30, deliveryDate: inDays(13) }]);
  const lines = async (vars: { itemId: string; locationId: string }) =>
    (await server.ok(PortalProposalsDocument, vars, pair.retailer.token)).reallocationProposals.edges.map((e) => e.node.sourceLine.id);
  expect(await lines({ itemId: pair.item.id, locationId: pair.location.id })).toEqual([here.lines[0].id]);
  expect(await lines({ itemId: pair.item.id, locationId: otherPlace.id })).toEqual([there.lines[0].id]);
  expect(await lines({ itemId: pair.item.id, locationId: 'nope' })).toEqual([]);
  // A supplier never sees proposals, filtered or not.
  expect((await server.ok(PortalProposalsDocument, { itemId: pair.item.id, locationId: pair.location.id }, pair.supplier.token)).reallocationProposals.edges).toEqual([]);
});
