import type { Config } from './config';
import { databaseName, ensureDatabase, withDatabase } from './db/database-admin';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres';
import { assertRestrictedRole, UnrestrictedRoleError, type EffectiveRole } from './db/app-role';
import { APP_ROLE, initOrm, migrate, type Orm } from './db/orm';
import { DEMO_PASSWORD, isEmpty, seedDemoData } from './demo/seed';
import type { Logger } from './logger';
import { createApp, type App } from './server/app';
import { createServices } from './server/services';

export interface Runtime {
  app: App;
  orm: Orm;
  port: number;
  stop(): Promise<void>;
}

const DEFAULT_DATABASE = 'shortstop';

/**
 * Start-up in order: database (external or embedded), migrations, demo data
 * when the database is empty, then the HTTP + WebSocket server.
 */
export async function startRuntime(config: Config, log: Logger): Promise<Runtime> {
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log.info({ dir: config.embeddedPg.dir, port: config.embeddedPg.port }, 'DATABASE_URL is not set: starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ ...config.embeddedPg, logger: log });
    await ensureDatabase(embedded.adminUrl, DEFAULT_DATABASE);
    databaseUrl = withDatabase(embedded.adminUrl, DEFAULT_DATABASE);
  }
  const orm = await initOrm(databaseUrl, { log });
  try {
    const applied = await migrate(orm);
    log.info({ database: databaseName(databaseUrl), applied }, applied.length ? 'migrations applied' : 'database schema is up to date');
    // Row-level security is the second wall: refuse to serve unless the application's connections are subject to it.
    const role = await checkedAppRole(orm);
    log.info({ role: role.role, loginRole: role.loginRole }, 'the application acts as a role subject to row-level security');
    if (config.loadDemoData && (await isEmpty(orm))) {
      const logins = await seedDemoData(orm, createServices(config, log), log);
      log.info({ logins: logins.map((l) => l.email) }, 'demo data loaded');
      printDemoLogins(logins);
    }
    const app = await createApp({ config, orm, log });
    const port = await app.listen(config.port, config.host);
    log.info({ port, graphql: `http://localhost:${port}/graphql` }, 'ShortStop is serving');
    return {
      app,
      orm,
      port,
      stop: async () => {
        await app.stop();
        await orm.close();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await orm.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
}

async function checkedAppRole(orm: Orm): Promise<EffectiveRole> {
  try {
    return await assertRestrictedRole(orm.em.fork());
  } catch (err) {
    if (err instanceof UnrestrictedRoleError) throw err;
    // Typically: the DATABASE_URL role may not SET ROLE to the application role.
    throw new Error(
      `Cannot act as the restricted database role "${APP_ROLE}": ${(err as Error).message}. `
        + `Connect as the schema owner (the migrations grant it ${APP_ROLE}), or GRANT ${APP_ROLE} TO <the DATABASE_URL role>.`,
    );
  }
}

function printDemoLogins(logins: { email: string; role: string; organization: string }[]) {
  const lines = [
    '',
    'Demo data loaded. Log in with any of these (password for all: ' + DEMO_PASSWORD + '):',
    ...logins.map((l) => `  ${l.email.padEnd(28)} ${l.role.padEnd(13)} ${l.organization}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
