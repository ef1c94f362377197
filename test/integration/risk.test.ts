import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { Client } from 'pg';
import {
  CancelPurchaseOrderDocument,
  IssuePurchaseOrderDocument,
  ProjectedInventoryDocument,
  PublishForecastDocument,
  ReceivePurchaseOrderLineDocument,
  RejectPurchaseOrderLineDocument,
  SetSafetyStockDocument,
  ShortageRisksDocument,
  UpsertInventoryDocument,
  type ShortageRisksQuery,
} from '../../src/sdk/generated/graphql';
import { asSystem } from '../../src/core/system';
import { OrganizationKind } from '../../src/core/tenancy.enums';
import { createLogger } from '../../src/logger';
import { alertsOf, confirmLine, createItem, createLocation, createOrder, expectError, inDays, partner, signUp, sourcingRule, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { urgencyKey, urgencyValues } from '../../src/modules/risk/urgency-key';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const riskOf = async (token: string, itemId: string, locationId: string) => {
  const { shortageRisks } = await server.ok(ShortageRisksDocument, { filter: { itemId, locationId } }, token);
  return shortageRisks.edges[0]?.node;
};

describe('risk kept up to date through the API', () => {
  it('recomputes on inventory, forecast, orders, confirmations, rejections, safety stock, receipts and cancellations, alerting on change only', async () => {
    const pair = await tradingPair(server); // unit price 9.99
    const { retailer, supplier, item, location } = pair;
    const risk = () => riskOf(retailer.token, item.id, location.id);
    const riskAlerts = async (orgId: string) => (await alertsOf(server, orgId)).filter((a) => a.type === 'SHORTAGE_RISK_CHANGED');

    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 25, reserved: 5 }] } }, retailer.token);
    expect(await risk()).toMatchObject({ level: 'OK', availableNow: 20, daysOfCover: 56, shortageQuantity: 0 });
    expect(await riskAlerts(retailer.orgId)).toHaveLength(0);

    // 30 over 7 days: 5, 5, 4, 4, 4, 4, 4 -> balances 15, 10, 6, 2, -2, -6, -10.
    await server.ok(PublishForecastDocument, { input: { lines: [{ itemId: item.id, locationId: location.id, periodStart: inDays(0), periodDays: 7, quantity: 30 }] } }, retailer.token);
    expect(await risk()).toMatchObject({ level: 'STOCKOUT', projectedStockoutDate: inDays(4), shortageQuantity: 10, daysOfCover: 4, revenueAtRisk: '99.90' });
    const [first] = await riskAlerts(retailer.orgId);
    expect(first.message).toBe(`${item.sku} at ${location.code}: STOCKOUT on ${inDays(4)} (short 10), 99.90 revenue at risk; was OK`);
    expect((await riskAlerts(supplier.orgId)).map((a) => a.message)).toEqual([first.message]);

    // An order arriving after the stockout changes nothing that matters: no alert.
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }]);
    expect(await risk()).toMatchObject({ level: 'STOCKOUT', projectedStockoutDate: inDays(4), shortageQuantity: 10 });
    expect(await riskAlerts(retailer.orgId)).toHaveLength(1);

    // A split confirmation bringing half forward covers it.
    const lineId = order.lines[0].id;
    await confirmLine(server, supplier, lineId, [{ quantity: 50, deliveryDate: inDays(3) }, { quantity: 50, deliveryDate: inDays(10) }]);
    expect(await risk()).toMatchObject({ level: 'OK', projectedStockoutDate: null, shortageQuantity: 0, revenueAtRisk: '0.00' });
    expect(await riskAlerts(retailer.orgId)).toHaveLength(2);

    // Safety stock above the lowest projected balance (6 on day 2): AT_RISK, returned by the mutation itself.
    const { setSafetyStock } = await server.ok(SetSafetyStockDocument, { input: { itemId: item.id, locationId: location.id, safetyStock: 8 } }, retailer.token);
    expect(setSafetyStock).toMatchObject({ level: 'AT_RISK', safetyStock: 8, availableNow: 20, daysOfCover: 56 });

    // Rejection takes the inbound away again.
    await server.ok(RejectPurchaseOrderLineDocument, { input: { lineId, reason: 'No raw material' } }, supplier.token);
    expect(await risk()).toMatchObject({ level: 'STOCKOUT', projectedStockoutDate: inDays(4), shortageQuantity: 10 });

    // A new order for tomorrow: the lowest balance is today's 15, above safety stock.
    const second = await createOrder(server, pair, [{ quantity: 40, requestedDate: inDays(1) }]);
    expect(await risk()).toMatchObject({ level: 'OK', projectedStockoutDate: null });
    // Received at once: on hand goes up and the receipt is not counted again as inbound.
    await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId: second.lines[0].id, quantity: 40 } }, retailer.token);
    expect(await risk()).toMatchObject({ level: 'OK', availableNow: 60 });

    // Cancelling an issued order removes its inbound.
    const third = await createOrder(server, pair, [{ quantity: 500, requestedDate: inDays(2) }]);
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 0 }] } }, retailer.token);
    // Empty shelf: out today (5 short), 10 short tomorrow, then the order arrives.
    expect(await risk()).toMatchObject({ level: 'STOCKOUT', availableNow: 0, projectedStockoutDate: inDays(0), shortageQuantity: 10 });
    await server.ok(CancelPurchaseOrderDocument, { id: third.id }, retailer.token);
    expect(await risk()).toMatchObject({ level: 'STOCKOUT', projectedStockoutDate: inDays(0), daysOfCover: 0, shortageQuantity: 30 });

    // A draft brings nothing until it is issued (its lines' order_past_draft, which the database keeps with the order).
    const draft = await createOrder(server, pair, [{ quantity: 500, requestedDate: inDays(0) }], false);
    expect(await risk()).toMatchObject({ level: 'STOCKOUT', projectedStockoutDate: inDays(0), shortageQuantity: 30 });
    await server.ok(IssuePurchaseOrderDocument, { id: draft.id }, retailer.token);
    expect(await risk()).toMatchObject({ level: 'OK', availableNow: 0, projectedStockoutDate: null, shortageQuantity: 0 });
  });
});

