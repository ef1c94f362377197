import { Client } from 'pg';
import { effectiveRole } from '../../src/db/app-role';
import { ConfirmPurchaseOrderLineDocument } from '../../src/sdk/generated/graphql';
import { sql } from '../../src/shared/sql';
import { createOrder, inDays, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The running server's own connections are bound by row-level security even
 * though the test database URL names a superuser (as the machine's
 * `postgres` user is): every pooled connection acts as shortstop_app.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('acts as the restricted role whatever role the URL names', async () => {
  const role = await effectiveRole(server.orm.em.fork());
  expect(role).toMatchObject({ role: 'shortstop_app', superuser: false, bypassRls: false, ownedTables: [] });
  const [login] = await server.query<{ superuser: boolean }>('SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = $1', [role.loginRole]);
  expect(login.superuser).toBe(true);
});

it('sees no tenant row outside a scoped transaction, and only its own inside one', async () => {
  const a = await tradingPair(server);
  const b = await tradingPair(server);
  const [owner] = await server.query<{ n: string }>('SELECT count(*) AS n FROM item');
  expect(Number(owner.n)).toBeGreaterThanOrEqual(2);
  // A statement on the server's pool without app_enter: nothing.
  const [bare] = await sql<{ n: string }>(server.orm.em.fork(), 'SELECT count(*) AS n FROM item');
  expect(Number(bare.n)).toBe(0);
  // Entered as retailer A: A's item only.
  const seen = await server.orm.em.fork().transactional(async (tx) => {
    await sql(tx, 'SELECT app_enter($1)', [a.retailer.orgId]);
    return sql<{ id: string }>(tx, 'SELECT id FROM item');
  });
  expect(seen.map((r) => r.id)).toEqual([a.item.id]);
  expect(seen.map((r) => r.id)).not.toContain(b.item.id);
});

it('keeps a supplier, in PostgreSQL too, to what the application lets it see and write', async () => {
  const pair = await tradingPair(server);
  const draft = await createOrder(server, pair, [{ quantity: 10 }], false);
  const issued = await createOrder(server, pair, [{ quantity: 10 }]);
  await server.ok(ConfirmPurchaseOrderLineDocument, { input: { lineId: issued.lines[0].id, schedule: [{ quantity: 10, deliveryDate: inDays(10) }] } }, pair.supplier.token);
  const asSupplier = <T>(fn: (c: Client) => Promise<T>) => asApp(server, pair.supplier.orgId, fn);
  const count = async (text: string, params: unknown[]) =>
    asSupplier(async (c) => {
      try {
        return (await c.query(text, params)).rowCount;
      } catch (err) {
        return `refused: ${(err as Error).message}`;
      }
    });
  expect(await count(`SELECT id FROM purchase_order WHERE id = $1`, [draft.id])).toBe(0);
  expect(await count(`SELECT id FROM purchase_order_line WHERE purchase_order_id = $1`, [draft.id])).toBe(0);
  expect(await count(`SELECT id FROM purchase_order WHERE id = $1`, [issued.id])).toBe(1);
  expect(await count(`UPDATE purchase_order SET status = 'RECEIVED' WHERE id = $1`, [draft.id])).toBe(0);
  expect(await count(`UPDATE purchase_order SET status = 'CLOSED' WHERE id = $1`, [issued.id])).toMatch(/refused: a supplier may not/);
  expect(await count(`UPDATE purchase_order_line SET unit_cost = 0.01 WHERE purchase_order_id = $1`, [issued.id])).toMatch(/refused: a supplier may not/);
  expect(await count(`UPDATE purchase_order_line SET quantity = 1 WHERE purchase_order_id = $1`, [issued.id])).toMatch(/refused/);
  expect(await count(`UPDATE change_record SET details = 'rewritten' WHERE purchase_order_id = $1`, [issued.id])).toBe(0);
  expect(await count(`DELETE FROM change_record WHERE purchase_order_id = $1`, [issued.id])).toBe(0);
  expect(await count(`DELETE FROM confirmation WHERE line_id = $1`, [issued.lines[0].id])).toBe(0);
  expect(await count(`UPDATE organization_counter SET value = 0 WHERE organization_id = $1 AND name = 'alert'`, [pair.retailer.orgId])).toMatch(/refused: counters only grow/);
  // An organization may update only its own time zone (setOrganizationTimeZone): no other column, no other row.
  expect(await count(`UPDATE organization SET kind = 'RETAILER' WHERE id = $1`, [pair.supplier.orgId])).toMatch(/refused: permission denied/);
  expect(await count(`UPDATE organization SET time_zone = 'Asia/Tokyo' WHERE id = $1`, [pair.retailer.orgId])).toBe(0);
  expect(await count(`UPDATE partnership SET invited_at = now() - interval '1 year' WHERE supplier_id = $1`, [pair.supplier.orgId])).toMatch(/refused/);
  // Nothing changed.
  const [line] = await server.query<{ unit_cost: string; quantity: number }>('SELECT unit_cost, quantity FROM purchase_order_line WHERE id = $1', [issued.lines[0].id]);
  expect(line.quantity).toBe(10);
  expect((await server.query('SELECT 1 FROM change_record WHERE purchase_order_id = $1', [issued.id])).length).toBeGreaterThan(0);
});

/** A raw connection acting as shortstop_app for an organization, rolled back afterwards. */
async function asApp<T>(testServer: TestServer, organizationId: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: testServer.databaseUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query('SET LOCAL ROLE shortstop_app');
    await c.query('SELECT app_enter($1)', [organizationId]);
    return await fn(c);
  } finally {
    await c.query('ROLLBACK').catch(() => undefined);
    await c.end();
  }
}
