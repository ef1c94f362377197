import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import { Client } from 'pg';
import { ConfirmPurchaseOrderLinesDocument, PublishForecastDocument, UpsertInventoryDocument } from '../src/sdk/generated/graphql';
import { addDays, todayUtc } from '../src/shared/calendar';
import { gql, ms, percentile, pool, seedTradingPair, startBenchServer, timed } from './support/bench-server';
import type { RunRequest, RunResult } from './support/request-runner';
import { postgresCpuMs, postgresCpuSince, writeSyscalls } from './support/proc-cpu';

/**
 * The write path of issue 13: supplier confirmations, one by one with 8 in
 * flight on distinct orders (goal: at least 500 per second), and an EDI batch
 * of 10,000 lines in one confirmPurchaseOrderLines call (goal: under 5 s).
 * The real server in this process on a fresh database, tenancy on (a real
 * supplier token, row-level security as shortstop_app), with stock, a
 * forecast and sourcing rules, so every confirmation recomputes shortage
 * risk. Some confirmations are late on purpose (one in SLIP_EVERY), so the
 * selector runs too. Prints the server's RSS after each part.
 */
const SINGLE_ORDERS = Number(process.env.BENCH_SINGLE_ORDERS ?? 1_000);
const BATCH_LINES = Number(process.env.BENCH_BATCH_LINES ?? 10_000);
const LINES = 10;
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 8);
const SLIP_EVERY = 10;

const rss = () => `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`;

