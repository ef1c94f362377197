import type { EntityManager } from '@mikro-orm/postgresql';
import { knexTransactionOf } from '../shared/deferred-transaction';
import { APP_ROLE } from './orm';

export interface EffectiveRole {
  /** current_user: after `SET ROLE shortstop_app`, that role. */
  role: string;
  /** The role the connection logged in as. */
  loginRole: string;
  superuser: boolean;
  bypassRls: boolean;
  /** Tables and views in public the role owns, or has the privileges of an owner of (membership). */
  ownedTables: string[];
}

/** What the database says about the role this connection acts as. */
export async function effectiveRole(em: EntityManager): Promise<EffectiveRole> {
  const connection = em.getConnection();
  const trx = await knexTransactionOf(em);
  const [row] = await connection.execute<{ role: string; login_role: string; superuser: boolean; bypass_rls: boolean }[]>(
    `SELECT current_user AS role, session_user AS login_role, r.rolsuper AS superuser, r.rolbypassrls AS bypass_rls
       FROM pg_roles r WHERE r.rolname = current_user`,
    [],
    'all',
    trx,
  );
  const owned = await connection.execute<{ name: string }[]>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND pg_has_role(current_user, c.relowner, 'USAGE')
      ORDER BY c.relname`,
    [],
    'all',
    trx,
  );
  return {
    role: row.role,
    loginRole: row.login_role,
    superuser: row.superuser,
    bypassRls: row.bypass_rls,
    ownedTables: owned.map((o) => o.name),
  };
}

export class UnrestrictedRoleError extends Error {
  constructor(
    readonly role: EffectiveRole,
    problems: string[],
  ) {
    super(
      `The database role "${role.role}" (logged in as "${role.loginRole}") ${problems.join(' and ')}, so row-level security would not `
        + `apply to the application. Either connect as the schema owner and let the server act as "${APP_ROLE}" `
        + `(OrmOptions.actAsAppRole: every connection runs SET ROLE ${APP_ROLE}; the owner needs GRANT ${APP_ROLE} TO <owner>, which `
        + `the migration does), or connect as a role without SUPERUSER or BYPASSRLS that owns no table and is a member of "${APP_ROLE}" `
        + `(CREATE ROLE <name> LOGIN PASSWORD '...' IN ROLE ${APP_ROLE}; migrations must then run with the owner's URL).`,
    );
    this.name = 'UnrestrictedRoleError';
  }
}

/**
 * Start-up check for production: the role the application's connections act
 * as must be subject to row-level security: not a superuser, no BYPASSRLS,
 * and owning no table (an owner is exempt unless the table forces RLS, and
 * may switch RLS off). Throws UnrestrictedRoleError naming the role and the fix.
 */
export async function assertRestrictedRole(em: EntityManager): Promise<EffectiveRole> {
  const role = await effectiveRole(em);
  const problems: string[] = [];
  if (role.superuser) problems.push('is a superuser');
  if (role.bypassRls) problems.push('has BYPASSRLS');
  if (role.ownedTables.length) {
    const shown = role.ownedTables.slice(0, 5).join(', ') + (role.ownedTables.length > 5 ? ', ...' : '');
    problems.push(`owns ${role.ownedTables.length} table(s) (${shown})`);
  }
  if (problems.length) throw new UnrestrictedRoleError(role, problems);
  return role;
}
