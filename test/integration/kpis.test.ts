import {
  CancelPurchaseOrderDocument,
  ClosePurchaseOrderLineDocument,
  KpisDocument,
  PublishForecastDocument,
  ReceivePurchaseOrderLineDocument,
  RejectPurchaseOrderLineDocument,
  RiskTrendDocument,
  SetSafetyStockDocument,
  UpsertInventoryDocument,
  type KpiGroup,
} from '../../src/sdk/generated/graphql';
import { RiskSnapshotTask } from '../../src/modules/risk/risk-snapshot.jobs';
import { createLogger } from '../../src/logger';
import { confirmLine, createItem, createLocation, createOrder, expectError, inDays, partner, signUp, sourcingRule, type Account } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const T = inDays(0);
const day = (offset: number) => inDays(offset);

/** The daily snapshot task with its clock moved to noon (UTC) of `date`, as the daily job would run it that day. */
const snapshotOn = (date: string) =>
  new RiskSnapshotTask(() => new Date(`${date}T12:00:00Z`)).run({ orm: server.orm, services: server.app.services, log: createLogger('silent') });

/**
 * A small history, written through the API (past dates and times set in SQL
 * afterwards, as a clock cannot be moved back for requests):
 *
 * Items A (10.00, supplied by S1) and B (2.50, by S2); locations L1, L2.
 * Forecast: A@L1 100 over 10 days from T-3 (10/day), A@L2 30 over 10 days from T-3 (3/day). B@L1 safety stock 6.
 * Snapshots taken by the task with its clock moved, the stock set before each:
 *
 *   day | A@L1 onHand, PAB(0), level, revenue | B@L1            | A@L2
 *   T-3 | 5:   -5 STOCKOUT 950 (short 95)      | 4: 4 AT_RISK 0  | 100: 97 OK 0
 *   T-2 | 50:  40 STOCKOUT 400 (short 40)      | 4: 4 AT_RISK 0  | 100: 97 OK 0
 *   T-1 | 8:   -2 STOCKOUT 720 (short 72)      | 10: 10 OK 0     | 1: -2 STOCKOUT 230 (short 23)
 *   T   | 100: 90 OK 0                        | 10: 10 OK 0     | 1: -2 STOCKOUT 200 (short 20)
 *
 * Stockout days (PAB(0) < 0): A@L1 on T-3 and T-1, A@L2 on T-1 and T: 4 of 12 position days.
 *
 * Order lines, all to L1 (O1 to S1 issued T-8 10:00 UTC, O2 to S2 issued T-7 00:00, O3 to S2 cancelled):
 *   a1 A 100 requested T-5, promised 5 h after issue, received 60 on T-6 and 40 on T-4: filled 60, not OTIF
 *   a2 A  50 requested T-5, promised after 10 h, received 50 on T-5: filled 50, OTIF
 *   a3 A  40 requested T-2, rejected after 30 h: filled 0
 *   a4 A  30 requested T+5 (outside the window), never answered: latency only (none)
 *   a5 A  20 requested T-3, promised after 4 h, received 10 on T-4, then closed short (c = 10): filled 10 of 10, not OTIF (closed short)
 *   b1 B  10 requested T-1, promised after 12 h, received 10 on T-1: filled 10, OTIF
 *   c1 B 1000 requested T-2, order cancelled: left out
 */
