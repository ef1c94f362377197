import { AlertsDocument, CreateShipNoticeDocument, RejectPurchaseOrderLineDocument, SetCollaborationRulesDocument } from '../../src/sdk/generated/graphql';
import { ManualClock } from '../../src/core/clock';
import { loadConfig } from '../../src/config';
import { initOrm } from '../../src/db/orm';
import { seedDemoData } from '../../src/demo/seed';
import { createLogger } from '../../src/logger';
import { createServices } from '../../src/server/services';
import { sql } from '../../src/shared/sql';
import { freshDatabase } from '../support/fresh-database';
import { OVERDUE_ALERTS_QUEUE, overdueAlertsTask } from '../../src/modules/purchasing/overdue.jobs';
import { addDays, todayUtc } from '../../src/shared/calendar';
import { confirmLine, createOrder, inDays, tradingPair, type Account } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Overdue alerts (DESIGN.md "Alerts: who gets what"), raised by the
 * overdue job on the PostgreSQL job queue. The job reads "now" from the
 * server's clock, which the test moves: no sleeping.
 */

let server: TestServer;
const clock = new ManualClock();
beforeAll(async () => {
  server = await startTestServer({}, undefined, { clock });
});
afterAll(() => server.close());
beforeEach(() => clock.set(new Date()));

type Pair = Awaited<ReturnType<typeof tradingPair>>;

/** Runs the overdue job through the queue on `on` (any instance may take it) and expects it done. */
async function runOverdue(on: TestServer = server) {
  const outcome = await on.app.jobs.runNow(OVERDUE_ALERTS_QUEUE);
  expect(outcome).toMatchObject({ state: 'completed' });
  return outcome!.output as Record<string, number>;
}

/** The overdue alerts an organization reads through the API: [type, line id, message]. */
async function overdueAlerts(account: Account, s: TestServer = server) {
  const { alerts } = await s.ok(AlertsDocument, { types: ['CONFIRMATION_OVERDUE', 'DELIVERY_OVERDUE'], first: 100 }, account.token);
  return alerts.edges.map((e) => ({ type: e.node.type, line: e.node.purchaseOrderLine?.id, message: e.node.message }));
}

async function issuedLine(pair: Pair, line: { quantity?: number; requestedDate?: string } = {}) {
  const order = await createOrder(server, pair, [{ quantity: 40, ...line }]);
  return { order, lineId: order.lines[0].id as string, number: order.number as string };
}

describe('CONFIRMATION_OVERDUE', () => {
  it('is raised once, to the retailer and the supplier, once confirmationDueHours have passed without an answer', async () => {
    const pair = await tradingPair(server);
    const { lineId, number } = await issuedLine(pair);
    clock.advance({ hours: 23, minutes: 59 });
    await runOverdue();
    expect(await overdueAlerts(pair.retailer)).toEqual([]);

    clock.advance({ hours: 2 }); // 25 h 59 min after issue
    await runOverdue();
    const expected = [{ type: 'CONFIRMATION_OVERDUE', line: lineId, message: `${number} line 1 (${pair.item.sku}): no confirmation or rejection 25 h after issue (due within 24 h)` }];
    expect(await overdueAlerts(pair.retailer)).toEqual(expected);
    expect(await overdueAlerts(pair.supplier)).toEqual(expected);

    // Again, and later: nothing more.
    await runOverdue();
    clock.advance({ hours: 30 });
    await runOverdue();
    expect(await overdueAlerts(pair.retailer)).toHaveLength(1);
    expect(await overdueAlerts(pair.supplier)).toHaveLength(1);
    expect(await server.query('SELECT kind, for_date::text FROM overdue_alert WHERE line_id = $1', [lineId])).toEqual([
      { kind: 'CONFIRMATION_OVERDUE', for_date: todayUtc() },
    ]);
  });

  it('is not raised for a line confirmed or rejected in time, nor before the partnership\'s own hours', async () => {
    const pair = await tradingPair(server);
    const confirmed = await issuedLine(pair);
    const rejected = await issuedLine(pair);
    const waiting = await issuedLine(pair);
    await confirmLine(server, pair.supplier, confirmed.lineId, [{ quantity: 40, deliveryDate: inDays(10) }]);
    await server.ok(RejectPurchaseOrderLineDocument, { input: { lineId: rejected.lineId, reason: 'discontinued' } }, pair.supplier.token);
    await server.ok(SetCollaborationRulesDocument, { input: { partnershipId: pair.partnershipId, confirmationDueHours: 48 } }, pair.retailer.token);

    clock.advance({ hours: 47 });
    await runOverdue();
    expect(await overdueAlerts(pair.retailer)).toEqual([]);
    clock.advance({ hours: 1, minutes: 1 }); // 48 h after issue (the clock was read just before it): due
    await runOverdue();
    expect((await overdueAlerts(pair.retailer)).map((a) => [a.type, a.line])).toEqual([['CONFIRMATION_OVERDUE', waiting.lineId]]);
    expect((await overdueAlerts(pair.retailer))[0].message).toMatch(/48 h after issue \(due within 48 h\)$/);
  });
});

