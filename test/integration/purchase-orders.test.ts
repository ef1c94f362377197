import {
  CancelPurchaseOrderDocument,
  ClosePurchaseOrderDocument,
  CreatePurchaseOrderDocument,
  IssuePurchaseOrderDocument,
  PurchaseOrderDocument,
  PurchaseOrdersDocument,
  ReceivePurchaseOrderLineDocument,
  RejectPurchaseOrderLineDocument,
  SuspendPartnershipDocument,
  type CreatePurchaseOrderInput,
} from '../../src/sdk/generated/graphql';
import { todayUtc } from '../../src/shared/calendar';
import { addUser, alertsOf, confirmLine, createItem, createLocation, createOrder, expectError, inDays, partner, signUp, sourcingRule, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('createPurchaseOrder', () => {
  it('numbers orders per retailer, defaults the unit cost from the sourcing rule and starts as DRAFT', async () => {
    const pair = await tradingPair(server);
    const first = await createOrder(server, pair, [{ quantity: 50 }, { quantity: 20, unitCost: '3.3333' }], false);
    expect(first).toMatchObject({ number: 'PO-000001', status: 'DRAFT', version: 1, issuedAt: null, supplier: { id: pair.supplier.orgId }, shipTo: { id: pair.location.id } });
    expect(first.lines.map((l) => [l.lineNumber, l.quantity, l.unitCost, l.status])).toEqual([
      [1, 50, '4.50', 'OPEN'],
      [2, 20, '3.3333', 'OPEN'],
    ]);
    const second = await createOrder(server, pair);
    expect(second).toMatchObject({ number: 'PO-000002', status: 'ISSUED' });
    expect(second.issuedAt).not.toBeNull();
    // Another retailer counts from 1 too.
    const other = await tradingPair(server);
    expect((await createOrder(server, other)).number).toBe('PO-000001');
  });

  it('validates every part and writes nothing on failure', async () => {
    const pair = await tradingPair(server);
    const stranger = await signUp(server, 'SUPPLIER');
    const unsourced = await createItem(server, pair.retailer.token);
    const foreign = await tradingPair(server);
    const base: CreatePurchaseOrderInput = {
      supplierId: pair.supplier.orgId,
      shipToId: pair.location.id,
      lines: [{ itemId: pair.item.id, quantity: 10, requestedDate: inDays(5) }],
    };
    const cases: [Partial<CreatePurchaseOrderInput>, string, string][] = [
      [{ supplierId: stranger.orgId }, 'input.supplierId', 'BAD_USER_INPUT'],
      [{ shipToId: foreign.location.id }, 'input.shipToId', 'NOT_FOUND'],
      [{ lines: [] }, 'input.lines', 'BAD_USER_INPUT'],
      [{ lines: [{ itemId: foreign.item.id, quantity: 1, requestedDate: inDays(1) }] }, 'input.lines[0].itemId', 'NOT_FOUND'],
      [{ lines: [{ itemId: pair.item.id, quantity: 0, requestedDate: inDays(1) }] }, 'input.lines[0].quantity', 'BAD_USER_INPUT'],
      [{ lines: [{ itemId: pair.item.id, quantity: 1, requestedDate: inDays(1) }, { itemId: pair.item.id, quantity: 1, requestedDate: inDays(-1) }] }, 'input.lines[1].requestedDate', 'BAD_USER_INPUT'],
      [{ lines: [{ itemId: unsourced.id, quantity: 1, requestedDate: inDays(1) }] }, 'input.lines[0].unitCost', 'BAD_USER_INPUT'],
      [{ lines: [{ itemId: pair.item.id, quantity: 1, requestedDate: inDays(1), unitCost: '-1' }] }, 'input.lines[0].unitCost', 'BAD_USER_INPUT'],
    ];
    for (const [change, field, code] of cases) {
      expectError(await server.gql(CreatePurchaseOrderDocument, { input: { ...base, ...change } }, pair.retailer.token), code, field);
    }
    expect(await server.query('SELECT 1 FROM purchase_order WHERE retailer_id = $1', [pair.retailer.orgId])).toHaveLength(0);
    // With an explicit cost, an item without a rule can be ordered.
    await server.ok(CreatePurchaseOrderDocument, { input: { ...base, lines: [{ itemId: unsourced.id, quantity: 1, requestedDate: todayUtc(), unitCost: '1.00' }] } }, pair.retailer.token);
  });

  it('is for buyers: planners and suppliers may not order', async () => {
    const pair = await tradingPair(server);
    const planner = await addUser(server, pair.retailer, 'PLANNER');
    const buyer = await addUser(server, pair.retailer, 'BUYER');
    const input = { supplierId: pair.supplier.orgId, shipToId: pair.location.id, lines: [{ itemId: pair.item.id, quantity: 1, requestedDate: inDays(1) }] };
    expectError(await server.gql(CreatePurchaseOrderDocument, { input }, planner.token), 'FORBIDDEN');
    expectError(await server.gql(CreatePurchaseOrderDocument, { input }, pair.supplier.token), 'FORBIDDEN');
    await server.ok(CreatePurchaseOrderDocument, { input }, buyer.token);
  });
});

describe('lifecycle', () => {
  it('issues a DRAFT, raises PURCHASE_ORDER_ISSUED to the supplier, and refuses illegal transitions naming the state', async () => {
    const pair = await tradingPair(server);
    const draft = await createOrder(server, pair, [{}], false);
    expect((await server.ok(PurchaseOrderDocument, { id: draft.id }, pair.supplier.token)).purchaseOrder).toBeNull();
    const { issuePurchaseOrder } = await server.ok(IssuePurchaseOrderDocument, { id: draft.id }, pair.retailer.token);
    expect(issuePurchaseOrder).toMatchObject({ status: 'ISSUED', version: 2 });
    expect((await server.ok(PurchaseOrderDocument, { id: draft.id }, pair.supplier.token)).purchaseOrder?.number).toBe(draft.number);
    const issued = (await alertsOf(server, pair.supplier.orgId)).filter((a) => a.type === 'PURCHASE_ORDER_ISSUED');
    expect(issued).toHaveLength(1);
    expect(issued[0].message).toContain(`issued ${draft.number}: 1 line(s), 100 units`);

    expect(expectError(await server.gql(IssuePurchaseOrderDocument, { id: draft.id }, pair.retailer.token), 'BAD_USER_INPUT', 'id').message)
      .toBe(`Only a DRAFT order can be issued; ${draft.number} is ISSUED`);
    await confirmLine(server, pair.supplier, draft.lines[0].id, [{ quantity: 100, deliveryDate: inDays(10) }]);
    expect(expectError(await server.gql(CancelPurchaseOrderDocument, { id: draft.id }, pair.retailer.token), 'BAD_USER_INPUT', 'id').message)
      .toBe(`Only a DRAFT or ISSUED order can be cancelled; ${draft.number} is CONFIRMED`);
    // A draft is cancelled, not closed (closing an issued order with open quantity closes it short: open-quantities.test.ts).
    const other = await createOrder(server, pair, [{}], false);
    expect(expectError(await server.gql(ClosePurchaseOrderDocument, { id: other.id }, pair.retailer.token), 'BAD_USER_INPUT', 'id').message)
      .toBe(`Only an issued order can be closed; ${other.number} is DRAFT (cancel it instead)`);
  });

  it('cancels DRAFT and ISSUED orders; the supplier hears only of the issued one', async () => {
    const pair = await tradingPair(server);
    const draft = await createOrder(server, pair, [{}], false);
    const issued = await createOrder(server, pair);
    expect((await server.ok(CancelPurchaseOrderDocument, { id: draft.id }, pair.retailer.token)).cancelPurchaseOrder.status).toBe('CANCELLED');
    const { cancelPurchaseOrder } = await server.ok(CancelPurchaseOrderDocument, { id: issued.id }, pair.retailer.token);
    expect(cancelPurchaseOrder).toMatchObject({ status: 'CANCELLED', version: 2 });
    expect(cancelPurchaseOrder.lines.map((l) => l.status)).toEqual(['CANCELLED']);
    const changed = (await alertsOf(server, pair.supplier.orgId)).filter((a) => a.type === 'PURCHASE_ORDER_CHANGED');
    expect(changed.map((a) => a.purchase_order_id)).toEqual([issued.id]);
    expectError(await server.gql(RejectPurchaseOrderLineDocument, { input: { lineId: issued.lines[0].id, reason: 'x' } }, pair.supplier.token), 'BAD_USER_INPUT', 'input.lineId');
  });

  it('rolls the order status up from its lines, through receipt to CLOSED', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 10 }, { quantity: 20 }]);
    const [a, b] = order.lines;
    expect((await confirmLine(server, pair.supplier, a.id, [{ quantity: 10, deliveryDate: inDays(10) }])).purchaseOrder.status).toBe('PARTIALLY_CONFIRMED');
    expect((await confirmLine(server, pair.supplier, b.id, [{ quantity: 20, deliveryDate: inDays(9) }])).purchaseOrder.status).toBe('CONFIRMED');
    const receive = (lineId: string, quantity: number) => server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity } }, pair.retailer.token);
    expect((await receive(a.id, 4)).receivePurchaseOrderLine.purchaseOrder.status).toBe('PARTIALLY_RECEIVED');
    expect((await receive(a.id, 6)).receivePurchaseOrderLine.status).toBe('RECEIVED');
    const last = await receive(b.id, 20);
    expect(last.receivePurchaseOrderLine.purchaseOrder).toMatchObject({ status: 'RECEIVED', version: 6 });
    expect((await server.ok(ClosePurchaseOrderDocument, { id: order.id }, pair.retailer.token)).closePurchaseOrder.status).toBe('CLOSED');
  });
});

