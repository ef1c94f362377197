import { randomUUID } from 'node:crypto';
import {
  CancelShipNoticeDocument,
  CloseShipNoticeDocument,
  CreateShipNoticeDocument,
  InventoryDocument,
  ProjectedInventoryDocument,
  PurchaseOrderDocument,
  PurchaseOrderLineShipmentsDocument,
  ReallocationProposalsDocument,
  ReceivePurchaseOrderLineDocument,
  ReceiveShipNoticeDocument,
  ShipNoticeDocument,
  ShipNoticesDocument,
  type CreateShipNoticeInput,
} from '../../src/sdk/generated/graphql';
import { alertsOf, confirmLine, createItem, createLocation, createOrder, expectError, inDays, partner, signUp, sourcingRule, tradingPair, unique } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Advance ship notices end to end through the API (issue 12, point 2;
 * DESIGN.md "Ship notices"): create, in transit counted once on its
 * expected arrival, receive against it, cancel, close with a remainder,
 * late arrivals slipping, numbering and who may see and do what.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Pair = Awaited<ReturnType<typeof tradingPair>>;

const notice = (pair: Pair, lines: { lineId: string; quantity: number }[], over: Partial<CreateShipNoticeInput> = {}) =>
  server.gql(CreateShipNoticeDocument, { input: { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(3), lines, ...over } }, pair.supplier.token);
const shipped = async (pair: Pair, lines: { lineId: string; quantity: number }[], over: Partial<CreateShipNoticeInput> = {}) => {
  const result = await notice(pair, lines, over);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.createShipNotice;
};
const inbound = async (pair: Pair, token = pair.retailer.token) =>
  (await server.ok(ProjectedInventoryDocument, { itemId: pair.item.id, locationId: pair.location.id, horizonDays: 14 }, token)).projectedInventory
    .filter((d) => d.inbound > 0)
    .map((d) => [d.date, d.inbound]);
/** A notice never records more received than it carried, and a line never has more in transit than it still owes. */
const expectNoticeInvariants = async () => {
  expect(await server.query('SELECT ship_notice_id, line_id FROM ship_notice_line WHERE received_quantity > quantity')).toEqual([]);
  expect(await server.query('SELECT id FROM purchase_order_line WHERE in_transit_quantity > greatest(0, quantity - cancelled_quantity - received_quantity)')).toEqual([]);
};
const lineOf = async (pair: Pair, orderId: string, index = 0) => (await server.ok(PurchaseOrderDocument, { id: orderId }, pair.retailer.token)).purchaseOrder!.lines[index];

