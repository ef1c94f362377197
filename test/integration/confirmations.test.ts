import {
  ConfirmPurchaseOrderLineDocument,
  InventoryDocument,
  PurchaseOrderPromisesDocument,
  ReceivePurchaseOrderLineDocument,
  RejectPurchaseOrderLineDocument,
} from '../../src/sdk/generated/graphql';
import { addUser, alertsOf, confirmLine, createOrder, expectError, inDays, signUp, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('confirmPurchaseOrderLine', () => {
  it('confirms a line split over dates, with confirmedQuantity, lead time and no slip when on time and in full', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }]);
    const line = await confirmLine(server, pair.supplier, order.lines[0].id, [
      { quantity: 40, deliveryDate: inDays(8) },
      { quantity: 60, deliveryDate: inDays(10) },
    ]);
    expect(line).toMatchObject({ status: 'CONFIRMED', confirmedQuantity: 100, confirmedLeadTimeDays: 10, slipped: false, purchaseOrder: { status: 'CONFIRMED', version: 2 } });
    expect(line.schedule).toEqual([{ quantity: 40, deliveryDate: inDays(8) }, { quantity: 60, deliveryDate: inDays(10) }]);
    const alerts = await alertsOf(server, pair.retailer.orgId);
    expect(alerts.map((a) => a.type)).toEqual(['PURCHASE_ORDER_CONFIRMED']);
    expect(alerts[0].message).toBe(`${pair.supplier.orgName} confirmed ${order.number} line 1 (${pair.item.sku}): 40 on ${inDays(8)}, 60 on ${inDays(10)}`);
  });

  it('marks late and short confirmations slipped and raises SUPPLIER_SLIPPED only when it slips further', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }]);
    const lineId = order.lines[0].id;
    const slips = async () => (await alertsOf(server, pair.retailer.orgId)).filter((a) => a.type === 'SUPPLIER_SLIPPED');

    const late = await confirmLine(server, pair.supplier, lineId, [{ quantity: 70, deliveryDate: inDays(5) }, { quantity: 30, deliveryDate: inDays(9) }]);
    expect(late).toMatchObject({ slipped: true, status: 'CONFIRMED', confirmedLeadTimeDays: 9 });
    expect((await slips()).map((a) => a.message)).toEqual([
      `${pair.supplier.orgName} slipped on ${order.number} line 1 (${pair.item.sku}): 30 of 100 units will not arrive by ${inDays(5)}; last delivery ${inDays(9)}, 4 day(s) late`,
    ]);
    // Earlier again: still slipped but not further, so no new slip alert.
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 70, deliveryDate: inDays(5) }, { quantity: 30, deliveryDate: inDays(7) }]);
    expect(await slips()).toHaveLength(1);
    // Shorter: slips further.
    const short = await confirmLine(server, pair.supplier, lineId, [{ quantity: 80, deliveryDate: inDays(5) }]);
    expect(short).toMatchObject({ status: 'PARTIALLY_CONFIRMED', confirmedQuantity: 80, slipped: true });
    expect(await slips()).toHaveLength(2);
    // Back on time and in full: not slipped.
    expect((await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(4) }])).slipped).toBe(false);
    expect(await slips()).toHaveLength(2);
  });

  it('keeps the first confirmation and every later promise', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(10) }]);
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 50, deliveryDate: inDays(12) }, { quantity: 50, deliveryDate: inDays(14) }]);
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(13) }]);
    await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity: 30 } }, pair.retailer.token);
    const { purchaseOrder } = await server.ok(PurchaseOrderPromisesDocument, { id: order.id }, pair.retailer.token);
    const line = purchaseOrder!.lines[0];
    expect(line.requestedDate).toBe(inDays(10));
    expect(line.firstConfirmedSchedule).toEqual([{ quantity: 100, deliveryDate: inDays(10) }]);
    expect(line.schedule).toEqual([{ quantity: 100, deliveryDate: inDays(13) }]);
    expect(line.confirmations.map((c) => [c.sequence, c.kind, c.schedule.length])).toEqual([[1, 'CONFIRMED', 1], [2, 'CONFIRMED', 2], [3, 'CONFIRMED', 1]]);
    expect(line.receipts).toEqual([{ quantity: 30, receivedOn: inDays(0), actor: `${pair.retailer.email} (${pair.retailer.orgName})`, cursor: expect.any(String) }]);
    const rows = await server.query('SELECT sequence FROM confirmation WHERE line_id = $1 ORDER BY sequence', [lineId]);
    expect(rows).toEqual([{ sequence: 1 }, { sequence: 2 }, { sequence: 3 }]);
  });

  it('validates the schedule and who may confirm what, writing nothing on failure', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100 }]);
    const lineId = order.lines[0].id;
    const confirm = (schedule: { quantity: number; deliveryDate: string }[], token = pair.supplier.token) =>
      server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule } }, token);
    expectError(await confirm([{ quantity: 0, deliveryDate: inDays(3) }]), 'BAD_USER_INPUT', 'input.schedule[0].quantity');
    expectError(await confirm([{ quantity: 60, deliveryDate: inDays(3) }, { quantity: 41, deliveryDate: inDays(4) }]), 'BAD_USER_INPUT', 'input.schedule');
    expectError(await confirm([{ quantity: 10, deliveryDate: inDays(3) }, { quantity: 10, deliveryDate: inDays(-1) }]), 'BAD_USER_INPUT', 'input.schedule[1].deliveryDate');
    expectError(await confirm([]), 'BAD_USER_INPUT', 'input.schedule');
    expectError(await confirm([{ quantity: 10, deliveryDate: '2026-02-30' }]), 'BAD_USER_INPUT');
    expectError(await confirm([{ quantity: 10, deliveryDate: inDays(3) }], pair.retailer.token), 'FORBIDDEN');
    const rep = await addUser(server, pair.supplier, 'SUPPLIER_REP');
    const other = await signUp(server, 'SUPPLIER');
    expectError(await confirm([{ quantity: 10, deliveryDate: inDays(3) }], other.token), 'NOT_FOUND', 'input.lineId');
    expect(await server.query('SELECT 1 FROM schedule_line WHERE line_id = $1', [lineId])).toHaveLength(0);
    expect(await server.query('SELECT 1 FROM confirmation WHERE line_id = $1', [lineId])).toHaveLength(0);
    expect(await alertsOf(server, pair.retailer.orgId)).toHaveLength(0);
    const [{ version }] = await server.query<{ version: number }>('SELECT version FROM purchase_order WHERE id = $1', [order.id]);
    expect(version).toBe(1);
    // A rep of the addressed supplier may.
    expect((await confirm([{ quantity: 100, deliveryDate: inDays(3) }], rep.token)).errors).toBeUndefined();
  });

  it('only works on issued, not cancelled orders', async () => {
    const pair = await tradingPair(server);
    const draft = await createOrder(server, pair, [{}], false);
    expectError(await server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId: draft.lines[0].id, schedule: [{ quantity: 1, deliveryDate: inDays(1) }] } }, pair.supplier.token), 'NOT_FOUND', 'input.lineId');
  });
});

