import { Client } from 'pg';
import {
  CloseShipNoticeDocument,
  ConfirmPurchaseOrderLineDocument,
  CreatePurchaseOrderDocument,
  CreateShipNoticeDocument,
  ReceiveShipNoticeDocument,
  SetSourcingPolicyDocument,
} from '../../src/sdk/generated/graphql';
import { bucketOf } from '../../src/modules/risk/risk.service';
import { createItem, createLocation, createOrder, inDays, partner, signUp, sourcingRule, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The risk recompute lock is one per bucket of a retailer's items
 * (RiskService.lockPositions), not one per retailer, so confirmations of
 * different items run side by side. What must still hold (found by review):
 * - buckets are taken in ascending order on every path, or two writers
 *   deadlock (one answered CONFLICT): closeShipNotice under an AUTO policy
 *   asked the selector, whose applied proposal locked one position and took
 *   the order-number counter, before recomputing the notice's other
 *   positions; (in tests a bucket taken out of order throws);
 * - the backup-supplier selector weighs a backup's weekly capacity for an
 *   item across locations, so two slips of one item at two locations must
 *   not select side by side (a bucket holds whole items).
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const waiting = async () =>
  Number((await server.query<{ n: string }>(`SELECT count(*) AS n FROM pg_locks WHERE NOT granted`))[0].n);
async function until(condition: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function closableNotice() {
  const pair = await tradingPair(server);
  // Two items at the location, in different buckets: `high` (the one the backup covers) above `low`.
  let other = await createItem(server, pair.retailer.token);
  const b = (item: { id: string }) => bucketOf({ itemId: item.id, locationId: pair.location.id });
  while (b(other) === b(pair.item)) other = await createItem(server, pair.retailer.token);
  await sourcingRule(server, pair.retailer.token, { itemId: other.id, supplierId: pair.supplier.orgId });
  const [high, low] = b(pair.item) > b(other) ? [pair.item, other] : [other, pair.item];

  // A cheaper backup for `high` only, quick enough to cover on time: AUTO applies its proposal.
  const backup = await signUp(server, 'SUPPLIER', 'Cheap Backup');
  await partner(server, pair.retailer, backup);
  await sourcingRule(server, pair.retailer.token, { itemId: high.id, supplierId: backup.orgId, priority: 2, quotedLeadTimeDays: 2, unitCost: '4.20' });
  await server.ok(SetSourcingPolicyDocument, { input: { mode: 'AUTO', maxCostIncreasePercent: 0 } }, pair.retailer.token);

  // Never-confirmed lines of both items on one notice; 40 of each received; closing the notice makes both slip.
  const [lineHigh] = (await createOrder(server, pair, [{ itemId: high.id, quantity: 100, requestedDate: inDays(5) }])).lines;
  const [lineLow] = (await createOrder(server, pair, [{ itemId: low.id, quantity: 100, requestedDate: inDays(5) }])).lines;
  const { createShipNotice } = await server.ok(
    CreateShipNoticeDocument,
    { input: { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(4), lines: [{ lineId: lineHigh.id, quantity: 100 }, { lineId: lineLow.id, quantity: 100 }] } },
    pair.supplier.token,
  );
  await server.ok(ReceiveShipNoticeDocument, { input: { shipNoticeId: createShipNotice.id, lines: [{ lineId: lineHigh.id, quantity: 40 }, { lineId: lineLow.id, quantity: 40 }] } }, pair.retailer.token);

  return { pair, low, high, notice: createShipNotice.id };
}

it('closeShipNotice under AUTO locks its positions in order: a createPurchaseOrder on another of them does not deadlock with it', async () => {
  const { pair, low, notice } = await closableNotice();
  // Something holds the retailer's order-number counter for a moment (any createPurchaseOrder between its number and its commit).
  const holder = new Client({ connectionString: server.databaseUrl });
  await holder.connect();
  let close: Promise<unknown> | undefined;
  let create: Promise<unknown> | undefined;
  try {
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM organization_counter WHERE organization_id = $1 AND name = 'purchase_order' FOR UPDATE`, [pair.retailer.orgId]);
    const base = await waiting();
    // The close: locks its orders, asks the selector, AUTO issues the backup's order: bucket(high), then the counter (waits).
    close = server.gql(CloseShipNoticeDocument, { id: notice }, pair.retailer.token);
    await until(async () => (await waiting()) > base, 'the close to wait on the counter');
    // A buyer orders more of `low`: bucket(low), then the counter (waits behind the close).
    create = server.gql(CreatePurchaseOrderDocument, {
      input: { supplierId: pair.supplier.orgId, shipToId: pair.location.id, issue: true, lines: [{ itemId: low.id, quantity: 10, requestedDate: inDays(10) }] },
    }, pair.retailer.token);
    await until(async () => (await waiting()) > base + 1, 'the order to wait on the counter');
  } finally {
    await holder.query('ROLLBACK');
    await holder.end();
  }
  // The close now takes the counter and goes on to recompute its positions: bucket(low), held by the order, which waits for the counter.
  const [closed, created] = (await Promise.all([close, create])) as { errors?: { message: string; extensions?: { code?: string } }[] }[];
  expect({ close: closed.errors ?? null, create: created.errors ?? null }).toEqual({ close: null, create: null });
});

it('closeShipNotice under AUTO and a recompute of every position (daily job, forecast publish: lockRetailer) do not deadlock', async () => {
  const { pair, notice } = await closableNotice();
  const holder = new Client({ connectionString: server.databaseUrl });
  const all = new Client({ connectionString: server.databaseUrl });
  await holder.connect();
  await all.connect();
  try {
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM organization_counter WHERE organization_id = $1 AND name = 'purchase_order' FOR UPDATE`, [pair.retailer.orgId]);
    const base = await waiting();
    const close = server.gql(CloseShipNoticeDocument, { id: notice }, pair.retailer.token);
    await until(async () => (await waiting()) > base, 'the close to wait on the counter');
    // RiskService.lockPositions(..., 'all') as the daily recompute and publishForecast run it: every bucket, ascending.
    await all.query('BEGIN');
    const everything = all.query(`SELECT count(pg_advisory_xact_lock(hashtext($1), b)) FROM unnest($2::int[]) AS b`, [`risk:${pair.retailer.orgId}`, Array.from({ length: 64 }, (_, b) => b)]);
    everything.catch(() => undefined);
    await until(async () => (await waiting()) > base + 1, 'the recompute of everything to wait on the close');
    await holder.query('ROLLBACK');
    const closed = (await close) as { errors?: unknown[] };
    const other = await everything.then(() => 'locked', (err: { code?: string }) => err.code);
    expect({ close: closed.errors ?? null, all: other }).toEqual({ close: null, all: 'locked' });
  } finally {
    await holder.end();
    await all.query('ROLLBACK').catch(() => undefined);
    await all.end();
  }
});

async function twoLocations() {
  const pair = await tradingPair(server);
  const second = await createLocation(server, pair.retailer.token);
  // A cheaper, quicker backup that can make 100 a week of the item.
  const backup = await signUp(server, 'SUPPLIER', 'Backup');
  await partner(server, pair.retailer, backup);
  await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: backup.orgId, priority: 2, quotedLeadTimeDays: 2, unitCost: '4.20', weeklyCapacity: 100 });
  await server.ok(SetSourcingPolicyDocument, { input: { mode: 'AUTO', maxCostIncreasePercent: 0 } }, pair.retailer.token);
  const [one] = (await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(6) }])).lines;
  const [two] = (await createOrder(server, { ...pair, location: second }, [{ quantity: 100, requestedDate: inDays(6) }])).lines;

  return { pair, backup, one, two };
}

