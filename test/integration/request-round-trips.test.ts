import { Client } from 'pg';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ENTER_STATEMENT, onlyReads, scopedStatement, type ScopeSettings } from '../../src/shared/scoped-statement';
import { confirmLine, createOrder, inDays, tradingPair } from '../support/factories';
import { bareStatement, startTestServer, type TestServer } from '../support/server';

/**
 * The fixed round trips of a request (issue 13): a read sends no BEGIN or
 * COMMIT (each statement goes out with the scope's settings, pipelined); a
 * mutation's BEGIN goes out with entering the scope as one message, a
 * transaction nothing uses sends nothing (the one after a mutation's
 * commit), and a document's first mutation runs in the request's
 * transaction instead of committing an empty one first.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const isControl = (s: string) => /^(begin|commit|rollback)\b/i.test(s.trim());

it('reads pipelined: no BEGIN or COMMIT; the partners learned once, then one message per statement, the scope entered with it', async () => {
  const pair = await tradingPair(server);
  await createOrder(server, pair, [{ quantity: 7, requestedDate: inDays(10) }]);
  await server.raw({ query: '{ me { id } }' }, { authorization: `Bearer ${pair.retailer.token}` });
  server.statements.length = 0;
  const result = await server.raw({ query: '{ purchaseOrders(first: 5) { edges { node { number lines { quantity } } } } }' }, { authorization: `Bearer ${pair.retailer.token}` });
  expect(result.errors).toBeUndefined();
  // The rows came through row-level security, so each statement ran with the retailer's scope entered.
  expect(JSON.stringify(result.data)).toContain('"quantity":7');
  const log = server.statementsBesideCredentials().map(bareStatement);
  expect(log.filter(isControl)).toEqual([]);
  expect(log[0]).toBe('SELECT app_enter($1) AS partners');
  expect(log.filter((s) => /app_enter/.test(s))).toHaveLength(1);
  // The supplier's view through the same path: its own order only while the partnership is ACTIVE.
  const supplierView = await server.raw({ query: '{ purchaseOrders(first: 5) { edges { node { number } } } }' }, { authorization: `Bearer ${pair.supplier.token}` });
  expect((supplierView.data!.purchaseOrders as { edges: unknown[] }).edges).toHaveLength(1);
});

it('leaves nothing of a pipelined statement\'s scope on the pooled connection', async () => {
  const pair = await tradingPair(server);
  const c = new Client({ connectionString: server.databaseUrl });
  await c.connect();
  try {
    await c.query('SET ROLE shortstop_app');
    const run = (config: object, settings: ScopeSettings) =>
      new Promise<{ rows: Record<string, unknown>[] }>((resolve, reject) =>
        c.query(scopedStatement(config, [{ name: ENTER_STATEMENT.name, values: settings }], (err, r) => (err ? reject(err) : resolve(r as { rows: Record<string, unknown>[] }))) as never));
    await c.query({ ...ENTER_STATEMENT, values: ['', ''] });
    const seen = await run({ text: 'SELECT count(*)::int AS n, current_setting($1, true) AS org FROM purchase_order_line', values: ['app.organization_id'] }, [pair.retailer.orgId, '']);
    expect(seen.rows).toEqual([{ n: 0, org: pair.retailer.orgId }]);
    // Between statements, and on the connection afterwards: no acting organization (row-level security shows nothing).
    const after = await c.query(`SELECT current_setting('app.organization_id', true) AS org, (SELECT count(*)::int FROM organization) AS n`);
    expect(after.rows).toEqual([{ org: '', n: 0 }]);
    // A statement that fails leaves nothing behind either, and the connection goes on.
    await expect(run({ text: 'SELECT 1/0 AS x' }, [pair.retailer.orgId, ''])).rejects.toThrow(/division by zero/);
    // The retailer sees itself and its supplier.
    expect((await run({ text: 'SELECT (SELECT count(*)::int FROM organization) AS n' }, [pair.retailer.orgId, ''])).rows).toEqual([{ n: 2 }]);
    expect((await c.query(`SELECT current_setting('app.organization_id', true) AS org`)).rows).toEqual([{ org: '' }]);
  } finally {
    await c.end();
  }
});

it('onlyReads: SELECT and WITH without writing or locking clauses', () => {
  for (const text of ['SELECT 1', ' with x as (select 1) select * from x', 'SELECT updated_at FROM purchase_order']) expect({ text, reads: onlyReads(text) }).toEqual({ text, reads: true });
  for (const text of ['INSERT INTO x VALUES (1)', 'WITH x AS (UPDATE t SET a = 1 RETURNING *) SELECT * FROM x', 'SELECT * FROM t FOR UPDATE', 'SELECT * FROM t FOR NO KEY UPDATE',
    'SELECT * FROM t FOR SHARE', "SELECT pg_notify('c', 'x')", "SELECT nextval('s')", 'SAVEPOINT a', 'BEGIN',
    "SELECT set_config('app.organization_id', $1, true)", 'SELECT app_enter($1) AS partners', "SELECT pg_advisory_xact_lock(hashtext('x'))"]) {
    expect({ text, reads: onlyReads(text) }).toEqual({ text, reads: false });
  }
});

/** The lines' lock (PurchaseOrderLineService.lockLines) by its first words; the rest of a statement as is. */
const LOCK_START = 'WITH target AS MATERIALIZED (';
const firstWords = (s: string) => (s.startsWith(LOCK_START) ? LOCK_START : s);