async function history() {
  const R = await signUp(server, 'RETAILER');
  const S1 = await signUp(server, 'SUPPLIER');
  const S2 = await signUp(server, 'SUPPLIER');
  await partner(server, R, S1);
  await partner(server, R, S2);
  const A = await createItem(server, R.token, { unitPrice: '10.00' });
  const B = await createItem(server, R.token, { unitPrice: '2.50' });
  const L1 = await createLocation(server, R.token);
  const L2 = await createLocation(server, R.token);
  await sourcingRule(server, R.token, { itemId: A.id, supplierId: S1.orgId });
  await sourcingRule(server, R.token, { itemId: B.id, supplierId: S2.orgId });
  await server.ok(PublishForecastDocument, {
    input: {
      lines: [
        { itemId: A.id, locationId: L1.id, periodStart: day(-3), periodDays: 10, quantity: 100 },
        { itemId: A.id, locationId: L2.id, periodStart: day(-3), periodDays: 10, quantity: 30 },
      ],
    },
  }, R.token);
  await server.ok(SetSafetyStockDocument, { input: { itemId: B.id, locationId: L1.id, safetyStock: 6 } }, R.token);
  const stock = (a1: number, b1: number, a2: number) =>
    server.ok(UpsertInventoryDocument, {
      input: {
        positions: [
          { itemId: A.id, locationId: L1.id, onHand: a1 },
          { itemId: B.id, locationId: L1.id, onHand: b1 },
          { itemId: A.id, locationId: L2.id, onHand: a2 },
        ],
      },
    }, R.token);
  await stock(5, 4, 100);
  await snapshotOn(day(-3));
  await stock(50, 4, 100);
  await snapshotOn(day(-2));
  await stock(8, 10, 1);
  await snapshotOn(day(-1));
  await stock(100, 10, 1);
  await snapshotOn(T);

  // Orders, issued today through the API, then moved into the past.
  const o1 = await createOrder(server, { retailer: R, supplier: S1, item: A, location: L1 }, [
    { quantity: 100 }, { quantity: 50 }, { quantity: 40 }, { quantity: 30 }, { quantity: 20 },
  ]);
  const o2 = await createOrder(server, { retailer: R, supplier: S2, item: B, location: L1 }, [{ quantity: 10 }]);
  const o3 = await createOrder(server, { retailer: R, supplier: S2, item: B, location: L1 }, [{ quantity: 1000 }]);
  await server.ok(CancelPurchaseOrderDocument, { id: o3.id }, R.token);
  const [a1, a2, a3, a4, a5] = o1.lines;
  const [b1] = o2.lines;
  for (const line of [a1, a2, a5]) await confirmLine(server, S1, line.id, [{ quantity: line.quantity, deliveryDate: day(1) }]);
  await confirmLine(server, S2, b1.id, [{ quantity: 10, deliveryDate: day(1) }]);
  await server.ok(RejectPurchaseOrderLineDocument, { input: { lineId: a3.id, reason: 'No stock' } }, S1.token);

  await server.query(`UPDATE purchase_order SET issued_at = ($2::date - 8) + interval '10 hours' WHERE id = $1`, [o1.id, T]);
  await server.query(`UPDATE purchase_order SET issued_at = ($2::date - 7)::timestamp AT TIME ZONE 'UTC' WHERE id = $1`, [o2.id, T]);
  await server.query(`UPDATE purchase_order SET issued_at = ($2::date - 20)::timestamp AT TIME ZONE 'UTC' WHERE id = $1`, [o3.id, T]);
  const answered = async (lineId: string, hours: number) =>
    server.query(
      `UPDATE confirmation c SET created_at = po.issued_at + make_interval(hours => $2)
         FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id WHERE l.id = c.line_id AND c.line_id = $1 AND c.sequence = 1`,
      [lineId, hours],
    );
  await answered(a1.id, 5);
  await answered(a2.id, 10);
  await answered(a3.id, 30);
  await answered(a5.id, 4);
  await answered(b1.id, 12);
  const requested = (lineId: string, offset: number) => server.query(`UPDATE purchase_order_line SET requested_date = $2::date + $3::int WHERE id = $1`, [lineId, T, offset]);
  await requested(a1.id, -5);
  await requested(a2.id, -5);
  await requested(a3.id, -2);
  await requested(a4.id, 5);
  await requested(a5.id, -3);
  await requested(b1.id, -1);
  await requested(o3.lines[0].id, -2);

  const receive = (lineId: string, quantity: number, offset: number) =>
    server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity, receivedAt: day(offset) } }, R.token);
  await receive(a1.id, 60, -6);
  await receive(a1.id, 40, -4);
  await receive(a2.id, 50, -5);
  await receive(a5.id, 10, -4);
  await server.ok(ClosePurchaseOrderLineDocument, { input: { lineId: a5.id, reason: 'Enough' } }, R.token);
  await receive(b1.id, 10, -1);
  return { R, S1, S2, A, B, L1, L2 };
}

type World = Awaited<ReturnType<typeof history>>;
let world: World;
beforeAll(async () => {
  world = await history();
}, 60_000);

const kpis = async (account: Account, groupBy: KpiGroup, from = day(-10), to = T, page: { first?: number; after?: string } = {}) =>
  (await server.ok(KpisDocument, { from, to, groupBy, ...page }, account.token)).kpis;

