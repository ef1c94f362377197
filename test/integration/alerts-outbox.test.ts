import {
  CancelPurchaseOrderDocument,
  ConfirmPurchaseOrderLineDocument,
  CreatePurchaseOrderDocument,
  PublishForecastDocument,
  RejectPurchaseOrderLineDocument,
} from '../../src/sdk/generated/graphql';
import { alertsOf, confirmLine, createItem, createOrder, expectError, inDays, partner, signUp, sourcingRule, tradingPair } from '../support/factories';
import { Client } from 'pg';
import { startTestServer, type TestServer } from '../support/server';

/** The outbox rows written by the collaboration loop, to whom, and never for a failed mutation. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('writes each alert of DESIGN.md for its recipient, with strictly increasing cursors per organization', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 10, requestedDate: inDays(3) }, { quantity: 5 }]);
  await confirmLine(server, pair.supplier, order.lines[0].id, [{ quantity: 10, deliveryDate: inDays(6) }]);
  await server.ok(RejectPurchaseOrderLineDocument, { input: { lineId: order.lines[1].id, reason: 'Discontinued' } }, pair.supplier.token);
  const draft = await createOrder(server, pair, [{}], true);
  await server.ok(CancelPurchaseOrderDocument, { id: draft.id }, pair.retailer.token);

  const toSupplier = await alertsOf(server, pair.supplier.orgId);
  expect(toSupplier.map((a) => a.type)).toEqual(['PURCHASE_ORDER_ISSUED', 'PURCHASE_ORDER_ISSUED', 'PURCHASE_ORDER_CHANGED']);
  const toRetailer = await alertsOf(server, pair.retailer.orgId);
  // Each slip also asks the selector for a proposal (REALLOCATION_PROPOSED), in the same transaction.
  expect(toRetailer.map((a) => a.type)).toEqual([
    'PURCHASE_ORDER_CONFIRMED', 'SUPPLIER_SLIPPED', 'REALLOCATION_PROPOSED',
    'PURCHASE_ORDER_CONFIRMED', 'SUPPLIER_SLIPPED', 'REALLOCATION_PROPOSED',
  ]);
  expect(toRetailer.map((a) => a.purchase_order_line_id)).toEqual([...new Array(3).fill(order.lines[0].id), ...new Array(3).fill(order.lines[1].id)]);
  for (const list of [toSupplier, toRetailer]) expect(list.map((a) => Number(a.cursor))).toEqual(list.map((_, i) => i + 1));
});

it('writes FORECAST_PUBLISHED once to each supplier with an active rule for an item in the forecast', async () => {
  const pair = await tradingPair(server);
  const backup = await signUp(server, 'SUPPLIER');
  const inactive = await signUp(server, 'SUPPLIER');
  const unrelated = await signUp(server, 'SUPPLIER');
  await partner(server, pair.retailer, backup);
  await partner(server, pair.retailer, inactive);
  await partner(server, pair.retailer, unrelated);
  const second = await createItem(server, pair.retailer.token);
  const other = await createItem(server, pair.retailer.token);
  await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: backup.orgId, priority: 2 });
  await sourcingRule(server, pair.retailer.token, { itemId: second.id, supplierId: backup.orgId });
  await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: inactive.orgId, priority: 3, active: false });
  await sourcingRule(server, pair.retailer.token, { itemId: other.id, supplierId: unrelated.orgId });
  const lines = [pair.item, second].map((item) => ({ itemId: item.id, locationId: pair.location.id, periodStart: inDays(0), quantity: 70 }));
  const { publishForecast } = await server.ok(PublishForecastDocument, { input: { lines } }, pair.retailer.token);

  const published = async (organizationId: string) => (await alertsOf(server, organizationId)).filter((a) => a.type === 'FORECAST_PUBLISHED');
  expect((await published(pair.supplier.orgId)).map((a) => a.message)).toEqual([
    `${pair.retailer.orgName} published forecast version ${publishForecast.version} with demand for 1 item(s) you supply`,
  ]);
  expect((await published(backup.orgId)).map((a) => a.message)).toEqual([
    `${pair.retailer.orgName} published forecast version ${publishForecast.version} with demand for 2 item(s) you supply`,
  ]);
  expect(await published(inactive.orgId)).toEqual([]);
  expect(await published(unrelated.orgId)).toEqual([]);
  // The forecast also made the sourced items' risk change: the risk alerts follow the same recipients.
  expect((await alertsOf(server, pair.supplier.orgId)).map((a) => a.type).sort()).toEqual(['FORECAST_PUBLISHED', 'SHORTAGE_RISK_CHANGED']);
  expect(await alertsOf(server, unrelated.orgId)).toEqual([]);
});

it('writes no alert when the mutation fails', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 10 }]);
  const before = [...(await alertsOf(server, pair.supplier.orgId)), ...(await alertsOf(server, pair.retailer.orgId))];
  // Fails validation after the order is found.
  expectError(await server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId: order.lines[0].id, schedule: [{ quantity: 11, deliveryDate: inDays(2) }] } }, pair.supplier.token), 'BAD_USER_INPUT');
  // Fails at the last step of creating an issued order (unknown item on the second line).
  const failing = await server.gql(CreatePurchaseOrderDocument, {
    input: {
      supplierId: pair.supplier.orgId,
      shipToId: pair.location.id,
      issue: true,
      lines: [{ itemId: pair.item.id, quantity: 1, requestedDate: inDays(1) }, { itemId: '00000000-0000-4000-8000-000000000009', quantity: 1, requestedDate: inDays(1) }],
    },
  }, pair.retailer.token);
  expectError(failing, 'NOT_FOUND', 'input.lines[1].itemId');
  expectError(await server.gql(CancelPurchaseOrderDocument, { id: order.id }, pair.supplier.token), 'FORBIDDEN');
  expectError(await server.gql(PublishForecastDocument, { input: { lines: [{ itemId: pair.item.id, locationId: pair.location.id, periodStart: inDays(0), quantity: -1 }] } }, pair.retailer.token), 'BAD_USER_INPUT');
  const after = [...(await alertsOf(server, pair.supplier.orgId)), ...(await alertsOf(server, pair.retailer.orgId))];
  expect(after).toEqual(before);
});

it('rolls everything back, alert included, when the transaction fails at its last statement', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 10 }]);
  const count = async () => (await alertsOf(server, pair.retailer.orgId)).length;
  const before = await count();
  // A trigger makes the last statement of the confirmation (the alert insert) fail after its rows went in,
  // when the schedule, the promise history and the audit record are already written in the transaction.
  await server.query(`CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RAISE EXCEPTION 'injected failure'; END $f$`);
  await server.query(`CREATE TRIGGER fail_audit AFTER INSERT ON alert FOR EACH ROW EXECUTE FUNCTION fail_audit()`);
  try {
    const result = await server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId: order.lines[0].id, schedule: [{ quantity: 10, deliveryDate: inDays(2) }] } }, pair.supplier.token);
    expect(result.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  } finally {
    await server.query('DROP TRIGGER fail_audit ON alert');
    await server.query('DROP FUNCTION fail_audit()');
  }
  expect(await count()).toBe(before);
  expect(await server.query('SELECT 1 FROM schedule_line WHERE line_id = $1', [order.lines[0].id])).toHaveLength(0);
  expect(await server.query('SELECT 1 FROM confirmation WHERE line_id = $1', [order.lines[0].id])).toHaveLength(0);
  expect(await server.query('SELECT 1 FROM change_record WHERE line_id = $1', [order.lines[0].id])).toHaveLength(0);
  const [{ version }] = await server.query<{ version: number }>('SELECT version FROM purchase_order WHERE id = $1', [order.id]);
  expect(version).toBe(1);
});

it('tells every instance of the recipients by NOTIFY when, and only when, the transaction that wrote the alerts commits', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 10 }, { quantity: 5 }]);
  const listener = new Client({ connectionString: server.databaseUrl });
  await listener.connect();
  const heard: string[] = [];
  listener.on('notification', (n) => void (n.channel === 'shortstop_alerts' && heard.push(n.payload ?? '')));
  await listener.query('LISTEN shortstop_alerts');
  const settle = async () => {
    // A committed transaction's notifications reach the listener's connection within milliseconds; a round trip on it flushes them.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await listener.query('SELECT 1');
  };
  try {
    await server.query(`CREATE FUNCTION fail_alert() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RAISE EXCEPTION 'injected failure'; END $f$`);
    await server.query(`CREATE TRIGGER fail_alert AFTER INSERT ON alert FOR EACH ROW EXECUTE FUNCTION fail_alert()`);
    try {
      const failed = await server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId: order.lines[0].id, schedule: [{ quantity: 10, deliveryDate: inDays(2) }] } }, pair.supplier.token);
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await server.query('DROP TRIGGER fail_alert ON alert');
      await server.query('DROP FUNCTION fail_alert()');
    }
    await settle();
    expect(heard).toEqual([]);
    // A rejection alerts the retailer only (its slip and the selector's proposal go to the retailer too): one notification.
    await server.ok(RejectPurchaseOrderLineDocument, { input: { lineId: order.lines[1].id, reason: 'Discontinued' } }, pair.supplier.token);
    await settle();
    expect(heard).toEqual([pair.retailer.orgId]);
  } finally {
    await listener.end();
  }
});