it('confirms a line in one transaction: no empty transaction before, after or around the mutation', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }]);
  await server.raw({ query: '{ me { id } }' }, { authorization: `Bearer ${pair.supplier.token}` });
  server.statements.length = 0;
  const result = await server.raw(
    {
      query: 'mutation($x: ID!, $d: Date!) { confirmPurchaseOrderLine(input: {lineId: $x, schedule: [{quantity: 100, deliveryDate: $d}]}) { id status } }',
      variables: { x: order.lines[0].id, d: inDays(10) },
    },
    { authorization: `Bearer ${pair.supplier.token}` },
  );
  expect(result.errors).toBeUndefined();
  const log = server.statementsBesideCredentials().map(bareStatement);
  // Nothing before the field's first statement, the lines' lock (confirmPurchaseOrderLine learns the partners only
  // when it needs them, see READS_BEFORE_BEGIN): BEGIN and app_enter go with it, and the transaction commits once.
  expect(log.slice(0, 2).map(firstWords).sort()).toEqual(['SELECT app_enter($1) AS partners', LOCK_START]);
  expect(log.filter(isControl)).toEqual(['commit']);
  // The mutation's own transaction is all or nothing, so no savepoint inside it; its alerts, which lock the
  // recipients' alert counters, are its last statements, right before the commit, with the NOTIFY of their recipients.
  expect(log.filter((s) => /savepoint/i.test(s))).toEqual([]);
  expect(log[log.indexOf('commit') - 2]).toMatch(/^WITH taken AS \(INSERT INTO organization_counter/);
  expect(log[log.indexOf('commit') - 1]).toBe("SELECT pg_notify('shortstop_alerts', id) FROM unnest($1::text[]) AS id");
  // The ship-to's time zone and the retailer the recompute acts for come with the locked lines, not in statements of their own.
  expect(log.filter((s) => /FROM location l JOIN organization o|FROM organization o WHERE o\.id/.test(s))).toEqual([]);
});

