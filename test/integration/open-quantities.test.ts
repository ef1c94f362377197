import {
  AlertsDocument,
  ClosePurchaseOrderDocument,
  ClosePurchaseOrderLineDocument,
  ConfirmPurchaseOrderLineDocument,
  CreatePurchaseOrderDocument,
  CreateShipNoticeDocument,
  InventoryDocument,
  LeadTimeStatsDocument,
  ProjectedInventoryDocument,
  PublishForecastDocument,
  PurchaseOrderDocument,
  ReceivePurchaseOrderLineDocument,
  ReceiveShipNoticeDocument,
  ShipNoticeDocument,
  ShortageRisksDocument,
  UpsertInventoryDocument,
  UpsertSourcingRuleDocument,
} from '../../src/sdk/generated/graphql';
import { alertsOf, confirmLine, createItem, createOrder, expectError, inDays, sourcingRule, tradingPair, unique } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { factsOf, factsOfValues, FACT_COLUMNS, FACT_VALUES, type FactRow } from '../../src/modules/open-orders/open-orders.queries';

/**
 * The open-quantity model through the API (issue 12): the two stories of
 * the issue exactly as written, closing lines and orders short, over-delivery
 * tolerance and units of measure. Ship notices: ship-notices.test.ts.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Pair = Awaited<ReturnType<typeof tradingPair>>;

const receive = (pair: Pair, lineId: string, quantity: number, extra: { idempotencyKey?: string } = {}) =>
  server.gql(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity, ...extra } }, pair.retailer.token);
const orderAs = async (token: string, id: string) => (await server.ok(PurchaseOrderDocument, { id }, token)).purchaseOrder!;
const onHand = async (pair: Pair) =>
  (await server.ok(InventoryDocument, { itemId: pair.item.id, locationId: pair.location.id }, pair.retailer.token)).inventory.edges.map((e) => e.node.onHand);

describe('the first story: a backorder re-promised after a partial receipt', () => {
  it('counts the remaining 40 on day 9: projected 40 on day 9 and 16 on day 13, OK; the line PARTIALLY_RECEIVED and slipped', async () => {
    // On hand 0, forecast 84 over 14 days from today (6 a day), item price 10.00.
    const pair = await tradingPair(server);
    const item = await createItem(server, pair.retailer.token, { unitPrice: '10.00' });
    const world = { ...pair, item };
    await sourcingRule(server, pair.retailer.token, { itemId: item.id, supplierId: pair.supplier.orgId });
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: pair.location.id, onHand: 0 }] } }, pair.retailer.token);
    await server.ok(PublishForecastDocument, { input: { lines: [{ itemId: item.id, locationId: pair.location.id, periodStart: inDays(0), periodDays: 14, quantity: 84 }] } }, pair.retailer.token);

    // An order line of 100 requested on day 5; the supplier confirms 100 on day 5; the retailer receives 60.
    const order = await createOrder(server, world, [{ quantity: 100, requestedDate: inDays(5) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(5) }]);
    const received = (await receive(world, lineId, 60)).data!.receivePurchaseOrderLine;
    expect(received).toMatchObject({ status: 'PARTIALLY_RECEIVED', receivedQuantity: 60, openQuantity: 40, slipped: false, remainingSchedule: [{ quantity: 40, deliveryDate: inDays(5) }] });

    // The supplier re-promises "the remaining 40 on day 9".
    const { confirmPurchaseOrderLine: line } = await server.ok(
      ConfirmPurchaseOrderLineDocument,
      { input: { lineId, schedule: [{ quantity: 40, deliveryDate: inDays(9) }] } },
      pair.supplier.token,
    );
    expect(line).toMatchObject({
      status: 'PARTIALLY_RECEIVED',
      slipped: true,
      quantity: 100,
      receivedQuantity: 60,
      openQuantity: 40,
      cancelledQuantity: 0,
      inTransitQuantity: 0,
      unshippedQuantity: 40,
      schedule: [{ quantity: 40, deliveryDate: inDays(9) }],
      remainingSchedule: [{ quantity: 40, deliveryDate: inDays(9) }],
      purchaseOrder: { status: 'PARTIALLY_RECEIVED' },
    });

    // 40 inbound on day 9 and nowhere else; PAB(d) = 60 - 6 (d + 1) + inbound: 40 on day 9, 16 on day 13.
    const days = (await server.ok(ProjectedInventoryDocument, { itemId: item.id, locationId: pair.location.id, horizonDays: 14 }, pair.retailer.token)).projectedInventory;
    expect(days.filter((d) => d.inbound > 0).map((d) => [d.date, d.inbound])).toEqual([[inDays(9), 40]]);
    expect(days[9]).toEqual({ date: inDays(9), demand: 6, inbound: 40, projectedAvailable: 40 });
    expect(days[13]).toEqual({ date: inDays(13), demand: 6, inbound: 0, projectedAvailable: 16 });
    expect(days.map((d) => d.projectedAvailable)).toEqual([54, 48, 42, 36, 30, 24, 18, 12, 6, 40, 34, 28, 22, 16]);
    const [risk] = (await server.ok(ShortageRisksDocument, { filter: { itemId: item.id } }, pair.retailer.token)).shortageRisks.edges.map((e) => e.node);
    expect(risk).toMatchObject({ level: 'OK', projectedStockoutDate: null, shortageQuantity: 0, revenueAtRisk: '0.00', availableNow: 60 });

    // The slip reached the retailer; the supplier can still change its promise.
    const slips = (await alertsOf(server, pair.retailer.orgId)).filter((a) => a.type === 'SUPPLIER_SLIPPED' && a.purchase_order_line_id === lineId);
    expect(slips.map((a) => a.message)).toEqual([expect.stringContaining(`40 of 40 units still owed will not arrive by ${inDays(5)}; last delivery ${inDays(9)}, 4 day(s) late`)]);
    const earlier = await confirmLine(server, pair.supplier, lineId, [{ quantity: 40, deliveryDate: inDays(5) }]);
    expect(earlier).toMatchObject({ status: 'PARTIALLY_RECEIVED', slipped: false, openQuantity: 40 });
    // A promise of more than is still to come is refused with the field.
    const tooMuch = await server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule: [{ quantity: 41, deliveryDate: inDays(9) }] } }, pair.supplier.token);
    expect(expectError(tooMuch, 'BAD_USER_INPUT', 'input.schedule').message).toBe('The schedule adds up to 41, more than the 40 still to come (ordered 100, received 60)');
  });
});

describe('the second story: closing short', () => {
  it('tells the supplier what was cancelled, shows it on the line, and refuses a later receipt beyond what is in transit', async () => {
    // An order of 100 confirmed for day 5, 60 received, the retailer closes the order.
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(5) }]);
    await receive(pair, lineId, 60);
    const { closePurchaseOrder } = await server.ok(ClosePurchaseOrderDocument, { id: order.id }, pair.retailer.token);
    expect(closePurchaseOrder.status).toBe('CLOSED');

    // The supplier is told, naming the quantity; its view no longer says CONFIRMED, 100 on day 5.
    const changed = (await alertsOf(server, pair.supplier.orgId)).filter((a) => a.type === 'PURCHASE_ORDER_CHANGED');
    expect(changed.map((a) => a.message)).toEqual([
      `${pair.retailer.orgName} closed ${order.number} short: line 1 (${pair.item.sku}): 40 units cancelled, 60 received: order closed by the buyer`,
    ]);
    expect(changed[0].purchase_order_line_id).toBe(lineId);
    const supplierView = await orderAs(pair.supplier.token, order.id);
    expect(supplierView.status).toBe('CLOSED');
    expect(supplierView.lines[0]).toMatchObject({
      status: 'CLOSED', quantity: 100, receivedQuantity: 60, cancelledQuantity: 40, openQuantity: 0, inTransitQuantity: 0, schedule: [], remainingSchedule: [], slipped: false,
    });
    expect((await orderAs(pair.retailer.token, order.id)).history.map((h) => h.action)).toEqual([
      'CREATED', 'ISSUED', 'LINE_CONFIRMED', 'LINE_RECEIVED', 'LINE_CLOSED', 'CLOSED',
    ]);

    // A later receipt beyond what is in transit (nothing) is refused with a clear message; nothing is written.
    const refused = await receive(pair, lineId, 1);
    expect(expectError(refused, 'BAD_USER_INPUT', 'input.quantity').message).toBe('The line is closed: nothing is in transit, so nothing more can be received');
    expect(await onHand(pair)).toEqual([60]);
    // Nothing of the line counts as inbound any more, and the supplier can no longer promise it.
    const days = (await server.ok(ProjectedInventoryDocument, { itemId: pair.item.id, locationId: pair.location.id, horizonDays: 10 }, pair.retailer.token)).projectedInventory;
    expect(days.every((d) => d.inbound === 0)).toBe(true);
    expectError(await server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule: [{ quantity: 40, deliveryDate: inDays(9) }] } }, pair.supplier.token), 'BAD_USER_INPUT', 'input.lineId');
  });

  /** The line's facts read as columns (FACT_COLUMNS) and packed into an array (FACT_VALUES, the risk inputs' way) are the same. */
  const expectPackedFactsSame = async (lineId: string) => {
    const [row] = await server.query<FactRow>(`SELECT ${FACT_COLUMNS} FROM purchase_order_line l WHERE l.id = $1`, [lineId]);
    const [{ packed }] = await server.query<{ packed: unknown[] }>(`SELECT json_build_array(${FACT_VALUES}) AS packed FROM purchase_order_line l WHERE l.id = $1`, [lineId]);
    expect(factsOfValues(packed)).toEqual(factsOf(row));
    expect(row.inTransit.length + row.schedule.length).toBeGreaterThan(0);
  };

  it('closePurchaseOrderLine with goods in transit: cancels the rest, receives what was shipped and nothing beyond it', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }, { quantity: 10, requestedDate: inDays(5) }]);
    const [lineId, otherId] = order.lines.map((l) => l.id);
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(5) }]);
    await receive(pair, lineId, 50);
    await server.ok(CreateShipNoticeDocument, {
      input: { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(4), lines: [{ lineId, quantity: 30 }] },
    }, pair.supplier.token);
    await expectPackedFactsSame(lineId);
    // Only the retailer closes, with a reason.
    expectError(await server.gql(ClosePurchaseOrderLineDocument, { input: { lineId, reason: 'no' } }, pair.supplier.token), 'FORBIDDEN');
    expectError(await server.gql(ClosePurchaseOrderLineDocument, { input: { lineId, reason: '  ' } }, pair.retailer.token), 'BAD_USER_INPUT', 'input.reason');

    const { closePurchaseOrderLine: closed } = await server.ok(ClosePurchaseOrderLineDocument, { input: { lineId, reason: 'Season over' } }, pair.retailer.token);
    expect(closed).toMatchObject({
      status: 'PARTIALLY_RECEIVED', cancelledQuantity: 20, receivedQuantity: 50, inTransitQuantity: 30, openQuantity: 30, unshippedQuantity: 0, schedule: [], slipped: false,
      purchaseOrder: { status: 'PARTIALLY_RECEIVED' },
    });
    const [alert] = (await alertsOf(server, pair.supplier.orgId)).filter((a) => a.type === 'PURCHASE_ORDER_CHANGED');
    expect(alert.message).toBe(`${pair.retailer.orgName} closed ${order.number} short: line 1 (${pair.item.sku}): 20 units cancelled, 50 received, the 30 in transit still expected: Season over`);
    // Still inbound: the 30 on their way, on their expected arrival.
    const days = (await server.ok(ProjectedInventoryDocument, { itemId: pair.item.id, locationId: pair.location.id, horizonDays: 10 }, pair.retailer.token)).projectedInventory;
    expect(days.filter((d) => d.inbound > 0).map((d) => [d.date, d.inbound])).toEqual([[inDays(4), 30], [inDays(5), 10]]);
    await expectPackedFactsSame(lineId);

    expect(expectError(await receive(pair, lineId, 31), 'BAD_USER_INPUT', 'input.quantity').message).toBe('The line is closed: only the 30 in transit can still be received');
    const last = (await receive(pair, lineId, 30)).data!.receivePurchaseOrderLine;
    expect(last).toMatchObject({ status: 'CLOSED', receivedQuantity: 80, cancelledQuantity: 20, inTransitQuantity: 0, openQuantity: 0 });
    expectError(await server.gql(ClosePurchaseOrderLineDocument, { input: { lineId, reason: 'again' } }, pair.retailer.token), 'BAD_USER_INPUT', 'input.lineId');
    // The other line is untouched by it.
    expect((await orderAs(pair.retailer.token, order.id)).lines.find((l) => l.id === otherId)).toMatchObject({ status: 'OPEN', cancelledQuantity: 0, openQuantity: 10 });
  });

  it('closing an order closes each open line short: nothing received is cancelled, the rest CLOSED; one alert names every line', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 24 }, { quantity: 12 }]);
    await confirmLine(server, pair.supplier, order.lines[0].id, [{ quantity: 24, deliveryDate: inDays(9) }]);
    await receive(pair, order.lines[1].id, 5);
    const { closePurchaseOrder } = await server.ok(ClosePurchaseOrderDocument, { id: order.id }, pair.retailer.token);
    expect(closePurchaseOrder).toMatchObject({
      status: 'CLOSED',
      lines: [
        { status: 'CANCELLED', cancelledQuantity: 24, openQuantity: 0, schedule: [] },
        { status: 'CLOSED', cancelledQuantity: 7, receivedQuantity: 5, openQuantity: 0 },
      ],
    });
    const changed = (await alertsOf(server, pair.supplier.orgId)).filter((a) => a.type === 'PURCHASE_ORDER_CHANGED');
    expect(changed.map((a) => [a.message, a.purchase_order_line_id])).toEqual([[
      `${pair.retailer.orgName} closed ${order.number} short: line 1 (${pair.item.sku}): 24 units cancelled; line 2 (${pair.item.sku}): 7 units cancelled, 5 received: order closed by the buyer`,
      null,
    ]]);
    expectError(await server.gql(ClosePurchaseOrderDocument, { id: order.id }, pair.retailer.token), 'BAD_USER_INPUT', 'id');
  });
});