// The figures of each part of the history (see above).
const S1_LINES = { fillRate: 0.6, onTimeInFullRate: 0.25, confirmationLatencyHours: 12.25 }; // 120/200, 1 of 4, (5+10+30+4)/4
const S2_LINES = { fillRate: 1, onTimeInFullRate: 1, confirmationLatencyHours: 12 };
const A_POSITIONS = { stockoutDays: 4, positionDays: 8, revenueAtRisk: '200.00' };
const B_POSITIONS = { stockoutDays: 0, positionDays: 4, revenueAtRisk: '0.00' };
const byKey = <T extends { key: string }>(groups: T[]) => [...groups].sort((a, b) => a.key.localeCompare(b.key));

describe('the daily risk snapshot', () => {
  it('stores one row per item x location per day, with PAB(0), level, shortage and revenue at risk', async () => {
    const rows = await server.query<{ day: string; sku: string; code: string; level: string; opening_balance: number; projected_stockout_date: string | null; shortage_quantity: number; revenue_at_risk: string }>(
      `SELECT s.day::text AS day, i.sku, l.code, s.level, s.opening_balance, s.projected_stockout_date::text AS projected_stockout_date, s.shortage_quantity, s.revenue_at_risk::text AS revenue_at_risk
         FROM risk_snapshot s JOIN item i ON i.id = s.item_id JOIN location l ON l.id = s.location_id
        WHERE s.retailer_id = $1 ORDER BY s.day, i.unit_price DESC, l.code`,
      [world.R.orgId],
    );
    const [a, b] = [world.A.sku, world.B.sku];
    const [l1, l2] = [world.L1.code, world.L2.code];
    expect(rows.map((r) => [r.day, r.sku, r.code, r.level, r.opening_balance, r.projected_stockout_date, r.shortage_quantity, r.revenue_at_risk])).toEqual(
      [
        [day(-3), a, l1, 'STOCKOUT', -5, day(-3), 95, '950.0000'],
        [day(-3), a, l2, 'OK', 97, null, 0, '0.0000'],
        [day(-3), b, l1, 'AT_RISK', 4, null, 0, '0.0000'],
        [day(-2), a, l1, 'STOCKOUT', 40, day(3), 40, '400.0000'], // 50 - 10 x 6 < 0 on day 5 = T+3,
        [day(-2), a, l2, 'OK', 97, null, 0, '0.0000'],
        [day(-2), b, l1, 'AT_RISK', 4, null, 0, '0.0000'],
        [day(-1), a, l1, 'STOCKOUT', -2, day(-1), 72, '720.0000'],
        [day(-1), a, l2, 'STOCKOUT', -2, day(-1), 23, '230.0000'],
        [day(-1), b, l1, 'OK', 10, null, 0, '0.0000'],
        [T, a, l1, 'OK', 90, null, 0, '0.0000'],
        [T, a, l2, 'STOCKOUT', -2, T, 20, '200.0000'],
        [T, b, l1, 'OK', 10, null, 0, '0.0000'],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0])) || (x[1] === y[1] ? String(x[2]).localeCompare(String(y[2])) : x[1] === a ? -1 : 1)),
    );
  });

  it('is idempotent per day: a second run the same day writes nothing, even after the inputs changed', async () => {
    const count = async () => (await server.query<{ n: number }>(`SELECT count(*)::int AS n FROM risk_snapshot WHERE retailer_id = $1`, [world.R.orgId]))[0].n;
    const before = await server.query(`SELECT * FROM risk_snapshot WHERE retailer_id = $1 ORDER BY day, item_id, location_id`, [world.R.orgId]);
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: world.A.id, locationId: world.L2.id, onHand: 500 }] } }, world.R.token);
    const again = await snapshotOn(T);
    expect(again.snapshotRows).toBe(0);
    expect(await count()).toBe(12);
    expect(await server.query(`SELECT * FROM risk_snapshot WHERE retailer_id = $1 ORDER BY day, item_id, location_id`, [world.R.orgId])).toEqual(before);
    // Put the stock back as the history has it.
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: world.A.id, locationId: world.L2.id, onHand: 1 }] } }, world.R.token);
  });

  it('keeps 400 days: a row of T-400 is deleted by the run of T, one of T-399 is kept', async () => {
    const insert = (offset: number) =>
      server.query(
        `INSERT INTO risk_snapshot (item_id, location_id, day, retailer_id, level, opening_balance, shortage_quantity, revenue_at_risk)
         VALUES ($1, $2, $3::date + $4::int, $5, 'OK', 1, 0, 0)`,
        [world.B.id, world.L1.id, T, offset, world.R.orgId],
      );
    await insert(-400);
    await insert(-399);
    const result = await snapshotOn(T);
    expect(result.snapshotRowsPruned).toBe(1);
    const days = await server.query<{ day: string }>(`SELECT day::text AS day FROM risk_snapshot WHERE retailer_id = $1 AND day < $2::date - 3 ORDER BY day`, [world.R.orgId, T]);
    expect(days.map((d) => d.day)).toEqual([day(-399)]);
    await server.query(`DELETE FROM risk_snapshot WHERE retailer_id = $1 AND day = $2`, [world.R.orgId, day(-399)]);
  });
});

