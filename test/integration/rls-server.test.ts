import { effectiveRole } from '../../src/db/app-role';
import { sql } from '../../src/shared/sql';
import { tradingPair } from '../support/factories';
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
