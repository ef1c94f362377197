import 'reflect-metadata';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { dropDatabase, ensureDatabase, withDatabase } from '../../src/db/database-admin';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { initOrm, migrate, type Orm } from '../../src/db/orm';
import { createLogger } from '../../src/logger';
import { createApp, type App } from '../../src/server/app';
import { freePort } from '../../src/shared/net';
import { print } from 'graphql';
import {
  AcceptPartnershipDocument,
  CreateLocationDocument,
  InvitePartnerDocument,
  SignUpDocument,
  UpsertSourcingRuleDocument,
} from '../../src/sdk/generated/graphql';

export interface BenchServer {
  url: string;
  wsUrl: string;
  app: App;
  orm: Orm;
  /** SQL statements the server sent since the last reset (always empty when started with `countStatements: false`). */
  statements: string[];
  postgres: string;
  stop(): Promise<void>;
}

/**
 * The real server, in this process, on a fresh database: on the server in
 * DATABASE_URL when set, else on a throwaway embedded PostgreSQL.
 */
export async function startBenchServer(env: Record<string, string> = {}, options: { countStatements?: boolean } = {}): Promise<BenchServer> {
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
  // Counting statements turns on MikroORM's query log (a formatted line per statement): a throughput bench leaves it off, as production does.
  const onQuery = options.countStatements === false ? undefined : (sql: string) => void statements.push(sql);
  const orm = await initOrm(withDatabase(adminUrl, database), { onQuery });
  await migrate(orm);
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: withDatabase(adminUrl, database), ...env });
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

/** Signs an organization up through the API; returns its admin's token and its id. */
export async function signUpOrganization(url: string, kind: 'RETAILER' | 'SUPPLIER', name: string): Promise<{ token: string; id: string }> {
  const { signUp } = await gql(url, print(SignUpDocument), { input: { organizationName: name, kind, email: `${name.toLowerCase()}@example.test`, password: 'bench-password-1' } });
  return { token: signUp.token as string, id: signUp.user.organization.id as string };
}

/** Invitation and acceptance: the two end ACTIVE partners. */
export async function makePartners(url: string, retailer: { token: string }, supplier: { token: string; id: string }): Promise<void> {
  const { invitePartner } = await gql(url, print(InvitePartnerDocument), { input: { supplierId: supplier.id } }, retailer.token);
  await gql(url, print(AcceptPartnershipDocument), { id: invitePartner.id }, supplier.token);
}

/** Items in one upsertItems call; returns their ids in order. */
export async function createItems(url: string, token: string, items: { sku: string; name: string; unitPrice: string }[]): Promise<string[]> {
  const data = await gql<{ upsertItems: { id: string }[] }>(url, 'mutation ($input: UpsertItemsInput!) { upsertItems(input: $input) { id } }', { input: { items } }, token);
  return data.upsertItems.map((i) => i.id);
}

/** Runs `count` tasks with at most `limit` in flight; returns each task's duration in ms. */
export async function pool(count: number, limit: number, task: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) {
        const i = next++;
        const [, t] = await timed(() => task(i));
        times[i] = t;
      }
    }),
  );
  return times;
}

/**
 * A retailer and a supplier, ACTIVE partners; one location (DC); `items`
 * items, each sourced from the supplier (priority 1, 7 days, 5.00).
 */
export async function seedTradingPair(url: string, items = 50) {
  const retailerOrg = await signUpOrganization(url, 'RETAILER', 'Retailer');
  const supplierOrg = await signUpOrganization(url, 'SUPPLIER', 'Supplier');
  await makePartners(url, retailerOrg, supplierOrg);
  const [retailer, supplierId] = [retailerOrg.token, supplierOrg.id];
  const { createLocation } = await gql(url, print(CreateLocationDocument), { input: { code: 'DC', name: 'DC' } }, retailer);
  const itemIds = await createItems(url, retailer, Array.from({ length: items }, (_, i) => ({ sku: `S${i}`, name: `Item ${i}`, unitPrice: '9.90' })));
  for (const itemId of itemIds) {
    await gql(url, print(UpsertSourcingRuleDocument), { input: { itemId, supplierId, priority: 1, quotedLeadTimeDays: 7, unitCost: '5.00' } }, retailer);
  }
  return { retailer, supplier: supplierOrg.token, supplierId, locationId: createLocation.id as string, itemIds };
}
