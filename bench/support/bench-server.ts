import 'reflect-metadata';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { dropDatabase, ensureDatabase, withDatabase } from '../../src/db/database-admin';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { initOrm, migrate, type Orm } from '../../src/db/orm';
import { createLogger } from '../../src/logger';
import { createApp, type App } from '../../src/server/app';

export interface BenchServer {
  url: string;
  wsUrl: string;
  app: App;
  orm: Orm;
  /** SQL statements the server sent since the last reset. */
  statements: string[];
  postgres: string;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * The real server, in this process, on a fresh database: on the server in
 * DATABASE_URL when set, else on a throwaway embedded PostgreSQL.
 */
export async function startBenchServer(): Promise<BenchServer> {
  let adminUrl: string;
  let cleanup = async () => undefined as void;
  let postgres: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
    postgres = 'DATABASE_URL';
  } else {
    const dir = path.join(os.tmpdir(), `shortstop-bench-${process.pid}`);
    const cluster = await startEmbeddedPostgres({ dir, port: await freePort() });
    adminUrl = cluster.adminUrl;
    postgres = 'embedded PostgreSQL 15';
    cleanup = async () => {
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const database = `ss_bench_${process.pid}`;
  await dropDatabase(adminUrl, database);
  await ensureDatabase(adminUrl, database);
  const statements: string[] = [];
  const orm = await initOrm(withDatabase(adminUrl, database), { onQuery: (sql) => statements.push(sql) });
  await migrate(orm);
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: withDatabase(adminUrl, database) });
  const app = await createApp({ config, orm, log: createLogger('silent') });
  const port = await app.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    app,
    orm,
    statements,
    postgres,
    stop: async () => {
      await app.stop();
      await orm.close();
      await dropDatabase(adminUrl, database);
      await cleanup();
    },
  };
}

/** POSTs a GraphQL operation and fails loudly on errors. */
export async function gql<T = Record<string, any>>(url: string, query: string, variables: unknown = {}, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: T; errors?: unknown[] };
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data as T;
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}
