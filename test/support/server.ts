import 'reflect-metadata';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../../src/config';
import { dropDatabase, ensureDatabase, withDatabase } from '../../src/db/database-admin';
import { actsAsAppRole, initOrm, type Orm } from '../../src/db/orm';
import { createLogger } from '../../src/logger';
import type { Clock } from '../../src/core/clock';
import type { DailyTask } from '../../src/core/jobs';
import { createApp, type App } from '../../src/server/app';
import { sql } from '../../src/shared/sql';
import { ensureTemplate } from './template';
import { ADMIN_URL_ENV, TEMPLATE_ENV, uniqueName } from './test-database';

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface GqlResult<T> {
  status: number;
  data?: T | null;
  errors?: GqlError[];
}

export interface TestServer {
  url: string;
  wsUrl: string;
  databaseUrl: string;
  orm: Orm;
  /** SQL statements sent since the last reset (all connections of this server). */
  statements: string[];
  /**
   * The statements since the last reset apart from credential lookups and the webhook sweep's poll: the credential cache
   * (5 s from a lookup) serves one request and not the next, so counts of a request's own work leave them out.
   */
  statementsBesideCredentials(): string[];
  /** Sends a typed operation over HTTP; `token` becomes "Authorization: Bearer <token>". */
  gql<R, V>(document: TypedDocumentNode<R, V>, variables?: V, token?: string): Promise<GqlResult<R>>;
  /** Like gql, but fails the test on any error and returns the data. */
  ok<R, V>(document: TypedDocumentNode<R, V>, variables?: V, token?: string): Promise<R>;
  /** Raw request with a query string, for malformed and hostile inputs. */
  raw(body: unknown, headers?: Record<string, string>): Promise<GqlResult<Record<string, unknown>>>;
  app: App;
  /** Another instance of the server on the same database (as behind a load balancer), with the same clock. */
  sibling(env?: Record<string, string>): Promise<TestServer>;
  /** Plain SQL ($1, $2 placeholders) on this file's database, for asserting rows. */
  query<T extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * The real server on a fresh database copied from the migrated template,
 * listening on a free port. One per test file; close() drops the database.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  existingDatabase?: string,
  options: { logTo?: DestinationStream; clock?: Clock; dailyTasks?: DailyTask[] } = {},
): Promise<TestServer> {
  const adminUrl = process.env[ADMIN_URL_ENV];
  const template = process.env[TEMPLATE_ENV];
  if (!adminUrl || !template) throw new Error('global set-up did not run');
  const database = existingDatabase ?? uniqueName('ss_test');
  if (!existingDatabase) {
    await ensureTemplate(adminUrl, template);
    await ensureDatabase(adminUrl, database, template);
  }
  const databaseUrl = withDatabase(adminUrl, database);
  const statements: string[] = [];
  // Periodic jobs run when a test runs them (app.jobs.runNow), not on the wall clock's cron: JOB_SCHEDULES=true to have them.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: databaseUrl, JOB_SCHEDULES: 'false', ...env });
  const log = createLogger(config.logLevel, options.logTo);
  const orm = await initOrm(databaseUrl, { onQuery: (line) => statements.push(line), log });
  // Assertions read rows of every organization: when the server acts as the RLS-bound app role, they go through the owner.
  const ownerOrm = actsAsAppRole(orm) ? await initOrm(databaseUrl, { actAsAppRole: false, poolMax: 2 }) : orm;
  const app: App = await createApp({ config, orm, log, clock: options.clock, dailyTasks: options.dailyTasks });
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const json = (await res.json()) as { data?: unknown; errors?: GqlError[] };
    return { status: res.status, data: json.data, errors: json.errors } as GqlResult<never>;
  };

  const server: TestServer = {
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    databaseUrl,
    orm,
    statements,
    // Beside the credential lookups, the background pollers' statements (the webhook sweep), which land in any request's window.
    statementsBesideCredentials: () => statements.filter((statement) => !/\bauth_(session|api_key)\(|\bwebhook_endpoints_due\(/.test(statement)),
    gql: (document, variables, token) =>
      post({ query: print(document), variables }, token ? { authorization: `Bearer ${token}` } : {}),
    async ok(document, variables, token) {
      const result = await server.gql(document, variables, token);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      return result.data as never;
    },
    raw: (body, headers) => post(body, headers),
    app,
    sibling: (siblingEnv = {}) => startTestServer({ ...env, ...siblingEnv }, database, { clock: options.clock, dailyTasks: options.dailyTasks }),
    query: (text, params = []) => sql(ownerOrm.em.fork(), text, params),
    async close() {
      await app.stop();
      // Every test file's data, whatever path wrote it: each line's copy of its promise (purchase_order_line.schedule,
      // which the open-quantity model reads) is what its schedule_line rows say.
      const drifted = existingDatabase ? [] : await sql<{ id: string }>(ownerOrm.em.fork(), LINE_SCHEDULE_DRIFT);
      await orm.close();
      if (ownerOrm !== orm) await ownerOrm.close();
      if (!existingDatabase) await dropDatabase(adminUrl, database);
      if (drifted.length) throw new Error(`purchase_order_line.schedule differs from schedule_line for ${drifted.length} line(s): ${drifted.map((d) => d.id).join(', ')}`);
    },
  };
  return server;
}

/** Lines whose `schedule` column is not their schedule_line rows by date (TestServer.close checks every test file's). */
const LINE_SCHEDULE_DRIFT = `SELECT l.id FROM purchase_order_line l
  LEFT JOIN (SELECT line_id, jsonb_agg(jsonb_build_object('quantity', quantity, 'deliveryDate', delivery_date) ORDER BY delivery_date) AS rows
               FROM schedule_line GROUP BY line_id) s ON s.line_id = l.id
  WHERE l.schedule <> coalesce(s.rows, '[]'::jsonb)`;

/** A logged statement as sent, without MikroORM's `[query]` prefix and timing suffix. */
export const bareStatement = (line: string) => line.replace(/^\[query\] /, '').replace(/ \[took [^\]]*\]$/, '').trim();