it("two slipping confirmations of one item at two locations, side by side, do not order more than the backup's weekly capacity", async () => {
  const { pair, backup, one, two } = await twoLocations();
  // Both confirmations are late: each slips 100, which the backup alone covers on time and cheaper: AUTO applies.
  const confirmLate = (lineId: string) =>
    server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule: [{ quantity: 100, deliveryDate: inDays(12) }] } }, pair.supplier.token);
  // They overlap: the first is held at its commit (its alerts wait for the retailer's alert counter) while the second runs.
  const holder = new Client({ connectionString: server.databaseUrl });
  await holder.connect();
  let first: Promise<unknown> | undefined;
  let later: Promise<unknown> | undefined;
  try {
    await holder.query('BEGIN');
    await holder.query(
      `INSERT INTO organization_counter (organization_id, name, value) VALUES ($1, 'alert', 0)
       ON CONFLICT (organization_id, name) DO UPDATE SET value = organization_counter.value`,
      [pair.retailer.orgId],
    );
    const base = await waiting();
    first = confirmLate(one.id);
    await until(async () => (await waiting()) > base, 'the first confirmation to wait at its commit');
    later = confirmLate(two.id);
    await until(async () => (await waiting()) > base + 1, 'the second confirmation to wait');
  } finally {
    await holder.query('ROLLBACK');
    await holder.end();
  }
  const results = (await Promise.all([first, later])) as { errors?: unknown[] }[];
  expect(results.map((r) => r.errors ?? null)).toEqual([null, null]);

  // One by one, the second selector sees the first's order (NO_CAPACITY) and its proposal waits for a buyer.
  const [ordered] = await server.query<{ units: string | null }>(
    `SELECT sum(l.quantity)::text AS units FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id
      WHERE po.supplier_id = $1 AND po.status <> 'CANCELLED'`,
    [backup.orgId],
  );
  expect(Number(ordered.units)).toBeLessThanOrEqual(100);
});

it('two slipping confirmations of one item at two locations sent together order at most the capacity', async () => {
  const over: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { pair, backup, one, two } = await twoLocations();
    const confirmLate = (lineId: string) =>
      server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule: [{ quantity: 100, deliveryDate: inDays(12) }] } }, pair.supplier.token);
    const results = await Promise.all([confirmLate(one.id), confirmLate(two.id)]);
    expect(results.map((r) => r.errors ?? null)).toEqual([null, null]);
    const [ordered] = await server.query<{ units: string | null }>(
      `SELECT sum(l.quantity)::text AS units FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id WHERE po.supplier_id = $1`,
      [backup.orgId],
    );
    if (Number(ordered.units) > 100) over.push(Number(ordered.units));
  }
  expect(over).toEqual([]);
});
