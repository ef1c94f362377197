import {
  ApplyReallocationDocument,
  ConfirmPurchaseOrderLineDocument,
  DismissReallocationDocument,
  PartnershipsDocument,
  SuspendPartnershipDocument,
  PurchaseOrderDocument,
  PurchaseOrdersDocument,
  ProposeReallocationDocument,
  ReallocationProposalDocument,
  ReallocationProposalsDocument,
  ReceivePurchaseOrderLineDocument,
  RejectPurchaseOrderLineDocument,
  SetItemActiveDocument,
  SetLocationActiveDocument,
  SetSourcingPolicyDocument,
  type ProposalFieldsFragment,
} from '../../src/sdk/generated/graphql';
import { isoWeek } from '../../src/shared/calendar';
import { alertsOf, confirmLine, createOrder, expectError, inDays, partner, signUp, sourcingRule, tradingPair, type Account } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { subscribeAlerts } from '../support/ws-client';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A retailer, its primary supplier (quoted 7 days) and two backups: "fast" (3 days, 5.00) and "cheap" (5 days, 4.20). */
async function network() {
  const pair = await tradingPair(server); // primary: 4.50, 7 days
  const fast = await signUp(server, 'SUPPLIER', 'Fast Backup');
  const cheap = await signUp(server, 'SUPPLIER', 'Cheap Backup');
  await partner(server, pair.retailer, fast);
  await partner(server, pair.retailer, cheap);
  await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: fast.orgId, priority: 2, quotedLeadTimeDays: 3, unitCost: '5.00' });
  await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: cheap.orgId, priority: 3, quotedLeadTimeDays: 5, unitCost: '4.20', minOrderQuantity: 24, orderMultiple: 12 });
  return { ...pair, fast, cheap };
}

const proposals = async (token: string, status?: 'PROPOSED' | 'APPLIED' | 'SUPERSEDED' | 'DISMISSED') =>
  (await server.ok(ReallocationProposalsDocument, { status: status ?? null }, token)).reallocationProposals.edges.map((e) => e.node);

const byName = (p: ProposalFieldsFragment, name: string) => p.candidates.find((c) => c.supplier.name === name)!;