it('over WebSocket too: a confirmation sends no transaction before its own (the operation opens none; its field does)', async () => {
  // Found by a fresh review: the socket's operations still opened a transaction at once, which the field then
  // committed empty before opening its own.
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }]);
  const ws = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${pair.supplier.token}` }, retryAttempts: 0, lazy: false });
  const run = (query: string, variables: Record<string, unknown> = {}) =>
    new Promise<{ data?: unknown; errors?: unknown }>((resolve, reject) => {
      let last: { data?: unknown; errors?: unknown } = {};
      ws.subscribe({ query, variables }, { next: (r) => (last = r as typeof last), error: reject, complete: () => resolve(last) });
    });
  try {
    await run('{ me { id } }');
    server.statements.length = 0;
    const result = await run(
      'mutation($x: ID!, $d: Date!) { confirmPurchaseOrderLine(input: {lineId: $x, schedule: [{quantity: 100, deliveryDate: $d}]}) { id status } }',
      { x: order.lines[0].id, d: inDays(10) },
    );
    expect(result.errors).toBeUndefined();
    const log = server.statementsBesideCredentials().map(bareStatement);
    expect(log.slice(0, 2).map(firstWords).sort()).toEqual(['SELECT app_enter($1) AS partners', LOCK_START]);
    expect(log.filter(isControl)).toEqual(['commit']);
  } finally {
    await ws.dispose();
  }
});

it("a confirmation's risk recompute enters the retailer's scope with its next statement, not in a round trip of its own", async () => {
  const pair = await tradingPair(server);
  await server.raw({ query: 'mutation($i: UpsertInventoryInput!) { upsertInventory(input: $i) { onHand } }', variables: { i: { positions: [{ itemId: pair.item.id, locationId: pair.location.id, onHand: 5 }] } } }, {
    authorization: `Bearer ${pair.retailer.token}`,
  });
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }]);
  // Every pooled connection has app_enter prepared (a supplier's read learns its partners with it), as in service.
  await Promise.all(Array.from({ length: 12 }, () => server.raw({ query: '{ me { id } }' }, { authorization: `Bearer ${pair.supplier.token}` })));
  server.statements.length = 0;
  const line = await confirmLine(server, pair.supplier, order.lines[0].id, [{ quantity: 100, deliveryDate: inDays(12) }]);
  expect(line.status).toBe('CONFIRMED');
  const all = server.statementsBesideCredentials().map(bareStatement);
  const log = all.slice(0, all.indexOf('commit')); // the mutation's transaction (its answer's reads come after)
  const enters = log.map((s, i) => [s, i] as const).filter(([s]) => s === 'SELECT app_enter($1) AS partners').map(([, i]) => i);
  // The supplier's own (first), then the retailer's: logged once the statement it went with has answered, so after
  // the recompute's lock, a write that went in the same message.
  expect(enters).toHaveLength(2);
  const lock = log.findIndex((s) => /pg_advisory_xact_lock/.test(s));
  expect(lock).toBeGreaterThan(enters[0]);
  expect(enters[1]).toBeGreaterThan(lock);
  // It acted as the retailer: the risk was recomputed and the retailer told of the confirmation.
  const [risk] = await server.query<{ fresh: boolean }>(`SELECT computed_at > now() - interval '1 minute' AS fresh FROM shortage_risk WHERE item_id = $1`, [pair.item.id]);
  expect(risk.fresh).toBe(true);
  const alerts = await server.query<{ type: string }>('SELECT type FROM alert WHERE organization_id = $1', [pair.retailer.orgId]);
  expect(alerts.map((a) => a.type)).toContain('PURCHASE_ORDER_CONFIRMED');
});

it('writes nothing of a mutation that fails after its first writes (no savepoint needed), and the next document goes on', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }, { quantity: 50, requestedDate: inDays(10) }]);
  const [first, second] = order.lines;
  // The confirmation of line 2 fails at its last statement (its alert), after its schedule, line, history and risk were written.
  await server.query(`CREATE FUNCTION test_refuse_alert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.message LIKE '%line 2 (%' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
  await server.query('CREATE TRIGGER test_refuse_alert BEFORE INSERT ON alert FOR EACH ROW EXECUTE FUNCTION test_refuse_alert()');
  try {
    const result = await server.raw(
      {
        query: `mutation($a: ID!, $b: ID!, $d: Date!) {
          a: confirmPurchaseOrderLine(input: {lineId: $a, schedule: [{quantity: 100, deliveryDate: $d}]}) { id }
          b: confirmPurchaseOrderLine(input: {lineId: $b, schedule: [{quantity: 50, deliveryDate: $d}]}) { id } }`,
        variables: { a: first.id, b: second.id, d: inDays(10) },
      },
      { authorization: `Bearer ${pair.supplier.token}` },
    );
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['b'], 'INTERNAL_SERVER_ERROR']]);
  } finally {
    await server.query('DROP TRIGGER test_refuse_alert ON alert');
    await server.query('DROP FUNCTION test_refuse_alert()');
  }
  const rows = async (lineId: string) => ({
    schedule: await server.query('SELECT quantity FROM schedule_line WHERE line_id = $1', [lineId]),
    confirmations: (await server.query('SELECT 1 FROM confirmation WHERE line_id = $1', [lineId])).length,
    history: (await server.query('SELECT 1 FROM change_record WHERE line_id = $1', [lineId])).length,
    status: (await server.query<{ status: string }>('SELECT status FROM purchase_order_line WHERE id = $1', [lineId]))[0].status,
  });
  expect(await rows(first.id)).toEqual({ schedule: [{ quantity: 100 }], confirmations: 1, history: 1, status: 'CONFIRMED' });
  expect(await rows(second.id)).toEqual({ schedule: [], confirmations: 0, history: 0, status: 'OPEN' });
  const [po] = await server.query<{ version: number }>('SELECT version FROM purchase_order WHERE id = $1', [order.id]);
  expect(po.version).toBe(order.version + 1);
  // The next document confirms line 2: nothing of the failed attempt is left in the way.
  expect((await confirmLine(server, pair.supplier, second.id, [{ quantity: 50, deliveryDate: inDays(10) }])).status).toBe('CONFIRMED');
});

it("reads what a mutation's payload selects beyond its own row after the commit, pipelined (no transaction of its own)", async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }]);
  server.statements.length = 0;
  const line = await confirmLine(server, pair.supplier, order.lines[0].id, [{ quantity: 100, deliveryDate: inDays(10) }]);
  expect(line.status).toBe('CONFIRMED');
  expect(line.purchaseOrder.version).toBe(2); // what the commit left
  const log = server.statementsBesideCredentials().map(bareStatement);
  expect(log.filter(isControl)).toEqual(['commit']);
  // The order the payload shows is read after the commit (confirmPurchaseOrderLine reads before it begins, see
  // READS_BEFORE_BEGIN, and so does its answer).
  expect(log.slice(log.indexOf('commit') + 1).some((s) => /FROM purchase_order po WHERE po\.id = ANY/.test(s))).toBe(true);
});