describe('over-delivery tolerance', () => {
  it('records what arrives beyond the order within the rule\'s tolerance, adds it to stock, counts the line as in full; refuses beyond, naming the maximum', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 260, requestedDate: inDays(3) }, { quantity: 260, requestedDate: inDays(3) }]);
    const [first, second] = order.lines.map((l) => l.id);
    // Without tolerance (the default), 263 against 260 is refused outright.
    expect(expectError(await receive(pair, first, 263), 'BAD_USER_INPUT', 'input.quantity').message).toBe('At most 260 can be received on this line (260 still open; ordered 260)');

    const rule = await server.ok(UpsertSourcingRuleDocument, {
      input: { itemId: pair.item.id, supplierId: pair.supplier.orgId, priority: 1, quotedLeadTimeDays: 7, unitCost: '4.50', overDeliveryTolerancePercent: 2 },
    }, pair.retailer.token);
    expect(rule.upsertSourcingRule.overDeliveryTolerancePercent).toBe(2);
    const line = (await receive(pair, first, 263)).data!.receivePurchaseOrderLine;
    expect(line).toMatchObject({ status: 'RECEIVED', receivedQuantity: 260, overDeliveredQuantity: 3, openQuantity: 0 });
    expect(await onHand(pair)).toEqual([263]);
    // 2% of 260 is 5.2: at most 265.
    expect(expectError(await receive(pair, second, 266), 'BAD_USER_INPUT', 'input.quantity').message)
      .toBe('At most 265 can be received on this line (260 still open, 5 more within the over-delivery tolerance of 2%; ordered 260)');
    expect(await onHand(pair)).toEqual([263]);
    const stats = (await server.ok(LeadTimeStatsDocument, { supplierId: pair.supplier.orgId, itemId: pair.item.id }, pair.retailer.token)).leadTimeStats;
    expect(stats).toMatchObject({ actualCount: 1, onTimeInFullRate: 1 });
  });

  it('applies a receipt once per idempotency key', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 50 }]);
    const lineId = order.lines[0].id;
    const key = unique('grn');
    const [a, b] = await Promise.all([receive(pair, lineId, 20, { idempotencyKey: key }), receive(pair, lineId, 20, { idempotencyKey: key })]);
    expect([a.data?.receivePurchaseOrderLine.id, b.data?.receivePurchaseOrderLine.id]).toEqual([lineId, lineId]);
    expect((await receive(pair, lineId, 20, { idempotencyKey: key })).data!.receivePurchaseOrderLine.receivedQuantity).toBe(20);
    expect(await server.query('SELECT quantity FROM receipt WHERE line_id = $1', [lineId])).toEqual([{ quantity: 20 }]);
    expect(await onHand(pair)).toEqual([20]);
    expectError(await receive(pair, lineId, 21, { idempotencyKey: key }), 'BAD_USER_INPUT', 'input.idempotencyKey');
  });
});

