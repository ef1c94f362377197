import os from 'node:os';
import { print } from 'graphql';
import autocannon from 'autocannon';
import {
  CreateLocationDocument,
  InventoryPageDocument,
  ItemsPageDocument,
  UpsertInventoryCompactDocument,
} from '../src/sdk/generated/graphql';
import { createItems, gql, ms, percentile, signUpOrganization, startBenchServer, timed } from './support/bench-server';

/**
 * Foundation baseline: 10,000 items and 50,000 inventory positions seeded
 * through the API; the time of each bulk upsert, of listing inventory 500 at
 * a time, and the SQL statements and latency of items(first: 100).
 */
const ITEMS = 10_000;
const LOCATIONS = 5;

async function main() {
  const server = await startBenchServer();
  const rows: [string, string][] = [];
  try {
    const { token } = await signUpOrganization(server.url, 'RETAILER', 'Bench');

    const locationIds: string[] = [];
    for (let l = 0; l < LOCATIONS; l++) {
      const { createLocation } = await gql(server.url, print(CreateLocationDocument), { input: { code: `L${l}`, name: `Location ${l}` } }, token);
      locationIds.push(createLocation.id);
    }
    const items = Array.from({ length: ITEMS }, (_, i) => ({ sku: `SKU-${String(i).padStart(6, '0')}`, name: `Item ${i}`, unitPrice: `${(i % 50) + 1}.99` }));
    const [itemIds, itemsMs] = await timed(() => createItems(server.url, token, items));
    rows.push([`upsertItems: ${ITEMS.toLocaleString('en')} items in one call`, ms(itemsMs)]);

    const upsertTimes: number[] = [];
    for (const [l, locationId] of locationIds.entries()) {
      const positions = itemIds.map((itemId, i) => ({ itemId, locationId, onHand: 5 + ((i * 7 + l) % 500), reserved: i % 5, qualityHold: 0 }));
      const [, t] = await timed(() => gql(server.url, print(UpsertInventoryCompactDocument), { input: { positions } }, token));
      upsertTimes.push(t);
    }
    rows.push([`upsertInventory: 10,000 new positions per call (${LOCATIONS} calls, 50,000 in all), median / max`, `${ms(percentile(upsertTimes, 50))} / ${ms(Math.max(...upsertTimes))}`]);
    const positions = itemIds.map((itemId, i) => ({ itemId, locationId: locationIds[0], onHand: i % 300 }));
    const [, updateMs] = await timed(() => gql(server.url, print(UpsertInventoryCompactDocument), { input: { positions } }, token));
    rows.push(['upsertInventory: 10,000 existing positions updated in one call', ms(updateMs)]);

    const pageTimes: number[] = [];
    let after: string | null = null;
    let seen = 0;
    const [, listMs] = await timed(async () => {
      do {
        const [page, t] = await timed(() => gql<{ inventory: any }>(server.url, print(InventoryPageDocument), { first: 500, after }, token));
        pageTimes.push(t);
        seen += page.inventory.edges.length;
        after = page.inventory.pageInfo.hasNextPage ? page.inventory.pageInfo.endCursor : null;
      } while (after);
    });
    if (seen !== ITEMS * LOCATIONS) throw new Error(`listed ${seen} positions`);
    rows.push([`inventory(first: 500): all 50,000 positions in ${pageTimes.length} pages, total`, ms(listMs)]);
    rows.push(['inventory(first: 500) with item and location: one page p50 / p99', `${ms(percentile(pageTimes, 50))} / ${ms(percentile(pageTimes, 99))}`]);

    server.statements.length = 0;
    await gql(server.url, print(ItemsPageDocument), { first: 100 }, token);
    rows.push(['SQL statements for one items(first: 100) request (incl. authentication)', String(server.statements.length)]);

    const load = await autocannon({
      url: server.url,
      method: 'POST',
      connections: 8,
      duration: 5,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: print(ItemsPageDocument), variables: { first: 100 } }),
    });
    if (load.non2xx || load.errors) throw new Error(`load test had ${load.non2xx} non-2xx responses and ${load.errors} errors`);
    rows.push(['items(first: 100) under load (8 connections, 5 s): requests/s', load.requests.average.toFixed(0)]);
    rows.push(['items(first: 100) under load: latency p50 / p99', `${ms(load.latency.p50)} / ${ms(load.latency.p99)}`]);
  } finally {
    await server.stop();
  }

  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${server.postgres}`;
  process.stdout.write(`\nFoundation benchmark — ${machine}\n\n| measure | result |\n|---|---|\n`);
  for (const [what, value] of rows) process.stdout.write(`| ${what} | ${value} |\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