async function main() {
  const server = await startBenchServer();
  const day = (n: number) => addDays(todayUtc(), n);
  try {
    const { retailer, supplier, supplierId, locationId, itemIds } = await seedTradingPair(server.url, 100);
    await gql(server.url, print(UpsertInventoryDocument), { input: { positions: itemIds.map((itemId) => ({ itemId, locationId, onHand: 500 })) } }, retailer);
    await gql(
      server.url,
      print(PublishForecastDocument),
      { input: { lines: itemIds.flatMap((itemId) => Array.from({ length: 8 }, (_, w) => ({ itemId, locationId, periodStart: day(w * 7), periodDays: 7, quantity: 60 }))) } },
      retailer,
    );
    const orders = SINGLE_ORDERS + Math.ceil(BATCH_LINES / LINES);
    const lines: { orderIndex: number; id: string; quantity: number; requestedDate: string }[][] = new Array(orders);
    const [, seedMs] = await timed(() =>
      pool(orders, 4, async (i) => {
        const input = Array.from({ length: LINES }, (_, l) => ({ itemId: itemIds[(i * LINES + l) % itemIds.length], quantity: 10 + l, requestedDate: day(10 + (i % 20)) }));
        const { createPurchaseOrder } = await gql(
          server.url,
          'mutation ($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { lines { id quantity requestedDate } } }',
          { input: { supplierId, shipToId: locationId, issue: true, lines: input } },
          retailer,
        );
        lines[i] = createPurchaseOrder.lines.map((l: { id: string; quantity: number; requestedDate: string }) => ({ orderIndex: i, ...l }));
      }),
    );
    // A database in service has its statistics gathered by autovacuum; the server this bench may run on has it off (CI
    // settings), so do it here, as the side-by-side bench does. Never analyzed, the 20,000 fresh lines and their
    // schedules are planned for with default estimates (bitmap scans where a line's schedule is one row).
    const owner = new Client({ connectionString: server.orm.config.get('clientUrl')! });
    await owner.connect();
    await owner.query('VACUUM ANALYZE').finally(() => owner.end());
    console.log(`ShortStop confirmations (bench/confirmations.bench.ts), ${new Date().toISOString()}`);
    console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, Node ${process.version}, PostgreSQL: ${server.postgres}`);
    console.log(`seeded ${orders} issued orders x ${LINES} lines, 100 items with stock, forecast and sourcing rules, in ${(seedMs / 1000).toFixed(0)} s`);
    console.log('tenancy on: a real supplier token; every request in its scoped transaction as shortstop_app (row-level security)');
    const schedule = (line: { quantity: number; requestedDate: string }, n: number) => [{ quantity: line.quantity, deliveryDate: n % SLIP_EVERY === 0 ? addDays(line.requestedDate, 3) : line.requestedDate }];

    // 1. One by one, IN_FLIGHT at a time, each on a different order (line k of order i: the orders of one round differ).
    const single = lines.slice(0, SINGLE_ORDERS);
    const confirm = 'mutation ($input: ConfirmPurchaseOrderLineInput!) { confirmPurchaseOrderLine(input: $input) { id status } }';
    const total = SINGLE_ORDERS * LINES;
    const warmUp = Math.min(200, total / 10);
    const at = (n: number) => single[n % SINGLE_ORDERS][Math.floor(n / SINGLE_ORDERS)];
    // From a process of its own (request-runner, lean: node:http, bodies made before the clock starts), so the client does not run on the server's event loop.
    const runner = fork(path.join(__dirname, 'support', 'request-runner.js'));
    const run = (variables: unknown[]) =>
      new Promise<RunResult>((resolve, reject) => {
        runner.once('message', (r) => ((r as RunResult).error ? reject(new Error((r as RunResult).error)) : resolve(r as RunResult)));
        runner.send({ url: server.url, token: supplier, query: confirm, variables, inFlight: IN_FLIGHT } satisfies RunRequest);
      });
    const inputs = (from: number, count: number) => Array.from({ length: count }, (_, k) => ({ input: { lineId: at(from + k).id, schedule: schedule(at(from + k), from + k) } }));
    await run(inputs(0, warmUp));
    const measured = total - warmUp;
    server.statements.length = 0;
    const batchSizes: number[] = [];
    const onBatch = (written: number) => void batchSizes.push(written);
    server.app.services.purchaseOrderLines.confirmationBatchListeners.add(onBatch);
    const cpu = process.cpuUsage();
    const postgres0 = postgresCpuMs();
    const writes0 = writeSyscalls();
    const { times, ms: singleMs, cpuMs: clientMs } = await run(inputs(warmUp, measured)).finally(() => runner.kill());
    const { user, system } = process.cpuUsage(cpu);
    const postgresMs = postgresCpuSince(postgres0);
    const writes = writeSyscalls() - writes0;
    server.app.services.purchaseOrderLines.confirmationBatchListeners.delete(onBatch);
    const perBatch = batchSizes.reduce((a, b) => a + b, 0) / Math.max(1, batchSizes.length);
    const perSecond = (measured / singleMs) * 1000;
    console.log(
      `\n1. confirmPurchaseOrderLine one by one, ${IN_FLIGHT} in flight on distinct orders: ${measured} confirmations in ${(singleMs / 1000).toFixed(1)} s = `
      + `${perSecond.toFixed(0)}/s (goal: 500/s); p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))}; `
      + `${(server.statements.length / measured).toFixed(1)} SQL statements and ${(writes / measured).toFixed(1)} write system calls (messages to PostgreSQL, answers) per confirmation; server CPU ${((user + system) / 1000 / measured).toFixed(2)} ms and PostgreSQL CPU `
      + `${(postgresMs / measured).toFixed(2)} ms per confirmation (every postgres process on this machine, from /proc), the client's ${(clientMs / measured).toFixed(2)} ms; `
      + `group commit: ${batchSizes.length} batches of ${perBatch.toFixed(1)} on average; RSS ${rss()}`,
    );

    // 2. One EDI batch of BATCH_LINES lines.
    const batch = lines.slice(SINGLE_ORDERS).flat().slice(0, BATCH_LINES);
    server.statements.length = 0;
    const [result, batchMs] = await timed(() =>
      gql<{ confirmPurchaseOrderLines: { id: string }[] }>(
        server.url,
        print(ConfirmPurchaseOrderLinesDocument),
        { input: { lines: batch.map((line, n) => ({ lineId: line.id, schedule: schedule(line, n) })) } },
        supplier,
      ),
    );
    if (result.confirmPurchaseOrderLines.length !== batch.length) throw new Error('the batch answered a different number of lines');
    console.log(
      `2. confirmPurchaseOrderLines, one call of ${batch.length.toLocaleString('en-US')} lines (${batch.length / SLIP_EVERY} late, so the selector runs): `
      + `${(batchMs / 1000).toFixed(2)} s (goal: under 5 s), ${server.statements.length} SQL statements; RSS ${rss()}`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