describe('createShipNotice', () => {
  it('moves the shipped quantity from the promise to in transit, counted once on its expected arrival, numbered per supplier', async () => {
    const pair = await tradingPair(server);
    const first = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }]);
    const second = await createOrder(server, pair, [{ quantity: 20, requestedDate: inDays(6) }]);
    await confirmLine(server, pair.supplier, first.lines[0].id, [{ quantity: 60, deliveryDate: inDays(4) }, { quantity: 40, deliveryDate: inDays(5) }]);
    expect(await inbound(pair)).toEqual([[inDays(4), 60], [inDays(5), 40], [inDays(6), 20]]);

    const asn = await shipped(pair, [{ lineId: first.lines[0].id, quantity: 70 }, { lineId: second.lines[0].id, quantity: 20 }], {
      expectedArrival: inDays(3), carrier: ' DHL ', trackingNumber: 'JD014600006281',
    });
    expect(asn).toMatchObject({
      number: 'ASN-000001', status: 'IN_TRANSIT', shippedOn: inDays(0), expectedArrival: inDays(3), carrier: 'DHL', trackingNumber: 'JD014600006281',
      retailer: { id: pair.retailer.orgId }, supplier: { id: pair.supplier.orgId }, shipTo: { id: pair.location.id },
    });
    expect(asn.lines.map((l) => [l.purchaseOrderLine.id, l.quantity, l.receivedQuantity, l.purchaseOrderLine.inTransitQuantity, l.purchaseOrderLine.openQuantity])).toEqual([
      [first.lines[0].id, 70, 0, 70, 100],
      [second.lines[0].id, 20, 0, 20, 20],
    ]);
    // 70 left the promise (its 60 on day 4, then 10 of day 5): what stays promised is 30 on day 5; nothing counts twice.
    expect(await lineOf(pair, first.id)).toMatchObject({ status: 'CONFIRMED', slipped: false, remainingSchedule: [{ quantity: 30, deliveryDate: inDays(5) }] });
    expect(await inbound(pair)).toEqual([[inDays(3), 90], [inDays(5), 30]]);
    // The supplier's own projection counts its notice too.
    expect(await inbound(pair, pair.supplier.token)).toEqual([[inDays(3), 90], [inDays(5), 30]]);

    // The retailer is told; the next notice of this supplier is ASN-000002, another supplier starts at ASN-000001.
    const created = (await alertsOf(server, pair.retailer.orgId)).filter((a) => a.type === 'SHIP_NOTICE_CREATED');
    expect(created.map((a) => a.message)).toEqual([`${pair.supplier.orgName} shipped ASN-000001 to ${pair.location.code}: 2 line(s), 90 units, expected ${inDays(3)} by DHL, tracking JD014600006281`]);
    expect((await shipped(pair, [{ lineId: first.lines[0].id, quantity: 30 }])).number).toBe('ASN-000002');
    const other = await tradingPair(server);
    const otherOrder = await createOrder(server, other, [{ quantity: 5 }]);
    expect((await shipped(other, [{ lineId: otherOrder.lines[0].id, quantity: 5 }])).number).toBe('ASN-000001');

    // Each line on its notices, both ways.
    const { purchaseOrder } = await server.ok(PurchaseOrderLineShipmentsDocument, { id: first.id }, pair.supplier.token);
    expect(purchaseOrder!.lines[0].shipNoticeLines.map((l) => [l.shipNotice.number, l.quantity])).toEqual([['ASN-000001', 70], ['ASN-000002', 30]]);
  });

  it('refuses more than the open quantity not already in transit, another retailer\'s or location\'s lines, and bad dates, writing nothing', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 50 }]);
    const lineId = order.lines[0].id;
    await shipped(pair, [{ lineId, quantity: 30 }]);
    const before = await server.query('SELECT count(*)::int AS n FROM ship_notice');
    const tooMuch = await notice(pair, [{ lineId, quantity: 21 }]);
    expect(expectError(tooMuch, 'BAD_USER_INPUT', 'input.lines[0].quantity').message).toBe(`Line 1 of ${order.number}: At most 20 can be shipped on this line (50 open, 30 already in transit)`);
    expectError(await notice(pair, [{ lineId, quantity: 1 }, { lineId, quantity: 1 }]), 'BAD_USER_INPUT', 'input.lines[1].lineId');
    expectError(await notice(pair, [{ lineId, quantity: 1 }], { shippedOn: inDays(1), expectedArrival: inDays(2) }), 'BAD_USER_INPUT', 'input.shippedOn');
    expectError(await notice(pair, [{ lineId, quantity: 1 }], { shippedOn: inDays(-3), expectedArrival: inDays(-1) }), 'BAD_USER_INPUT', 'input.expectedArrival');
    expectError(await notice(pair, []), 'BAD_USER_INPUT', 'input.lines');
    // A ship-to location that does not exist is named as such, not as the line's.
    expect(expectError(await notice(pair, [{ lineId, quantity: 1 }], { shipToId: randomUUID() }), 'NOT_FOUND', 'input.shipToId').message).toMatch(/Location/);

    // Another location of the same retailer: one notice per ship-to.
    const elsewhere = await createLocation(server, pair.retailer.token);
    const there = await createOrder(server, { ...pair, location: elsewhere }, [{ quantity: 5 }]);
    expectError(await notice(pair, [{ lineId, quantity: 1 }, { lineId: there.lines[0].id, quantity: 1 }]), 'BAD_USER_INPUT', 'input.lines[1].lineId');
    // Another retailer's line (the supplier trades with both): one retailer per notice.
    const rival = await signUp(server, 'RETAILER');
    await partner(server, rival, pair.supplier);
    const rivalItem = await createItem(server, rival.token);
    const rivalLocation = await createLocation(server, rival.token);
    await sourcingRule(server, rival.token, { itemId: rivalItem.id, supplierId: pair.supplier.orgId });
    const rivalOrder = await createOrder(server, { retailer: rival, supplier: pair.supplier, item: rivalItem, location: rivalLocation }, [{ quantity: 5 }]);
    expectError(await notice(pair, [{ lineId, quantity: 1 }, { lineId: rivalOrder.lines[0].id, quantity: 1 }]), 'BAD_USER_INPUT', 'input.lines[1].lineId');
    // A rejected line, a draft, and lines of another supplier are not shippable.
    const draft = await createOrder(server, pair, [{ quantity: 5 }], false);
    expectError(await notice(pair, [{ lineId: draft.lines[0].id, quantity: 1 }]), 'NOT_FOUND', 'input.lines[0].lineId');
    const stranger = await signUp(server, 'SUPPLIER');
    await partner(server, pair.retailer, stranger); // it sees the location, not the line
    expectError(await server.gql(CreateShipNoticeDocument, {
      input: { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(3), lines: [{ lineId, quantity: 1 }] },
    }, stranger.token), 'NOT_FOUND', 'input.lines[0].lineId');
    // The retailer does not send ship notices.
    expectError(await server.gql(CreateShipNoticeDocument, {
      input: { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(3), lines: [{ lineId, quantity: 1 }] },
    }, pair.retailer.token), 'FORBIDDEN');
    expect(await server.query('SELECT count(*)::int AS n FROM ship_notice')).toEqual(before);
    expect(await lineOf(pair, order.id)).toMatchObject({ inTransitQuantity: 30 });
  });

  it('applies a repeated idempotency key once, even when the retries race', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 50 }]);
    const input = { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(2), lines: [{ lineId: order.lines[0].id, quantity: 40 }], idempotencyKey: unique('edi-856') };
    const results = await Promise.all([1, 2, 3].map(() => server.gql(CreateShipNoticeDocument, { input }, pair.supplier.token)));
    expect(new Set(results.map((r) => r.data?.createShipNotice.id)).size).toBe(1);
    expect(results.map((r) => r.data?.createShipNotice.number)).toEqual(['ASN-000001', 'ASN-000001', 'ASN-000001']);
    expect(await lineOf(pair, order.id)).toMatchObject({ inTransitQuantity: 40 });
    expectError(await server.gql(CreateShipNoticeDocument, { input: { ...input, lines: [{ lineId: order.lines[0].id, quantity: 41 }] } }, pair.supplier.token), 'BAD_USER_INPUT', 'input.idempotencyKey');
  });

  it('makes a line slip when it arrives after the requested date: SUPPLIER_SLIPPED and a proposal', async () => {
    const pair = await tradingPair(server);
    const backup = await signUp(server, 'SUPPLIER');
    await partner(server, pair.retailer, backup);
    await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: backup.orgId, priority: 2, quotedLeadTimeDays: 2 });
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(5) }]);
    await shipped(pair, [{ lineId, quantity: 100 }], { expectedArrival: inDays(8) });
    expect(await lineOf(pair, order.id)).toMatchObject({ slipped: true, status: 'CONFIRMED', inTransitQuantity: 100 });
    const slips = (await alertsOf(server, pair.retailer.orgId)).filter((a) => a.type === 'SUPPLIER_SLIPPED');
    expect(slips.map((a) => a.message)).toEqual([expect.stringContaining(`shipped goods expected ${inDays(8)}, 3 day(s) late`)]);
    const proposals = (await server.ok(ReallocationProposalsDocument, {}, pair.retailer.token)).reallocationProposals.edges.map((e) => e.node);
    expect(proposals).toEqual([expect.objectContaining({ sourceLine: expect.objectContaining({ id: lineId }), shortfallQuantity: 100, status: 'PROPOSED' })]);
  });
});

