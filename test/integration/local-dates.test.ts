import { ManualClock } from '../../src/core/clock';
import { OVERDUE_ALERTS_QUEUE } from '../../src/modules/purchasing/overdue.jobs';
import { LOCAL_DATE_ROLLOVER_QUEUE } from '../../src/modules/risk/risk.jobs';
import { addDays, dateOf } from '../../src/shared/calendar';
import {
  ConfirmPurchaseOrderLineDocument,
  CreatePurchaseOrderDocument,
  LocationZoneDocument,
  MyOrganizationDocument,
  ProjectedInventoryDocument,
  ReallocationProposalsDocument,
  RejectPurchaseOrderLineDocument,
  ReceivePurchaseOrderLineDocument,
  SetOrganizationTimeZoneDocument,
  SetSafetyStockDocument,
  SignUpDocument,
} from '../../src/sdk/generated/graphql';
import { addUser, alertsOf, createItem, createLocation, expectError, partner, PASSWORD, signUp, sourcingRule, unique } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * DESIGN.md, "Local dates": "today" at a location is the local date there, for every rule that says today,
 * past or future. The server runs on a ManualClock moved around midnight at UTC-11 (Pacific/Pago_Pago),
 * UTC and UTC+14 (Pacific/Kiritimati), and America/Los_Angeles (the issue's store).
 */
let server: TestServer;
const clock = new ManualClock();
beforeAll(async () => {
  server = await startTestServer({}, undefined, { clock });
});
afterAll(() => server.close());

// Instants around the next UTC midnight M (after the real now, so issue times stay before the clock's instants).
const M = new Date(`${addDays(dateOf(new Date()), 1)}T00:00:00Z`);
const D1 = dateOf(M); // the UTC date from M on
const D0 = addDays(D1, -1);
const at = (minutesFromM: number) => new Date(M.getTime() + minutesFromM * 60_000);

async function world() {
  const retailer = await signUp(server, 'RETAILER');
  const supplier = await signUp(server, 'SUPPLIER');
  await partner(server, retailer, supplier);
  const item = await createItem(server, retailer.token);
  await sourcingRule(server, retailer.token, { itemId: item.id, supplierId: supplier.orgId });
  const la = await createLocation(server, retailer.token, { timeZone: 'America/Los_Angeles' });
  const pago = await createLocation(server, retailer.token, { timeZone: 'Pacific/Pago_Pago' });
  const utc = await createLocation(server, retailer.token);
  const kiri = await createLocation(server, retailer.token, { timeZone: 'Pacific/Kiritimati' });
  return { retailer, supplier, item, la, pago, utc, kiri };
}
type World = Awaited<ReturnType<typeof world>>;

const order = (w: World, shipToId: string, requestedDate: string) =>
  server.gql(CreatePurchaseOrderDocument, { input: { supplierId: w.supplier.orgId, shipToId, issue: true, lines: [{ itemId: w.item.id, quantity: 10, requestedDate }] } }, w.retailer.token);

describe('time zones of organizations and locations', () => {
  it('signs up with an IANA zone, sets it later (ADMIN), and a location without its own zone follows it', async () => {
    const email = `${unique('tz')}@example.test`.toLowerCase();
    const bad = await server.gql(SignUpDocument, { input: { organizationName: unique('R'), kind: 'RETAILER', email, password: PASSWORD, timeZone: 'UTC+8' } });
    expectError(bad, 'BAD_USER_INPUT', 'input.timeZone');
    const { signUp: up } = await server.ok(SignUpDocument, { input: { organizationName: unique('R'), kind: 'RETAILER', email, password: PASSWORD, timeZone: 'asia/shanghai' } });
    const token = up.token;
    expect((await server.ok(MyOrganizationDocument, {}, token)).me.organization.timeZone).toBe('Asia/Shanghai');
    const own = await createLocation(server, token, { timeZone: 'Europe/Paris' });
    const follows = await createLocation(server, token);
    const zoneOf = async (id: string) => (await server.ok(LocationZoneDocument, { id }, token)).location!.timeZone;
    expect([await zoneOf(own.id), await zoneOf(follows.id)]).toEqual(['Europe/Paris', 'Asia/Shanghai']);
    expectError(await server.gql(SetOrganizationTimeZoneDocument, { timeZone: 'Mars/Base' }, token), 'BAD_USER_INPUT', 'timeZone');
    const buyer = await addUser(server, { token, email, userId: up.user.id, orgId: up.user.organization.id, orgName: '' }, 'BUYER');
    expectError(await server.gql(SetOrganizationTimeZoneDocument, { timeZone: 'UTC' }, buyer.token), 'FORBIDDEN');
    expect((await server.ok(SetOrganizationTimeZoneDocument, { timeZone: 'America/New_York' }, token)).setOrganizationTimeZone.timeZone).toBe('America/New_York');
    expect([await zoneOf(own.id), await zoneOf(follows.id)]).toEqual(['Europe/Paris', 'America/New_York']);
    const { signUp: plain } = await server.ok(SignUpDocument, { input: { organizationName: unique('R'), kind: 'RETAILER', email: `x${email}`, password: PASSWORD } });
    expect((await server.ok(MyOrganizationDocument, {}, plain.token)).me.organization.timeZone).toBe('UTC');
  });
});

describe('"today" at the location', () => {
  let w: World;
  beforeAll(async () => {
    clock.set(new Date());
    w = await world();
  });

  it('at 00:50 UTC a Los Angeles store (still the day before) may order and be promised for its today; UTC+14 may not go back to it', async () => {
    clock.set(at(50)); // LA: D0 afternoon; Kiritimati: D1 14:50; UTC: D1 00:50
    const la = await order(w, w.la.id, D0);
    expect(la.errors).toBeUndefined();
    const lineId = la.data!.createPurchaseOrder.lines[0].id;
    const promised = await server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule: [{ quantity: 10, deliveryDate: D0 }] } }, w.supplier.token);
    expect(promised.errors).toBeUndefined();
    // Issued at 00:30 UTC (16:30 or 17:30 the day before in Los Angeles) and received there the same local day.
    await server.query(`UPDATE purchase_order SET issued_at = $2 WHERE id = $1`, [la.data!.createPurchaseOrder.id, at(30)]);
    const received = await server.gql(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity: 10 } }, w.retailer.token);
    expect(received.errors).toBeUndefined();
    expect(await server.query(`SELECT received_on::text AS day FROM receipt WHERE line_id = $1`, [lineId])).toEqual([{ day: D0 }]);
    const kiri = expectError(await order(w, w.kiri.id, D0), 'BAD_USER_INPUT', 'input.lines[0].requestedDate');
    expect(kiri.message).toBe(`Requested date cannot be in the past (today is ${D1} at the ship-to location)`);
    expectError(await order(w, w.utc.id, D0), 'BAD_USER_INPUT', 'input.lines[0].requestedDate');
  });

  it('a warehouse east of UTC records a receipt under its own date before UTC midnight; a UTC one may not yet', async () => {
    clock.set(at(-120)); // D0 22:00 UTC: Kiritimati is at D1 12:00
    const kiri = await order(w, w.kiri.id, D1);
    const utc = await order(w, w.utc.id, D1);
    const receive = (lineId: string) => server.gql(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity: 4, receivedAt: D1 } }, w.retailer.token);
    expect((await receive(kiri.data!.createPurchaseOrder.lines[0].id)).errors).toBeUndefined();
    const refused = expectError(await receive(utc.data!.createPurchaseOrder.lines[0].id), 'BAD_USER_INPUT', 'input.receivedAt');
    expect(refused.message).toBe(`Goods cannot be received in the future (today is ${D0})`);
  });

  it('day 0 of the projection is today at the location', async () => {
    clock.set(at(50));
    const day0 = async (locationId: string) =>
      (await server.ok(ProjectedInventoryDocument, { itemId: w.item.id, locationId, horizonDays: 3 }, w.retailer.token)).projectedInventory[0].date;
    expect(await Promise.all([w.pago.id, w.la.id, w.utc.id, w.kiri.id].map(day0))).toEqual([D0, D0, D1, D1]);
  });
});