describe('rejectPurchaseOrderLine', () => {
  it('rejects with a reason, counts as a slip, and can follow a confirmation', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100 }, { quantity: 5 }]);
    await confirmLine(server, pair.supplier, order.lines[0].id, [{ quantity: 100, deliveryDate: inDays(10) }]);
    expectError(await server.gql(RejectPurchaseOrderLineDocument, { input: { lineId: order.lines[0].id, reason: '   ' } }, pair.supplier.token), 'BAD_USER_INPUT', 'input.reason');
    const { rejectPurchaseOrderLine } = await server.ok(RejectPurchaseOrderLineDocument, { input: { lineId: order.lines[0].id, reason: 'Plant fire' } }, pair.supplier.token);
    expect(rejectPurchaseOrderLine).toMatchObject({ status: 'REJECTED', rejectionReason: 'Plant fire', slipped: true, schedule: [], confirmedQuantity: 0, purchaseOrder: { status: 'PARTIALLY_CONFIRMED' } });
    const alerts = await alertsOf(server, pair.retailer.orgId);
    expect(alerts.map((a) => a.type)).toEqual(['PURCHASE_ORDER_CONFIRMED', 'PURCHASE_ORDER_CONFIRMED', 'SUPPLIER_SLIPPED', 'REALLOCATION_PROPOSED']);
    expect(alerts[1].message).toContain('rejected');
    expect(alerts[2].message).toContain('rejected all 100 units');
    expectError(await server.gql(RejectPurchaseOrderLineDocument, { input: { lineId: order.lines[0].id, reason: 'again' } }, pair.supplier.token), 'BAD_USER_INPUT', 'input.lineId');
  });
});

describe('receivePurchaseOrderLine', () => {
  it('records receipts and adds them to on-hand stock at the ship-to location', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 50 }]);
    const lineId = order.lines[0].id;
    await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity: 20 } }, pair.retailer.token);
    const { receivePurchaseOrderLine } = await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity: 30 } }, pair.retailer.token);
    expect(receivePurchaseOrderLine).toMatchObject({ receivedQuantity: 50, status: 'RECEIVED' });
    const { inventory } = await server.ok(InventoryDocument, { itemId: pair.item.id, locationId: pair.location.id }, pair.retailer.token);
    expect(inventory.edges.map((e) => e.node.onHand)).toEqual([50]);
  });

  it('refuses over-receipt, future dates, dates before issue and suppliers', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 10 }]);
    const lineId = order.lines[0].id;
    const receive = (input: { quantity: number; receivedAt?: string }, token = pair.retailer.token) =>
      server.gql(ReceivePurchaseOrderLineDocument, { input: { lineId, ...input } }, token);
    expectError(await receive({ quantity: 11 }), 'BAD_USER_INPUT', 'input.quantity');
    expectError(await receive({ quantity: 0 }), 'BAD_USER_INPUT', 'input.quantity');
    expectError(await receive({ quantity: 1, receivedAt: inDays(1) }), 'BAD_USER_INPUT', 'input.receivedAt');
    expectError(await receive({ quantity: 1, receivedAt: inDays(-3) }), 'BAD_USER_INPUT', 'input.receivedAt');
    expectError(await receive({ quantity: 1 }, pair.supplier.token), 'FORBIDDEN');
    expect(await server.query('SELECT 1 FROM receipt WHERE line_id = $1', [lineId])).toHaveLength(0);
    expect(await server.query('SELECT 1 FROM inventory_position WHERE item_id = $1', [pair.item.id])).toHaveLength(0);
  });
});
