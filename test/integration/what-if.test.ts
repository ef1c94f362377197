import {
  CreatePurchaseOrderDocument,
  PublishForecastDocument,
  ShortageRisksDocument,
  SimulateDocument,
  UpsertInventoryDocument,
  UpsertItemsDocument,
  type SimulateInput,
  type SimulateQuery,
} from '../../src/sdk/generated/graphql';
import { randomUUID } from 'node:crypto';
import {
  addUser,
  confirmLine,
  createItem,
  createLocation,
  expectError,
  inDays,
  partner,
  signUp,
  sourcingRule,
  tradingPair,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/**
 * A retailer, its primary supplier S (4.50 a unit, 7 days) and a backup B
 * (5.00, 3 days), two items and two locations; today is day 0:
 *   A at L1: 20 available, demand 30 over days 0-6 (5 5 4 4 4 4 4);
 *            line 1: 100 from S, requested and confirmed for day 3.
 *            PAB 15 10 6 102 98 ... : OK.
 *   A at L2: 50 available, demand 14 over days 0-6 (2 a day);
 *            line 2: 10 from S, requested day 3, never confirmed: OK.
 *   C at L1 (2.50): 25 available, demand 70 over days 0-6 (10 a day);
 *            line 3: 100 from S, requested day 2, never confirmed.
 *            PAB 15 5 95 85 ... : OK.
 */
async function world() {
  const pair = await tradingPair(server); // S: 4.50, 7 days; item A at 9.99
  const { retailer, supplier, item: a, location: l1 } = pair;
  const backup = await signUp(server, 'SUPPLIER', 'Backup B');
  await partner(server, retailer, backup);
  await sourcingRule(server, retailer.token, { itemId: a.id, supplierId: backup.orgId, priority: 2, quotedLeadTimeDays: 3, unitCost: '5.00' });
  const c = await createItem(server, retailer.token, { unitPrice: '2.50' });
  await sourcingRule(server, retailer.token, { itemId: c.id, supplierId: supplier.orgId });
  const l2 = await createLocation(server, retailer.token);
  await server.ok(UpsertInventoryDocument, {
    input: {
      positions: [
        { itemId: a.id, locationId: l1.id, onHand: 20 },
        { itemId: a.id, locationId: l2.id, onHand: 50 },
        { itemId: c.id, locationId: l1.id, onHand: 25 },
      ],
    },
  }, retailer.token);
  await server.ok(PublishForecastDocument, {
    input: {
      lines: [
        { itemId: a.id, locationId: l1.id, periodStart: inDays(0), periodDays: 7, quantity: 30 },
        { itemId: a.id, locationId: l2.id, periodStart: inDays(0), periodDays: 7, quantity: 14 },
        { itemId: c.id, locationId: l1.id, periodStart: inDays(0), periodDays: 7, quantity: 70 },
      ],
    },
  }, retailer.token);
  const order = async (shipToId: string, lines: { itemId: string; quantity: number; requestedDate: string }[]) =>
    (await server.ok(CreatePurchaseOrderDocument, { input: { supplierId: supplier.orgId, shipToId, issue: true, lines } }, retailer.token)).createPurchaseOrder;
  const first = await order(l1.id, [{ itemId: a.id, quantity: 100, requestedDate: inDays(3) }, { itemId: c.id, quantity: 100, requestedDate: inDays(2) }]);
  const second = await order(l2.id, [{ itemId: a.id, quantity: 10, requestedDate: inDays(3) }]);
  await confirmLine(server, supplier, first.lines[0].id, [{ quantity: 100, deliveryDate: inDays(3) }]);
  const lines = { one: first.lines[0].id, two: second.lines[0].id, three: first.lines[1].id };
  return { ...pair, backup, a, c, l1, l2, lines };
}
type World = Awaited<ReturnType<typeof world>>;

let w: World;
beforeAll(async () => {
  w = await world();
});

const simulate = async (input: SimulateInput, token = w.retailer.token) => (await server.ok(SimulateDocument, { input }, token)).simulate;
const changesOf = (result: SimulateQuery['simulate']) =>
  result.changes.map((c) => ({
    at: `${c.item.sku}@${c.location.code}`,
    level: `${c.levelBefore} -> ${c.levelAfter}`,
    stockout: [c.stockoutDateBefore, c.stockoutDateAfter],
    shortage: [c.shortageBefore, c.shortageAfter],
    revenue: [c.revenueAtRiskBefore, c.revenueAtRiskAfter],
  }));

describe('simulate', () => {
  it('starts from the risk as it stands: every position OK, nothing changes without slips or outages', async () => {
    const risks = (await server.ok(ShortageRisksDocument, {}, w.retailer.token)).shortageRisks.edges.map((e) => e.node.level);
    expect(risks).toEqual(['OK', 'OK', 'OK']);
    const result = await simulate({});
    expect(result).toMatchObject({ changes: [], changeCount: 0, positionCount: 3, revenueAtRiskBefore: '0.00', revenueAtRiskAfter: '0.00', plans: [] });
  });

  it('a slip turns OK into STOCKOUT, and the selector plans the backup for the slipped line', async () => {
    // Line 1 on day 8 instead of day 3: PAB 15 10 6 2 -2 -6 -10 -10 90: out on day 4, 10 short, 10 x 9.99 = 99.90.
    const result = await simulate({ slips: [{ lineId: w.lines.one, deliveryDate: inDays(8) }] });
    expect(changesOf(result)).toEqual([
      { at: `${w.a.sku}@${w.l1.code}`, level: 'OK -> STOCKOUT', stockout: [null, inDays(4)], shortage: [0, 10], revenue: ['0.00', '99.90'] },
    ]);
    expect(result).toMatchObject({ changeCount: 1, positionCount: 3, revenueAtRiskBefore: '0.00', revenueAtRiskAfter: '99.90' });
    // Nothing of the 100 by day 3; the backup (3 days) is on time: all 100 from it, 0.50 a unit more: 50.00.
    expect(result.plans).toEqual([{
      sourceLine: { id: w.lines.one, lineNumber: 1 },
      shortfallQuantity: 100,
      neededBy: inDays(3),
      uncoveredQuantity: 0,
      addedCost: '50.00',
      optimal: true,
      moves: [{ supplier: { id: w.backup.orgId, name: 'Backup B' }, quantity: 100, expectedDate: inDays(3), unitCost: '5.00' }],
      candidates: [expect.objectContaining({ supplier: { id: w.backup.orgId, name: 'Backup B' }, verdict: 'CHOSEN', quantity: 100, expectedDate: inDays(3) })],
    }]);
  });

  it('an outage moves the supplier\'s deliveries in [from, to] to the day after; positions it does not change are not listed', async () => {
    // S delivers nothing on days 1-4: line 1 (day 3) and line 2 (day 3) come on day 5, line 3 (day 2) too.
    //   A at L1: 15 10 6 2 -2 94: out on day 4, 2 short (19.98).
    //   C at L1: 15 5 -5 -15 -25 65: out on day 2, 25 short, 25 x 2.50 = 62.50.
    //   A at L2: 48 46 44 42 40 48 ...: still OK, not listed.
    const result = await simulate({ outages: [{ supplierId: w.supplier.orgId, from: inDays(1), to: inDays(4) }] });
    expect(changesOf(result)).toEqual([
      { at: `${w.c.sku}@${w.l1.code}`, level: 'OK -> STOCKOUT', stockout: [null, inDays(2)], shortage: [0, 25], revenue: ['0.00', '62.50'] },
      { at: `${w.a.sku}@${w.l1.code}`, level: 'OK -> STOCKOUT', stockout: [null, inDays(4)], shortage: [0, 2], revenue: ['0.00', '19.98'] },
    ]);
    expect(result).toMatchObject({ changeCount: 2, positionCount: 3, revenueAtRiskBefore: '0.00', revenueAtRiskAfter: '82.48', plans: [] });
  });

  it('slips and outages together: the slip first, then the outage; a slip that alters no risk is not listed but still gets its plan', async () => {
    // Line 3 delivers 80 instead of 100, still on day 2: C at L1 15 5 75 ...: OK as before, not listed.
    const less = await simulate({ slips: [{ lineId: w.lines.three, quantity: 80 }] });
    expect(less).toMatchObject({ changes: [], changeCount: 0, revenueAtRiskBefore: '0.00', revenueAtRiskAfter: '0.00' });
    // 20 of the 100 will not come by day 2; C's only supplier is S itself: no backup, 20 uncovered.
    expect(less.plans).toEqual([expect.objectContaining({ shortfallQuantity: 20, neededBy: inDays(2), uncoveredQuantity: 20, moves: [], candidates: [] })]);

    // Line 1 slipped onto day 4, inside an outage of S on days 4-5: it comes on day 6.
    //   A at L1: 15 10 6 2 -2 -6 90: out on day 4, 6 short (59.94). Line 2 is on day 3, before the outage: A at L2 unchanged.
    const both = await simulate({
      slips: [{ lineId: w.lines.one, deliveryDate: inDays(4) }],
      outages: [{ supplierId: w.supplier.orgId, from: inDays(4), to: inDays(5) }],
    });
    expect(changesOf(both)).toEqual([
      { at: `${w.a.sku}@${w.l1.code}`, level: 'OK -> STOCKOUT', stockout: [null, inDays(4)], shortage: [0, 6], revenue: ['0.00', '59.94'] },
    ]);
    expect(both.plans.map((p) => [p.shortfallQuantity, p.moves.map((m) => [m.quantity, m.expectedDate])])).toEqual([[100, [[100, inDays(3)]]]]);
  });

  it('a backup in an outage delivers after it: the selector sees it late', async () => {
    const result = await simulate({
      slips: [{ lineId: w.lines.one, deliveryDate: inDays(8) }],
      outages: [{ supplierId: w.backup.orgId, from: inDays(2), to: inDays(5) }],
    });
    // B would come on day 3, in its outage: day 6, 3 days after needed, still before the slipped line's day 8: useful, late.
    const [plan] = result.plans;
    expect(plan.moves.map((m) => [m.supplier.name, m.quantity, m.expectedDate])).toEqual([['Backup B', 100, inDays(6)]]);
    expect(plan.candidates[0]).toMatchObject({ verdict: 'CHOSEN', expectedDate: inDays(6) });
    expect(plan.candidates[0].reason).toContain(`moved from ${inDays(3)} past an outage`);
  });

  it('writes nothing: no row in any table, no alert, no cursor, no risk recomputed', async () => {
    const snapshot = async () => {
      const tables = await server.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
      const counts: Record<string, unknown> = {};
      for (const { name } of tables) counts[name] = (await server.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${name}"`))[0].n;
      counts['alert cursors'] = await server.query('SELECT organization_id, max(cursor)::text AS cursor FROM alert GROUP BY 1 ORDER BY 1');
      counts['organization counters'] = await server.query('SELECT * FROM organization_counter ORDER BY 1, 2');
      counts['risks'] = await server.query('SELECT item_id, location_id, level, shortage_quantity, revenue_at_risk, computed_at::text FROM shortage_risk ORDER BY 1, 2');
      counts['lines'] = await server.query('SELECT id, status, slipped, schedule_taken, cancelled_quantity FROM purchase_order_line ORDER BY 1');
      counts['schedules'] = await server.query('SELECT line_id, quantity, delivery_date::text FROM schedule_line ORDER BY 1, 3');
      return counts;
    };
    const before = await snapshot();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['alert', 'organization_counter', 'reallocation_proposal', 'shortage_risk']));
    const result = await simulate({
      slips: [{ lineId: w.lines.one, deliveryDate: inDays(8) }, { lineId: w.lines.three, quantity: 0 }],
      outages: [{ supplierId: w.supplier.orgId, from: inDays(1), to: inDays(4) }],
    });
    expect(result.changeCount).toBeGreaterThan(0);
    expect(result.plans).toHaveLength(2);
    expect(await snapshot()).toEqual(before);
  });

  it('quantity 0: the line brings nothing more (as a rejection)', async () => {
    // Line 3 brings nothing: C at L1 15 5 -5 ... -45 on day 6: out on day 2, 45 short, 112.50.
    const result = await simulate({ slips: [{ lineId: w.lines.three, quantity: 0 }] });
    expect(changesOf(result)).toEqual([
      { at: `${w.c.sku}@${w.l1.code}`, level: 'OK -> STOCKOUT', stockout: [null, inDays(2)], shortage: [0, 45], revenue: ['0.00', '112.50'] },
    ]);
    expect(result.plans[0]).toMatchObject({ shortfallQuantity: 100, uncoveredQuantity: 100 });
  });

  it('positions the scenario leaves alone count in both totals as the engine stored them, at today\'s unit price; a risk stored on an earlier day is projected afresh', async () => {
    // X at L2: nothing on hand, 7 over days 0-6: out today, 7 short, 7 x 3.00 = 21.00.
    const x = await createItem(server, w.retailer.token, { unitPrice: '3.00' });
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: x.id, locationId: w.l2.id, onHand: 0 }] } }, w.retailer.token);
    await server.ok(PublishForecastDocument, {
      input: { scope: 'LISTED', lines: [{ itemId: x.id, locationId: w.l2.id, periodStart: inDays(0), periodDays: 7, quantity: 7 }] },
    }, w.retailer.token);
    expect(await simulate({})).toMatchObject({ positionCount: 4, changeCount: 0, revenueAtRiskBefore: '21.00', revenueAtRiskAfter: '21.00' });

    // Its price goes up to 4.00 (a price alone recomputes no risk): 7 x 4.00 = 28.00 in both totals; line 1's slip adds 99.90 (above).
    await server.ok(UpsertItemsDocument, { input: { items: [{ sku: x.sku, name: x.name, unitPrice: '4.00' }] } }, w.retailer.token);
    const slipped = { slips: [{ lineId: w.lines.one, deliveryDate: inDays(8) }] };
    const expected = { positionCount: 4, changeCount: 1, revenueAtRiskBefore: '28.00', revenueAtRiskAfter: '127.90' };
    expect(await simulate(slipped)).toMatchObject(expected);

    // A risk stored yesterday (the daily recompute has not run yet today) is not trusted: projected afresh, the same figures.
    await server.query(`UPDATE shortage_risk SET computed_for = computed_for - 1, shortage_quantity = 999 WHERE item_id = $1`, [x.id]);
    expect(await simulate(slipped)).toMatchObject(expected);
  });
});

