import os from 'node:os';
import { print } from 'graphql';
import {
  PublishForecastDocument,
  PurchaseOrdersNestedDocument,
} from '../src/sdk/generated/graphql';
import { addDays, todayUtc } from '../src/shared/calendar';
import { gql, ms, percentile, pool, seedTradingPair, startBenchServer, timed } from './support/bench-server';

/**
 * The collaboration loop at volume: 1,000 orders x 10 lines created and every
 * line confirmed through the API, then purchaseOrders(first: 100) with
 * everything nested, 200 times; and a 100,000-line forecast.
 */
const ORDERS = 1_000;
const LINES = 10;
const CONCURRENCY = 8;

async function main() {
  const server = await startBenchServer();
  const rows: [string, string][] = [];
  const day = (n: number) => addDays(todayUtc(), n);
  try {
    const { retailer, supplier, supplierId, locationId, itemIds } = await seedTradingPair(server.url);
    const createLocation = { id: locationId };

    const lineIds: string[] = [];
    const [createTimes, createTotal] = await timed(() =>
      pool(ORDERS, CONCURRENCY, async (i) => {
        const lines = Array.from({ length: LINES }, (_, l) => ({ itemId: itemIds[(i + l) % itemIds.length], quantity: 10 + l, requestedDate: day(5 + (i % 20)) }));
        const { createPurchaseOrder } = await gql(
          server.url,
          'mutation ($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { lines { id } } }',
          { input: { supplierId, shipToId: createLocation.id, issue: true, lines } },
          retailer,
        );
        lineIds.push(...createPurchaseOrder.lines.map((l: { id: string }) => l.id));
      }),
    );
    rows.push([`createPurchaseOrder (issued, ${LINES} lines): ${ORDERS.toLocaleString('en')} orders, ${CONCURRENCY} in flight: total / p50 / p99`, `${ms(createTotal)} / ${ms(percentile(createTimes, 50))} / ${ms(percentile(createTimes, 99))}`]);

    const [confirmTimes, confirmTotal] = await timed(() =>
      pool(lineIds.length, CONCURRENCY, (i) =>
        gql(server.url, 'mutation ($input: ConfirmPurchaseOrderLineInput!) { confirmPurchaseOrderLine(input: $input) { id } }', {
          input: { lineId: lineIds[i], schedule: i % 3 ? [{ quantity: 10, deliveryDate: day(6 + (i % 25)) }] : [{ quantity: 5, deliveryDate: day(4) }, { quantity: 5, deliveryDate: day(30) }] },
        }, supplier),
      ),
    );
    rows.push([`confirmPurchaseOrderLine: ${lineIds.length.toLocaleString('en')} lines, ${CONCURRENCY} in flight: total / p50 / p99`, `${ms(confirmTotal)} / ${ms(percentile(confirmTimes, 50))} / ${ms(percentile(confirmTimes, 99))}`]);

    const listTimes: number[] = [];
    for (let i = 0; i < 200; i++) {
      const [, t] = await timed(() => gql(server.url, print(PurchaseOrdersNestedDocument), { first: 100 }, retailer));
      listTimes.push(t);
    }
    rows.push(['purchaseOrders(first: 100) with lines, items, parties, ship-to, schedules: 200 requests p50 / p99', `${ms(percentile(listTimes, 50))} / ${ms(percentile(listTimes, 99))}`]);
    server.statements.length = 0;
    await gql(server.url, print(PurchaseOrdersNestedDocument), { first: 100 }, retailer);
    rows.push(['SQL statements for that request (incl. authentication)', String(server.statements.length)]);

    const forecast = itemIds.flatMap((itemId) => Array.from({ length: 2000 }, (_, d) => ({ itemId, locationId: createLocation.id, periodStart: day(d), periodDays: 1, quantity: d % 30 })));
    const [, forecastMs] = await timed(() => gql(server.url, print(PublishForecastDocument), { input: { lines: forecast } }, retailer));
    rows.push([`publishForecast: ${forecast.length.toLocaleString('en')} lines in one call`, ms(forecastMs)]);
  } finally {
    await server.stop();
  }
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${server.postgres}`;
  process.stdout.write(`\nCollaboration benchmark — ${machine}\n\n| measure | result |\n|---|---|\n`);
  for (const [what, value] of rows) process.stdout.write(`| ${what} | ${value} |\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