describe('proposals on slips', () => {
  it('proposes in the slip\'s transaction, explains every candidate, and supersedes on a further slip', async () => {
    const net = await network();
    const order = await createOrder(server, net, [{ quantity: 100, requestedDate: inDays(6) }]);
    const lineId = order.lines[0].id;
    // On time and in full: no proposal.
    await confirmLine(server, net.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(6) }]);
    expect(await proposals(net.retailer.token)).toEqual([]);

    // Late: 100 short by the requested date.
    await confirmLine(server, net.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(12) }]);
    const [first] = await proposals(net.retailer.token, 'PROPOSED');
    expect(first).toMatchObject({ shortfallQuantity: 100, neededBy: inDays(6), reduceSourceBy: 100, uncoveredQuantity: 0, sourceLine: { id: lineId } });
    // Both backups arrive in time. The cheap one sells in multiples of 12: 96 from it and the last 4 from the fast one
    // (423.20) beat 108 from the cheap one alone (453.60).
    expect(first.moves.map((m) => [m.supplier.name, m.quantity, m.expectedDate, m.unitCost])).toEqual([
      ['Fast Backup', 4, inDays(3), '5.00'],
      ['Cheap Backup', 96, inDays(5), '4.20'],
    ]);
    expect(byName(first, 'Cheap Backup')).toMatchObject({ verdict: 'CHOSEN', quantity: 96, reason: expect.stringContaining(`orders 96 at 4.20 a unit; arrives ${inDays(5)}, in time for ${inDays(6)} (lead time quoted 5 days)`) });
    expect(byName(first, 'Fast Backup')).toMatchObject({ verdict: 'CHOSEN', quantity: 4 });
    expect(first.addedCost).toBe('-26.80'); // 4 x (5.00 - 4.50) + 96 x (4.20 - 4.50)
    const alerts = (await alertsOf(server, net.retailer.orgId)).filter((a) => a.type === 'REALLOCATION_PROPOSED');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].message).toBe(`${order.number} line 1 (${net.item.sku}): 100 short; 2 backup supplier(s) can cover 100 (all on time), added cost -26.80`);

    // Later still: a new proposal supersedes the open one.
    await confirmLine(server, net.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(14) }]);
    expect((await proposals(net.retailer.token, 'SUPERSEDED')).map((p) => p.id)).toEqual([first.id]);
    expect(await proposals(net.retailer.token, 'PROPOSED')).toHaveLength(1);
    expectError(await server.gql(ApplyReallocationDocument, { id: first.id }, net.retailer.token), 'CONFLICT', 'id');
  });

  it('proposes on rejection without reducing the rejected line, and on demand only for slipped lines', async () => {
    const net = await network();
    const order = await createOrder(server, net, [{ quantity: 30, requestedDate: inDays(4) }, { quantity: 10, requestedDate: inDays(20) }]);
    await server.ok(RejectPurchaseOrderLineDocument, { input: { lineId: order.lines[0].id, reason: 'No stock' } }, net.supplier.token);
    const [proposal] = await proposals(net.retailer.token, 'PROPOSED');
    // Needed in 4 days: only the fast backup (3 days) is on time; the cheap one (5 days) is late.
    expect(proposal).toMatchObject({ shortfallQuantity: 30, reduceSourceBy: 0 });
    expect(proposal.moves.map((m) => [m.supplier.name, m.quantity])).toEqual([['Fast Backup', 30]]);
    expect(byName(proposal, 'Cheap Backup')).toMatchObject({ verdict: 'LATE', reason: `arrives ${inDays(5)}, 1 day after needed` });

    expectError(await server.gql(ProposeReallocationDocument, { lineId: order.lines[1].id }, net.retailer.token), 'BAD_USER_INPUT', 'lineId');
    const again = await server.ok(ProposeReallocationDocument, { lineId: order.lines[0].id }, net.retailer.token);
    expect(again.proposeReallocation.status).toBe('PROPOSED');
    expect((await proposals(net.retailer.token, 'SUPERSEDED')).map((p) => p.id)).toEqual([proposal.id]);
  });
});