describe('CONFIRMATION_OVERDUE at the due instant', () => {
  it('is not raised a millisecond before issue + confirmationDueHours, and is at that instant (the candidates are read to the millisecond)', async () => {
    const pair = await tradingPair(server);
    const { lineId } = await issuedLine(pair);
    const [{ issued }] = await server.query<{ issued: Date }>(
      'SELECT po.issued_at AS issued FROM purchase_order po JOIN purchase_order_line l ON l.purchase_order_id = po.id WHERE l.id = $1',
      [lineId],
    );
    const due = new Date(new Date(issued).getTime() + 24 * 3_600_000);
    clock.set(new Date(due.getTime() - 1));
    await runOverdue();
    expect(await overdueAlerts(pair.retailer)).toEqual([]);
    clock.set(due);
    await runOverdue();
    expect((await overdueAlerts(pair.retailer)).map((a) => [a.type, a.line])).toEqual([['CONFIRMATION_OVERDUE', lineId]]);
  });

  it('uses the partnership\'s own hours when they are fewer than 24', async () => {
    const pair = await tradingPair(server);
    await server.ok(SetCollaborationRulesDocument, { input: { partnershipId: pair.partnershipId, confirmationDueHours: 2 } }, pair.retailer.token);
    const { lineId } = await issuedLine(pair);
    clock.advance({ hours: 1, minutes: 59 });
    await runOverdue();
    expect(await overdueAlerts(pair.retailer)).toEqual([]);
    clock.advance({ minutes: 2 });
    await runOverdue();
    expect((await overdueAlerts(pair.retailer)).map((a) => [a.type, a.line])).toEqual([['CONFIRMATION_OVERDUE', lineId]]);
  });

  it('leaves a line unanswered inside its hours to DELIVERY_OVERDUE once its requested date has passed', async () => {
    const pair = await tradingPair(server);
    await server.ok(SetCollaborationRulesDocument, { input: { partnershipId: pair.partnershipId, confirmationDueHours: 8_760 } }, pair.retailer.token);
    const { lineId } = await issuedLine(pair, { requestedDate: inDays(1) });
    clock.advance({ days: 2 });
    await runOverdue();
    expect((await overdueAlerts(pair.retailer)).map((a) => [a.type, a.line])).toEqual([['DELIVERY_OVERDUE', lineId]]);
  });
});

describe('DELIVERY_OVERDUE', () => {
  it('is raised the day after the latest promised date while something is open and nothing in transit, once per date', async () => {
    const pair = await tradingPair(server);
    const { lineId, number } = await issuedLine(pair, { requestedDate: inDays(5) });
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 10, deliveryDate: inDays(2) }, { quantity: 30, deliveryDate: inDays(4) }]);

    clock.advance({ days: 4 }); // today = the latest promised date: not yet
    await runOverdue();
    expect(await overdueAlerts(pair.retailer)).toEqual([]);

    clock.advance({ days: 1 }); // the day after
    expect(await runOverdue()).toMatchObject({ deliveryOverdue: 1, confirmationOverdue: 0 });
    const expected = [{ type: 'DELIVERY_OVERDUE', line: lineId, message: `${number} line 1 (${pair.item.sku}): 40 still open after its promised date ${inDays(4)}, nothing in transit` }];
    expect(await overdueAlerts(pair.retailer)).toEqual(expected);
    expect(await overdueAlerts(pair.supplier)).toEqual(expected);
    clock.advance({ days: 1 });
    await runOverdue();
    expect(await overdueAlerts(pair.retailer)).toHaveLength(1);

    // A new promise (dates are checked against the real today) slips it to a later date: overdue again once that date has passed.
    await confirmLine(server, pair.supplier, lineId, [{ quantity: 40, deliveryDate: inDays(8) }]);
    await runOverdue(); // clock at day 6: not yet
    expect(await overdueAlerts(pair.retailer)).toHaveLength(1);
    clock.advance({ days: 3 }); // day 9
    await runOverdue();
    await runOverdue();
    expect((await overdueAlerts(pair.supplier)).map((a) => a.message)).toEqual([
      expected[0].message,
      `${number} line 1 (${pair.item.sku}): 40 still open after its promised date ${inDays(8)}, nothing in transit`,
    ]);
  });

  it('uses the requested date for a line never promised, and says nothing while goods are in transit', async () => {
    const pair = await tradingPair(server);
    const never = await issuedLine(pair, { requestedDate: inDays(1) });
    const shipped = await issuedLine(pair, { requestedDate: inDays(1) });
    await confirmLine(server, pair.supplier, shipped.lineId, [{ quantity: 40, deliveryDate: inDays(1) }]);
    await server.ok(CreateShipNoticeDocument, {
      input: { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(1), lines: [{ lineId: shipped.lineId, quantity: 40 }] },
    }, pair.supplier.token);

    clock.advance({ days: 2 });
    expect(await runOverdue()).toMatchObject({ deliveryOverdue: 1, confirmationOverdue: 1 });
    const alerts = await overdueAlerts(pair.retailer);
    expect(alerts.map((a) => [a.type, a.line]).sort()).toEqual([
      ['CONFIRMATION_OVERDUE', never.lineId],
      ['DELIVERY_OVERDUE', never.lineId],
    ]);
    expect(alerts.find((a) => a.type === 'DELIVERY_OVERDUE')!.message).toBe(
      `${never.number} line 1 (${pair.item.sku}): 40 still open after its requested date ${addDays(todayUtc(), 1)}, nothing in transit`,
    );
  });
});

