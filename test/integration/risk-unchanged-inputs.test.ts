import { ConfirmPurchaseOrderLinesDocument, PortalAcknowledgeOrderDocument, PublishForecastDocument, UpsertInventoryDocument } from '../../src/sdk/generated/graphql';
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

/**
 * How the position's risk was written since the statements were reset: recomputed (the recompute's upsert) or kept
 * (keepStored's UPDATE). Both are asserted each time, so a change to either statement's text fails a test instead of
 * letting one pass for nothing. (The suite runs with SHORTSTOP_CHECK_KEPT_RISK=1, so a kept risk is also projected
 * again and compared: reading the inputs is no sign of a recompute here.)
 */
function written(): 'recomputed' | 'kept' | 'both' | 'neither' {
  // 'both': offered for keeping, refused (an earlier day, another price), recomputed.
  const statements = server.statements.map(bareStatement);
  const recomputed = statements.some((statement) => /^INSERT INTO shortage_risk AS r /.test(statement));
  const kept = statements.some((statement) => /^UPDATE shortage_risk r SET computed_at = now\(\)/.test(statement));
  return recomputed && kept ? 'both' : recomputed ? 'recomputed' : kept ? 'kept' : 'neither';
}

/** 50 on hand, 10 a day of demand for 28 days, and an order of 100 (day 10) and 40 (day 12), never confirmed. */
async function scenario() {
  const pair = await tradingPair(server);
  const position = { itemId: pair.item.id, locationId: pair.location.id };
  await server.ok(UpsertInventoryDocument, { input: { positions: [{ ...position, onHand: 50 }] } }, pair.retailer.token);
  await server.ok(PublishForecastDocument, { input: { lines: [{ ...position, periodStart: inDays(0), periodDays: 28, quantity: 280 }] } }, pair.retailer.token);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }, { quantity: 40, requestedDate: inDays(12) }]);
  const [first, second] = order.lines.map((l) => l.id);
  return { pair, position, orderId: order.id, first, second };
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

it('confirmed as requested: the risk is kept as a recompute would leave it, computedAt moves, no recompute', async () => {
  const { pair, position, first, second } = await scenario();
  const before = await stored(pair.retailer.orgId);
  // Hand-computed: PAB(d) = 50 - 10(d + 1) + 100 from day 10 + 40 from day 12: below zero from day 5, lowest on day 27
  // (50 - 280 + 140 = -90).
  expect(figures(before)).toEqual({ level: 'STOCKOUT', stockout: inDays(5), shortage: 90, revenue: '899.1000', computedFor: before.computedFor });
  const alerts = await riskAlerts(pair.retailer.orgId);

  server.statements.length = 0;
  await confirmLine(server, pair.supplier, first, [{ quantity: 100, deliveryDate: inDays(10) }]);
  expect(written()).toBe('kept');
  // The other line as requested in an EDI batch (confirmPurchaseOrderLines): the same.
  server.statements.length = 0;
  await server.ok(ConfirmPurchaseOrderLinesDocument, { input: { lines: [{ lineId: second, schedule: [{ quantity: 40, deliveryDate: inDays(12) }] }] } }, pair.supplier.token);
  expect(written()).toBe('kept');
  const kept = await stored(pair.retailer.orgId);
  expect(figures(kept)).toEqual(figures(before));
  expect(BigInt(kept.computedAt)).toBeGreaterThan(BigInt(before.computedAt)); // microseconds since the epoch
  expect(await riskAlerts(pair.retailer.orgId)).toBe(alerts);

  // What a recompute gives now is what was kept: the same stock again recomputes the position, and nothing changes.
  server.statements.length = 0;
  await server.ok(UpsertInventoryDocument, { input: { positions: [{ ...position, onHand: 50 }] } }, pair.retailer.token);
  expect(written()).toBe('recomputed');
  expect(figures(await stored(pair.retailer.orgId))).toEqual(figures(before));
  expect(await riskAlerts(pair.retailer.orgId)).toBe(alerts);
});

