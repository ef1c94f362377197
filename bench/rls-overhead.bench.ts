import os from 'node:os';
import { print } from 'graphql';
import { loadConfig } from '../src/config';
import { initOrm } from '../src/db/orm';
import { createLogger } from '../src/logger';
import { createApp } from '../src/server/app';
import {
  ItemsDocument,
  PublishForecastDocument,
  PurchaseOrdersNestedDocument,
  ShortageRisksDocument,
  UpsertInventoryDocument,
} from '../src/sdk/generated/graphql';
import { addDays, todayUtc } from '../src/shared/calendar';
import { gql, ms, percentile, pool, seedTradingPair, startBenchServer, timed } from './support/bench-server';

/**
 * What row-level security costs: the same server code twice, on the same
 * database and rows, one acting as the restricted role shortstop_app
 * (policies apply, as in production) and one as the owner (a superuser:
 * policies bypassed). Both run every request in a scoped transaction; the
 * difference is the policies alone. Interleaved rounds (A, B, B, A, ...),
 * CONCURRENCY requests in flight, real tokens of a retailer and a supplier.
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
const LINES = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const REQUESTS_PER_ROUND = 24;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
/** Runs only the cases whose name contains this text (all when unset). */
const ONLY = process.env.BENCH_CASES;
const ROUND_MS = 2_000;
const WARM_UP_REQUESTS = 80;

