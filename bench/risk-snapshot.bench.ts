import os from 'node:os';
import { print } from 'graphql';
import { asSystem } from '../src/core/system';
import { OrganizationKind } from '../src/core/tenancy.enums';
import { createLogger } from '../src/logger';
import { RiskSnapshotTask } from '../src/modules/risk/risk-snapshot.jobs';
import {
  CreateLocationDocument,
  KpisDocument,
  PublishForecastDocument,
  RiskTrendDocument,
  UpsertInventoryCompactDocument,
  UpsertSourcingRuleDocument,
} from '../src/sdk/generated/graphql';
import { addDays, todayUtc } from '../src/shared/calendar';
import { sql } from '../src/shared/sql';
import { createItems, gql, makePartners, ms, percentile, signUpOrganization, startBenchServer, timed } from './support/bench-server';

/**
 * The daily risk snapshot at volume: 10,000 item x locations (2,500 items x
 * 4 locations, 5 forecast periods of 14 days each from 30 days back, 1,000 open order lines), the
 * snapshot task run for 30 days in a row (the clock moved a day each time),
 * a second run on the same day (idempotent: nothing projected), then kpis
 * and riskTrend over those 30 days (300,000 snapshot rows).
 */
const ITEMS = 2_500;
const LOCATIONS = 4;
const DAYS = 30;

async function main() {
  const server = await startBenchServer();
  const rows: [string, string][] = [];
  const today = todayUtc();
  const day = (n: number) => addDays(today, n);
  try {
    const retailerOrg = await signUpOrganization(server.url, 'RETAILER', 'Retailer');
    const supplierOrg = await signUpOrganization(server.url, 'SUPPLIER', 'Supplier');
    await makePartners(server.url, retailerOrg, supplierOrg);
    const [retailer, retailerId, supplierId] = [retailerOrg.token, retailerOrg.id, supplierOrg.id];
    const locations: string[] = [];
    for (let l = 0; l < LOCATIONS; l++) locations.push((await gql(server.url, print(CreateLocationDocument), { input: { code: `L${l}`, name: `L${l}` } }, retailer)).createLocation.id);
    const itemIds = await createItems(server.url, retailer, Array.from({ length: ITEMS }, (_, i) => ({ sku: `S${i}`, name: `Item ${i}`, unitPrice: '4.20' })));
    for (const itemId of itemIds.slice(0, 50)) {
      await gql(server.url, print(UpsertSourcingRuleDocument), { input: { itemId, supplierId, priority: 1, quotedLeadTimeDays: 7, unitCost: '2.00' } }, retailer);
    }
    const pairs = itemIds.flatMap((itemId) => locations.map((locationId) => ({ itemId, locationId })));
    // Forecast periods from 30 days back, so every past day's projection has demand.
    const forecast = pairs.flatMap((p, i) => Array.from({ length: 5 }, (_, w) => ({ ...p, periodStart: day(-DAYS + w * 14), periodDays: 14, quantity: 40 + ((i + w) % 60) })));
    await gql(server.url, print(PublishForecastDocument), { input: { lines: forecast } }, retailer);
    for (let o = 0; o < 100; o++) {
      const lines = Array.from({ length: 10 }, (_, l) => ({ itemId: itemIds[(o * 10 + l) % 50], quantity: 100, requestedDate: day(3 + (o % 30)) }));
      await gql(server.url, 'mutation ($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { id } }', { input: { supplierId, shipToId: locations[o % LOCATIONS], issue: true, lines } }, retailer);
    }
    await gql(server.url, print(UpsertInventoryCompactDocument), { input: { positions: pairs.map((p, i) => ({ ...p, onHand: 100 + (i % 200) })) } }, retailer);

    const deps = { orm: server.orm, services: server.app.services, log: createLogger('silent') };
    const times: number[] = [];
    for (let d = DAYS - 1; d >= 0; d--) {
      const [figures, t] = await timed(() => new RiskSnapshotTask(() => new Date(`${day(-d)}T01:00:00Z`)).run(deps));
      if (figures.snapshotRows !== pairs.length) throw new Error(`expected ${pairs.length} rows, got ${figures.snapshotRows}`);
      times.push(t);
    }
    rows.push([`snapshot task: 10,000 item x locations (load, project, store), ${DAYS} days: median / max`, `${ms(percentile(times, 50))} / ${ms(Math.max(...times))}`]);
    const [again, againMs] = await timed(() => new RiskSnapshotTask(() => new Date(`${today}T02:00:00Z`)).run(deps));
    if (again.snapshotRows !== 0) throw new Error('the second run of a day wrote rows');
    rows.push(['the same day again (already taken: nothing projected or written)', ms(againMs)]);
    const stored = await asSystem({ em: server.orm.em, services: server.app.services, log: deps.log },
      { id: retailerId, name: 'Bench retailer', kind: OrganizationKind.RETAILER }, 'benchmark',
      (tx) => sql<{ n: number; bytes: string }>(tx.em, `SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size('risk_snapshot')) AS bytes FROM risk_snapshot`));
    rows.push(['snapshot rows stored / table size with its indexes', `${stored[0].n.toLocaleString('en')} / ${stored[0].bytes}`]);

    const readTimes = async (query: () => Promise<unknown>) => {
      const ts: number[] = [];
      for (let i = 0; i < 20; i++) ts.push((await timed(query))[1]);
      return `${ms(percentile(ts, 50))} / ${ms(percentile(ts, 99))}`;
    };
    const window = { from: day(-(DAYS - 1)), to: today };
    rows.push([`kpis(ALL) over ${DAYS} days (300,000 snapshot rows, 1,000 lines): p50 / p99 of 20`, await readTimes(() => gql(server.url, print(KpisDocument), { ...window, groupBy: 'ALL' }, retailer))]);
    rows.push([`kpis(ITEM) over ${DAYS} days, first 500 groups: p50 / p99 of 20`, await readTimes(() => gql(server.url, print(KpisDocument), { ...window, groupBy: 'ITEM' }, retailer))]);
    rows.push([`riskTrend over ${DAYS} days: p50 / p99 of 20`, await readTimes(() => gql(server.url, print(RiskTrendDocument), window, retailer))]);
  } finally {
    await server.stop();
  }
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${server.postgres}`;
  process.stdout.write(`\nRisk snapshot benchmark — ${new Date().toISOString()} — ${machine}\n\n| measure | result |\n|---|---|\n`);
  for (const [what, value] of rows) process.stdout.write(`| ${what} | ${value} |\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? `${err.stack} ${String((err as { cause?: unknown }).cause ?? "")}` : String(err)}\n`);
  process.exit(1);
});
