import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { canConnect, dropDatabase, ensureDatabase, withDatabase } from '../../src/db/database-admin';
import { freePort, tempDir, uniqueName } from '../support/test-database';
import { MAIN, ROOT, spawnNode, type Spawned } from '../support/process';

/**
 * The real entry point (dist/src/main.js, as `npm start` runs it) in its own
 * process: with no DATABASE_URL it starts an embedded PostgreSQL; with one it
 * uses that server. Demo data, migrations, health, shutdown.
 */
jest.setTimeout(120_000);

/** Newest modification time under a folder. */
function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }, 0);
}

beforeAll(() => {
  // `npm test` builds first; when this file runs alone, build if dist/ is missing or older than the sources.
  const stale = !existsSync(MAIN) || Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'migrations'))) > statSync(MAIN).mtimeMs;
  if (stale) execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
});

const post = async (port: number, query: string, token?: string) => {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
};

async function checkDemo(port: number) {
  const login = await post(port, 'mutation { login(email: "buyer@northwind.example", password: "shortstop-demo") { token } }');
  const token = login.data!.login.token as string;
  const { data } = await post(port, '{ items { totalCount } locations { code } sourcingRules { priority } partnerships { status } }', token);
  expect(data!.items.totalCount).toBe(20);
  expect(data!.locations).toHaveLength(3);
  expect(data!.partnerships.map((p: { status: string }) => p.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
  // Most items have a primary and two backups.
  const priorities = data!.sourcingRules.map((r: { priority: number }) => r.priority);
  expect(priorities.filter((p: number) => p === 1)).toHaveLength(20);
  expect(priorities.filter((p: number) => p === 3).length).toBeGreaterThanOrEqual(10);
  const orders = await post(
    port,
    '{ purchaseOrders { edges { node { status lines { status slipped purchaseUnit purchaseUnitQuantity openQuantity inTransitQuantity schedule { quantity } } } } } forecastVersions { lineCount } }',
    token,
  );
  const lines = orders.data!.purchaseOrders.edges.flatMap((e: any) => e.node.lines);
  expect(orders.data!.purchaseOrders.edges.map((e: any) => e.node.status).sort()).toEqual([
    'CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'DRAFT', 'ISSUED', 'ISSUED', 'ISSUED', 'PARTIALLY_CONFIRMED', 'PARTIALLY_RECEIVED', 'REJECTED',
  ]);
  // Issue 18: a line changed by the buyer awaiting the supplier's acknowledgement, and a price the supplier proposed.
  const changes = await post(port, '{ purchaseOrders { edges { node { lines { acknowledgementRequired proposedUnitCost } } } } }', token);
  const changeLines = changes.data!.purchaseOrders.edges.flatMap((e: any) => e.node.lines);
  expect(changeLines.filter((l: any) => l.acknowledgementRequired)).toHaveLength(1);
  expect(changeLines.filter((l: any) => l.proposedUnitCost !== null)).toHaveLength(1);
  expect(lines.filter((l: any) => l.slipped && l.status === 'CONFIRMED')).toHaveLength(1);
  // Issue 12: a backorder re-promised late, a line in cases of 12, goods in transit.
  expect(lines.filter((l: any) => l.status === 'PARTIALLY_RECEIVED')).toEqual([expect.objectContaining({ slipped: true, openQuantity: 36, schedule: [{ quantity: 36 }] })]);
  expect(lines.filter((l: any) => l.purchaseUnit === 'CS').map((l: any) => l.purchaseUnitQuantity).sort()).toEqual([10, 20, 8]);
  expect(lines.filter((l: any) => l.inTransitQuantity > 0).map((l: any) => l.inTransitQuantity)).toEqual([120]);
  const notices = await post(port, '{ shipNotices { edges { node { number status lines { quantity } } } } }', token);
  expect(notices.data!.shipNotices.edges.map((e: any) => e.node)).toEqual([{ number: 'ASN-000001', status: 'IN_TRANSIT', lines: [{ quantity: 120 }] }]);
  expect(lines.filter((l: any) => l.status === 'REJECTED')).toHaveLength(1);
  expect(lines.filter((l: any) => l.schedule.length === 2)).toHaveLength(1);
  // Newest first: the eight-week forecast, then the two baselines generated 8 and 4 weeks ago (60 positions x 4 weeks each).
  expect(orders.data!.forecastVersions).toEqual([{ lineCount: 480 }, { lineCount: 240 }, { lineCount: 240 }]);
  // Issue 14: one overdue confirmation, alerted at seed time (and not again by the overdue job at start).
  const overdue = await post(port, '{ alerts(types: [CONFIRMATION_OVERDUE, DELIVERY_OVERDUE]) { edges { node { type purchaseOrderLine { status } } } } }', token);
  expect(overdue.data!.alerts.edges.map((e: any) => e.node)).toEqual([{ type: 'CONFIRMATION_OVERDUE', purchaseOrderLine: { status: 'OPEN' } }]);
  const risks = await post(port, '{ s: shortageRisks(filter: { levels: [STOCKOUT] }) { totalCount } r: shortageRisks(filter: { levels: [AT_RISK] }) { totalCount } }', token);
  expect(risks.data!.s.totalCount).toBeGreaterThanOrEqual(1);
  expect(risks.data!.r.totalCount).toBeGreaterThanOrEqual(1);
  // Issue 14: 30 days of risk snapshots, so the trend is not empty on first start: the 30 days to today where the
  // demo companies work (UTC+8: from 16:00 UTC that is tomorrow in UTC).
  const zone = (await post(port, '{ me { organization { timeZone } } }', token)).data!.me.organization.timeZone as string;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const day = (back: number) => new Date(Date.parse(`${today}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
  const trend = await post(port, `{ riskTrend(from: "${day(29)}", to: "${day(0)}") { date } }`, token);
  expect(trend.data!.riskTrend).toHaveLength(30);
  const supplier = await post(port, 'mutation { login(email: "rep@acme.example", password: "shortstop-demo") { user { role organization { kind } } } }');
  expect(supplier.data!.login.user).toEqual({ role: 'SUPPLIER_REP', organization: { kind: 'SUPPLIER' } });
  return token;
}

async function expectHealthy(port: number) {
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toMatchObject({ database: 'reachable' });
}

/**
 * SIGTERM while a 10,000-item upsert runs and a WebSocket is open: /readyz turns 503 at once, the upsert
 * still answers with its data (the embedded PostgreSQL stops after the server), the socket is closed with
 * 1001 (going away), the process exits 0.
 */
async function stopsGracefully(app: Spawned, port: number) {
  const login = await post(port, 'mutation { login(email: "admin@northwind.example", password: "shortstop-demo") { token } }');
  const token = login.data!.login.token as string;
  const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await new Promise((resolve) => socket.once('message', resolve)); // connection_ack
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const items = Array.from({ length: 10_000 }, (_, i) => ({ sku: `STOP-${i}`, name: `Item ${i}`, unitPrice: '1.00' }));
  const upsert = post(port, `mutation { upsertItems(input: { items: ${JSON.stringify(items).replace(/"(\w+)":/g, '$1:')} }) { sku } }`, token);
  let answered = false;
  void upsert.then(() => (answered = true));
  await new Promise((resolve) => setTimeout(resolve, 100));
  app.child.kill('SIGTERM');
  expect(answered).toBe(false); // in flight when the signal came
  await app.waitFor(/shutting down/, 5_000);
  const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
  expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 503, body: { status: 'stopping' } });
  const result = await upsert;
  expect(result.errors).toBeUndefined();
  expect(result.data!.upsertItems).toHaveLength(10_000);
  expect(await closed).toBe(1001);
  expect(await app.exited).toBe(0);
}

it('without DATABASE_URL: starts an embedded PostgreSQL, migrates, loads demo data once, prints logins, stops cleanly', async () => {
  const dir = tempDir('shortstop-start');
  const env = { PORT: String(await freePort()), EMBEDDED_PG_DIR: path.join(dir, 'pg'), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info', SHUTDOWN_DELAY_MS: '400' };
  let app: Spawned | undefined;
  try {
    app = spawnNode([MAIN], env);
    await app.waitFor(/ShortStop is serving/, 60_000);
    expect(app.output()).toContain('migrations applied');
    expect(app.output()).toMatch(/admin@northwind\.example\s+ADMIN\s+Northwind Grocers/);
    expect(app.output()).toContain('password for all: shortstop-demo');
    await expectHealthy(Number(env.PORT));
    const token = await checkDemo(Number(env.PORT));
    expect(await app.stop('SIGINT')).toBe(0);
    // Structured request logs, without credentials.
    expect(app.output()).toMatch(/"msg":"graphql operation"/);
    expect(app.output()).not.toContain(token);

    // Second start on the same data: nothing to migrate, no second demo load.
    app = spawnNode([MAIN], env);
    await app.waitFor(/ShortStop is serving/, 60_000);
    expect(app.output()).toContain('database schema is up to date');
    expect(app.output()).not.toContain('Demo data loaded');
    await checkDemo(Number(env.PORT));
    await stopsGracefully(app, Number(env.PORT));
  } finally {
    await app?.stop('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

it('with DATABASE_URL: uses that server (the machine\'s own PostgreSQL, else a second embedded cluster)', async () => {
  let cluster: Spawned | undefined;
  let dir: string | undefined;
  let adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await canConnect(adminUrl))) {
    dir = tempDir('shortstop-external');
    const port = await freePort();
    const script = `require('./dist/src/db/embedded-postgres').startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, port: ${port} })
      .then((pg) => { console.log('cluster ready'); process.on('SIGTERM', () => pg.stop().then(() => process.exit(0))); })`;
    cluster = spawnNode(['-e', script], {});
    await cluster.waitFor(/cluster ready/, 60_000);
    adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  }
  const database = uniqueName('ss_external');
  await ensureDatabase(adminUrl, database);
  const port = await freePort();
  // Tracing switched on: an OTLP/HTTP receiver here collects what the server exports.
  const traces: string[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') traces.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const otlp = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const app = spawnNode([MAIN], { PORT: String(port), DATABASE_URL: withDatabase(adminUrl, database), LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: otlp, OTEL_SERVICE_NAME: 'shortstop-test' });
  try {
    await app.waitFor(/ShortStop is serving/, 60_000);
    expect(app.output()).not.toContain('embedded PostgreSQL');
    expect(app.output()).not.toContain(adminUrl); // no credentials in logs
    await expectHealthy(port);
    await checkDemo(port);
    expect(await app.stop()).toBe(0);
    // Spans of the HTTP requests, the GraphQL operations and the SQL statements, flushed at shutdown; no values.
    const exported = traces.join('\n');
    expect(exported).toContain('shortstop-test');
    expect(exported).toMatch(/"graphql\.operation\.type"/);
    expect(exported).toMatch(/"db\.system(\.name)?"/);
    expect(exported).toMatch(/"POST"/);
    expect(exported).not.toContain('shortstop-demo');
  } finally {
    receiver.close();
    await app.stop('SIGKILL');
    await dropDatabase(adminUrl, database);
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
});

it('refuses a bad configuration with a clear message and exit code 2', async () => {
  const app = spawnNode([MAIN], { PORT: 'eighty', LOG_LEVEL: 'loud' });
  expect(await app.exited).toBe(2);
  expect(app.output()).toContain('Invalid configuration');
  expect(app.output()).toContain('PORT must be a whole number from 0 to 65535, got "eighty"');
  expect(app.output()).toContain('LOG_LEVEL must be one of');
});