it('confirmed late: recomputed, and the change is raised', async () => {
  const { pair, first } = await scenario();
  const alerts = await riskAlerts(pair.retailer.orgId);
  server.statements.length = 0;
  // The 100 of day 10 now comes on day 40 (within the 56-day horizon): days 27 to 39 are the lowest, 50 - 280 + 40 = -190.
  await confirmLine(server, pair.supplier, first, [{ quantity: 100, deliveryDate: inDays(40) }]);
  expect(written()).toBe('recomputed');
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
  // Offered for keeping, refused (computed for another day), recomputed.
  expect(written()).toBe('both');
  expect(figures(await stored(pair.retailer.orgId))).toEqual(figures(before));

  // A new unit price recomputes nothing by itself; the next confirmation of the position reprices revenueAtRisk.
  await server.query(`UPDATE item SET unit_price = 20 WHERE id = $1`, [pair.item.id]);
  server.statements.length = 0;
  await confirmLine(server, pair.supplier, second, asRequested);
  expect(written()).toBe('both');
  expect(figures(await stored(pair.retailer.orgId))).toEqual({ ...figures(before), revenue: '1800.0000' });

  // Now current on both counts: kept.
  server.statements.length = 0;
  await confirmLine(server, pair.supplier, second, asRequested);
  expect(written()).toBe('kept');
});

it('acknowledging a whole order as requested keeps the risk; a position with one line kept and one changed is recomputed', async () => {
  const { pair, orderId } = await scenario();
  const before = await stored(pair.retailer.orgId);
  server.statements.length = 0;
  await server.ok(PortalAcknowledgeOrderDocument, { input: { purchaseOrderId: orderId } }, pair.supplier.token);
  expect(written()).toBe('kept');
  expect(figures(await stored(pair.retailer.orgId))).toEqual(figures(before));

  // One EDI batch: the first line as requested (nothing changes), the second late (its position's risk changes).
  const other = await scenario();
  const alerts = await riskAlerts(other.pair.retailer.orgId);
  const otherBefore = await stored(other.pair.retailer.orgId);
  server.statements.length = 0;
  await server.ok(
    ConfirmPurchaseOrderLinesDocument,
    {
      input: {
        lines: [
          { lineId: other.first, schedule: [{ quantity: 100, deliveryDate: inDays(10) }] },
          { lineId: other.second, schedule: [{ quantity: 40, deliveryDate: inDays(40) }] },
        ],
      },
    },
    other.pair.supplier.token,
  );
  // Both lines are of the one position (the pair's item at its location): its changed line makes it a recompute.
  expect(written()).toBe('recomputed');
  // The 40 of day 12 now on day 40: days 27 to 39 are at 50 - 280 + 100 = -130.
  expect(figures(await stored(other.pair.retailer.orgId))).toMatchObject({ ...figures(otherBefore), shortage: 130, revenue: '1298.7000' });
  expect(await riskAlerts(other.pair.retailer.orgId)).toBe(alerts + 1);
});

it('a kept risk that is not its inputs\' (an input written past the API) fails the confirmation while the suite checks', async () => {
  const { pair, position, first } = await scenario();
  // A data fix in SQL: stock changed without the recompute every API write of it makes.
  await server.query(`UPDATE inventory_position SET on_hand = 100 WHERE item_id = $1 AND location_id = $2`, [position.itemId, position.locationId]);
  const result = await server.gql(
    ConfirmPurchaseOrderLinesDocument,
    { input: { lines: [{ lineId: first, schedule: [{ quantity: 100, deliveryDate: inDays(10) }] }] } },
    pair.supplier.token,
  );
  expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  // Nothing of it was written; the next recompute of the position (here: the daily one would too) repairs the row.
  expect(figures(await stored(pair.retailer.orgId))).toMatchObject({ shortage: 90 });
  await server.ok(UpsertInventoryDocument, { input: { positions: [{ ...position, onHand: 100 }] } }, pair.retailer.token);
  expect(figures(await stored(pair.retailer.orgId))).toMatchObject({ shortage: 40 });
});
