import { ConfirmPurchaseOrderLineDocument, PurchaseOrderDocument, RejectPurchaseOrderLineDocument } from '../../src/sdk/generated/graphql';
import { Client } from 'pg';
import { bucketOf } from '../../src/modules/risk/risk.service';
import { alertsOf, confirmLine, createItem, createOrder, expectError, inDays, sourcingRule, tradingPair, unique } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const scheduleFor = (i: number) => [
  { quantity: 10 + i, deliveryDate: inDays(1 + (i % 20)) },
  { quantity: 50 - i, deliveryDate: inDays(25 + (i % 5)) },
];

it('50 concurrent confirmations of one line end in one consistent schedule, 50 version bumps and 50 history rows', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(30) }]);
  const lineId = order.lines[0].id;
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) => server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule: scheduleFor(i) } }, pair.supplier.token)),
  );
  expect(results.filter((r) => r.errors)).toEqual([]);

  const { purchaseOrder } = await server.ok(PurchaseOrderDocument, { id: order.id }, pair.retailer.token);
  expect(purchaseOrder!.version).toBe(1 + 50);
  // The schedule is exactly one of the 50 requests, never a mix: the last one applied.
  const [last] = await server.query<{ schedule: { quantity: number; deliveryDate: string }[] }>(
    'SELECT schedule FROM confirmation WHERE line_id = $1 ORDER BY sequence DESC LIMIT 1',
    [lineId],
  );
  expect(purchaseOrder!.lines[0].schedule).toEqual(last.schedule);
  expect(purchaseOrder!.lines[0].confirmedQuantity).toBe(60);
  expect(scheduleFor(0).length).toBe(2);
  expect(Array.from({ length: 50 }, (_, i) => JSON.stringify(scheduleFor(i)))).toContain(JSON.stringify(last.schedule));

  const confirmations = await server.query<{ sequence: number }>('SELECT sequence FROM confirmation WHERE line_id = $1 ORDER BY sequence', [lineId]);
  expect(confirmations.map((c) => c.sequence)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  const history = purchaseOrder!.history.filter((h) => h.action.startsWith('LINE_'));
  expect(history).toHaveLength(50);
  const versions = await server.query<{ version: number }>('SELECT version FROM change_record WHERE line_id = $1 ORDER BY version', [lineId]);
  expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
  expect((await alertsOf(server, pair.retailer.orgId)).filter((a) => a.type === 'PURCHASE_ORDER_CONFIRMED')).toHaveLength(50);
});

it('with expectedVersion, exactly one of many concurrent confirmations wins; the rest get CONFLICT and write nothing', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(30) }]);
  const lineId = order.lines[0].id;
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule: scheduleFor(i), expectedVersion: 1 } }, pair.supplier.token),
    ),
  );
  const won = results.filter((r) => !r.errors);
  expect(won).toHaveLength(1);
  for (const lost of results.filter((r) => r.errors)) {
    expect(expectError(lost, 'CONFLICT', 'input.expectedVersion').message).toBe(`${order.number} is at version 2, not 1: reload it and try again`);
  }
  expect(await server.query('SELECT 1 FROM confirmation WHERE line_id = $1', [lineId])).toHaveLength(1);
  const [{ version }] = await server.query<{ version: number }>('SELECT version FROM purchase_order WHERE id = $1', [order.id]);
  expect(version).toBe(2);
});

it('20 concurrent calls with one idempotencyKey apply once and all return the first result', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(30) }]);
  const lineId = order.lines[0].id;
  const input = { lineId, schedule: scheduleFor(3), idempotencyKey: 'edi-msg-4711' };
  const results = await Promise.all(Array.from({ length: 20 }, () => server.gql(ConfirmPurchaseOrderLineDocument, { input }, pair.supplier.token)));
  expect(results.filter((r) => r.errors)).toEqual([]);
  for (const result of results) {
    expect(result.data!.confirmPurchaseOrderLine).toMatchObject({ id: lineId, schedule: scheduleFor(3), purchaseOrder: { version: 2 } });
  }
  expect(await server.query('SELECT 1 FROM confirmation WHERE line_id = $1', [lineId])).toHaveLength(1);
  expect(await server.query('SELECT 1 FROM change_record WHERE line_id = $1', [lineId])).toHaveLength(1);
  expect((await alertsOf(server, pair.retailer.orgId)).filter((a) => a.type === 'PURCHASE_ORDER_CONFIRMED')).toHaveLength(1);

  // Same key, different request: refused. Same key from another organization: its own.
  const reused = await server.gql(ConfirmPurchaseOrderLineDocument, { input: { ...input, schedule: scheduleFor(4) } }, pair.supplier.token);
  expectError(reused, 'BAD_USER_INPUT', 'input.idempotencyKey');
  const reject = await server.gql(RejectPurchaseOrderLineDocument, { input: { lineId, reason: 'x', idempotencyKey: 'edi-msg-4711' } }, pair.supplier.token);
  expectError(reject, 'BAD_USER_INPUT', 'input.idempotencyKey');
  const otherPair = await tradingPair(server);
  const otherOrder = await createOrder(server, otherPair, [{ quantity: 100, requestedDate: inDays(30) }]);
  const theirs = await server.gql(ConfirmPurchaseOrderLineDocument, { input: { ...input, lineId: otherOrder.lines[0].id } }, otherPair.supplier.token);
  expect(theirs.errors).toBeUndefined();
});