describe('shortageRisks', () => {
  /** One item per case at one location, 1-day demand periods so balances are easy to read. */
  async function scenario() {
    const pair = await tradingPair(server);
    const mk = async (price: string) => createItem(server, pair.retailer.token, { unitPrice: price });
    const [c, b, a, d, e] = [await mk('1.00'), await mk('5.00'), await mk('1.00'), await mk('1.00'), await mk('1.00')];
    const location = pair.location;
    const other = await createLocation(server, pair.retailer.token);
    const stock = [
      { itemId: c.id, onHand: 0 }, // runs out on day 1
      { itemId: b.id, onHand: 2 }, // runs out on day 2, 10 short x 5.00
      { itemId: a.id, onHand: 2 }, // runs out on day 2, 10 short x 1.00
      { itemId: d.id, onHand: 50 }, // below safety stock
      { itemId: e.id, onHand: 50 },
    ];
    await server.ok(UpsertInventoryDocument, { input: { positions: [...stock.map((s) => ({ ...s, locationId: location.id })), { itemId: e.id, locationId: other.id, onHand: 1 }] } }, pair.retailer.token);
    const demand = (itemId: string, day: number, quantity: number) => ({ itemId, locationId: location.id, periodStart: inDays(day), periodDays: 1, quantity });
    await server.ok(PublishForecastDocument, {
      input: { lines: [demand(c.id, 1, 3), demand(b.id, 2, 12), demand(a.id, 2, 12), demand(d.id, 3, 10), demand(e.id, 3, 10)] },
    }, pair.retailer.token);
    await server.ok(SetSafetyStockDocument, { input: { itemId: d.id, locationId: location.id, safetyStock: 45 } }, pair.retailer.token);
    return { pair, items: { a, b, c, d, e }, location, other };
  }

  it('orders STOCKOUT first, then the earliest stockout, then the largest revenue at risk, with stable cursors', async () => {
    const { pair, items } = await scenario();
    const all = await server.ok(ShortageRisksDocument, {}, pair.retailer.token);
    const skus = (edges: { node: { item: { id: string } } }[]) => edges.map((e) => Object.entries(items).find(([, i]) => i.id === e.node.item.id)?.[0] ?? 'other');
    // e is OK at both locations (OK rows come last, by item then location).
    expect(skus(all.shortageRisks.edges)).toEqual(['c', 'b', 'a', 'd', 'e', 'e']);
    expect(all.shortageRisks.edges[1].node).toMatchObject({ level: 'STOCKOUT', projectedStockoutDate: inDays(2), shortageQuantity: 10, revenueAtRisk: '50.00' });

    const seen: string[] = [];
    let after: string | null | undefined = null;
    do {
      const page: ShortageRisksQuery = await server.ok(ShortageRisksDocument, { first: 2, after }, pair.retailer.token);
      seen.push(...skus(page.shortageRisks.edges));
      after = page.shortageRisks.pageInfo.hasNextPage ? page.shortageRisks.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(skus(all.shortageRisks.edges));

    // Cursors carry the five urgency values, as they always have, so a cursor handed out before the list sorted by
    // urgency_key still pages; any other text, such as another list's cursor, is an invalid cursor.
    const firstTwo = await server.ok(ShortageRisksDocument, { first: 2 }, pair.retailer.token);
    const end = firstTwo.shortageRisks.pageInfo.endCursor!;
    const values = JSON.parse(Buffer.from(end, 'base64url').toString('utf8')) as unknown[];
    expect(values).toEqual([0, inDays(2), '50.0000', items.b.id, expect.any(String)]);
    const old = Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
    const next = await server.ok(ShortageRisksDocument, { first: 2, after: old }, pair.retailer.token);
    expect(skus(next.shortageRisks.edges)).toEqual(['a', 'd']);
    const backward = parse('query ($before: String) { shortageRisks(last: 1, before: $before) { edges { node { item { id } } } } }') as TypedDocumentNode<ShortageRisksQuery, { before: string }>;
    const back = await server.ok(backward, { before: old }, pair.retailer.token);
    expect(skus(back.shortageRisks.edges)).toEqual(['c']);
    // Another list's cursor (one id), a string, and an amount the list cannot hold (five decimals).
    for (const bad of [[items.b.id], ['not a key'], [0, inDays(2), '50.00001', items.b.id, items.b.id]].map((v) => Buffer.from(JSON.stringify(v)).toString('base64url'))) {
      expectError(await server.gql(ShortageRisksDocument, { after: bad }, pair.retailer.token), 'BAD_USER_INPUT', 'after');
    }
  });

  it('pages by urgency_key, which sorts exactly as the five urgency columns do (ties, missing dates, amounts of every length)', async () => {
    // The generated column's own expression (LIKE ... INCLUDING GENERATED), over rows chosen to trip a text encoding:
    // amounts whose digits differ in number, equal amounts, no stockout date, negative amounts, the largest amount.
    const owner = new Client({ connectionString: server.databaseUrl });
    await owner.connect();
    try {
      await owner.query('CREATE TEMP TABLE urgency (LIKE shortage_risk INCLUDING GENERATED)');
      const amounts = ['0', '0.0001', '9.5', '10.25', '10.25', '99.9999', '100', '123456789.1234', '-0.5', '-12', '9999999999999999999999999999999999.9999'];
      const dates = [null, '2026-01-01', '2026-01-02', '2099-12-31', '1999-06-30'];
      const rows: string[] = [];
      let n = 0;
      for (const level of [0, 1, 2]) {
        for (const date of dates) {
          for (const amount of amounts) {
            // Ids from a counter scrambled so item order differs from insertion order; the location breaks item ties.
            const item = `00000000-0000-4000-8000-${String((n * 7919) % 1000).padStart(12, '0')}`;
            const location = `00000000-0000-4000-8000-${String(n % 3).padStart(12, '0')}`;
            rows.push(`('${item}', '${location}', gen_random_uuid(), 'OK', ${level}, 0, 0, ${date ? `'${date}'` : 'NULL'}, 0, 0, ${amount}, '2026-01-01', now())`);
            n++;
          }
        }
      }
      await owner.query(`INSERT INTO urgency (item_id, location_id, retailer_id, level, level_rank, available_now, safety_stock, projected_stockout_date,
        shortage_quantity, days_of_cover, revenue_at_risk, computed_for, computed_at) VALUES ${rows.join(', ')}`);
      const byKey = await owner.query('SELECT item_id, location_id FROM urgency ORDER BY urgency_key');
      const byColumns = await owner.query(`SELECT item_id, location_id FROM urgency
        ORDER BY level_rank, coalesce(projected_stockout_date, 'infinity'::date), revenue_at_risk DESC, item_id, location_id`);
      expect(byKey.rows).toHaveLength(n);
      expect(byKey.rows).toEqual(byColumns.rows);
      // The cursors' five values (as the list reads them) and the column, both ways, as the risk list's codec converts them.
      const keyed = await owner.query<{ level: number; date: string; revenue: string; item: string; location: string; key: string }>(`SELECT level_rank AS level,
        coalesce(projected_stockout_date, 'infinity'::date)::text AS date, revenue_at_risk::text AS revenue, item_id::text AS item,
        location_id::text AS location, urgency_key AS key FROM urgency`);
      for (const row of keyed.rows) {
        const values = [row.level, row.date, row.revenue, row.item, row.location];
        expect(urgencyKey(values)).toBe(row.key);
        expect(urgencyValues(row.key)).toEqual(values);
      }
    } finally {
      await owner.end();
    }
  });

  it('filters by level, item, location and supplier; a supplier sees only what it sources', async () => {
    const { pair, items, other } = await scenario();
    const levels = await server.ok(ShortageRisksDocument, { filter: { levels: ['AT_RISK'] } }, pair.retailer.token);
    expect(levels.shortageRisks.edges.map((e) => e.node.item.id)).toEqual([items.d.id]);
    const atOther = await server.ok(ShortageRisksDocument, { filter: { locationId: other.id } }, pair.retailer.token);
    expect(atOther.shortageRisks.totalCount).toBe(1);

    const backup = await signUp(server, 'SUPPLIER');
    await partner(server, pair.retailer, backup);
    await sourcingRule(server, pair.retailer.token, { itemId: items.b.id, supplierId: backup.orgId });
    const bySupplier = await server.ok(ShortageRisksDocument, { filter: { supplierId: backup.orgId } }, pair.retailer.token);
    expect(bySupplier.shortageRisks.edges.map((e) => e.node.item.id)).toEqual([items.b.id]);
    const theirView = await server.ok(ShortageRisksDocument, {}, backup.token);
    expect(theirView.shortageRisks.edges.map((e) => e.node.item.id)).toEqual([items.b.id]);
    // A supplier cannot probe which items a competitor supplies.
    expect((await server.ok(ShortageRisksDocument, { filter: { supplierId: pair.supplier.orgId } }, backup.token)).shortageRisks.totalCount).toBe(0);
    expectError(await server.gql(ShortageRisksDocument, { after: Buffer.from('0|x|0|a|b').toString('base64url') }, pair.retailer.token), 'BAD_USER_INPUT', 'after');
    const stranger = await signUp(server, 'SUPPLIER');
    expect((await server.ok(ShortageRisksDocument, {}, stranger.token)).shortageRisks.totalCount).toBe(0);
    const rival = await signUp(server, 'RETAILER');
    expect((await server.ok(ShortageRisksDocument, {}, rival.token)).shortageRisks.totalCount).toBe(0);
  });

  it('charts the projection day by day', async () => {
    const { pair, items, location } = await scenario();
    const { projectedInventory } = await server.ok(ProjectedInventoryDocument, { itemId: items.b.id, locationId: location.id, horizonDays: 4 }, pair.retailer.token);
    expect(projectedInventory).toEqual([
      { date: inDays(0), demand: 0, inbound: 0, projectedAvailable: 2 },
      { date: inDays(1), demand: 0, inbound: 0, projectedAvailable: 2 },
      { date: inDays(2), demand: 12, inbound: 0, projectedAvailable: -10 },
      { date: inDays(3), demand: 0, inbound: 0, projectedAvailable: -10 },
    ]);
    expectError(await server.gql(ProjectedInventoryDocument, { itemId: items.b.id, locationId: location.id, horizonDays: 0 }, pair.retailer.token), 'BAD_USER_INPUT', 'horizonDays');
    const rival = await signUp(server, 'RETAILER');
    expectError(await server.gql(ProjectedInventoryDocument, { itemId: items.b.id, locationId: location.id }, rival.token), 'NOT_FOUND', 'itemId');
  });
});

/** Frees today's slot of the daily run, as if it had run yesterday (the queue keys the run by its UTC day). */
const yesterdaysRun = async () => {
  // Every daily run one day back, in two steps: one step could collide row by row with a run already on the day before.
  await server.query(`UPDATE pgboss.job SET singleton_on = singleton_on - interval '1000 days' WHERE name = 'daily'`);
  await server.query(`UPDATE pgboss.job SET singleton_on = singleton_on + interval '999 days' WHERE name = 'daily'`);
};

describe('daily job', () => {
  it('runs once per UTC day across instances and recomputes as the days roll', async () => {
    const pair = await tradingPair(server);
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: pair.item.id, locationId: pair.location.id, onHand: 10 }] } }, pair.retailer.token);
    // Pretend yesterday's computation: stale rows are recomputed from today.
    await server.query(`UPDATE shortage_risk SET computed_for = current_date - 1, level = 'STOCKOUT', level_rank = 0 WHERE item_id = $1`, [pair.item.id]);
    await yesterdaysRun();
    const sibling = await server.sibling();
    try {
      const runs = await Promise.all([server.app.jobs.runNow('daily'), sibling.app.jobs.runNow('daily')]);
      expect(runs.filter((r) => r === null)).toHaveLength(1);
      expect(runs.find((r) => r !== null)).toMatchObject({ state: 'completed' });
      expect(await server.app.jobs.runNow('daily')).toBeNull();
    } finally {
      await sibling.close();
    }
    const [row] = await server.query<{ level: string; computed_for: string }>('SELECT level, computed_for::text FROM shortage_risk WHERE item_id = $1', [pair.item.id]);
    expect(row).toEqual({ level: 'OK', computed_for: inDays(0) });
  });
});