async function main() {
  const server = await startBenchServer();
  const databaseUrl = server.orm.config.get('clientUrl')!;
  // The same statement log as the server's (startBenchServer counts statements): the two sides differ in policies only.
  const ownerStatements: string[] = [];
  const ownerOrm = await initOrm(databaseUrl, { actAsAppRole: false, onQuery: (sql) => ownerStatements.push(sql) });
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl });
  const owner = await createApp({ config, orm: ownerOrm, log: createLogger('silent') });
  const ownerUrl = `http://127.0.0.1:${await owner.listen(0, '127.0.0.1')}/graphql`;
  const day = (n: number) => addDays(todayUtc(), n);
  try {
    const { retailer, supplier, supplierId, locationId, itemIds } = await seedTradingPair(server.url);
    const createLocation = { id: locationId };
    await gql(server.url, print(UpsertInventoryDocument), { input: { positions: itemIds.map((itemId) => ({ itemId, locationId: createLocation.id, onHand: 100 })) } }, retailer);
    await gql(
      server.url,
      print(PublishForecastDocument),
      { input: { lines: itemIds.flatMap((itemId) => Array.from({ length: 8 }, (_, w) => ({ itemId, locationId: createLocation.id, periodStart: day(w * 7), periodDays: 7, quantity: 40 }))) } },
      retailer,
    );
    const openLines: string[] = [];
    await pool(ORDERS, CONCURRENCY, async (i) => {
      const lines = Array.from({ length: LINES }, (_, l) => ({ itemId: itemIds[(i + l) % itemIds.length], quantity: 10 + l, requestedDate: day(5 + (i % 20)) }));
      const { createPurchaseOrder } = await gql(
        server.url,
        'mutation ($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { lines { id } } }',
        { input: { supplierId, shipToId: createLocation.id, issue: true, lines } },
        retailer,
      );
      openLines.push(...createPurchaseOrder.lines.map((l: { id: string }) => l.id));
    });

    // Statistics as a running database has them (autovacuum analyzes tables that grew): planned on a never-analyzed
    // table, a policy's tenant column looked selective and its index was scanned whole instead of the statement's own.
    await ownerOrm.em.getConnection().execute('ANALYZE');
    const confirm = 'mutation ($input: ConfirmPurchaseOrderLineInput!) { confirmPurchaseOrderLine(input: $input) { id status } }';
    let nextLine = 0;
    const cases: { name: string; run: (url: string) => Promise<unknown> }[] = [
      { name: 'purchaseOrders(first: 100), lines, items, supplier, ship-to (retailer)', run: (url) => gql(url, print(PurchaseOrdersNestedDocument), { first: 100 }, retailer) },
      { name: 'purchaseOrders(first: 100), nested (supplier: partner rule)', run: (url) => gql(url, print(PurchaseOrdersNestedDocument), { first: 100 }, supplier) },
      { name: 'shortageRisks(first: 100) (supplier: sourcing rule rule)', run: (url) => gql(url, print(ShortageRisksDocument), { first: 100 }, supplier) },
      { name: 'items(first: 100) (supplier)', run: (url) => gql(url, print(ItemsDocument), { first: 100 }, supplier) },
      {
        name: 'confirmPurchaseOrderLine (supplier; risk recompute as the retailer)',
        run: (url) => {
          const lineId = openLines[nextLine++ % openLines.length];
          return gql(url, confirm, { input: { lineId, schedule: [{ quantity: 10, deliveryDate: day(30) }] } }, supplier);
        },
      },
    ];

    const rows: string[][] = [];
    for (const c of cases.filter((x) => !ONLY || x.name.includes(ONLY))) {
      process.stderr.write(`${c.name}...\n`);
      const times = { rls: [] as number[], owner: [] as number[] };
      const wall = { rls: 0, owner: 0 };
      const ratios: number[] = [];
      // Warm-up first: statements are prepared per pooled connection, and PostgreSQL plans each for its values (a custom
      // plan) the first five times on a connection before it may keep a generic one; with 10 connections that is 50
      // runs of every statement, which a long-running server has behind it. Then round 0 sizes the rounds: about
      // ROUND_MS of requests per side (at least 24).
      for (const url of [server.url, ownerUrl]) await pool(WARM_UP_REQUESTS, CONCURRENCY, () => c.run(url));
      let perRound = REQUESTS_PER_ROUND;
      for (let round = 0; round < ROUNDS; round++) {
        const order: ('rls' | 'owner')[] = round % 2 === 0 ? ['rls', 'owner'] : ['owner', 'rls'];
        const roundWall = { rls: 0, owner: 0 };
        server.statements.length = 0;
        ownerStatements.length = 0;
        for (const side of order) {
          const url = side === 'rls' ? server.url : ownerUrl;
          const [t, total] = await timed(() => pool(perRound, CONCURRENCY, () => c.run(url)));
          roundWall[side] = total;
          if (round > 0) {
            times[side].push(...t);
            wall[side] += total;
          }
        }
        if (round === 0) {
          const msPerRequest = Math.min(roundWall.rls, roundWall.owner) / perRound;
          perRound = Math.max(REQUESTS_PER_ROUND, Math.min(400, Math.round(ROUND_MS / msPerRequest)));
        } else {
          ratios.push(roundWall.rls / roundWall.owner);
        }
      }
      const rate = (side: 'rls' | 'owner') => (times[side].length / wall[side]) * 1000;
      // The cost is the median of the per-round ratios: a round of A and its B run back to back, so load from
      // elsewhere on a shared machine mostly hits both; the spread shows how noisy the run was.
      const sorted = [...ratios].sort((a, b) => a - b);
      const pct = (r: number) => `${((r - 1) * 100).toFixed(1)}%`;
      rows.push([
        c.name,
        `${rate('rls').toFixed(0)} req/s, p50 ${ms(percentile(times.rls, 50))}, p99 ${ms(percentile(times.rls, 99))}`,
        `${rate('owner').toFixed(0)} req/s, p50 ${ms(percentile(times.owner, 50))}, p99 ${ms(percentile(times.owner, 99))}`,
        `${pct((sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2)} (rounds ${pct(sorted[0])} to ${pct(sorted[sorted.length - 1])}; ${perRound} requests per round)`,
      ]);
    }
    const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${server.postgres}`;
    process.stdout.write(`\nRow-level security overhead, ${new Date().toISOString().slice(0, 10)}, ${machine}\n`);
    process.stdout.write(`${ORDERS} orders x ${LINES} lines; ${ROUNDS - 1} measured interleaved rounds (each about ${ROUND_MS / 1000} s per side), ${CONCURRENCY} in flight; cost = median of the rounds' time ratios\n\n`);
    process.stdout.write('| request | with RLS (shortstop_app) | RLS bypassed (owner) | cost of RLS |\n|---|---|---|---|\n');
    for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
  } finally {
    await owner.stop();
    await ownerOrm.close();
    await server.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n${err instanceof Error && err.cause ? `cause: ${String((err.cause as Error).stack ?? err.cause)}\n` : ''}`);
  process.exit(1);
});
