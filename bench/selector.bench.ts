import os from 'node:os';
import { print } from 'graphql';
import { asSystem } from '../src/core/system';
import { OrganizationKind } from '../src/core/tenancy.enums';
import { createLogger } from '../src/logger';
import { select, type SelectorInput } from '../src/modules/sourcing/selector';
import {
  CreateLocationDocument,
  UpsertSourcingRuleDocument,
} from '../src/sdk/generated/graphql';
import { addDays, todayUtc } from '../src/shared/calendar';
import { createItems, gql, makePartners, ms, percentile, signUpOrganization, startBenchServer, timed } from './support/bench-server';

/**
 * The backup-supplier selector at volume: 1,000 slipped lines with 5 backup
 * candidates each, proposals computed (inputs loaded set-based, optimised,
 * stored) in one go; and the pure selector alone.
 */
const LINES = 1_000;
const BACKUPS = 5;

async function main() {
  const rows: [string, string][] = [];
  const today = todayUtc();
  const day = (n: number) => addDays(today, n);

  // The pure selector on 1,000 realistic instances.
  let seed = 42;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const instances: SelectorInput[] = Array.from({ length: LINES }, (_, i) => ({
    neededBy: day(6),
    line: { quantity: int(50, 600), schedule: [], rejected: true, unitCost: '4.00' },
    candidates: Array.from({ length: BACKUPS }, (_, c) => ({
      supplierId: `0000000${c}-0000-4000-8000-${String(i).padStart(12, '0')}`,
      usable: random() > 0.1,
      expectedDate: day(int(2, 9)),
      leadTimeBasis: 'quoted',
      unitCost: (3.5 + int(0, 12) * 0.1).toFixed(2),
      minOrderQuantity: [1, 12, 24, 50, 100][c],
      orderMultiple: [1, 6, 12, 25, 50][c],
      weeklyCapacity: random() < 0.5 ? null : int(50, 400),
      openInWeek: int(0, 40),
      week: 'w',
      priority: c + 2,
    })),
  }));
  const times: number[] = [];
  const [, pureTotal] = await timed(async () => {
    for (const input of instances) {
      const [, t] = await timed(async () => select(input));
      times.push(t);
    }
  });
  rows.push([`selector alone: ${LINES.toLocaleString('en')} lines x ${BACKUPS} candidates (Q 50-600, multiples 1-50, MOQs, capacities): total / p50 / p99 per line`, `${ms(pureTotal)} / ${ms(percentile(times, 50))} / ${ms(percentile(times, 99))}`]);

  const server = await startBenchServer();
  try {
    const retailerOrg = await signUpOrganization(server.url, 'RETAILER', 'Retailer');
    const [retailer, retailerId] = [retailerOrg.token, retailerOrg.id];
    const suppliers: string[] = [];
    for (let s = 0; s <= BACKUPS; s++) {
      const supplier = await signUpOrganization(server.url, 'SUPPLIER', `Supplier${s}`);
      await makePartners(server.url, retailerOrg, supplier);
      suppliers.push(supplier.id);
    }
    const { createLocation } = await gql(server.url, print(CreateLocationDocument), { input: { code: 'DC', name: 'DC' } }, retailer);
    const itemIds = await createItems(server.url, retailer, Array.from({ length: 100 }, (_, i) => ({ sku: `S${i}`, name: `Item ${i}`, unitPrice: '9.90' })));
    for (const itemId of itemIds) {
      for (const [s, supplierId] of suppliers.entries()) {
        await gql(server.url, print(UpsertSourcingRuleDocument), {
          input: { itemId, supplierId, priority: s + 1, quotedLeadTimeDays: 3 + s, unitCost: (4 + s * 0.15).toFixed(2), minOrderQuantity: [1, 1, 12, 24, 50, 100][s], orderMultiple: [1, 1, 6, 12, 25, 50][s], weeklyCapacity: s % 2 ? 300 : null },
        }, retailer);
      }
    }
    // 100 orders x 10 lines to the primary, issued; their lines are the 1,000 slipped lines (rejected in bulk below).
    for (let o = 0; o < LINES / 10; o++) {
      const lines = Array.from({ length: 10 }, (_, l) => ({ itemId: itemIds[(o * 10 + l) % itemIds.length], quantity: 50 + ((o * 37 + l * 11) % 500), requestedDate: day(8) }));
      await gql(server.url, 'mutation ($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { id } }', { input: { supplierId: suppliers[0], shipToId: createLocation.id, issue: true, lines } }, retailer);
    }
    const em = server.orm.em.fork();
    await em.getConnection().execute(`UPDATE purchase_order_line SET status = 'REJECTED', slipped = true WHERE retailer_id = ?`, [retailerId]);
    const lineIds = (await em.getConnection().execute<{ id: string }[]>(`SELECT id FROM purchase_order_line WHERE retailer_id = ?`, [retailerId])).map((r) => r.id);

    const services = server.app.services;
    const runs: number[] = [];
    for (let run = 0; run < 3; run++) {
      const [, t] = await timed(() =>
        asSystem({ em: server.orm.em, services, log: createLogger('silent') }, { id: retailerId, name: 'Bench retailer', kind: OrganizationKind.RETAILER }, 'benchmark', (ctx) =>
          services.reallocations.proposeFor(ctx, retailerId, lineIds),
        ),
      );
      runs.push(t);
    }
    rows.push([`proposals for ${LINES.toLocaleString('en')} slipped lines x ${BACKUPS} candidates through the service (load, optimise, store, alert), median of 3`, ms(percentile(runs, 50))]);
  } finally {
    await server.stop();
  }
  process.stdout.write(`\nSelector benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}\n\n| measure | result |\n|---|---|\n`);
  for (const [what, value] of rows) process.stdout.write(`| ${what} | ${value} |\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