it('the daily job also deletes sessions a week past their expiry', async () => {
  const pair = await tradingPair(server);
  await server.query(`UPDATE session SET expires_at = now() - interval '8 days' WHERE user_id = $1`, [pair.retailer.userId]);
  await yesterdaysRun();
  expect(await server.app.jobs.runNow('daily')).toMatchObject({ state: 'completed' });
  expect(await server.query('SELECT 1 FROM session WHERE user_id = $1', [pair.retailer.userId])).toHaveLength(0);
  expect(await server.query('SELECT 1 FROM session WHERE user_id = $1', [pair.supplier.userId])).toHaveLength(1);
});

it('a recompute waits for a concurrent one of the same retailer, so the stored risk never misses a committed change', async () => {
  const pair = await tradingPair(server);
  const pairKey = [{ itemId: pair.item.id, locationId: pair.location.id }];
  await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: pair.item.id, locationId: pair.location.id, onHand: 100 }] } }, pair.retailer.token);
  await server.ok(PublishForecastDocument, { input: { lines: [{ itemId: pair.item.id, locationId: pair.location.id, periodStart: inDays(0), periodDays: 7, quantity: 70 }] } }, pair.retailer.token);
  const { risk } = server.app.services;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let aRecomputed!: () => void;
  const aReady = new Promise<void>((resolve) => (aRecomputed = resolve));
  // A: stock drops to 10 and A recomputes, then stays open.
  const a = asRetailer(server, pair.retailer.orgId, async (tx) => {
    await tx.em.getConnection().execute(`UPDATE inventory_position SET on_hand = 10 WHERE item_id = ?`, [pair.item.id], 'run', tx.em.getTransactionContext());
    await risk.recompute(tx, pair.retailer.orgId, pairKey);
    aRecomputed();
    await held;
  });
  await aReady;
  // B: safety stock changes and B recomputes while A is still open.
  const b = asRetailer(server, pair.retailer.orgId, async (tx) => {
    await tx.em.getConnection().execute(
      `INSERT INTO safety_stock (item_id, location_id, retailer_id, quantity, updated_at) VALUES (?, ?, ?, 5, now())`,
      [pair.item.id, pair.location.id, pair.retailer.orgId], 'run', tx.em.getTransactionContext());
    await risk.recompute(tx, pair.retailer.orgId, pairKey);
  });
  await new Promise((r) => setTimeout(r, 200));
  release();
  await Promise.all([a, b]);
  // The stored risk knows both changes: stock 10, safety stock 5.
  const [row] = await server.query<{ available_now: number; safety_stock: number }>('SELECT available_now, safety_stock FROM shortage_risk WHERE item_id = $1', [pair.item.id]);
  expect(row).toEqual({ available_now: 10, safety_stock: 5 });
  const changed = await asRetailer(server, pair.retailer.orgId, (tx) => risk.recompute(tx, pair.retailer.orgId, pairKey));
  expect(changed).toBe(0);
});

/** ShortStop acting for the retailer, as the daily job does. */
function asRetailer<T>(server: TestServer, retailerId: string, fn: Parameters<typeof asSystem<T>>[3]): Promise<T> {
  const base = { em: server.orm.em, services: server.app.services, log: createLogger('silent') };
  return asSystem(base, { id: retailerId, name: 'Test retailer', kind: OrganizationKind.RETAILER }, 'test', fn);
}
