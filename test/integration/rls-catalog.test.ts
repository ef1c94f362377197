import { Client } from 'pg';
import { APP_ROLE } from '../../src/db/orm';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database';

/**
 * Row-level security, read from pg_catalog: every table in public holds
 * tenant rows unless listed here, and so must have RLS enabled AND forced
 * and policies for the application role. A new table without them fails
 * this test (see migrations/Migration20261130020000_row_level_security.ts).
 */

/** Not tenant data: MikroORM's own bookkeeping; shortstop_app has no privilege on it. */
const NOT_TENANT_TABLES = ['mikro_orm_migrations'];

/**
 * System-only tables: RLS enabled and forced, no policy for shortstop_app and
 * no privilege for it either; reached only through SECURITY DEFINER functions.
 * - login_throttle: sign-in throttling counters per account and per client address, shared by all instances
 *   (login_throttle_upsert / _get / _delete, prune_login_throttle); an attempt may name no account, so it has no tenant.
 */
const SYSTEM_ONLY_TABLES = ['login_throttle'];

let db: FreshDatabase;
let client: Client;

beforeAll(async () => {
  db = await freshDatabase('ss_rls_catalog');
  client = new Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

async function rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await client.query(text, params)).rows as T[];
}

interface TableRow {
  name: string;
  rls: boolean;
  forced: boolean;
  policies: number;
  app_policies: number;
  app_select_policies: number;
  app_privileges: boolean;
}

const tables = () =>
  rows<TableRow>(
    `SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
            (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies,
            (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid
                AND (0 = ANY(p.polroles) OR (SELECT oid FROM pg_roles WHERE rolname = $1) = ANY(p.polroles))) AS app_policies,
            (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid AND p.polcmd IN ('r', '*')
                AND (0 = ANY(p.polroles) OR (SELECT oid FROM pg_roles WHERE rolname = $1) = ANY(p.polroles))) AS app_select_policies,
            has_table_privilege($1, c.oid, 'SELECT') OR has_table_privilege($1, c.oid, 'INSERT')
              OR has_table_privilege($1, c.oid, 'UPDATE') OR has_table_privilege($1, c.oid, 'DELETE') AS app_privileges
       FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
    [APP_ROLE],
  );

/** What is wrong with the tables' row-level security, one line per problem. */
async function tableProblems(): Promise<string[]> {
  const problems: string[] = [];
  for (const t of await tables()) {
    if (NOT_TENANT_TABLES.includes(t.name)) {
      if (t.app_privileges) problems.push(`${t.name}: ${APP_ROLE} must have no privilege on it`);
      continue;
    }
    if (!t.rls) problems.push(`${t.name}: row level security is not enabled`);
    if (!t.forced) problems.push(`${t.name}: row level security is not forced`);
    if (t.policies === 0) problems.push(`${t.name}: has no policy`);
    if (SYSTEM_ONLY_TABLES.includes(t.name)) {
      if (t.app_policies) problems.push(`${t.name}: system-only, yet has a policy for ${APP_ROLE}`);
      if (t.app_privileges) problems.push(`${t.name}: system-only, yet ${APP_ROLE} has a privilege on it`);
    } else {
      if (t.app_select_policies === 0) problems.push(`${t.name}: no SELECT policy for ${APP_ROLE}`);
      if (!t.app_privileges) problems.push(`${t.name}: ${APP_ROLE} has no privilege on it (is it meant to be system-only? list it here)`);
    }
  }
  return problems;
}

it('has RLS enabled and forced, with policies for the app role, on every table holding tenant rows', async () => {
  expect((await tables()).length).toBeGreaterThan(20);
  expect(await tableProblems()).toEqual([]);
});

it('catches a table added without policies (a later migration\'s table is granted to the app role by default privileges)', async () => {
  await client.query('BEGIN');
  try {
    await client.query('CREATE TABLE rls_probe (id uuid PRIMARY KEY, organization_id uuid NOT NULL)');
    expect(await tableProblems()).toEqual([
      'rls_probe: row level security is not enabled',
      'rls_probe: row level security is not forced',
      'rls_probe: has no policy',
      `rls_probe: no SELECT policy for ${APP_ROLE}`,
    ]);
  } finally {
    await client.query('ROLLBACK');
  }
});

it('has no unconditional policy for the app role, and the unconditional ones belong to the owner (SECURITY DEFINER functions)', async () => {
  const policies = await rows<{ table: string; name: string; roles: string[]; qual: string | null; check: string | null }>(
    `SELECT c.relname AS table, p.polname AS name,
            ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) r)::text[] AS roles,
            pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS check
       FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
      WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );
  const [{ owner }] = await rows<{ owner: string }>(`SELECT pg_get_userbyid(relowner)::text AS owner FROM pg_class WHERE oid = 'organization'::regclass`);
  const problems: string[] = [];
  for (const p of policies) {
    if (p.roles.includes('public')) problems.push(`${p.table}.${p.name}: applies to PUBLIC`);
    const unconditional = [p.qual, p.check].some((e) => e !== null && e.trim() === 'true');
    if (unconditional && !(p.roles.length === 1 && p.roles[0] === owner && p.name.startsWith('definer_'))) {
      problems.push(`${p.table}.${p.name}: unconditional policy for ${p.roles.join(', ')}`);
    }
    // The acting organization, directly or through a policy function (app_sees_line etc., which read it inside).
    if (p.roles.includes(APP_ROLE) && ![p.qual, p.check].some((e) => e && /app_org\(\)|app_partners\(\)|EXISTS|\bapp_[a-z_]+\(/i.test(e))) {
      problems.push(`${p.table}.${p.name}: does not depend on the acting organization`);
    }
  }
  expect(problems).toEqual([]);
});