describe('the bound on stock a receipt adds to', () => {
  it('refuses a receipt that would take on hand past 1,000,000,000, on the receipt\'s quantity, writing nothing (on the line or against a notice)', async () => {
    const pair = await tradingPair(server);
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: pair.item.id, locationId: pair.location.id, onHand: 999_999_990 }] } }, pair.retailer.token);
    const order = await createOrder(server, pair, [{ quantity: 100 }, { quantity: 100 }]);
    const [first, second] = order.lines.map((l) => l.id);
    const written = async () => (await server.query(
      `SELECT (SELECT count(*)::int FROM receipt r JOIN purchase_order_line l ON l.id = r.line_id WHERE l.purchase_order_id = $1) AS receipts,
              (SELECT sum(received_quantity)::int FROM purchase_order_line WHERE purchase_order_id = $1) AS received,
              (SELECT version FROM purchase_order WHERE id = $1) AS version`,
      [order.id],
    ))[0];
    const before = await written();
    expect(expectError(await receive(pair, first, 11), 'BAD_USER_INPUT', 'input.quantity').message)
      .toBe('This receipt would take on-hand stock to 1,000,000,001; a stock position holds at most 1,000,000,000');
    const { createShipNotice: asn } = await server.ok(CreateShipNoticeDocument, {
      input: { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(2), lines: [{ lineId: first, quantity: 50 }, { lineId: second, quantity: 50 }] },
    }, pair.supplier.token);
    const afterNotice = await written();
    expectError(await server.gql(ReceiveShipNoticeDocument, {
      input: { shipNoticeId: asn.id, lines: [{ lineId: first, quantity: 5 }, { lineId: second, quantity: 6 }] },
    }, pair.retailer.token), 'BAD_USER_INPUT', 'input.lines[1].quantity');
    expect([before.receipts, afterNotice]).toEqual([0, await written()]);
    expect(await onHand(pair)).toEqual([999_999_990]);
    expect((await server.ok(ShipNoticeDocument, { id: asn.id }, pair.retailer.token)).shipNotice).toMatchObject({ status: 'IN_TRANSIT', lines: [{ receivedQuantity: 0 }, { receivedQuantity: 0 }] });
    // Up to the bound exactly is fine.
    await server.ok(ReceiveShipNoticeDocument, { input: { shipNoticeId: asn.id, lines: [{ lineId: first, quantity: 4 }, { lineId: second, quantity: 6 }] } }, pair.retailer.token);
    expect(await onHand(pair)).toEqual([1_000_000_000]);
    expectError(await receive(pair, second, 1), 'BAD_USER_INPUT', 'input.quantity');
  });
});