describe('purchaseOrders query', () => {
  it('lists newest first with stable cursors and the contract filters', async () => {
    const pair = await tradingPair(server);
    const second = await signUp(server, 'SUPPLIER');
    await partner(server, pair.retailer, second);
    await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: second.orgId, priority: 2 });
    const orders = [];
    for (let i = 0; i < 5; i++) orders.push(await createOrder(server, pair, [{}], i !== 0));
    const fromSecond = await createOrder(server, { ...pair, supplier: second });
    await confirmLine(server, pair.supplier, orders[1].lines[0].id, [{ quantity: 100, deliveryDate: inDays(12) }]); // late: slipped

    const all = await server.ok(PurchaseOrdersDocument, { first: 4 }, pair.retailer.token);
    expect(all.purchaseOrders.totalCount).toBe(6);
    expect(all.purchaseOrders.edges.map((e) => e.node.number)).toEqual(['PO-000006', 'PO-000005', 'PO-000004', 'PO-000003']);
    const rest = await server.ok(PurchaseOrdersDocument, { first: 4, after: all.purchaseOrders.pageInfo.endCursor }, pair.retailer.token);
    expect(rest.purchaseOrders.edges.map((e) => e.node.number)).toEqual(['PO-000002', 'PO-000001']);
    expect(rest.purchaseOrders.pageInfo.hasNextPage).toBe(false);

    const byStatus = await server.ok(PurchaseOrdersDocument, { filter: { statuses: ['DRAFT', 'CONFIRMED'] } }, pair.retailer.token);
    expect(byStatus.purchaseOrders.edges.map((e) => e.node.status).sort()).toEqual(['CONFIRMED', 'DRAFT']);
    const bySupplier = await server.ok(PurchaseOrdersDocument, { filter: { supplierId: second.orgId } }, pair.retailer.token);
    expect(bySupplier.purchaseOrders.edges.map((e) => e.node.id)).toEqual([fromSecond.id]);
    const slipped = await server.ok(PurchaseOrdersDocument, { filter: { slippedOnly: true } }, pair.retailer.token);
    expect(slipped.purchaseOrders.edges.map((e) => e.node.id)).toEqual([orders[1].id]);
    const byRetailer = await server.ok(PurchaseOrdersDocument, { filter: { retailerId: pair.retailer.orgId } }, pair.supplier.token);
    expect(byRetailer.purchaseOrders.totalCount).toBe(4); // issued ones addressed to it; not the draft, not the other supplier's

    // A suspended partnership hides the orders from the supplier.
    await server.ok(SuspendPartnershipDocument, { id: pair.partnershipId }, pair.retailer.token);
    expect((await server.ok(PurchaseOrdersDocument, {}, pair.supplier.token)).purchaseOrders.totalCount).toBe(0);
  });

  it('shows both parties the same history, oldest first, with actors', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100 }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 60, deliveryDate: inDays(10) }, { quantity: 40, deliveryDate: inDays(12) }]);
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(10) }]);
    await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity: 30 } }, pair.retailer.token);
    const retailerView = (await server.ok(PurchaseOrderDocument, { id: order.id }, pair.retailer.token)).purchaseOrder!;
    const supplierView = (await server.ok(PurchaseOrderDocument, { id: order.id }, pair.supplier.token)).purchaseOrder!;
    expect(supplierView.history).toEqual(retailerView.history);
    expect(retailerView.history.map((h) => h.action)).toEqual(['CREATED', 'ISSUED', 'LINE_CONFIRMED', 'LINE_RECONFIRMED', 'LINE_RECEIVED']);
    expect(retailerView.history[2]).toMatchObject({
      actor: `${pair.supplier.email} (${pair.supplier.orgName})`,
      line: { id: lineId, lineNumber: 1 },
      details: `Line 1 (${pair.item.sku}): 60 on ${inDays(10)}, 40 on ${inDays(12)} (was: unconfirmed)`,
    });
    expect(retailerView.history[3].details).toContain(`(was: 60 on ${inDays(10)}, 40 on ${inDays(12)})`);
    expect(retailerView.history[4]).toMatchObject({ actor: `${pair.retailer.email} (${pair.retailer.orgName})`, details: expect.stringContaining('received 30') });
    expect(retailerView.version).toBe(4);
  });

  it('gives other organizations nothing', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair);
    const rival = await signUp(server, 'RETAILER');
    const stranger = await signUp(server, 'SUPPLIER');
    const loc = await createLocation(server, rival.token);
    expect(loc.id).toBeTruthy();
    for (const intruder of [rival, stranger]) {
      expect((await server.ok(PurchaseOrderDocument, { id: order.id }, intruder.token)).purchaseOrder).toBeNull();
      expect((await server.ok(PurchaseOrdersDocument, {}, intruder.token)).purchaseOrders.totalCount).toBe(0);
    }
    expectError(await server.gql(CancelPurchaseOrderDocument, { id: order.id }, rival.token), 'NOT_FOUND', 'id');
    expectError(await server.gql(ReceivePurchaseOrderLineDocument, { input: { lineId: order.lines[0].id, quantity: 1 } }, rival.token), 'NOT_FOUND', 'input.lineId');
    expectError(await server.gql(RejectPurchaseOrderLineDocument, { input: { lineId: order.lines[0].id, reason: 'no' } }, stranger.token), 'NOT_FOUND', 'input.lineId');
  });
});