describe('applying and dismissing', () => {
  async function slipped() {
    const net = await network();
    const order = await createOrder(server, net, [{ quantity: 100, requestedDate: inDays(6) }]);
    // 60 on time, 40 for 6 days late.
    await confirmLine(server, net.supplier, order.lines[0].id, [{ quantity: 60, deliveryDate: inDays(6) }, { quantity: 40, deliveryDate: inDays(12) }]);
    const [proposal] = await proposals(net.retailer.token, 'PROPOSED');
    return { net, order, proposal };
  }

  it('proposes and orders nothing for a retired item or ship-to (no new orders): CONFLICT on apply, BAD_USER_INPUT on asking', async () => {
    const { net, order, proposal } = await slipped();
    await server.ok(SetItemActiveDocument, { id: net.item.id, active: false }, net.retailer.token);
    const refused = expectError(await server.gql(ApplyReallocationDocument, { id: proposal.id }, net.retailer.token), 'CONFLICT', 'id');
    expect(refused.message).toContain('retired');
    expectError(await server.gql(ProposeReallocationDocument, { lineId: order.lines[0].id }, net.retailer.token), 'BAD_USER_INPUT', 'lineId');
    // A later slip of the retired item's line proposes nothing new; nothing was ordered from the backups.
    await confirmLine(server, net.supplier, order.lines[0].id, [{ quantity: 60, deliveryDate: inDays(6) }, { quantity: 40, deliveryDate: inDays(14) }]);
    expect((await proposals(net.retailer.token, 'PROPOSED')).map((p) => p.id)).toEqual([proposal.id]);
    expect((await alertsOf(server, net.fast.orgId)).map((a) => a.type)).not.toContain('PURCHASE_ORDER_ISSUED');
    // Active again, the item's line is proposed for as before; a retired ship-to stops it the same way.
    await server.ok(SetItemActiveDocument, { id: net.item.id, active: true }, net.retailer.token);
    const { proposeReallocation: again } = await server.ok(ProposeReallocationDocument, { lineId: order.lines[0].id }, net.retailer.token);
    expect(again.status).toBe('PROPOSED');
    await server.ok(SetLocationActiveDocument, { id: net.location.id, active: false }, net.retailer.token);
    expectError(await server.gql(ApplyReallocationDocument, { id: again.id }, net.retailer.token), 'CONFLICT', 'id');
    await server.ok(SetLocationActiveDocument, { id: net.location.id, active: true }, net.retailer.token);
  });

  it('issues one order per chosen supplier, reduces the slipped line, raises the alerts, and is idempotent', async () => {
    const { net, order, proposal } = await slipped();
    expect(proposal).toMatchObject({ shortfallQuantity: 40, reduceSourceBy: 40 });
    expect(proposal.moves.map((m) => [m.supplier.name, m.quantity]).sort()).toEqual([['Cheap Backup', 36], ['Fast Backup', 4]]);

    const { applyReallocation } = await server.ok(ApplyReallocationDocument, { id: proposal.id }, net.retailer.token);
    expect(applyReallocation).toMatchObject({ status: 'APPLIED', decidedBy: `${net.retailer.email} (${net.retailer.orgName})` });
    // One new order per chosen supplier, at its rule's cost, requested on its expected date.
    const move = applyReallocation.moves.find((m) => m.supplier.id === net.cheap.orgId)!;
    expect(move.purchaseOrderLine).toMatchObject({ quantity: 36, requestedDate: inDays(5), unitCost: '4.20', purchaseOrder: { status: 'ISSUED', supplier: { id: net.cheap.orgId } } });
    const fastMove = applyReallocation.moves.find((m) => m.supplier.id === net.fast.orgId)!;
    expect(fastMove.purchaseOrderLine).toMatchObject({ quantity: 4, requestedDate: inDays(3), unitCost: '5.00', purchaseOrder: { supplier: { id: net.fast.orgId } } });
    expect(move.purchaseOrderLine?.purchaseOrder.id).not.toBe(fastMove.purchaseOrderLine?.purchaseOrder.id);
    // The slipped line keeps its 60 on time and loses the late 40: cancelled by the retailer (the ordered quantity stays on record).
    expect(applyReallocation.sourceLine).toMatchObject({
      quantity: 100, cancelledQuantity: 40, openQuantity: 60, status: 'CONFIRMED', slipped: false, schedule: [{ quantity: 60, deliveryDate: inDays(6) }],
    });

    expect((await alertsOf(server, net.cheap.orgId)).map((a) => a.type)).toContain('PURCHASE_ORDER_ISSUED');
    expect((await alertsOf(server, net.fast.orgId)).map((a) => a.type)).toContain('PURCHASE_ORDER_ISSUED');
    const toSlipped = (await alertsOf(server, net.supplier.orgId)).filter((a) => a.type === 'PURCHASE_ORDER_CHANGED');
    expect(toSlipped.map((a) => a.message)).toEqual([`${net.retailer.orgName} reduced ${order.number} line 1 (${net.item.sku}) from 100 to 60`]);
    expect((await alertsOf(server, net.retailer.orgId)).filter((a) => a.type === 'REALLOCATION_APPLIED')).toHaveLength(1);

    // Applying again returns the same result and issues nothing more.
    const again = await server.ok(ApplyReallocationDocument, { id: proposal.id }, net.retailer.token);
    expect(again.applyReallocation.moves.map((m) => m.purchaseOrderLine?.id).sort()).toEqual([move, fastMove].map((m) => m.purchaseOrderLine?.id).sort());
    expect((await server.ok(PurchaseOrdersDocument, { filter: { supplierId: net.cheap.orgId } }, net.retailer.token)).purchaseOrders.totalCount).toBe(1);
    // Nothing to dismiss any more.
    expectError(await server.gql(DismissReallocationDocument, { id: proposal.id }, net.retailer.token), 'BAD_USER_INPUT', 'id');
  });

  it('answers CONFLICT when the slipped line changed since the proposal', async () => {
    const { net, order, proposal } = await slipped();
    await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId: order.lines[0].id, quantity: 10 } }, net.retailer.token);
    const result = await server.gql(ApplyReallocationDocument, { id: proposal.id }, net.retailer.token);
    expect(expectError(result, 'CONFLICT', 'id').message).toMatch(/changed since this proposal/);
    expect((await server.ok(PurchaseOrdersDocument, { filter: { supplierId: net.cheap.orgId } }, net.retailer.token)).purchaseOrders.totalCount).toBe(0);
  });

  it('records who dismissed a proposal; a dismissed proposal cannot be applied', async () => {
    const { net, proposal } = await slipped();
    const { dismissReallocation } = await server.ok(DismissReallocationDocument, { id: proposal.id }, net.retailer.token);
    expect(dismissReallocation).toMatchObject({ status: 'DISMISSED', decidedBy: `${net.retailer.email} (${net.retailer.orgName})` });
    expect(dismissReallocation.decidedAt).not.toBeNull();
    expectError(await server.gql(ApplyReallocationDocument, { id: proposal.id }, net.retailer.token), 'BAD_USER_INPUT', 'id');
  });
});

