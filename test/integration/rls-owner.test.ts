import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase, withDatabase } from '../../src/db/database-admin';
import { assertRestrictedRole, effectiveRole, UnrestrictedRoleError } from '../../src/db/app-role';
import { actsAsAppRole, APP_ROLE, initOrm, migrate, type Orm } from '../../src/db/orm';
import { sql } from '../../src/shared/sql';
import { ADMIN_URL_ENV } from '../support/test-database';

/**
 * Production's set-up, where the owner is not a superuser: migrations run as
 * an owner with only CREATEROLE, the server's ORM acts as shortstop_app, RLS
 * is forced on the owner too, and the SECURITY DEFINER functions (owned by
 * that owner) still do their one job through their definer_* policies.
 */

const adminUrl = () => {
  const url = process.env[ADMIN_URL_ENV];
  if (!url) throw new Error('global set-up did not run');
  return url;
};

const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const OWNER = `ss_owner_${suffix}`;
const PASSWORD = `pw_${randomBytes(8).toString('hex')}`;
const DATABASE = `ss_rls_owner_${suffix}`;

let admin: Client;
const organization = randomUUID();
let ownerUrl: string;
const orms: Orm[] = [];
const open = async (url: string, actAsAppRole: boolean) => {
  const orm = await initOrm(url, { actAsAppRole });
  orms.push(orm);
  return orm;
};

beforeAll(async () => {
  admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE ROLE ${OWNER} LOGIN PASSWORD '${PASSWORD}' CREATEROLE NOSUPERUSER NOBYPASSRLS`);
  await admin.query(`CREATE DATABASE ${DATABASE} OWNER ${OWNER}`);
  const url = new URL(withDatabase(adminUrl(), DATABASE));
  url.username = OWNER;
  url.password = PASSWORD;
  ownerUrl = url.toString();
});

afterAll(async () => {
  for (const orm of orms) await orm.close().catch(() => undefined);
  await dropDatabase(adminUrl(), DATABASE);
  await admin.query(`DROP ROLE IF EXISTS ${OWNER}`);
  await admin.end();
});

it('migrates as a non-superuser owner through an app-role ORM, which then acts as shortstop_app', async () => {
  const app = await open(ownerUrl, true);
  expect(actsAsAppRole(app)).toBe(true);
  const applied = await migrate(app);
  expect(applied).toContain('Migration20261130020000_row_level_security');

  const role = await assertRestrictedRole(app.em.fork());
  expect(role).toMatchObject({ role: APP_ROLE, loginRole: OWNER, superuser: false, bypassRls: false, ownedTables: [] });

  // Sign-up under RLS, then the cross-tenant look-ups without an acting organization.
  const org = organization;
  const user = randomUUID();
  await app.em.fork().transactional(async (em) => {
    await sql(em, 'SELECT app_enter($1)', [org]);
    await sql(em, `INSERT INTO organization (id, name, kind, created_at) VALUES ($1, 'Owner Test', 'SUPPLIER', now())`, [org]);
    await sql(em, `INSERT INTO app_user (id, organization_id, email, password_hash, role, created_at) VALUES ($1, $2, $3, 'x', 'ADMIN', now())`, [user, org, `${user}@rls.test`]);
    await sql(em, `INSERT INTO session (id, user_id, token_hash, expires_at, created_at) VALUES ($1, $2, 'hash-${suffix}', now() + interval '1 hour', now())`, [randomUUID(), user]);
    await sql(em, `INSERT INTO location (id, retailer_id, code, name, created_at) VALUES ($1, $2, 'DC', 'DC', now())`, [randomUUID(), org]);
  });
  const em = app.em.fork();
  expect(await sql(em, 'SELECT count(*)::int AS n FROM organization')).toEqual([{ n: 0 }]);
  expect(await sql(em, `SELECT user_id, organization_id, kind FROM auth_session('hash-${suffix}')`)).toEqual([{ user_id: user, organization_id: org, kind: 'SUPPLIER' }]);
  expect(await sql(em, 'SELECT organization_is_supplier($1) AS s, organizations_exist() AS e', [org])).toEqual([{ s: true, e: true }]);
  expect((await sql<{ id: string }>(em, 'SELECT id FROM daily_job_retailers()')).length).toBeGreaterThanOrEqual(0);
  expect(await sql(em, 'SELECT prune_alerts(30)::int AS n, prune_sessions()::int AS s')).toEqual([{ n: 0, s: 0 }]);
});

it('subjects the owner itself to the policies (FORCE), and refuses it, or a superuser, as the application\'s role', async () => {
  const owner = await open(ownerUrl, false);
  // No policy lets the owner at tenant data (only the definer_* ones, on what the SECURITY DEFINER functions touch).
  expect(await sql(owner.em.fork(), 'SELECT count(*)::int AS n FROM location')).toEqual([{ n: 0 }]);
  const inScope = await owner.em.fork().transactional(async (em) => {
    await sql(em, 'SELECT app_enter($1)', [organization]);
    return sql(em, 'SELECT count(*)::int AS n FROM location');
  });
  expect(inScope).toEqual([{ n: 1 }]);
  const ownerRefused = assertRestrictedRole(owner.em.fork());
  await expect(ownerRefused).rejects.toThrow(UnrestrictedRoleError);
  await expect(ownerRefused).rejects.toThrow(new RegExp(`"${OWNER}".*owns \\d+ table`));

  const superuser = await open(withDatabase(adminUrl(), DATABASE), false);
  const info = await effectiveRole(superuser.em.fork());
  if (info.superuser) await expect(assertRestrictedRole(superuser.em.fork())).rejects.toThrow(/is a superuser.*SET ROLE shortstop_app/);
});