describe('bad input, named by field; nothing written', () => {
  it('refuses unknown or foreign lines and suppliers, outages ending before they start, negative, excessive and past values, duplicates', async () => {
    const other = await tradingPair(server);
    const [foreignOrder] = [(await server.ok(CreatePurchaseOrderDocument, {
      input: { supplierId: other.supplier.orgId, shipToId: other.location.id, issue: true, lines: [{ itemId: other.item.id, quantity: 5, requestedDate: inDays(4) }] },
    }, other.retailer.token)).createPurchaseOrder];
    const run = (input: SimulateInput) => server.gql(SimulateDocument, { input }, w.retailer.token);

    expectError(await run({ slips: [{ lineId: randomUUID() }] }), 'NOT_FOUND', 'input.slips[0].lineId');
    expectError(await run({ slips: [{ lineId: w.lines.one }, { lineId: foreignOrder.lines[0].id }] }), 'NOT_FOUND', 'input.slips[1].lineId');
    expectError(await run({ slips: [{ lineId: 'not-an-id' }] }), 'BAD_USER_INPUT', 'input.slips[0].lineId');
    expectError(await run({ slips: [{ lineId: w.lines.one }, { lineId: w.lines.one, quantity: 1 }] }), 'BAD_USER_INPUT', 'input.slips[1].lineId');
    expectError(await run({ slips: [{ lineId: w.lines.one, quantity: -1 }] }), 'BAD_USER_INPUT', 'input.slips[0].quantity');
    const more = expectError(await run({ slips: [{ lineId: w.lines.one, quantity: 101 }] }), 'BAD_USER_INPUT', 'input.slips[0].quantity');
    expect(more.message).toBe('Line 1 of PO-000001 is expected to bring 100: a slip delivers at most that');
    expectError(await run({ slips: [{ lineId: w.lines.one, deliveryDate: inDays(-1) }] }), 'BAD_USER_INPUT', 'input.slips[0].deliveryDate');
    const backwards = expectError(await run({ outages: [{ supplierId: w.supplier.orgId, from: inDays(5), to: inDays(4) }] }), 'BAD_USER_INPUT', 'input.outages[0].to');
    expect(backwards.message).toBe(`The outage ends (${inDays(4)}) before it starts (${inDays(5)})`);
    expectError(await run({ outages: [{ supplierId: other.supplier.orgId, from: inDays(1), to: inDays(2) }] }), 'NOT_FOUND', 'input.outages[0].supplierId');
    expectError(await run({ outages: [{ supplierId: other.retailer.orgId, from: inDays(1), to: inDays(2) }] }), 'NOT_FOUND', 'input.outages[0].supplierId');
    // Bounds: at most 100 slips and 100 outages.
    const many = Array.from({ length: 101 }, () => ({ supplierId: w.supplier.orgId, from: inDays(1), to: inDays(2) }));
    expectError(await run({ outages: many }), 'BAD_USER_INPUT', 'input.outages');
    expectError(await run({ slips: Array.from({ length: 101 }, () => ({ lineId: randomUUID() })) }), 'BAD_USER_INPUT', 'input.slips');
    expect((await run({ outages: many.slice(0, 100) })).errors).toBeUndefined();
  });

  it('refuses lines that bring nothing to slip', async () => {
    const { retailer, supplier, item, location } = await tradingPair(server);
    const { createPurchaseOrder: draft } = await server.ok(CreatePurchaseOrderDocument, {
      input: { supplierId: supplier.orgId, shipToId: location.id, issue: false, lines: [{ itemId: item.id, quantity: 5, requestedDate: inDays(4) }] },
    }, retailer.token);
    const refused = expectError(await server.gql(SimulateDocument, { input: { slips: [{ lineId: draft.lines[0].id }] } }, retailer.token), 'BAD_USER_INPUT', 'input.slips[0].lineId');
    expect(refused.message).toBe(`${draft.number} is DRAFT: its lines bring nothing to slip`);
  });

  it('is for retailers: any retailer role; a supplier is FORBIDDEN (a what-if would show it other suppliers\' inbound as a total)', async () => {
    const planner = await addUser(server, w.retailer, 'PLANNER');
    expect((await simulate({}, planner.token)).positionCount).toBe(4);
    expectError(await server.gql(SimulateDocument, { input: {} }, w.supplier.token), 'FORBIDDEN');
    expectError(await server.gql(SimulateDocument, { input: { outages: [{ supplierId: w.supplier.orgId, from: inDays(1), to: inDays(2) }] } }, w.supplier.token), 'FORBIDDEN');
  });
});