describe('policy', () => {
  it('AUTO applies at once when the whole shortfall is covered on time within the cost limit, else waits', async () => {
    const net = await network();
    expectError(await server.gql(SetSourcingPolicyDocument, { input: { mode: 'AUTO', maxCostIncreasePercent: 5 } }, net.supplier.token), 'FORBIDDEN');
    expect((await server.ok(SetSourcingPolicyDocument, { input: { mode: 'AUTO', maxCostIncreasePercent: 5 } }, net.retailer.token)).setSourcingPolicy).toBe('AUTO');

    // Needs the fast backup (5.00 vs 4.50: +11% > 5%): waits for a buyer.
    const dear = await createOrder(server, net, [{ quantity: 20, requestedDate: inDays(4) }]);
    await confirmLine(server, net.supplier, dear.lines[0].id, [{ quantity: 20, deliveryDate: inDays(9) }]);
    expect((await proposals(net.retailer.token, 'PROPOSED')).map((p) => p.sourceLine.id)).toEqual([dear.lines[0].id]);

    // Covered on time by the cheap backup (cheaper than the primary): applied in the supplier's transaction.
    const cheap = await createOrder(server, net, [{ quantity: 24, requestedDate: inDays(8) }]);
    await confirmLine(server, net.supplier, cheap.lines[0].id, [{ quantity: 24, deliveryDate: inDays(15) }]);
    const [applied] = await proposals(net.retailer.token, 'APPLIED');
    expect(applied).toMatchObject({
      sourceLine: { id: cheap.lines[0].id, quantity: 24, cancelledQuantity: 24, openQuantity: 0, status: 'CANCELLED' },
      decidedBy: expect.stringContaining('policy AUTO'),
    });
    expect(applied.moves[0].purchaseOrderLine?.purchaseOrder.supplier.id).toBe(net.cheap.orgId);
  });
});