describe('the rollover job recomputes each location when its local date changes, and overdue alerts follow the local date', () => {
  let w: World;
  const computedFor = async () => {
    const rows = await server.query<{ location_id: string; computed_for: string }>(
      `SELECT location_id, computed_for::text AS computed_for FROM shortage_risk WHERE item_id = $1`, [w.item.id]);
    const of = new Map(rows.map((r) => [r.location_id, r.computed_for]));
    return [w.pago.id, w.utc.id, w.kiri.id].map((id) => of.get(id));
  };
  const snapshotDays = async () => {
    const rows = await server.query<{ location_id: string; day: string }>(`SELECT location_id, day::text AS day FROM risk_snapshot WHERE item_id = $1 ORDER BY day`, [w.item.id]);
    return [w.pago.id, w.utc.id, w.kiri.id].map((id) => rows.filter((r) => r.location_id === id).map((r) => r.day));
  };
  const run = async (queue: string) => {
    const outcome = await server.app.jobs.runNow(queue);
    expect(outcome).toMatchObject({ state: 'completed' });
    return outcome!.output as Record<string, number>;
  };
  const deliveryOverdue = async () => (await alertsOf(server, w.retailer.orgId)).filter((a) => a.type === 'DELIVERY_OVERDUE').map((a) => a.purchase_order_line_id);

  it('moves day 0 at 10:00 UTC at UTC+14, at midnight UTC, and at 11:00 UTC at UTC-11', async () => {
    clock.set(at(-14 * 60 - 1)); // D0 09:59 UTC: Pago D0-1 22:59, UTC D0, Kiritimati D0 23:59
    w = await world();
    for (const location of [w.pago, w.utc, w.kiri]) {
      await server.ok(SetSafetyStockDocument, { input: { itemId: w.item.id, locationId: location.id, safetyStock: 5 } }, w.retailer.token);
    }
    expect(await computedFor()).toEqual([addDays(D0, -1), D0, D0]);
    // Lines due today at UTC and at Kiritimati (never promised: due on requestedDate).
    const utcLine = (await order(w, w.utc.id, D0)).data!.createPurchaseOrder.lines[0].id;
    const kiriLine = (await order(w, w.kiri.id, D0)).data!.createPurchaseOrder.lines[0].id;
    await run(OVERDUE_ALERTS_QUEUE);
    expect(await deliveryOverdue()).toEqual([]);

    clock.set(at(-14 * 60 + 1)); // D0 10:01 UTC: Kiritimati's D1 began
    await run(LOCAL_DATE_ROLLOVER_QUEUE); // each location's first snapshot, of its own day
    expect(await computedFor()).toEqual([addDays(D0, -1), D0, D1]);
    expect(await snapshotDays()).toEqual([[addDays(D0, -1)], [D0], [D1]]);
    await run(OVERDUE_ALERTS_QUEUE);
    expect(await deliveryOverdue()).toEqual([kiriLine]); // D0 has passed at Kiritimati only

    expect(await run(LOCAL_DATE_ROLLOVER_QUEUE)).toMatchObject({ riskChanges: 0, snapshotRows: 0 }); // nothing more in the same local days

    clock.set(at(-13 * 60 + 1)); // D0 11:01 UTC: Pago Pago's D0 began
    await run(LOCAL_DATE_ROLLOVER_QUEUE);
    expect(await computedFor()).toEqual([D0, D0, D1]);

    clock.set(at(1)); // D1 00:01 UTC: UTC's D1 began
    await run(LOCAL_DATE_ROLLOVER_QUEUE);
    expect(await computedFor()).toEqual([D0, D1, D1]);
    expect(await snapshotDays()).toEqual([[addDays(D0, -1), D0], [D0, D1], [D1]]);
    await run(OVERDUE_ALERTS_QUEUE);
    expect(await deliveryOverdue()).toEqual([kiriLine, utcLine]);
  });
});