it('gives the app role no way around the policies: not superuser, no BYPASSRLS, owns nothing, no owner membership', async () => {
  const [role] = await rows<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
    `SELECT rolsuper, rolbypassrls, rolcanlogin, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1`,
    [APP_ROLE],
  );
  expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false, rolcreaterole: false, rolcreatedb: false });
  const owned = await rows<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c WHERE pg_has_role($1, c.relowner, 'USAGE') AND c.relnamespace = 'public'::regnamespace
     UNION ALL SELECT p.proname FROM pg_proc p WHERE pg_has_role($1, p.proowner, 'USAGE') AND p.pronamespace = 'public'::regnamespace
     UNION ALL SELECT n.nspname FROM pg_namespace n WHERE pg_has_role($1, n.nspowner, 'USAGE')`,
    [APP_ROLE],
  );
  expect(owned).toEqual([]);
});

it('has no view or materialized view that would read tables with its owner\'s rights', async () => {
  const views = await rows<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')
        AND NOT coalesce('security_invoker=true' = ANY(c.reloptions), false)`,
  );
  expect(views).toEqual([]);
});

it('keeps each SECURITY DEFINER function pinned to a search_path and executable by the app role only', async () => {
  const functions = await rows<{ name: string; config: string[] | null; public_can: boolean; app_can: boolean }>(
    `SELECT p.oid::regprocedure::text AS name, p.proconfig AS config,
            coalesce(p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE'), true) AS public_can,
            has_function_privilege($1, p.oid, 'EXECUTE') AS app_can
       FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef ORDER BY 1`,
    [APP_ROLE],
  );
  expect(functions.map((f) => f.name)).toEqual(
    expect.arrayContaining(['auth_session(text)', 'auth_api_key(text)', 'daily_job_retailers()', 'prune_alerts(integer)']),
  );
  for (const f of functions) {
    expect({ name: f.name, config: f.config }).toEqual({ name: f.name, config: ['search_path=public, pg_temp'] });
    expect({ name: f.name, public_can: f.public_can, app_can: f.app_can }).toEqual({ name: f.name, public_can: false, app_can: true });
  }
});
