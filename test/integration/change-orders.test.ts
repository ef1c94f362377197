import {
  AcceptPriceChangeDocument,
  ChangePurchaseOrderLineDocument,
  ConfirmLinesWithPriceDocument,
  ConfirmLineWithPriceDocument,
  CreateShipNoticeDocument,
  IssuePurchaseOrderDocument,
  OrderChangesDocument,
  PurchaseOrderDocument,
  ProjectedInventoryDocument,
  ReceivePurchaseOrderLineDocument,
  RejectPriceChangeDocument,
  RejectPurchaseOrderLineDocument,
} from '../../src/sdk/generated/graphql';
import { alertsOf, confirmLine, createOrder, expectError, inDays, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/** DESIGN.md, "Changes after an order is issued, both ways": change orders and price changes through the API. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const lastAlert = async (orgId: string, type: string) => (await alertsOf(server, orgId)).filter((a) => a.type === type).at(-1);

describe('changePurchaseOrderLine (the buyer\'s change order)', () => {
  it('cuts a promised line from 100 to 60 and moves its date: acknowledgement required, projection by the old promise capped, supplier told old -> new', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(8) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 60, deliveryDate: inDays(5) }, { quantity: 40, deliveryDate: inDays(9) }]);

    const { changePurchaseOrderLine: line } = await server.ok(ChangePurchaseOrderLineDocument, {
      input: { lineId, quantity: 60, requestedDate: inDays(6), reason: 'demand dropped', expectedVersion: 2 },
    }, pair.retailer.token);
    expect(line).toMatchObject({
      quantity: 60, requestedDate: inDays(6), acknowledgementRequired: true, status: 'CONFIRMED', slipped: false, openQuantity: 60,
      purchaseOrder: { version: 3 },
    });
    // The promise as given is kept; what is still to come of it is capped at 60, the latest delivery cut first.
    expect(line.schedule).toEqual([{ quantity: 60, deliveryDate: inDays(5) }, { quantity: 40, deliveryDate: inDays(9) }]);
    expect(line.remainingSchedule).toEqual([{ quantity: 60, deliveryDate: inDays(5) }]);

    // Projection: 60 inbound on day 5 and nothing on day 9 (no stock, no demand).
    const { projectedInventory } = await server.ok(ProjectedInventoryDocument, { itemId: pair.item.id, locationId: pair.location.id, horizonDays: 12 }, pair.retailer.token);
    expect(projectedInventory.filter((d) => d.inbound > 0).map((d) => [d.date, d.inbound])).toEqual([[inDays(5), 60]]);

    const changed = await lastAlert(pair.supplier.orgId, 'PURCHASE_ORDER_CHANGED');
    expect(changed?.message).toBe(`${pair.retailer.orgName} changed ${order.number} line 1 (${pair.item.sku}): quantity 100 -> 60, `
      + `requested date ${inDays(8)} -> ${inDays(6)}: demand dropped. Confirm or reject the line again to acknowledge`);
    expect(changed?.purchase_order_line_id).toBe(lineId);
    expect((await alertsOf(server, pair.retailer.orgId)).filter((a) => a.type === 'SUPPLIER_SLIPPED')).toHaveLength(1); // the first, late promise only

    // The supplier acknowledges with a new promise: the wait ends and the history says so.
    const answered = await confirmLine(server, pair.supplier, lineId, [{ quantity: 60, deliveryDate: inDays(6) }]);
    const { purchaseOrder } = await server.ok(OrderChangesDocument, { id: order.id }, pair.retailer.token);
    expect(purchaseOrder!.lines[0]).toMatchObject({ acknowledgementRequired: false, slipped: false, status: 'CONFIRMED' });
    expect(answered.slipped).toBe(false);
    const history = purchaseOrder!.history.map((h) => [h.action, h.details]);
    expect(history).toContainEqual(['LINE_CHANGED', `Line 1 (${pair.item.sku}): quantity 100 -> 60, requested date ${inDays(8)} -> ${inDays(6)}: demand dropped; the supplier must acknowledge it`]);
    expect(history.at(-1)).toEqual(['LINE_RECONFIRMED', `Line 1 (${pair.item.sku}): 60 on ${inDays(6)} (was: 60 on ${inDays(5)}), acknowledging the change`]);
  });

  it('raises a promised line: the extra quantity counts on the requested date until the supplier answers', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(8) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(7) }]);
    const { changePurchaseOrderLine: line } = await server.ok(ChangePurchaseOrderLineDocument, { input: { lineId, quantity: 130, reason: 'promotion' } }, pair.retailer.token);
    expect(line).toMatchObject({ quantity: 130, acknowledgementRequired: true, status: 'PARTIALLY_CONFIRMED', slipped: false });
    const { projectedInventory } = await server.ok(ProjectedInventoryDocument, { itemId: pair.item.id, locationId: pair.location.id, horizonDays: 12 }, pair.retailer.token);
    expect(projectedInventory.filter((d) => d.inbound > 0).map((d) => [d.date, d.inbound])).toEqual([[inDays(7), 100], [inDays(8), 30]]);
  });

  it('changes a line never promised without asking for acknowledgement', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(8) }]);
    const { changePurchaseOrderLine: line } = await server.ok(ChangePurchaseOrderLineDocument, {
      input: { lineId: order.lines[0].id, requestedDate: inDays(12), reason: 'store opening moved' },
    }, pair.retailer.token);
    expect(line).toMatchObject({ quantity: 100, requestedDate: inDays(12), acknowledgementRequired: false, status: 'OPEN' });
    expect((await lastAlert(pair.supplier.orgId, 'PURCHASE_ORDER_CHANGED'))?.message)
      .toBe(`${pair.retailer.orgName} changed ${order.number} line 1 (${pair.item.sku}): requested date ${inDays(8)} -> ${inDays(12)}: store opening moved`);
  });

  it('changes a draft\'s line and leaves the order a DRAFT: the supplier sees it only once it is issued, with the change', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(8) }], false);
    expect(order.status).toBe('DRAFT');
    const lineId = order.lines[0].id;
    const { changePurchaseOrderLine: line } = await server.ok(ChangePurchaseOrderLineDocument, { input: { lineId, quantity: 60, reason: 'draft edit' } }, pair.retailer.token);
    expect(line).toMatchObject({ quantity: 60, status: 'OPEN', purchaseOrder: { status: 'DRAFT', version: 2 } });
    // Not sent by the change (it used to roll the draft up to ISSUED: no issue date, no PURCHASE_ORDER_ISSUED, its lines
    // still hidden from the supplier): the supplier sees nothing of it yet.
    expect((await server.ok(PurchaseOrderDocument, { id: order.id }, pair.supplier.token)).purchaseOrder).toBeNull();
    expect(await lastAlert(pair.supplier.orgId, 'PURCHASE_ORDER_ISSUED')).toBeUndefined();

    await server.ok(IssuePurchaseOrderDocument, { id: order.id }, pair.retailer.token);
    const { purchaseOrder } = await server.ok(PurchaseOrderDocument, { id: order.id }, pair.supplier.token);
    expect(purchaseOrder).toMatchObject({ status: 'ISSUED', lines: [{ id: lineId, quantity: 60 }] });
    expect(purchaseOrder?.issuedAt).toBeTruthy();
    expect(await lastAlert(pair.supplier.orgId, 'PURCHASE_ORDER_ISSUED')).toBeDefined();
  });

  it('never goes below received + in transit, and refuses what it may not change, writing nothing', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(8) }, { quantity: 10, requestedDate: inDays(8) }]);
    const [lineId, otherId] = order.lines.map((l) => l.id);
    await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity: 30 } }, pair.retailer.token);
    await server.ok(CreateShipNoticeDocument, {
      input: { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(3), lines: [{ lineId, quantity: 20 }] },
    }, pair.supplier.token);
    const change = (input: { lineId?: string; quantity?: number; requestedDate?: string; expectedVersion?: number }, token = pair.retailer.token) =>
      server.gql(ChangePurchaseOrderLineDocument, { input: { lineId, reason: 'why not', ...input } }, token);
    await server.ok(RejectPurchaseOrderLineDocument, { input: { lineId: otherId, reason: 'discontinued' } }, pair.supplier.token);
    const before = await server.ok(OrderChangesDocument, { id: order.id }, pair.retailer.token);

    const floor = expectError(await change({ quantity: 49 }), 'BAD_USER_INPUT', 'input.quantity');
    expect(floor.message).toBe('The quantity cannot go below 50 (30 received, 20 in transit)');
    expectError(await change({ requestedDate: inDays(-1) }), 'BAD_USER_INPUT', 'input.requestedDate');
    expectError(await change({ quantity: 100 }), 'BAD_USER_INPUT', 'input.quantity'); // nothing to change
    expectError(await change({ quantity: 80, expectedVersion: 1 }), 'CONFLICT', 'input.expectedVersion');
    expectError(await change({ quantity: 80 }, pair.supplier.token), 'FORBIDDEN');
    expectError(await change({ lineId: otherId, quantity: 5 }), 'BAD_USER_INPUT', 'input.lineId');
    const after = await server.ok(OrderChangesDocument, { id: order.id }, pair.retailer.token);
    expect(after.purchaseOrder!.lines[0]).toEqual(before.purchaseOrder!.lines[0]);

    const { changePurchaseOrderLine: line } = await server.ok(ChangePurchaseOrderLineDocument, { input: { lineId, quantity: 50, reason: 'enough', idempotencyKey: 'cut-1' } }, pair.retailer.token);
    expect(line).toMatchObject({ quantity: 50, openQuantity: 20, inTransitQuantity: 20, receivedQuantity: 30, status: 'PARTIALLY_RECEIVED' });
    // The same key again: the first result, applied once.
    const again = await server.ok(ChangePurchaseOrderLineDocument, { input: { lineId, quantity: 50, reason: 'enough', idempotencyKey: 'cut-1' } }, pair.retailer.token);
    expect(again.changePurchaseOrderLine.purchaseOrder.version).toBe(line.purchaseOrder.version);
  });
});

describe('price changes on acknowledgement (confirmation with unitCost)', () => {
  it('holds a proposed price until the retailer accepts it (unitCost changes, history and alerts both ways)', async () => {
    const pair = await tradingPair(server); // rule unit cost 4.50
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(8) }]);
    const lineId = order.lines[0].id;
    const { confirmPurchaseOrderLine: line } = await server.ok(ConfirmLineWithPriceDocument, {
      input: { lineId, schedule: [{ quantity: 100, deliveryDate: inDays(8) }], unitCost: '4.75' },
    }, pair.supplier.token);
    expect(line).toMatchObject({ unitCost: '4.50', proposedUnitCost: '4.75', status: 'CONFIRMED' });
    expect((await lastAlert(pair.retailer.orgId, 'PURCHASE_ORDER_CONFIRMED'))?.message)
      .toBe(`${pair.supplier.orgName} confirmed ${order.number} line 1 (${pair.item.sku}): 100 on ${inDays(8)}; proposes unit cost 4.50 -> 4.75: accept or reject it`);

    expectError(await server.gql(AcceptPriceChangeDocument, { lineId }, pair.supplier.token), 'FORBIDDEN');
    const { acceptPriceChange } = await server.ok(AcceptPriceChangeDocument, { lineId }, pair.retailer.token);
    expect(acceptPriceChange).toMatchObject({ unitCost: '4.75', proposedUnitCost: null });
    expect((await lastAlert(pair.supplier.orgId, 'PURCHASE_ORDER_CHANGED'))?.message)
      .toBe(`${pair.retailer.orgName} accepted your price for ${order.number} line 1 (${pair.item.sku}): unit cost 4.50 -> 4.75`);
    const { purchaseOrder } = await server.ok(OrderChangesDocument, { id: order.id }, pair.supplier.token);
    expect(purchaseOrder!.history.map((h) => [h.action, h.details]).slice(-2)).toEqual([
      ['LINE_CONFIRMED', `Line 1 (${pair.item.sku}): 100 on ${inDays(8)} (was: unconfirmed); proposes unit cost 4.50 -> 4.75`],
      ['PRICE_CHANGE_ACCEPTED', `Line 1 (${pair.item.sku}): unit cost 4.50 -> 4.75, as ${pair.supplier.orgName} proposed`],
    ]);
    // Nothing pending any more.
    expectError(await server.gql(AcceptPriceChangeDocument, { lineId }, pair.retailer.token), 'BAD_USER_INPUT', 'lineId');
  });

  it('rejects a proposed price with a reason: the price stays and the supplier is told', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(8) }]);
    const lineId = order.lines[0].id;
    await server.ok(ConfirmLineWithPriceDocument, { input: { lineId, schedule: [{ quantity: 100, deliveryDate: inDays(8) }], unitCost: '5.1' } }, pair.supplier.token);
    expectError(await server.gql(RejectPriceChangeDocument, { lineId, reason: '  ' }, pair.retailer.token), 'BAD_USER_INPUT', 'reason');
    const { rejectPriceChange } = await server.ok(RejectPriceChangeDocument, { lineId, reason: 'contract price' }, pair.retailer.token);
    expect(rejectPriceChange).toMatchObject({ unitCost: '4.50', proposedUnitCost: null });
    expect((await lastAlert(pair.supplier.orgId, 'PURCHASE_ORDER_CHANGED'))?.message)
      .toBe(`${pair.retailer.orgName} rejected your proposed unit cost 5.10 for ${order.number} line 1 (${pair.item.sku}); it stays 4.50: contract price`);
    const { purchaseOrder } = await server.ok(OrderChangesDocument, { id: order.id }, pair.retailer.token);
    expect(purchaseOrder!.history.at(-1)).toMatchObject({ action: 'PRICE_CHANGE_REJECTED', details: `Line 1 (${pair.item.sku}): proposed unit cost 5.10 rejected, stays 4.50: contract price` });
  });

  it('works in the bulk confirmation: a price per line, and acknowledging changed lines', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(8) }, { quantity: 50, requestedDate: inDays(8) }]);
    const [a, b] = order.lines.map((l) => l.id);
    await confirmLine(server, pair.supplier, a, [{ quantity: 100, deliveryDate: inDays(8) }]);
    await server.ok(ChangePurchaseOrderLineDocument, { input: { lineId: a, quantity: 80, reason: 'less' } }, pair.retailer.token);
    const { confirmPurchaseOrderLines: lines } = await server.ok(ConfirmLinesWithPriceDocument, {
      input: { lines: [
        { lineId: a, schedule: [{ quantity: 80, deliveryDate: inDays(8) }], unitCost: '4.40' },
        { lineId: b, schedule: [{ quantity: 50, deliveryDate: inDays(8) }], unitCost: '4.50' },
      ] },
    }, pair.supplier.token);
    expect(lines.map((l) => [l.acknowledgementRequired, l.unitCost, l.proposedUnitCost, l.quantity])).toEqual([[false, '4.50', '4.40', 80], [false, '4.50', null, 50]]);
  });
});