describe('receiving against a ship notice', () => {
  it('takes each quantity off the notice\'s in-transit quantity first, adds it to stock, and rolls the notice up', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(5) }]);
    const asn = await shipped(pair, [{ lineId, quantity: 60 }], { expectedArrival: inDays(2) });

    // Only the retailer receives.
    expectError(await server.gql(ReceiveShipNoticeDocument, { input: { shipNoticeId: asn.id, lines: [{ lineId, quantity: 1 }] } }, pair.supplier.token), 'FORBIDDEN');
    const { receiveShipNotice: part } = await server.ok(ReceiveShipNoticeDocument, { input: { shipNoticeId: asn.id, lines: [{ lineId, quantity: 45 }] } }, pair.retailer.token);
    expect(part).toMatchObject({ status: 'PARTIALLY_RECEIVED', lines: [{ quantity: 60, receivedQuantity: 45, purchaseOrderLine: { receivedQuantity: 45, inTransitQuantity: 15, openQuantity: 55 } }] });
    expect(await inbound(pair)).toEqual([[inDays(2), 15], [inDays(5), 40]]);
    const stock = (await server.ok(InventoryDocument, { itemId: pair.item.id }, pair.retailer.token)).inventory.edges.map((e) => e.node.onHand);
    expect(stock).toEqual([45]);
    // A receipt on the line alone takes what is in transit first.
    await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity: 20 } }, pair.retailer.token);
    const after = (await server.ok(ShipNoticeDocument, { id: asn.id }, pair.retailer.token)).shipNotice!;
    expect(after).toMatchObject({ status: 'RECEIVED', lines: [{ receivedQuantity: 60, purchaseOrderLine: { receivedQuantity: 65, inTransitQuantity: 0, openQuantity: 35 } }] });
    expect(await inbound(pair)).toEqual([[inDays(5), 35]]);
    expect(await lineOf(pair, order.id)).toMatchObject({ status: 'PARTIALLY_RECEIVED', remainingSchedule: [{ quantity: 35, deliveryDate: inDays(5) }] });
    // A received notice takes nothing more; a line not on the notice is refused.
    expectError(await server.gql(ReceiveShipNoticeDocument, { input: { shipNoticeId: asn.id, lines: [{ lineId, quantity: 1 }] } }, pair.retailer.token), 'BAD_USER_INPUT', 'input.shipNoticeId');
    const other = await createOrder(server, pair, [{ quantity: 5 }]);
    const second = await shipped(pair, [{ lineId, quantity: 10 }]);
    expectError(await server.gql(ReceiveShipNoticeDocument, { input: { shipNoticeId: second.id, lines: [{ lineId: other.lines[0].id, quantity: 1 }] } }, pair.retailer.token), 'BAD_USER_INPUT', 'input.lines[0].lineId');
    const history = (await server.ok(PurchaseOrderDocument, { id: order.id }, pair.supplier.token)).purchaseOrder!.history;
    expect(history.filter((h) => h.action === 'LINE_RECEIVED').map((h) => h.details)).toEqual([
      expect.stringContaining(`received 45 on ${inDays(0)} against ASN-000001 (45 of 100 in all)`),
      expect.stringContaining('received 20'),
    ]);
  });

  it('closes a notice with a remainder: no longer expected, back to open and unscheduled, the line slips', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(5) }]);
    const asn = await shipped(pair, [{ lineId, quantity: 100 }], { expectedArrival: inDays(4) });
    await server.ok(ReceiveShipNoticeDocument, { input: { shipNoticeId: asn.id, lines: [{ lineId, quantity: 70 }] } }, pair.retailer.token);
    expectError(await server.gql(CloseShipNoticeDocument, { id: asn.id }, pair.supplier.token), 'FORBIDDEN');
    const { closeShipNotice } = await server.ok(CloseShipNoticeDocument, { id: asn.id }, pair.retailer.token);
    expect(closeShipNotice).toMatchObject({ status: 'CLOSED', lines: [{ quantity: 100, receivedQuantity: 70, purchaseOrderLine: { inTransitQuantity: 0, openQuantity: 30, receivedQuantity: 70 } }] });
    expect(await lineOf(pair, order.id)).toMatchObject({ status: 'PARTIALLY_RECEIVED', slipped: true, remainingSchedule: [] });
    expect(await inbound(pair)).toEqual([]);
    const slips = (await alertsOf(server, pair.retailer.orgId)).filter((a) => a.type === 'SUPPLIER_SLIPPED');
    expect(slips.map((a) => a.message)).toEqual([expect.stringContaining('30 of 30 units still owed will not arrive')]);
    const changed = (await alertsOf(server, pair.supplier.orgId)).filter((a) => a.type === 'PURCHASE_ORDER_CHANGED');
    expect(changed.map((a) => a.message)).toEqual([`${pair.retailer.orgName} closed ASN-000001 with goods not received: ${order.number} line 1 (${pair.item.sku}): 30 back to open, promise them again`]);
    // The supplier promises the 30 again.
    expect(await confirmLine(server, pair.supplier, lineId, [{ quantity: 30, deliveryDate: inDays(9) }])).toMatchObject({ openQuantity: 30, remainingSchedule: [{ quantity: 30, deliveryDate: inDays(9) }] });
    expectError(await server.gql(CloseShipNoticeDocument, { id: asn.id }, pair.retailer.token), 'BAD_USER_INPUT', 'id');
  });

  it('takes what one notice does not carry off the line\'s other notices (earliest arrival first), then the promise', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(5) }]);
    const first = await shipped(pair, [{ lineId, quantity: 50 }], { expectedArrival: inDays(2) });
    const second = await shipped(pair, [{ lineId, quantity: 50 }], { expectedArrival: inDays(3) });

    // 60 against ASN-000001 (50): its 50, then 10 of ASN-000002.
    const { receiveShipNotice } = await server.ok(ReceiveShipNoticeDocument, { input: { shipNoticeId: first.id, lines: [{ lineId, quantity: 60 }] } }, pair.retailer.token);
    expect(receiveShipNotice).toMatchObject({
      number: 'ASN-000001', status: 'RECEIVED',
      lines: [{ quantity: 50, receivedQuantity: 50, purchaseOrderLine: { receivedQuantity: 60, openQuantity: 40, inTransitQuantity: 40 } }],
    });
    expect((await server.ok(ShipNoticeDocument, { id: second.id }, pair.retailer.token)).shipNotice).toMatchObject({ status: 'PARTIALLY_RECEIVED', lines: [{ quantity: 50, receivedQuantity: 10 }] });
    expect(await inbound(pair)).toEqual([[inDays(3), 40]]);
    // The rest of ASN-000002 arrives in full.
    const { receiveShipNotice: rest } = await server.ok(ReceiveShipNoticeDocument, { input: { shipNoticeId: second.id, lines: [{ lineId, quantity: 40 }] } }, pair.retailer.token);
    expect(rest).toMatchObject({ status: 'RECEIVED', lines: [{ quantity: 50, receivedQuantity: 50, purchaseOrderLine: { status: 'RECEIVED', openQuantity: 0, inTransitQuantity: 0 } }] });
    expect(await inbound(pair)).toEqual([]);
    await expectNoticeInvariants();
  });

  it('receiving everything against one notice receives the line\'s other notices too; beyond them the promise, then the tolerance', async () => {
    const pair = await tradingPair(server);
    await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: pair.supplier.orgId, overDeliveryTolerancePercent: 10 });
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(5) }]);
    // Three notices: the one received against arrives last; the others are taken earliest arrival first.
    const late = await shipped(pair, [{ lineId, quantity: 30 }], { expectedArrival: inDays(4) });
    const middle = await shipped(pair, [{ lineId, quantity: 30 }], { expectedArrival: inDays(3) });
    const early = await shipped(pair, [{ lineId, quantity: 20 }], { expectedArrival: inDays(2) });
    const status = async () => Promise.all([late, middle, early].map(async (n) => {
      const { shipNotice } = await server.ok(ShipNoticeDocument, { id: n.id }, pair.retailer.token);
      return [shipNotice!.number, shipNotice!.status, shipNotice!.lines[0].receivedQuantity];
    }));
    await server.ok(ReceiveShipNoticeDocument, { input: { shipNoticeId: late.id, lines: [{ lineId, quantity: 55 }] } }, pair.retailer.token);
    expect(await status()).toEqual([['ASN-000001', 'RECEIVED', 30], ['ASN-000002', 'PARTIALLY_RECEIVED', 5], ['ASN-000003', 'RECEIVED', 20]]);
    expect(await lineOf(pair, order.id)).toMatchObject({ receivedQuantity: 55, openQuantity: 45, inTransitQuantity: 25, remainingSchedule: [{ quantity: 20, deliveryDate: inDays(5) }] });
    expect(await inbound(pair)).toEqual([[inDays(3), 25], [inDays(5), 20]]);

    // 55 more against ASN-000002: its 25, the 20 still promised, and 10 over (within 10% of 100).
    const { receiveShipNotice } = await server.ok(ReceiveShipNoticeDocument, { input: { shipNoticeId: middle.id, lines: [{ lineId, quantity: 55 }] } }, pair.retailer.token);
    expect(receiveShipNotice).toMatchObject({ status: 'RECEIVED', lines: [{ quantity: 30, receivedQuantity: 30, purchaseOrderLine: { status: 'RECEIVED', openQuantity: 0, inTransitQuantity: 0, receivedQuantity: 100 } }] });
    expect(await lineOf(pair, order.id)).toMatchObject({ overDeliveredQuantity: 10, remainingSchedule: [] });
    expect(await status()).toEqual([['ASN-000001', 'RECEIVED', 30], ['ASN-000002', 'RECEIVED', 30], ['ASN-000003', 'RECEIVED', 20]]);
    const stock = (await server.ok(InventoryDocument, { itemId: pair.item.id }, pair.retailer.token)).inventory.edges.map((e) => e.node.onHand);
    expect(stock).toEqual([110]);
    await expectNoticeInvariants();
  });

  it('receiving 100 against one of two notices of 50 receives both: the line RECEIVED, nothing in transit', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(5) }]);
    const first = await shipped(pair, [{ lineId, quantity: 50 }], { expectedArrival: inDays(2) });
    const second = await shipped(pair, [{ lineId, quantity: 50 }], { expectedArrival: inDays(3) });
    await server.ok(ReceiveShipNoticeDocument, { input: { shipNoticeId: first.id, lines: [{ lineId, quantity: 100 }] } }, pair.retailer.token);
    expect(await lineOf(pair, order.id)).toMatchObject({ status: 'RECEIVED', openQuantity: 0, inTransitQuantity: 0, receivedQuantity: 100 });
    expect((await server.ok(ShipNoticeDocument, { id: second.id }, pair.retailer.token)).shipNotice).toMatchObject({ status: 'RECEIVED', lines: [{ receivedQuantity: 50 }] });
    expect(await inbound(pair)).toEqual([]);
    await expectNoticeInvariants();
  });

  it('closes a notice on a never-confirmed line: the remainder is unscheduled, not inbound as requested; the line slips, the selector is asked, the supplier is told', async () => {
    const pair = await tradingPair(server);
    const backup = await signUp(server, 'SUPPLIER');
    await partner(server, pair.retailer, backup);
    await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: backup.orgId, priority: 2, quotedLeadTimeDays: 2 });
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }]);
    const lineId = order.lines[0].id;
    const asn = await shipped(pair, [{ lineId, quantity: 100 }], { expectedArrival: inDays(4) });
    await server.ok(ReceiveShipNoticeDocument, { input: { shipNoticeId: asn.id, lines: [{ lineId, quantity: 40 }] } }, pair.retailer.token);
    expect(await lineOf(pair, order.id)).toMatchObject({ status: 'PARTIALLY_RECEIVED', slipped: false });
    await server.ok(CloseShipNoticeDocument, { id: asn.id }, pair.retailer.token);

    expect(await lineOf(pair, order.id)).toMatchObject({ status: 'PARTIALLY_RECEIVED', slipped: true, openQuantity: 60, inTransitQuantity: 0, remainingSchedule: [] });
    expect(await inbound(pair)).toEqual([]);
    const retailerAlerts = await alertsOf(server, pair.retailer.orgId);
    expect(retailerAlerts.filter((a) => a.type === 'SUPPLIER_SLIPPED').map((a) => a.message)).toEqual([
      `${pair.supplier.orgName} slipped on ${order.number} line 1 (${pair.item.sku}): 60 of 60 units still owed will not arrive by ${inDays(5)}; 60 of 60 not promised`,
    ]);
    expect(retailerAlerts.filter((a) => a.type === 'REALLOCATION_PROPOSED')).toHaveLength(1);
    const proposals = (await server.ok(ReallocationProposalsDocument, {}, pair.retailer.token)).reallocationProposals.edges.map((e) => e.node);
    expect(proposals).toEqual([expect.objectContaining({ sourceLine: expect.objectContaining({ id: lineId }), shortfallQuantity: 60, status: 'PROPOSED' })]);
    const changed = (await alertsOf(server, pair.supplier.orgId)).filter((a) => a.type === 'PURCHASE_ORDER_CHANGED');
    expect(changed).toEqual([expect.objectContaining({
      message: `${pair.retailer.orgName} closed ASN-000001 with goods not received: ${order.number} line 1 (${pair.item.sku}): 60 back to open, promise them again`,
      purchase_order_line_id: lineId,
    })]);

    // Promised again on time, the line no longer slips and counts as inbound on its new date.
    expect(await confirmLine(server, pair.supplier, lineId, [{ quantity: 60, deliveryDate: inDays(5) }])).toMatchObject({ slipped: false, remainingSchedule: [{ quantity: 60, deliveryDate: inDays(5) }] });
    expect(await inbound(pair)).toEqual([[inDays(5), 60]]);
  });

  it('lets the supplier cancel a notice nothing of which arrived, and not after a receipt', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(5) }]);
    const withdrawn = await shipped(pair, [{ lineId, quantity: 40 }]);
    expectError(await server.gql(CancelShipNoticeDocument, { id: withdrawn.id }, pair.retailer.token), 'FORBIDDEN');
    const { cancelShipNotice } = await server.ok(CancelShipNoticeDocument, { id: withdrawn.id }, pair.supplier.token);
    expect(cancelShipNotice).toMatchObject({ status: 'CANCELLED', lines: [{ purchaseOrderLine: { inTransitQuantity: 0, openQuantity: 100 } }] });
    // The 40 are back to open and unscheduled: the rest of the promise (60) stands, the line slips short.
    expect(await lineOf(pair, order.id)).toMatchObject({ status: 'PARTIALLY_CONFIRMED', slipped: true, remainingSchedule: [{ quantity: 60, deliveryDate: inDays(5) }] });

    const kept = await shipped(pair, [{ lineId, quantity: 30 }]);
    await server.ok(ReceiveShipNoticeDocument, { input: { shipNoticeId: kept.id, lines: [{ lineId, quantity: 10 }] } }, pair.retailer.token);
    expect(expectError(await server.gql(CancelShipNoticeDocument, { id: kept.id }, pair.supplier.token), 'BAD_USER_INPUT', 'id').message)
      .toBe(`${kept.number} is PARTIALLY_RECEIVED: only a notice nothing of which has arrived can be cancelled`);
  });
});