it('a failed request does not use up its idempotencyKey', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 10 }]);
  const lineId = order.lines[0].id;
  const bad = await server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule: [{ quantity: 11, deliveryDate: inDays(2) }], idempotencyKey: 'k1' } }, pair.supplier.token);
  expectError(bad, 'BAD_USER_INPUT', 'input.schedule');
  const good = await server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule: [{ quantity: 10, deliveryDate: inDays(2) }], idempotencyKey: 'k1' } }, pair.supplier.token);
  expect(good.errors).toBeUndefined();
});

it("recomputes risk for one retailer's positions side by side: a confirmation waits only on a recompute of a position in its own lock bucket", async () => {
  const pair = await tradingPair(server);
  // A second item whose position falls in another bucket of the recompute lock than the first's.
  let other = await createItem(server, pair.retailer.token);
  while (bucketOf({ itemId: other.id, locationId: pair.location.id }) === bucketOf({ itemId: pair.item.id, locationId: pair.location.id })) {
    other = await createItem(server, pair.retailer.token);
  }
  await sourcingRule(server, pair.retailer.token, { itemId: other.id, supplierId: pair.supplier.orgId });
  // Two orders: a confirmation locks its order's row.
  const [held] = (await createOrder(server, pair, [{ itemId: pair.item.id }])).lines;
  const [free] = (await createOrder(server, pair, [{ itemId: other.id }])).lines;
  // Another transaction holds the first position's bucket, as a recompute of it would until its commit.
  const blocker = new Client({ connectionString: server.databaseUrl });
  await blocker.connect();
  try {
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_advisory_xact_lock(hashtext($1), $2)', [`risk:${pair.retailer.orgId}`, bucketOf({ itemId: pair.item.id, locationId: pair.location.id })]);
    const waiting = confirmLine(server, pair.supplier, held.id, [{ quantity: 100, deliveryDate: inDays(10) }]);
    let settled = false;
    void waiting.finally(() => (settled = true));
    // The other position's confirmation is not held up, and its risk is stored.
    expect((await confirmLine(server, pair.supplier, free.id, [{ quantity: 100, deliveryDate: inDays(10) }])).status).toBe('CONFIRMED');
    expect(await server.query('SELECT 1 FROM shortage_risk WHERE item_id = $1 AND location_id = $2', [other.id, pair.location.id])).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled).toBe(false);
    await blocker.query('COMMIT');
    expect((await waiting).status).toBe('CONFIRMED');
  } finally {
    await blocker.end();
  }
});

it("confirmations of an order's lines in transactions side by side roll the order up from every line as the last one left it", async () => {
  // Each with an idempotency key of its own, so each runs in its own transaction (no group commit): the second waits for
  // the first's lock on the order, and must then read the first's line as it committed it, not as it was before
  // (it read it in the locking statement once, and rolled the order up to PARTIALLY_CONFIRMED with every line confirmed).
  for (let round = 0; round < 5; round++) {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 10 }, { quantity: 20 }, { quantity: 30 }]);
    const results = await Promise.all(
      order.lines.map((line) =>
        server.gql(
          ConfirmPurchaseOrderLineDocument,
          { input: { lineId: line.id, schedule: [{ quantity: line.quantity, deliveryDate: inDays(10) }], idempotencyKey: unique('key') } },
          pair.supplier.token,
        ),
      ),
    );
    expect(results.map((r) => r.errors ?? null)).toEqual([null, null, null]);
    const [{ status, version }] = await server.query<{ status: string; version: number }>('SELECT status, version FROM purchase_order WHERE id = $1', [order.id]);
    expect([round, status, version]).toEqual([round, 'CONFIRMED', 4]);
  }
});