describe('on the job queue', () => {
  it('neither repeats nor loses an alert across a restart (a new server on the same database)', async () => {
    const pair = await tradingPair(server);
    const first = await issuedLine(pair);
    const instance = await server.sibling();
    clock.advance({ hours: 25 });
    await runOverdue(instance);
    expect(await overdueAlerts(pair.retailer)).toHaveLength(1);
    await instance.close();

    // Meanwhile a second line is issued (real time), and the clock moves on while no job runs.
    const second = await issuedLine(pair);
    clock.advance({ hours: 25 });
    const restarted = await server.sibling();
    try {
      await runOverdue(restarted);
      await runOverdue(restarted);
    } finally {
      await restarted.close();
    }
    expect((await overdueAlerts(pair.retailer)).map((a) => a.line)).toEqual([first.lineId, second.lineId]);
    expect((await overdueAlerts(pair.supplier)).map((a) => a.line)).toEqual([first.lineId, second.lineId]);
  });

  it('raises once when two instances run the job at the same moment', async () => {
    const pair = await tradingPair(server);
    const lines = [await issuedLine(pair), await issuedLine(pair), await issuedLine(pair)];
    const other = await server.sibling();
    try {
      clock.advance({ hours: 25 });
      // Through the queue on both instances, and the task itself side by side (no queue in between).
      const [a, b] = await Promise.all([runOverdue(), runOverdue(other)]);
      expect(a.confirmationOverdue + b.confirmationOverdue).toBe(3);
      const deps = { orm: server.orm, services: server.app.services, log: createLogger('silent'), clock };
      await Promise.all([overdueAlertsTask.run(deps), overdueAlertsTask.run({ ...deps, orm: other.orm, services: other.app.services })]);
    } finally {
      await other.close();
    }
    expect((await overdueAlerts(pair.retailer)).map((a) => a.line).sort()).toEqual(lines.map((l) => l.lineId).sort());
    expect(await overdueAlerts(pair.supplier)).toHaveLength(3);
  });

  it('keeps its queue in the pgboss schema, worked as the row-level-security-bound application role', async () => {
    const [version] = await server.query<{ version: number }>('SELECT version FROM pgboss.version');
    expect(version.version).toBe(24);
    const queues = await server.query<{ name: string }>('SELECT name FROM pgboss.queue ORDER BY name');
    expect(queues.map((q) => q.name)).toEqual(['__pgboss__send-it', 'daily', 'local-date-rollover', 'overdue-alerts', 'webhooks']);
    expect(await server.app.jobs.role()).toBe('shortstop_app');
    // It may work the queue's tables, not create anything there (queues come from migrations).
    expect(await server.query(
      `SELECT has_schema_privilege('shortstop_app', 'pgboss', 'CREATE') AS "create", has_table_privilege('shortstop_app', 'pgboss.job', 'INSERT') AS "insert"`,
    )).toEqual([{ create: false, insert: true }]);
  });
});

describe('the demo data', () => {
  it('opens with one overdue confirmation, alerted to Northwind and to Acme, and the job does not repeat it', async () => {
    const db = await freshDatabase('ss_demo_overdue');
    const log = createLogger('silent');
    const orm = await initOrm(db.url, { log });
    try {
      await seedDemoData(orm, createServices(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url }), log), log);
      const owner = await initOrm(db.url, { actAsAppRole: false, poolMax: 1 });
      const overdue = () => sql<{ organization: string; message: string }>(
        owner.em.fork(),
        `SELECT o.name AS organization, a.message FROM alert a JOIN organization o ON o.id = a.organization_id
          WHERE a.type = 'CONFIRMATION_OVERDUE' ORDER BY o.name`,
      );
      try {
        const first = await overdue();
        expect(first.map((a) => a.organization)).toEqual(['Acme Foods', 'Northwind Grocers']);
        expect(first[0].message).toMatch(/^PO-\d+ line 1 \(SKU-1009\): no confirmation or rejection 48 h after issue \(due within 24 h\)$/);
        await overdueAlertsTask.run({ orm, services: createServices(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url }), log), log, clock: new ManualClock() });
        expect(await overdue()).toEqual(first);
      } finally {
        await owner.close();
      }
    } finally {
      await orm.close();
      await db.drop();
    }
  });
});