describe('units of measure', () => {
  it('orders in the supplier\'s cases or in base units, stores base units, shows both; refuses a quantity that is not whole cases, naming the field', async () => {
    const pair = await tradingPair(server);
    const item = await createItem(server, pair.retailer.token, { unitOfMeasure: 'EA' });
    expect(item.unitOfMeasure).toBe('EA');
    expect((await createItem(server, pair.retailer.token)).unitOfMeasure).toBe('EA');
    const { upsertSourcingRule: rule } = await server.ok(UpsertSourcingRuleDocument, {
      input: { itemId: item.id, supplierId: pair.supplier.orgId, priority: 1, quotedLeadTimeDays: 5, unitCost: '1.20', purchaseUnit: 'CS', unitsPerPurchaseUnit: 12 },
    }, pair.retailer.token);
    expect(rule).toMatchObject({ purchaseUnit: 'CS', unitsPerPurchaseUnit: 12, overDeliveryTolerancePercent: 0 });
    expect(pair.rule).toMatchObject({ purchaseUnit: null, unitsPerPurchaseUnit: 1 });

    const world = { ...pair, item };
    const inCases = await createOrder(server, world, [{ quantity: undefined, purchaseUnitQuantity: 20 }, { quantity: 36 }]);
    expect(inCases.lines.map((l) => [l.quantity, l.purchaseUnit, l.purchaseUnitQuantity, l.unitsPerPurchaseUnit])).toEqual([[240, 'CS', 20, 12], [36, 'CS', 3, 12]]);
    // Every other quantity is in base units: a promise, a receipt.
    await confirmLine(server, pair.supplier, inCases.lines[0].id, [{ quantity: 240, deliveryDate: inDays(10) }]);
    expect((await receive(world, inCases.lines[0].id, 24)).data!.receivePurchaseOrderLine).toMatchObject({ receivedQuantity: 24, openQuantity: 216 });

    const create = (line: Record<string, unknown>) => server.gql(CreatePurchaseOrderDocument, {
      input: { supplierId: pair.supplier.orgId, shipToId: pair.location.id, issue: true, lines: [{ itemId: item.id, requestedDate: inDays(10), ...line }] },
    }, pair.retailer.token);
    expect(expectError(await create({ quantity: 250 }), 'BAD_USER_INPUT', 'input.lines[0].quantity').message)
      .toBe('250 EA is not a whole number of CS (12 EA each): order 240 or 252 EA, or give purchaseUnitQuantity');
    expectError(await create({ quantity: 24, purchaseUnitQuantity: 2 }), 'BAD_USER_INPUT', 'input.lines[0].quantity');
    expectError(await create({}), 'BAD_USER_INPUT', 'input.lines[0].quantity');
    expectError(await create({ purchaseUnitQuantity: 0 }), 'BAD_USER_INPUT', 'input.lines[0].purchaseUnitQuantity');
    // The original item (no purchase unit) takes any whole quantity, and a purchase-unit quantity counts as base units.
    const plain = await createOrder(server, pair, [{ quantity: 7 }, { quantity: undefined, purchaseUnitQuantity: 5 }]);
    expect(plain.lines.map((l) => [l.quantity, l.purchaseUnit, l.purchaseUnitQuantity])).toEqual([[7, null, null], [5, null, null]]);

    const noUnit = await server.gql(UpsertSourcingRuleDocument, {
      input: { itemId: item.id, supplierId: pair.supplier.orgId, priority: 1, quotedLeadTimeDays: 5, unitCost: '1.20', unitsPerPurchaseUnit: 12 },
    }, pair.retailer.token);
    expectError(noUnit, 'BAD_USER_INPUT', 'input.unitsPerPurchaseUnit');
    expectError(await server.gql(UpsertSourcingRuleDocument, {
      input: { itemId: item.id, supplierId: pair.supplier.orgId, priority: 1, quotedLeadTimeDays: 5, unitCost: '1.20', purchaseUnit: 'a case' },
    }, pair.retailer.token), 'BAD_USER_INPUT', 'input.purchaseUnit');
  });
});

describe('alerts', () => {
  it('links a ship notice from SHIP_NOTICE_CREATED', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 10 }]);
    const { createShipNotice } = await server.ok(CreateShipNoticeDocument, {
      input: { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(2), carrier: 'DHL', trackingNumber: 'JD0001', lines: [{ lineId: order.lines[0].id, quantity: 10 }] },
    }, pair.supplier.token);
    const { alerts } = await server.ok(AlertsDocument, { types: ['SHIP_NOTICE_CREATED'] }, pair.retailer.token);
    expect(alerts.edges.map((e) => e.node)).toEqual([expect.objectContaining({
      type: 'SHIP_NOTICE_CREATED',
      message: `${pair.supplier.orgName} shipped ASN-000001 to ${pair.location.code}: 1 line(s), 10 units, expected ${inDays(2)} by DHL, tracking JD0001`,
      shipNotice: { id: createShipNotice.id, number: 'ASN-000001', status: 'IN_TRANSIT' },
      purchaseOrder: { id: order.id, number: order.number },
    })]);
  });
});