describe('a page of orders and its neighbours', () => {
  it('shows each order its own supplier and ship-to when they repeat, interleave, and page backward (a repeat is read once per statement)', async () => {
    const pair = await tradingPair(server);
    const second = await signUp(server, 'SUPPLIER');
    await partner(server, pair.retailer, second);
    await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: second.orgId });
    const other = await createLocation(server, pair.retailer.token);
    // Newest first: B at other, A, A, B, A at the pair's location: repeats side by side and apart.
    const plan: [typeof pair.supplier, string][] = [[pair.supplier, pair.location.id], [second, pair.location.id], [pair.supplier, pair.location.id], [pair.supplier, pair.location.id], [second, other.id]];
    const expected: [string, string, string][] = [];
    for (const [supplier, shipToId] of plan) {
      const { createPurchaseOrder } = await server.ok(
        CreatePurchaseOrderDocument,
        { input: { supplierId: supplier.orgId, shipToId, issue: true, lines: [{ itemId: pair.item.id, quantity: 5, requestedDate: inDays(5) }] } },
        pair.retailer.token,
      );
      expected.unshift([createPurchaseOrder.number, supplier.orgId, shipToId]);
    }
    const seen = (edges: { node: { number: string; supplier: { id: string } | null; shipTo: { id: string } | null } }[]) =>
      edges.map(({ node }) => [node.number, node.supplier?.id, node.shipTo?.id]);
    const query = `query ($first: Int, $last: Int, $before: String) { purchaseOrders(first: $first, last: $last, before: $before) {
      edges { cursor node { number supplier { id name } shipTo { id code } } } } }`;
    const forward = await server.raw({ query, variables: { first: 5 } }, { authorization: `Bearer ${pair.retailer.token}` });
    expect(forward.errors).toBeUndefined();
    const edges = (forward.data as any).purchaseOrders.edges;
    expect(seen(edges)).toEqual(expected);
    // Backward from the last: the rows come in reverse from the statement and are put back in order.
    const backward = await server.raw({ query, variables: { last: 4, before: edges[4].cursor } }, { authorization: `Bearer ${pair.retailer.token}` });
    expect(backward.errors).toBeUndefined();
    expect(seen((backward.data as any).purchaseOrders.edges)).toEqual(expected.slice(0, 4));
    // The supplier's own view: its orders only, the retailer's location on each.
    const mine = await server.raw({ query, variables: { first: 5 } }, { authorization: `Bearer ${second.token}` });
    expect(seen((mine.data as any).purchaseOrders.edges)).toEqual(expected.filter(([, s]) => s === second.orgId));
  });

  it('shows each line its own item when items repeat within and across orders, all brought by the lines statement (none read on its own)', async () => {
    const pair = await tradingPair(server);
    const [b, c] = [await createItem(server, pair.retailer.token), await createItem(server, pair.retailer.token)];
    for (const id of [b.id, c.id]) await sourcingRule(server, pair.retailer.token, { itemId: id, supplierId: pair.supplier.orgId });
    const a = pair.item;
    // Oldest first: [a, b, a], [b, c, a, c]: the same item on lines side by side, apart, and in both orders.
    const plans = [[a, b, a], [b, c, a, c]];
    for (const items of plans) {
      await server.ok(
        CreatePurchaseOrderDocument,
        { input: { supplierId: pair.supplier.orgId, shipToId: pair.location.id, issue: true, lines: items.map((item) => ({ itemId: item.id, quantity: 5, requestedDate: inDays(5) })) } },
        pair.retailer.token,
      );
    }
    const query = '{ purchaseOrders(first: 5) { edges { node { lines { lineNumber item { id sku name } } } } } }';
    for (const token of [pair.retailer.token, pair.supplier.token]) {
      server.statements.length = 0;
      const result = await server.raw({ query }, { authorization: `Bearer ${token}` });
      expect(result.errors).toBeUndefined();
      const orders = (result.data as any).purchaseOrders.edges.map((e: any) => e.node.lines.map((l: any) => [l.lineNumber, l.item.id, l.item.sku, l.item.name]));
      // Newest first.
      expect(orders).toEqual([...plans].reverse().map((items) => items.map((item, i) => [i + 1, item.id, item.sku, item.name])));
      const log = server.statementsBesideCredentials();
      // The lines' statement brought every item: no statement reads items of its own.
      expect(log.filter((line) => /purchase_order_line l/.test(line))).toHaveLength(1);
      expect(log.filter((line) => /\bFROM item\b/.test(line) && !/purchase_order_line l/.test(line))).toEqual([]);
    }
  });
});
