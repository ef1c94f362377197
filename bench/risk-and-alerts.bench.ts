import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { print } from 'graphql';
import { fork } from 'node:child_process';
import path from 'node:path';
import { asSystem } from '../src/core/system';
import { OrganizationKind } from '../src/core/tenancy.enums';
import { createLogger } from '../src/logger';
import {
  CreateLocationDocument,
  PublishForecastDocument,
  UpsertInventoryCompactDocument,
  UpsertSourcingRuleDocument,
} from '../src/sdk/generated/graphql';
import { addDays, todayUtc } from '../src/shared/calendar';
import { sql } from '../src/shared/sql';
import { createItems, gql, makePartners, ms, percentile, signUpOrganization, startBenchServer, timed } from './support/bench-server';

/**
 * The risk engine and the alert stream at volume: a full recompute of 10,000
 * item x locations over 56 days, one incremental recompute after a
 * confirmation, and fan-out of one alert to 1,000 graphql-ws subscribers.
 */
const ITEMS = 2_500;
const LOCATIONS = 4;
const SUBSCRIBERS = 1_000;

async function main() {
  // 1,000 subscribers share one supplier token here: the per-credential connection limit (50 by default) is raised for the bench.
  const server = await startBenchServer({ WS_MAX_CONNECTIONS_PER_CREDENTIAL: String(SUBSCRIBERS + 10) });
  const rows: [string, string][] = [];
  const day = (n: number) => addDays(todayUtc(), n);
  try {
    const retailerOrg = await signUpOrganization(server.url, 'RETAILER', 'Retailer');
    const supplierOrg = await signUpOrganization(server.url, 'SUPPLIER', 'Supplier');
    await makePartners(server.url, retailerOrg, supplierOrg);
    const [retailer, retailerId, supplier, supplierId] = [retailerOrg.token, retailerOrg.id, supplierOrg.token, supplierOrg.id];
    const locations: string[] = [];
    for (let l = 0; l < LOCATIONS; l++) locations.push((await gql(server.url, print(CreateLocationDocument), { input: { code: `L${l}`, name: `L${l}` } }, retailer)).createLocation.id);
    const itemIds = await createItems(server.url, retailer, Array.from({ length: ITEMS }, (_, i) => ({ sku: `S${i}`, name: `Item ${i}`, unitPrice: '4.20' })));
    for (const itemId of itemIds.slice(0, 50)) {
      await gql(server.url, print(UpsertSourcingRuleDocument), { input: { itemId, supplierId, priority: 1, quotedLeadTimeDays: 7, unitCost: '2.00' } }, retailer);
    }

    // 10,000 positions: 8 weekly forecast periods each, and open orders for 1 in 10.
    const pairs = itemIds.flatMap((itemId) => locations.map((locationId) => ({ itemId, locationId })));
    const forecast = pairs.flatMap((p, i) => Array.from({ length: 8 }, (_, w) => ({ ...p, periodStart: day(w * 7), periodDays: 7, quantity: 20 + ((i + w) % 30) })));
    await gql(server.url, print(PublishForecastDocument), { input: { lines: forecast } }, retailer);
    for (let o = 0; o < 100; o++) {
      const lines = Array.from({ length: 10 }, (_, l) => ({ itemId: itemIds[(o * 10 + l) % 50], quantity: 100, requestedDate: day(3 + (o % 30)) }));
      await gql(server.url, 'mutation ($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { id } }', { input: { supplierId, shipToId: locations[o % LOCATIONS], issue: true, lines } }, retailer);
    }
    const positions = pairs.map((p, i) => ({ ...p, onHand: 100 + (i % 200) }));
    const [, upsertMs] = await timed(() => gql(server.url, print(UpsertInventoryCompactDocument), { input: { positions } }, retailer));
    rows.push(['upsertInventory: 10,000 positions in one call, risk of all 10,000 recomputed in the same transaction', ms(upsertMs)]);

    const { risk } = server.app.services;
    const asRetailer = <T>(fn: Parameters<typeof asSystem<T>>[3]) =>
      asSystem({ em: server.orm.em, services: server.app.services, log: createLogger('silent') }, { id: retailerId, name: 'Bench retailer', kind: OrganizationKind.RETAILER }, 'benchmark', fn);
    const fullTimes: number[] = [];
    for (let run = 0; run < 5; run++) {
      const [, t] = await timed(() => asRetailer((tx) => risk.recompute(tx, retailerId, 'all')));
      fullTimes.push(t);
    }
    rows.push(['full recompute: 10,000 item x locations over 56 days (load, project, store), median of 5', ms(percentile(fullTimes, 50))]);

    const one = [{ itemId: itemIds[3], locationId: locations[3] }];
    const incTimes: number[] = [];
    for (let run = 0; run < 200; run++) {
      const [, t] = await timed(() => asRetailer((tx) => risk.recompute(tx, retailerId, one)));
      incTimes.push(t);
    }
    rows.push(['incremental recompute of one item x location (as after a confirmation): p50 / p99 of 200', `${ms(percentile(incTimes, 50))} / ${ms(percentile(incTimes, 99))}`]);

    // The server's connections act as shortstop_app (row-level security): read as the retailer.
    const lineIds = (await asRetailer((tx) => sql<{ id: string }>(tx.em, `SELECT id FROM purchase_order_line ORDER BY id LIMIT 200`))).map((r) => r.id);
    const confirmTimes: number[] = [];
    for (const lineId of lineIds) {
      const [, t] = await timed(() => gql(server.url, 'mutation ($input: ConfirmPurchaseOrderLineInput!) { confirmPurchaseOrderLine(input: $input) { id } }', {
        input: { lineId, schedule: [{ quantity: 100, deliveryDate: day(20) }] },
      }, supplier));
      confirmTimes.push(t);
    }
    rows.push(['confirmPurchaseOrderLine end to end, risk recomputed in its transaction: p50 / p99 of 200', `${ms(percentile(confirmTimes, 50))} / ${ms(percentile(confirmTimes, 99))}`]);

    // Fan-out: 1,000 subscribers of the supplier organization in a separate process (as real
    // integrations are); each delivery is timed from the commit of the alert's transaction.
    let lastCommit = 0;
    server.app.services.alertBus.announceListeners.add((orgs) => {
      if (orgs.includes(supplierId)) lastCommit = performance.timeOrigin + performance.now();
    });
    await asSystem({ em: server.orm.em, services: server.app.services, log: createLogger('silent') }, { id: supplierId, name: 'Bench supplier', kind: OrganizationKind.SUPPLIER }, 'benchmark', (tx) =>
      sql(tx.em, `INSERT INTO organization_counter (organization_id, name, value) VALUES ($1, 'alert', 999999) ON CONFLICT (organization_id, name) DO UPDATE SET value = 999999`, [supplierId]),
    );
    const child = fork(path.join(__dirname, 'support/fanout-clients.js'), [server.wsUrl, supplier, String(SUBSCRIBERS)], { stdio: 'inherit' });
    const messages: { kind: string; cursor?: string; arrivals?: number[] }[] = [];
    const waiters = new Set<() => void>();
    child.on('message', (m) => {
      messages.push(m as (typeof messages)[number]);
      waiters.forEach((w) => w());
    });
    const waitFor = (predicate: (m: (typeof messages)[number]) => boolean, timeoutMs = 30_000) =>
      new Promise<(typeof messages)[number]>((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => reject(new Error('fan-out timed out')), timeoutMs);
        waiters.add(check);
        check();
      });
    await waitFor((m) => m.kind === 'ready', 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const latencies: number[] = [];
    const ROUNDS = 20;
    for (let round = 0; round < ROUNDS; round++) {
      const cursor = String(1_000_000 + round);
      await gql(server.url, 'mutation ($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { id } }', {
        input: { supplierId, shipToId: locations[0], issue: true, lines: [{ itemId: itemIds[0], quantity: 1, requestedDate: day(30) }] },
      }, retailer);
      const committed = lastCommit;
      const delivered = await waitFor((m) => m.kind === 'delivered' && m.cursor === cursor);
      latencies.push(...delivered.arrivals!.map((at) => at - committed));
    }
    child.send({ kind: 'stop' });
    await new Promise((r) => child.once('exit', r));
    rows.push([`fan-out of one alert to ${SUBSCRIBERS.toLocaleString('en')} graphql-ws subscribers, commit to delivery, ${ROUNDS} alerts: p50 / p99`, `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`]);
  } finally {
    await server.stop();
  }
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${server.postgres}`;
  process.stdout.write(`\nRisk and alerts benchmark — ${machine}\n\n| measure | result |\n|---|---|\n`);
  for (const [what, value] of rows) process.stdout.write(`| ${what} | ${value} |\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
