import { ConfirmPurchaseOrderLinesDocument, PublishForecastDocument, UpsertInventoryDocument } from '../../src/sdk/generated/graphql';
import { confirmLine, createOrder, inDays, tradingPair } from '../support/factories';
import { bareStatement, startTestServer, type TestServer } from '../support/server';

/**
 * A confirmation that promises just what its line was already expected to
 * bring (sameInbound) changes no input of its position's shortage risk: the
 * stored risk is kept, its computedAt moves as a recompute moves it, and the
 * position's inputs are not read again (RiskService.recomputeAfterChange).
 * Any other confirmation recomputes, and so does one whose stored risk was
 * computed for an earlier day or at an old unit price.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The risk inputs' read (RiskService.eachInput): a recompute of the position. */
const RISK_INPUTS = /^WITH v AS MATERIALIZED \(SELECT id FROM forecast_version/;
const recomputed = () => server.statements.map(bareStatement).some((statement) => RISK_INPUTS.test(statement));

/** 50 on hand, 10 a day of demand for 28 days, and an order of 100 (day 10) and 40 (day 12), never confirmed. */
async function scenario() {
  const pair = await tradingPair(server);
  const position = { itemId: pair.item.id, locationId: pair.location.id };
  await server.ok(UpsertInventoryDocument, { input: { positions: [{ ...position, onHand: 50 }] } }, pair.retailer.token);
  await server.ok(PublishForecastDocument, { input: { lines: [{ ...position, periodStart: inDays(0), periodDays: 28, quantity: 280 }] } }, pair.retailer.token);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }, { quantity: 40, requestedDate: inDays(12) }]);
  const [first, second] = order.lines.map((l) => l.id);
  return { pair, position, first, second };
}

type Stored = { level: string; stockout: string | null; shortage: number; revenue: string; computedFor: string; computedAt: string };
async function stored(retailerId: string): Promise<Stored> {
  const rows = await server.query<Stored>(
    `SELECT level, projected_stockout_date::text AS stockout, shortage_quantity AS shortage, revenue_at_risk::text AS revenue,
            computed_for::text AS "computedFor", (extract(epoch FROM computed_at) * 1000000)::bigint::text AS "computedAt"
       FROM shortage_risk WHERE retailer_id = $1`,
    [retailerId],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}
const figures = ({ computedAt: _at, ...rest }: Stored) => rest;
async function riskAlerts(retailerId: string): Promise<number> {
  const [row] = await server.query<{ n: number }>(`SELECT count(*)::int AS n FROM alert WHERE organization_id = $1 AND type = 'SHORTAGE_RISK_CHANGED'`, [retailerId]);
  return row.n;
}

it('confirmed as requested: the risk is kept as a recompute would leave it, computedAt moves, the inputs are not read', async () => {
  const { pair, position, first, second } = await scenario();
  const before = await stored(pair.retailer.orgId);
  // Hand-computed: PAB(d) = 50 - 10(d + 1) + 100 from day 10 + 40 from day 12: below zero from day 5, lowest on day 27
  // (50 - 280 + 140 = -90).
  expect(figures(before)).toEqual({ level: 'STOCKOUT', stockout: inDays(5), shortage: 90, revenue: '899.1000', computedFor: before.computedFor });
  const alerts = await riskAlerts(pair.retailer.orgId);

  server.statements.length = 0;
  await confirmLine(server, pair.supplier, first, [{ quantity: 100, deliveryDate: inDays(10) }]);
  expect(recomputed()).toBe(false);
  // The other line as requested in an EDI batch (confirmPurchaseOrderLines): the same.
  await server.ok(ConfirmPurchaseOrderLinesDocument, { input: { lines: [{ lineId: second, schedule: [{ quantity: 40, deliveryDate: inDays(12) }] }] } }, pair.supplier.token);
  expect(recomputed()).toBe(false);
  const kept = await stored(pair.retailer.orgId);
  expect(figures(kept)).toEqual(figures(before));
  expect(BigInt(kept.computedAt)).toBeGreaterThan(BigInt(before.computedAt)); // microseconds since the epoch
  expect(await riskAlerts(pair.retailer.orgId)).toBe(alerts);

  // What a recompute gives now is what was kept: the same stock again recomputes the position, and nothing changes.
  server.statements.length = 0;
  await server.ok(UpsertInventoryDocument, { input: { positions: [{ ...position, onHand: 50 }] } }, pair.retailer.token);
  expect(recomputed()).toBe(true);
  expect(figures(await stored(pair.retailer.orgId))).toEqual(figures(before));
  expect(await riskAlerts(pair.retailer.orgId)).toBe(alerts);
});

it('confirmed late: recomputed, and the change is raised', async () => {
  const { pair, first } = await scenario();
  const alerts = await riskAlerts(pair.retailer.orgId);
  server.statements.length = 0;
  // The 100 of day 10 now comes on day 40 (within the 56-day horizon): days 27 to 39 are the lowest, 50 - 280 + 40 = -190.
  await confirmLine(server, pair.supplier, first, [{ quantity: 100, deliveryDate: inDays(40) }]);
  expect(recomputed()).toBe(true);
  expect(figures(await stored(pair.retailer.orgId))).toMatchObject({ level: 'STOCKOUT', stockout: inDays(5), shortage: 190, revenue: '1898.1000' });
  expect(await riskAlerts(pair.retailer.orgId)).toBe(alerts + 1);
});

it('a risk computed for an earlier day, or at an old unit price, is recomputed', async () => {
  const { pair, second } = await scenario();
  const before = await stored(pair.retailer.orgId);
  const asRequested = [{ quantity: 40, deliveryDate: inDays(12) }];

  // As if the day had turned at the location and the rollover job had not run yet.
  await server.query(`UPDATE shortage_risk SET computed_for = computed_for - 1 WHERE retailer_id = $1`, [pair.retailer.orgId]);
  server.statements.length = 0;
  await confirmLine(server, pair.supplier, second, asRequested);
  expect(recomputed()).toBe(true);
  expect(figures(await stored(pair.retailer.orgId))).toEqual(figures(before));

  // A new unit price recomputes nothing by itself; the next confirmation of the position reprices revenueAtRisk.
  await server.query(`UPDATE item SET unit_price = 20 WHERE id = $1`, [pair.item.id]);
  server.statements.length = 0;
  await confirmLine(server, pair.supplier, second, asRequested);
  expect(recomputed()).toBe(true);
  expect(figures(await stored(pair.retailer.orgId))).toEqual({ ...figures(before), revenue: '1800.0000' });

  // Now current on both counts: kept.
  server.statements.length = 0;
  await confirmLine(server, pair.supplier, second, asRequested);
  expect(recomputed()).toBe(false);
});