describe('a plan not proven optimal', () => {
  it('AUTO leaves it to a buyer, who sees that the search stopped at its work bound; proven plans still apply at once', async () => {
    // The same database served with a tiny work bound: 200 units short, three backups in multiples of 7, 11 and 13.
    const bounded = await server.sibling({ SELECTOR_WORK_BUDGET: '100' });
    try {
      const pair = await tradingPair(server); // primary: 4.50
      for (const [name, multiple, unitCost, priority] of [['Sevens', 7, '4.10', 2], ['Elevens', 11, '4.20', 3], ['Thirteens', 13, '4.30', 4]] as const) {
        const backup = await signUp(server, 'SUPPLIER', name);
        await partner(server, pair.retailer, backup);
        await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: backup.orgId, priority, quotedLeadTimeDays: 2, unitCost, orderMultiple: multiple });
      }
      await server.ok(SetSourcingPolicyDocument, { input: { mode: 'AUTO', maxCostIncreasePercent: 0 } }, pair.retailer.token);
      const moves = (p: ProposalFieldsFragment) => p.moves.map((m) => [m.supplier.name, m.quantity]);

      const first = await createOrder(server, pair, [{ quantity: 200, requestedDate: inDays(6) }]);
      await bounded.ok(RejectPurchaseOrderLineDocument, { input: { lineId: first.lines[0].id, reason: 'No stock' } }, pair.supplier.token);
      const [waiting] = await proposals(pair.retailer.token, 'PROPOSED');
      // Covered on time and cheaper than the primary, so AUTO would apply it, but it is not proven the best:
      // 203 x 4.10 = 832.30 where 189 x 4.10 + 11 x 4.20 = 821.10 exists.
      expect(waiting).toMatchObject({ sourceLine: { id: first.lines[0].id }, optimal: false, shortfallQuantity: 200, uncoveredQuantity: 0 });
      expect(moves(waiting)).toEqual([['Sevens', 203]]);
      const [alert] = (await alertsOf(server, pair.retailer.orgId)).filter((a) => a.type === 'REALLOCATION_PROPOSED');
      expect(alert.message).toContain('not proven optimal: review before applying');
      expect((await server.ok(PurchaseOrdersDocument, { filter: { supplierId: pair.supplier.orgId } }, pair.retailer.token)).purchaseOrders.totalCount).toBe(1);

      // With the default bound the same slip is searched to the end, proven optimal and applied by the policy.
      const second = await createOrder(server, pair, [{ quantity: 200, requestedDate: inDays(6) }]);
      await server.ok(RejectPurchaseOrderLineDocument, { input: { lineId: second.lines[0].id, reason: 'No stock' } }, pair.supplier.token);
      const [applied] = await proposals(pair.retailer.token, 'APPLIED');
      expect(applied).toMatchObject({ sourceLine: { id: second.lines[0].id }, optimal: true });
      expect(moves(applied)).toEqual([['Sevens', 189], ['Elevens', 11]]);
    } finally {
      await bounded.close();
    }
  });
});

describe('privacy', () => {
  it('shows suppliers no proposals, candidates, costs or other suppliers\' names', async () => {
    const net = await network();
    const order = await createOrder(server, net, [{ quantity: 100, requestedDate: inDays(6) }]);
    await confirmLine(server, net.supplier, order.lines[0].id, [{ quantity: 60, deliveryDate: inDays(6) }, { quantity: 40, deliveryDate: inDays(12) }]);
    const [proposal] = await proposals(net.retailer.token, 'PROPOSED');
    await server.ok(ApplyReallocationDocument, { id: proposal.id }, net.retailer.token);

    for (const supplier of [net.supplier, net.fast, net.cheap] as Account[]) {
      expect(await proposals(supplier.token)).toEqual([]);
      expect((await server.ok(ReallocationProposalDocument, { id: proposal.id }, supplier.token)).reallocationProposal ?? null).toBeNull();
      expectError(await server.gql(ApplyReallocationDocument, { id: proposal.id }, supplier.token), 'FORBIDDEN');
      const seen = JSON.stringify([await alertsOf(server, supplier.orgId), await server.ok(PurchaseOrdersDocument, {}, supplier.token)]);
      for (const other of [net.supplier, net.fast, net.cheap].filter((s) => s !== supplier)) expect(seen).not.toContain(other.orgName);
    }
    // The slipped supplier's view of its order: reduced, without a word about who took over.
    const { purchaseOrder } = await server.ok(PurchaseOrderDocument, { id: order.id }, net.supplier.token);
    expect(purchaseOrder!.history.at(-1)).toMatchObject({ action: 'LINE_REDUCED', details: expect.stringContaining('reduced from 100 to 60') });
    expect(JSON.stringify(purchaseOrder)).not.toMatch(/Backup/);
  });
});