describe('who sees which notices', () => {
  it('shows the retailer those addressed to it and a supplier its own; others get nothing', async () => {
    const pair = await tradingPair(server);
    const second = await signUp(server, 'SUPPLIER');
    await partner(server, pair.retailer, second);
    await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: second.orgId, priority: 2 });
    const a = await createOrder(server, pair, [{ quantity: 10 }]);
    const b = await createOrder(server, { ...pair, supplier: second }, [{ quantity: 10 }]);
    const mine = await shipped(pair, [{ lineId: a.lines[0].id, quantity: 10 }]);
    const theirs = await shipped({ ...pair, supplier: second }, [{ lineId: b.lines[0].id, quantity: 4 }]);
    const list = async (token: string, status?: 'IN_TRANSIT' | 'RECEIVED') =>
      (await server.ok(ShipNoticesDocument, { status }, token)).shipNotices.edges.map((e) => e.node.id);
    expect(await list(pair.retailer.token)).toEqual([theirs.id, mine.id]);
    expect(await list(pair.retailer.token, 'RECEIVED')).toEqual([]);
    expect(await list(pair.supplier.token)).toEqual([mine.id]);
    expect(await list(second.token)).toEqual([theirs.id]);
    expect((await server.ok(ShipNoticeDocument, { id: theirs.id }, pair.supplier.token)).shipNotice).toBeNull();
    const rival = await signUp(server, 'RETAILER');
    expect(await list(rival.token)).toEqual([]);
    expect((await server.ok(ShipNoticeDocument, { id: mine.id }, rival.token)).shipNotice).toBeNull();
    expectError(await server.gql(CloseShipNoticeDocument, { id: mine.id }, rival.token), 'NOT_FOUND', 'id');
    expectError(await server.gql(CancelShipNoticeDocument, { id: theirs.id }, pair.supplier.token), 'NOT_FOUND', 'id');
    // A line's notices: the supplier sees only its own (here, the only ones on its line).
    const { purchaseOrder } = await server.ok(PurchaseOrderLineShipmentsDocument, { id: a.id }, pair.supplier.token);
    expect(purchaseOrder!.lines[0].shipNoticeLines.map((l) => l.shipNotice.id)).toEqual([mine.id]);
  });
});
