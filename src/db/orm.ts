import 'reflect-metadata';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/core';
import { MIGRATIONS } from '../../migrations';
import { RequestEntityManager } from '../shared/deferred-transaction';
import type { Logger } from '../logger';
import { ENTITIES } from './entities';

export type Orm = MikroORM;

/** The restricted role the application acts as, so row-level security applies (migrations/..._row_level_security). */
export const APP_ROLE = 'shortstop_app';

/**
 * Whether ORMs act as APP_ROLE unless told otherwise: on. Every database
 * access of the application runs inside a transaction that starts with
 * `SELECT app_enter(org)` (src/core/transaction.ts); under RLS anything else
 * sees no tenant row. Only migrations and test assertions use an owner ORM.
 */
export const ACT_AS_APP_ROLE_BY_DEFAULT = true;

export interface OrmOptions {
  /** Called with every SQL statement the ORM sends; used by tests and benchmarks to count statements. */
  onQuery?: (sql: string) => void;
  /** Where statements are logged, at debug level, with placeholders and never their parameter values. */
  log?: Logger;
  poolMax?: number;
  /**
   * Every pooled connection runs `SET ROLE shortstop_app` as soon as it is
   * opened, so policies apply even when the URL's role is the owner or a
   * superuser. Default: ACT_AS_APP_ROLE_BY_DEFAULT. Migrations never run as
   * the app role: migrate() opens its own owner connection for them.
   */
  actAsAppRole?: boolean;
}

/** The options each ORM was made with (migrate() needs to know whether to open an owner ORM). */
const optionsOf = new WeakMap<Orm, OrmOptions>();

export const actsAsAppRole = (orm: Orm): boolean => optionsOf.get(orm)?.actAsAppRole ?? ACT_AS_APP_ROLE_BY_DEFAULT;

export function ormConfig(databaseUrl: string, options: OrmOptions = {}): Options {
  const actAsAppRole = options.actAsAppRole ?? ACT_AS_APP_ROLE_BY_DEFAULT;
  const queryLog = options.log?.isLevelEnabled('debug') ? options.log : undefined;
  return defineConfig({
    clientUrl: databaseUrl,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    discovery: { requireEntitiesArray: true, disableDynamicFileAccess: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      path: 'migrations',
      pathTs: 'migrations',
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
    forceUtcTimezone: true,
    pool: {
      min: 0,
      max: options.poolMax ?? 10,
      afterCreate: actAsAppRole ? setAppRole : setPlanCacheMode,
    },
    // Acting as the app role, a connection can only open once migrations have created the role: connect lazily.
    connect: !actAsAppRole,
    colors: false,
    // 'query' without 'query-params': MikroORM then logs each statement with $n placeholders. With
    // 'query-params' it would log the statement as sent, values inlined (MikroORM inlines them into the SQL).
    debug: options.onQuery || queryLog ? ['query'] : false,
    logger: (line) => {
      options.onQuery?.(line);
      queryLog?.debug({ sql: line }, 'sql statement');
    },
    // knex prefixes a failed statement's error message with its SQL: the bare SQL (see withoutSql), not one with values re-inlined.
    driverOptions: { compileSqlOnError: false },
    // The schema is designed for clients; entities are never serialized to them directly.
    allowGlobalContext: false,
    // Every fork makes a read's knex transaction on its first query through the ORM (LazyTransaction).
    entityManager: RequestEntityManager,
  });
}

interface PgConnection {
  query(text: string, callback: (err: Error | null) => void): void;
}

/**
 * knex pool hook: a new connection acts as the app role before the pool
 * hands it out. JIT goes off with it: policy sub-selects inflate the
 * planner's cost estimates past jit_above_cost on cheap queries, and
 * compiling then costs more than running (measured on a supplier's count
 * over 20,000 schedule lines: 10 ms without JIT, 25 ms with it, 130 ms the
 * first time in a connection).
 */
function setAppRole(conn: PgConnection, done: (err: Error | null, conn: PgConnection) => void): void {
  conn.query(`SET ROLE ${APP_ROLE}; SET jit = off; ${GENERIC_PLANS}`, (err) => done(err, conn));
}

/**
 * Prepared statements keep their generic plan (src/shared/sql.ts): left to
 * choose, PostgreSQL compares a generic plan's estimate with custom plans'
 * and, the policies' sub-selects inflating the generic estimate, kept
 * planning a confirmation's statements for their values (33 ms a
 * confirmation, 27 with generic plans; the owner, without policies: 27 and
 * 23). A statement given a long list switches to custom plans for itself.
 */
const GENERIC_PLANS = 'SET plan_cache_mode = force_generic_plan';

/** knex pool hook of an ORM acting as the owner (migrations, the bench's RLS-bypassed side): the same plan choice as the app role. */
function setPlanCacheMode(conn: PgConnection, done: (err: Error | null, conn: PgConnection) => void): void {
  conn.query(GENERIC_PLANS, (err) => done(err, conn));
}

export async function initOrm(databaseUrl: string, options: OrmOptions = {}): Promise<Orm> {
  const orm = await MikroORM.init(ormConfig(databaseUrl, options));
  optionsOf.set(orm, options);
  // Creates the knex client now (it opens no connection) so the listener is on the one every query uses.
  orm.em.getConnection().getKnex().on('query-error', withoutSql);
  return orm;
}

/**
 * A failed statement's error carries only PostgreSQL's message. knex puts the
 * statement in front of it, and MikroORM sends statements with their values
 * inlined: a value (a credential, a 10 MB string, a whole bulk upsert) would
 * otherwise reach any log or error report that shows the message.
 */
function withoutSql(err: unknown, query: { sql?: unknown }): void {
  if (!(err instanceof Error) || typeof query?.sql !== 'string') return;
  const prefix = `${query.sql} - `;
  if (err.message.startsWith(prefix)) err.message = err.message.slice(prefix.length);
  // The stack's first line repeats the message as it was when the stack was first read.
  if (typeof err.stack === 'string' && err.stack.includes(prefix)) err.stack = err.stack.replace(prefix, '');
}

/**
 * Applies pending migrations as the connecting (owner) role; returns the
 * names it ran. When `orm` acts as the app role, a short-lived owner ORM on
 * the same URL runs them instead (the app role may not create or alter tables).
 */
export async function migrate(orm: Orm): Promise<string[]> {
  if (!actsAsAppRole(orm)) return runMigrations(orm);
  const owner = await initOrm(orm.config.get('clientUrl')!, { poolMax: 1, actAsAppRole: false });
  try {
    return await runMigrations(owner);
  } finally {
    await owner.close();
  }
}

async function runMigrations(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