it('end to end: a late confirmation reaches the backup supplier\'s subscription as a new order', async () => {
  const net = await network();
  await server.ok(SetSourcingPolicyDocument, { input: { mode: 'AUTO', maxCostIncreasePercent: 0 } }, net.retailer.token);
  const sub = subscribeAlerts(server.wsUrl, net.cheap.token, { types: ['PURCHASE_ORDER_ISSUED'] });
  try {
    await new Promise((r) => setTimeout(r, 200));
    const order = await createOrder(server, net, [{ quantity: 36, requestedDate: inDays(7) }]);
    await confirmLine(server, net.supplier, order.lines[0].id, [{ quantity: 36, deliveryDate: inDays(10) }]);
    const [alert] = await sub.waitFor(1);
    expect(alert).toMatchObject({ type: 'PURCHASE_ORDER_ISSUED', message: expect.stringContaining('36 units') });
    const { purchaseOrder } = await server.ok(PurchaseOrderDocument, { id: alert.purchaseOrder!.id }, net.cheap.token);
    expect(purchaseOrder).toMatchObject({ status: 'ISSUED', lines: [{ quantity: 36, requestedDate: inDays(5), unitCost: '4.20' }] });
  } finally {
    await sub.stop();
  }
});

describe('candidate facts from the database', () => {
  it('uses the observed p90 lead time after 3 confirmations, weekly capacity net of open orders, and skips suspended partners', async () => {
    const net = await network();
    // The fast backup's partnership is suspended: it may not be used.
    const fastPartnership = (await server.ok(PartnershipsDocument, {}, net.fast.token)).partnerships[0].id;
    await server.ok(SuspendPartnershipDocument, { id: fastPartnership }, net.retailer.token);
    // The cheap backup: 60 units a week, and three orders it confirmed 2 days out (24 units each, in that week).
    await sourcingRule(server, net.retailer.token, { itemId: net.item.id, supplierId: net.cheap.orgId, priority: 3, quotedLeadTimeDays: 5, unitCost: '4.20', minOrderQuantity: 12, orderMultiple: 12, weeklyCapacity: 100 });
    for (let i = 0; i < 3; i++) {
      const order = await createOrder(server, { ...net, supplier: net.cheap }, [{ quantity: 12, requestedDate: inDays(2) }]);
      await confirmLine(server, net.cheap, order.lines[0].id, [{ quantity: 12, deliveryDate: inDays(2) }]);
    }
    const slippedOrder = await createOrder(server, net, [{ quantity: 100, requestedDate: inDays(4) }]);
    await server.ok(RejectPurchaseOrderLineDocument, { input: { lineId: slippedOrder.lines[0].id, reason: 'Recall' } }, net.supplier.token);
    const [proposal] = await proposals(net.retailer.token, 'PROPOSED');

    const cheap = byName(proposal, 'Cheap Backup');
    // Expected in 2 days (observed), in time; 100 - 36 already ordered for that week = 64 left, in multiples of 12: 60.
    expect(cheap).toMatchObject({ verdict: 'CHOSEN', quantity: 60, expectedDate: inDays(2) });
    expect(cheap.reason).toContain('lead time p90 of 3 confirmed lead times: 2 days');
    expect(cheap.reason).toContain(`64 of 100 units/week left in ${isoWeek(inDays(2))}`);
    expect(byName(proposal, 'Fast Backup')).toMatchObject({ verdict: 'INACTIVE', quantity: 0 });
    expect(proposal).toMatchObject({ shortfallQuantity: 100, uncoveredQuantity: 40, reduceSourceBy: 0 });
  });
});

it('an apply racing a new slip of the same line ends cleanly: one wins, nothing deadlocks', async () => {
  const net = await network();
  for (let round = 0; round < 5; round++) {
    const order = await createOrder(server, net, [{ quantity: 100, requestedDate: inDays(6) }]);
    const lineId = order.lines[0].id;
    await confirmLine(server, net.supplier, lineId, [{ quantity: 100, deliveryDate: inDays(10) }]);
    const proposal = (await proposals(net.retailer.token, 'PROPOSED')).find((p) => p.sourceLine.id === lineId)!;
    const [applied, slipped] = await Promise.all([
      server.gql(ApplyReallocationDocument, { id: proposal.id }, net.retailer.token),
      server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule: [{ quantity: 100, deliveryDate: inDays(12) }] } }, net.supplier.token),
    ]);
    for (const result of [applied, slipped]) {
      expect(result.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
    }
    // Either the apply went first (then the slip re-confirms the reduced line) or the slip superseded it.
    if (applied.errors) expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(applied.errors[0].extensions?.code);
  }
});