describe('the backup-supplier selector counts from today at the line\'s location', () => {
  it('at 10:30 UTC a UTC+14 line\'s backup arrives lead time after the local date (already tomorrow in UTC terms)', async () => {
    clock.set(at(-14 * 60 + 30)); // D0 10:30 UTC: Kiritimati is at D1 00:30
    const w = await world();
    const backup = await signUp(server, 'SUPPLIER', unique('Backup'));
    await partner(server, w.retailer, backup);
    await sourcingRule(server, w.retailer.token, { itemId: w.item.id, supplierId: backup.orgId, priority: 2, quotedLeadTimeDays: 3, unitCost: '5.00' });
    const created = await order(w, w.kiri.id, addDays(D1, 6));
    const lineId = created.data!.createPurchaseOrder.lines[0].id;
    await server.ok(RejectPurchaseOrderLineDocument, { input: { lineId, reason: 'out of stock' } }, w.supplier.token);
    const { reallocationProposals } = await server.ok(ReallocationProposalsDocument, { status: 'PROPOSED' }, w.retailer.token);
    const [proposal] = reallocationProposals.edges.map((e) => e.node);
    expect(proposal.moves.map((m) => [m.quantity, m.expectedDate])).toEqual([[10, addDays(D1, 3)]]); // D1 + 3 days, not D0 + 3
  });
});
