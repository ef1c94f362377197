import os from 'node:os';
import { print } from 'graphql';
import { asSystem } from '../src/core/system';
import { OrganizationKind } from '../src/core/tenancy.enums';
import { createLogger } from '../src/logger';
import { optimizeBounded, select, shortfallOf, WORK_BUDGET, type SelectorInput } from '../src/modules/sourcing/selector';
import {
  CreateLocationDocument,
  UpsertSourcingRuleDocument,
} from '../src/sdk/generated/graphql';
import { addDays, todayUtc } from '../src/shared/calendar';
import { sql } from '../src/shared/sql';
import { adversarialInstance, largeInstance, rng } from '../test/unit/selector-family';
import { optimizeReference, referenceWork } from '../test/unit/selector-reference';
import { createItems, gql, makePartners, ms, percentile, signUpOrganization, startBenchServer, timed } from './support/bench-server';

/**
 * The backup-supplier selector at volume: 1,000 slipped lines with 5 backup
 * candidates each, proposals computed (inputs loaded set-based, optimised,
 * stored) in one go; the pure selector alone; and the bounded selector (issue
 * 11) over families of large lines (worst case, p99, p50), with the
 * pre-issue-11 programme side by side where it finishes in reasonable time.
 */
const LINES = 1_000;
const BACKUPS = 5;
/** Lines in the large family, and the largest the pre-issue-11 programme is run on. */
const FAMILY = 200;
const REFERENCE_MAX_SHORTFALL = 20_000;
/** About 2 s of the old programme; larger ones are left out of the side-by-side row. */
const REFERENCE_MAX_WORK = 400_000_000;

const stats = (values: number[]) => `${ms(Math.max(...values))} / ${ms(percentile(values, 99))} / ${ms(percentile(values, 50))}`;
const counts = (values: number[]) => `${Math.max(...values).toLocaleString('en')} / ${percentile(values, 99).toLocaleString('en')} / ${percentile(values, 50).toLocaleString('en')}`;

/**
 * ms per line after a warm-up pass, the fastest of 3 runs (the work is
 * deterministic; repeating filters out other processes sharing the machine),
 * with the work and whether the answer is proven optimal.
 */
function fastestOf3<T>(fn: () => T): [T, number] {
  let best = Infinity;
  let result = fn();
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - started);
  }
  return [result, best];
}

function measure(instances: SelectorInput[]) {
  for (const input of instances) optimizeBounded(input);
  return instances.map((input) => {
    const [result, elapsed] = fastestOf3(() => optimizeBounded(input));
    return { ms: elapsed, work: result.work, optimal: result.optimal };
  });
}

function largeRows(rows: [string, string][]) {
  // Line sizes up to a maximum spread from 1,000 to 1,000,000 (log-uniform): part of the family is small enough
  // for the old programme.
  const random = rng(11);
  const family = Array.from({ length: FAMILY }, () => largeInstance(random, Math.round(10 ** (3 + 3 * random()))));
  const runs = measure(family);
  const proven = runs.filter((r) => r.optimal).length;
  rows.push([
    `bounded selector, ${FAMILY} random lines of 200 to 1,000,000 units, 2-6 backups (multiples 1-1,000, MOQs, capacities, on time and late, rejected / late / partly received): ms max / p99 / p50 per line (fastest of 3)`,
    stats(runs.map((r) => r.ms)),
  ]);
  rows.push([`  same lines: DP states evaluated max / p99 / p50 (bound ${WORK_BUDGET.toLocaleString('en')}); proven optimal`, `${counts(runs.map((r) => r.work))}; ${proven} of ${FAMILY}`]);

  const small = family.map((input, i) => ({ input, i })).filter(({ input }) => shortfallOf(input) <= REFERENCE_MAX_SHORTFALL);
  const feasible = small.filter(({ input }) => referenceWork(input) <= REFERENCE_MAX_WORK);
  const reference = feasible.map(({ input }) => fastestOf3(() => optimizeReference(input))[1]);
  const same = feasible.filter(({ input }) => JSON.stringify(optimizeReference(input)) === JSON.stringify(optimizeBounded(input).x)).length;
  if (feasible.length) {
    rows.push([
      `  the ${feasible.length} of them with a shortfall <= ${REFERENCE_MAX_SHORTFALL.toLocaleString('en')} the old programme finishes in ~2 s (of ${small.length}): ms max / p99 / p50, bounded vs pre-issue-11 DP; same answer`,
      `${stats(feasible.map(({ i }) => runs[i].ms))} vs ${stats(reference)}; ${same} of ${feasible.length}`,
    ]);
  }

  const million = rng(12);
  const lines = Array.from({ length: FAMILY }, () => largeInstance(million, 1_000_000, [2, 6], true));
  const worst = measure(lines);
  rows.push([
    `bounded selector, ${FAMILY} lines of exactly 1,000,000 units (same family): ms max / p99 / p50; states max / p99 / p50; proven optimal`,
    `${stats(worst.map((r) => r.ms))}; ${counts(worst.map((r) => r.work))}; ${worst.filter((r) => r.optimal).length} of ${FAMILY}`,
  ]);

  const hard = rng(13);
  const adversarial = measure(Array.from({ length: 100 }, () => adversarialInstance(hard)));
  rows.push([
    'adversarial (not in the family): 100 lines up to 1,000,000 units, one date, costs equal or 1-2 cents apart, coprime multiples 500-1,000, MOQs up to half the line: ms max / p99 / p50; proven optimal (the rest: best found, full coverage)',
    `${stats(adversarial.map((r) => r.ms))}; ${adversarial.filter((r) => r.optimal).length} of 100`,
  ]);
}

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
  largeRows(rows);

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
    const services = server.app.services;
    // In a scoped transaction: outside one the server's own connections see no tenant row (row-level security).
    const lineIds = await asSystem({ em: server.orm.em, services, log: createLogger('silent') }, { id: retailerId, name: 'Bench retailer', kind: OrganizationKind.RETAILER }, 'benchmark set-up', async (ctx) => {
      await sql(ctx.em, `UPDATE purchase_order_line SET status = 'REJECTED', slipped = true WHERE retailer_id = $1`, [retailerId]);
      return (await sql<{ id: string }>(ctx.em, `SELECT id FROM purchase_order_line WHERE retailer_id = $1`, [retailerId])).map((r) => r.id);
    });
    if (lineIds.length !== LINES) throw new Error(`expected ${LINES} slipped lines, found ${lineIds.length}`);

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