describe('kpis', () => {
  it('gives every figure of the whole history (ALL)', async () => {
    expect(await kpis(world.R, 'ALL')).toEqual([
      {
        key: 'ALL',
        label: 'All',
        fillRate: 0.619, // (60 + 50 + 0 + 10 + 10) / (100 + 50 + 40 + 10 + 10) = 130 / 210 = 0.61905
        onTimeInFullRate: 0.4, // a2 and b1 of 5
        confirmationLatencyHours: 12.2, // (5 + 10 + 30 + 4 + 12) / 5
        stockoutDays: 4,
        positionDays: 12,
        revenueAtRisk: '200.00', // the last snapshot day, T: A@L2's 200
      },
    ]);
  });

  it('takes revenue at risk from the last snapshot day of the window, and counts only the window\'s days', async () => {
    const [early] = await kpis(world.R, 'ALL', day(-3), day(-2));
    // Lines requested T-3..T-2: a3 (0 of 40) and a5 (10 of 10); none issued in the window.
    expect(early).toEqual({
      key: 'ALL', label: 'All', fillRate: 0.2, onTimeInFullRate: 0, confirmationLatencyHours: null, stockoutDays: 1, positionDays: 6, revenueAtRisk: '400.00',
    });
    // Before any snapshot or line: nothing counts.
    expect(await kpis(world.R, 'ALL', day(-30), day(-20))).toEqual([
      { key: 'ALL', label: 'All', fillRate: null, onTimeInFullRate: null, confirmationLatencyHours: null, stockoutDays: 0, positionDays: 0, revenueAtRisk: '0.00' },
    ]);
  });

  it('groups by supplier, item and location', async () => {
    const { R, S1, S2, A, B, L1, L2 } = world;
    expect(await kpis(R, 'SUPPLIER')).toEqual(byKey([
      { key: S1.orgId, label: S1.orgName, ...S1_LINES, ...A_POSITIONS },
      { key: S2.orgId, label: S2.orgName, ...S2_LINES, ...B_POSITIONS },
    ]));
    expect(await kpis(R, 'ITEM')).toEqual(byKey([
      { key: A.id, label: `${A.sku} ${A.name}`, ...S1_LINES, ...A_POSITIONS },
      { key: B.id, label: `${B.sku} ${B.name}`, ...S2_LINES, ...B_POSITIONS },
    ]));
    expect(await kpis(R, 'LOCATION')).toEqual(byKey([
      // Every line ships to L1; L1's positions are A@L1 (stockouts T-3, T-1) and B@L1; on T neither has revenue at risk.
      { key: L1.id, label: `${L1.code} ${L1.name}`, fillRate: 0.619, onTimeInFullRate: 0.4, confirmationLatencyHours: 12.2, stockoutDays: 2, positionDays: 8, revenueAtRisk: '0.00' },
      { key: L2.id, label: `${L2.code} ${L2.name}`, fillRate: null, onTimeInFullRate: null, confirmationLatencyHours: null, stockoutDays: 2, positionDays: 4, revenueAtRisk: '200.00' },
    ]));
  });

  it('pages groups by key', async () => {
    const all = await kpis(world.R, 'ITEM');
    const first = await kpis(world.R, 'ITEM', day(-10), T, { first: 1 });
    expect(first).toEqual([all[0]]);
    expect(await kpis(world.R, 'ITEM', day(-10), T, { first: 1, after: first[0].key })).toEqual([all[1]]);
    expect(await kpis(world.R, 'ITEM', day(-10), T, { first: 1, after: all[1].key })).toEqual([]);
  });

  it('shows a supplier only its own lines and the positions of the items it supplies', async () => {
    const { S1, S2, A, L1, L2 } = world;
    expect(await kpis(S1, 'ALL')).toEqual([{ key: 'ALL', label: 'All', ...S1_LINES, ...A_POSITIONS }]);
    expect(await kpis(S2, 'ALL')).toEqual([{ key: 'ALL', label: 'All', ...S2_LINES, ...B_POSITIONS }]);
    expect(await kpis(S1, 'SUPPLIER')).toEqual([{ key: S1.orgId, label: S1.orgName, ...S1_LINES, ...A_POSITIONS }]);
    expect(await kpis(S1, 'ITEM')).toEqual([{ key: A.id, label: `${A.sku} ${A.name}`, ...S1_LINES, ...A_POSITIONS }]);
    expect(await kpis(S1, 'LOCATION')).toEqual(byKey([
      { key: L1.id, label: `${L1.code} ${L1.name}`, ...S1_LINES, stockoutDays: 2, positionDays: 4, revenueAtRisk: '0.00' },
      { key: L2.id, label: `${L2.code} ${L2.name}`, fillRate: null, onTimeInFullRate: null, confirmationLatencyHours: null, stockoutDays: 2, positionDays: 4, revenueAtRisk: '200.00' },
    ]));
    expect(await server.ok(RiskTrendDocument, { from: day(-3), to: T }, S2.token)).toEqual({
      riskTrend: [
        { date: day(-3), stockoutPositions: 0, atRiskPositions: 1, revenueAtRisk: '0.00' },
        { date: day(-2), stockoutPositions: 0, atRiskPositions: 1, revenueAtRisk: '0.00' },
        { date: day(-1), stockoutPositions: 0, atRiskPositions: 0, revenueAtRisk: '0.00' },
        { date: T, stockoutPositions: 0, atRiskPositions: 0, revenueAtRisk: '0.00' },
      ],
    });
  });

  it('shows a stranger nothing of it', async () => {
    const stranger = await signUp(server, 'RETAILER');
    expect(await kpis(stranger, 'ALL')).toEqual([
      { key: 'ALL', label: 'All', fillRate: null, onTimeInFullRate: null, confirmationLatencyHours: null, stockoutDays: 0, positionDays: 0, revenueAtRisk: '0.00' },
    ]);
    expect(await kpis(stranger, 'SUPPLIER')).toEqual([]);
    expect((await server.ok(RiskTrendDocument, { from: day(-10), to: T }, stranger.token)).riskTrend).toEqual([]);
  });

  it('refuses to < from and windows over 400 days, on `to`', async () => {
    const { R } = world;
    expectError(await server.gql(KpisDocument, { from: T, to: day(-1) }, R.token), 'BAD_USER_INPUT', 'to');
    expectError(await server.gql(KpisDocument, { from: day(-400), to: T }, R.token), 'BAD_USER_INPUT', 'to');
    expectError(await server.gql(RiskTrendDocument, { from: T, to: day(-1) }, R.token), 'BAD_USER_INPUT', 'to');
    const long = expectError(await server.gql(RiskTrendDocument, { from: day(-400), to: T }, R.token), 'BAD_USER_INPUT', 'to');
    expect(long.message).toMatch(/401 days; at most 400/);
    // Exactly 400 days is fine.
    expect((await server.ok(KpisDocument, { from: day(-399), to: T }, R.token)).kpis).toHaveLength(1);
  });
});

describe('riskTrend', () => {
  it('counts STOCKOUT and AT_RISK positions and revenue at risk per snapshot day, oldest first', async () => {
    expect((await server.ok(RiskTrendDocument, { from: day(-10), to: T }, world.R.token)).riskTrend).toEqual([
      { date: day(-3), stockoutPositions: 1, atRiskPositions: 1, revenueAtRisk: '950.00' },
      { date: day(-2), stockoutPositions: 1, atRiskPositions: 1, revenueAtRisk: '400.00' },
      { date: day(-1), stockoutPositions: 2, atRiskPositions: 0, revenueAtRisk: '950.00' },
      { date: T, stockoutPositions: 1, atRiskPositions: 0, revenueAtRisk: '200.00' },
    ]);
    expect((await server.ok(RiskTrendDocument, { from: day(-2), to: day(-2) }, world.R.token)).riskTrend).toEqual([
      { date: day(-2), stockoutPositions: 1, atRiskPositions: 1, revenueAtRisk: '400.00' },
    ]);
  });
});
