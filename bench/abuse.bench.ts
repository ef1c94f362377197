import os from 'node:os';
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { getNamedType, getNullableType, isListType, isObjectType, print } from 'graphql';
import { getSchema } from '../src/schema';
import { selectorCandidates, type SelectorInput, type SourcingRuleFacts } from '../src/modules/sourcing/selector';
import { CreateLocationDocument, PublishForecastDocument, UpsertSourcingRuleDocument } from '../src/sdk/generated/graphql';
import { addDays, todayUtc } from '../src/shared/calendar';
import { createItems, gql, makePartners, percentile, signUpOrganization, startBenchServer } from './support/bench-server';

/**
 * The hostile inputs of issue 11, one row each, against the real server in
 * this process. During every row a second client (another tenant, in a child
 * process) sends `{ me { id } }` over HTTP one request at a time, and the
 * server's event loop is sampled every 10 ms (monitorEventLoopDelay, reset
 * per row). The hostile client is a child process too, so that nothing but
 * the server runs on the measured event loop. A row lasts MIN_ROW_MS or until
 * its hostile requests are answered, whichever is longer.
 *
 * Goals (issue 11): event-loop delay p99 under 50 ms and the second client's
 * p99 under 100 ms in every row.
 */
const RESOLUTION_MS = 10;
const MIN_ROW_MS = 3_000;
const LOOP_GOAL_MS = 50;
const OTHER_GOAL_MS = 100;
/** A hostile selector line goes to the server only if the selector alone solves it within this (worker thread). */
const SELECTOR_BUDGET_MS = 60_000;
const FORECAST_ITEMS = 2_500;
const LOCATIONS = 4;
const FORECAST_WEEKS = 10; // 2,500 x 4 x 10 = 100,000 lines
const SUBSCRIPTIONS = 5_000;
const WRONG_PASSWORDS = 300;
const PASSWORD = 'bench-password-1'; // signUpOrganization's

interface Row {
  name: string;
  input: string;
  answer: string;
  loop?: { p50: number; p99: number; max: number };
  other?: { p50: number; p99: number; max: number; count: number; failures: string[] };
}

/** A child process spoken to by messages; `ask` sends one and waits for the reply of the given kind. */
function child(args: string[]) {
  const proc: ChildProcess = fork(path.join(__dirname, 'support/abuse-clients.js'), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inbox: { kind: string }[] = [];
  const waiters = new Set<() => void>();
  proc.on('message', (m) => {
    inbox.push(m as { kind: string });
    waiters.forEach((w) => w());
  });
  const next = <T>(kind: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const i = inbox.findIndex((m) => m.kind === kind);
        if (i < 0) return;
        waiters.delete(check);
        proc.off('exit', onExit);
        resolve(inbox.splice(i, 1)[0] as T);
      };
      const onExit = (code: number | null) => reject(new Error(`abuse client ${args[0]} exited (${code}) while waiting for "${kind}"`));
      proc.once('exit', onExit);
      waiters.add(check);
      check();
    });
  return {
    ready: next('ready'),
    ask: <T>(message: object, reply: string) => {
      const answer = next<T>(reply);
      proc.send(message);
      return answer;
    },
    exit: () => new Promise((resolve) => {
      proc.once('exit', resolve);
      proc.send({ kind: 'exit' });
    }),
  };
}

/** The selector alone on `input` in a worker thread: its time, or null when the budget ran out first. */
function probeSelector(input: SelectorInput, budgetMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'support/selector-probe.js'), { workerData: input });
    const timer = setTimeout(() => void worker.terminate().then(() => resolve(null)), budgetMs);
    worker.once('message', (m: { ms: number }) => {
      clearTimeout(timer);
      void worker.terminate().then(() => resolve(m.ms));
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);

async function main() {
  const server = await startBenchServer();
  const rows: Row[] = [];
  let postgres = server.postgres;
  const hostile = child(['hostile']);
  let other: ReturnType<typeof child> | undefined;
  try {
    const day = (n: number) => addDays(todayUtc(), n);
    const { url, wsUrl } = server;

    // --- Seed: a bystander tenant (the second client), a retailer with its supplier and two backups,
    // two items sourced from all three (backup rules at their defaults), a 100,000-line forecast, an account to guess.
    const bystander = await signUpOrganization(url, 'RETAILER', 'Bystander');
    const retailer = await signUpOrganization(url, 'RETAILER', 'Retailer');
    const supplier = await signUpOrganization(url, 'SUPPLIER', 'Supplier');
    const backups = [await signUpOrganization(url, 'SUPPLIER', 'Backupa'), await signUpOrganization(url, 'SUPPLIER', 'Backupb')];
    for (const s of [supplier, ...backups]) await makePartners(url, retailer, s);
    await signUpOrganization(url, 'RETAILER', 'Victim');
    const locations: string[] = [];
    for (let l = 0; l < LOCATIONS; l++) locations.push((await gql(url, print(CreateLocationDocument), { input: { code: `L${l}`, name: `Location ${l}` } }, retailer.token)).createLocation.id);

    const [item30k, item1m, ...forecastItems] = await createItems(url, retailer.token, [
      { sku: 'BIG-30K', name: 'Rejected 30,000', unitPrice: '9.90' },
      { sku: 'BIG-1M', name: 'Late 1,000,000', unitPrice: '9.90' },
      ...Array.from({ length: FORECAST_ITEMS }, (_, i) => ({ sku: `F${i}`, name: `Forecast item ${i}`, unitPrice: '4.20' })),
    ]);
    const rules = [
      { supplierId: supplier.id, priority: 1, quotedLeadTimeDays: 10, unitCost: '4.00' },
      { supplierId: backups[0].id, priority: 2, quotedLeadTimeDays: 3, unitCost: '4.20' },
      { supplierId: backups[1].id, priority: 3, quotedLeadTimeDays: 4, unitCost: '4.40' },
    ];
    // minOrderQuantity, orderMultiple and weeklyCapacity left out: their defaults (1, 1, none).
    for (const itemId of [item30k, item1m]) for (const rule of rules) await gql(url, print(UpsertSourcingRuleDocument), { input: { itemId, ...rule } }, retailer.token);
    const neededBy = day(14);
    const createOrder = (quantity: number, itemId: string) => fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${retailer.token}` },
      body: JSON.stringify({
        query: 'mutation ($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { lines { id } } }',
        variables: { input: { supplierId: supplier.id, shipToId: locations[0], issue: true, lines: [{ itemId, quantity, requestedDate: neededBy }] } },
      }),
    }).then((res) => res.json() as Promise<{ data?: { createPurchaseOrder: { lines: { id: string }[] } }; errors?: { message: string; extensions?: { code?: string } }[] }>);
    // The lines themselves: refused by the input bounds, a row says so instead of running.
    const orders = { 30_000: await createOrder(30_000, item30k), 1_000_000: await createOrder(1_000_000, item1m) };
    const lineOf = (quantity: 30_000 | 1_000_000) => orders[quantity].data?.createPurchaseOrder.lines[0].id;
    const refusal = (quantity: 30_000 | 1_000_000) => {
      const e = orders[quantity].errors?.[0];
      return e ? `${e.extensions?.code ?? 'no code'}: "${e.message}"` : undefined;
    };

    const pairs = forecastItems.flatMap((itemId) => locations.map((locationId) => ({ itemId, locationId })));
    const forecastLines = pairs.flatMap((p, i) => Array.from({ length: FORECAST_WEEKS }, (_, w) => ({ ...p, periodStart: day(w * 7), periodDays: 7, quantity: 20 + ((i + w) % 30) })));
    const { publishForecast } = await gql(url, print(PublishForecastDocument), { input: { lines: forecastLines } }, retailer.token);

    const em = server.orm.em.fork();
    const [{ version }] = await em.getConnection().execute<{ version: string }[]>(`SELECT current_setting('server_version') AS version`);
    postgres = `PostgreSQL ${version}${server.postgres === 'DATABASE_URL' ? ' (DATABASE_URL)' : ' (embedded)'}`;

    // --- Measurement.
    other = child(['other', url, bystander.token]);
    await other.ready;
    await hostile.ready;
    await other.ask({ kind: 'start' }, 'started');
    await sleep(2_000); // warm-up, not reported
    await other.ask({ kind: 'stop' }, 'stopped');
    const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    histogram.enable();
    // Delay beyond the sampling interval: each sample is the time between two 10 ms timer ticks.
    const loopMs = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);

    const otherClient = other;
    const measure = async (name: string, input: string, run: () => Promise<string>) => {
      server.statements.length = 0;
      await sleep(1_000);
      await otherClient.ask({ kind: 'start' }, 'started');
      histogram.reset();
      const start = performance.now();
      const [answer] = await Promise.all([run(), sleep(MIN_ROW_MS)]);
      const loop = { p50: loopMs(histogram.percentile(50)), p99: loopMs(histogram.percentile(99)), max: loopMs(histogram.max) };
      const { samples, failures } = await otherClient.ask<{ samples: number[]; failures: string[] }>({ kind: 'stop' }, 'stopped');
      const row: Row = {
        name,
        input,
        answer: `${answer} (row ${fmt(performance.now() - start)})`,
        loop,
        other: { p50: percentile(samples, 50), p99: percentile(samples, 99), max: Math.max(...samples), count: samples.length, failures },
      };
      rows.push(row);
      process.stderr.write(`${name}: ${row.answer}; loop p99 ${fmt(loop.p99)}, other p99 ${fmt(row.other!.p99)}\n`);
      return row;
    };
    const send = (action: string, args: object) => () => hostile.ask<{ answer: string }>({ kind: 'run', action, args }, 'done').then((d) => d.answer);
    const graphql = (query: string, variables: object = {}, token?: string) => send('graphql', { url, query, variables, token });

    // 1. The selector in the slip's transaction.
    const ruleFacts: SourcingRuleFacts[] = rules.map((r) => ({ ...r, minOrderQuantity: 1, orderMultiple: 1, weeklyCapacity: null, active: true, partnershipActive: true }));
    const selectorInput = (quantity: number, rejected: boolean): SelectorInput => ({
      neededBy,
      line: { quantity, rejected, unitCost: '4.00', receivedQuantity: 0, schedule: rejected ? [] : [{ quantity, deliveryDate: day(30) }] },
      candidates: selectorCandidates({ slippedSupplierId: supplier.id, rules: ruleFacts, leadTimes: [], openLines: [], today: todayUtc() }),
    });
    const newestProposal = async () => {
      const { reallocationProposals } = await gql(url, '{ reallocationProposals(first: 1) { edges { node { shortfallQuantity uncoveredQuantity moves { quantity } sourceLine { id } } } } }', {}, retailer.token);
      return reallocationProposals.edges[0]?.node as { shortfallQuantity: number; uncoveredQuantity: number; moves: { quantity: number }[]; sourceLine: { id: string } } | undefined;
    };
    const selectorRow = async (name: string, input: string, quantity: 30_000 | 1_000_000, rejected: boolean, mutation: (lineId: string) => () => Promise<string>) => {
      const refused = refusal(quantity);
      if (refused) {
        rows.push({ name, input, answer: `not sent: createPurchaseOrder refused the ${quantity.toLocaleString('en')}-unit line (${refused})` });
        return;
      }
      const accepted = `createPurchaseOrder accepted the ${quantity.toLocaleString('en')}-unit line`;
      const probe = await probeSelector(selectorInput(quantity, rejected), SELECTOR_BUDGET_MS);
      if (probe === null) {
        rows.push({ name, input, answer: `${accepted}; the slip not sent: the selector alone (same instance, worker thread) had not finished after ${fmt(SELECTOR_BUDGET_MS)}, so the server would stall longer than that` });
        process.stderr.write(`${name}: not sent (selector probe over budget)\n`);
        return;
      }
      const lineId = lineOf(quantity)!;
      const row = await measure(name, input, mutation(lineId));
      const proposal = await newestProposal();
      row.answer += proposal?.sourceLine.id === lineId
        ? `; proposal: shortfall ${proposal.shortfallQuantity.toLocaleString('en')}, ${proposal.moves.reduce((s, m) => s + m.quantity, 0).toLocaleString('en')} moved to backups, ${proposal.uncoveredQuantity.toLocaleString('en')} uncovered`
        : '; no proposal for the line';
      row.answer += `; selector alone: ${fmt(probe)}; ${accepted}`;
    };
    await selectorRow('1a', 'a supplier rejects a line of 30,000 units (2 backups at defaults)', 30_000, true, (lineId) => graphql(
      'mutation ($input: RejectPurchaseOrderLineInput!) { rejectPurchaseOrderLine(input: $input) { status slipped } }',
      { input: { lineId, reason: 'Out of stock' } }, supplier.token));
    await selectorRow('1b', 'a supplier confirms a 1,000,000-unit line 16 days late (2 backups at defaults)', 1_000_000, false, (lineId) => graphql(
      'mutation ($input: ConfirmPurchaseOrderLineInput!) { confirmPurchaseOrderLine(input: $input) { status slipped } }',
      { input: { lineId, schedule: [{ quantity: 1_000_000, deliveryDate: day(30) }] } }, supplier.token));

    // 2. The whole forecast, once and five times in one query. The field's shape decides the query:
    // a plain list today, a connection once it is paged (then the caller asks for a first of 100,000).
    const forecastField = (await getSchema()).getQueryType()!.getFields().forecast;
    const forecastType = getNullableType(forecastField.type);
    const lineSelection = 'quantity periodStart periodDays item { sku } location { code }';
    const connection = !isListType(forecastType) && isObjectType(getNamedType(forecastType)) && 'edges' in (getNamedType(forecastType) as { getFields(): object }).getFields();
    const forecastQuery = connection
      ? `forecast(first: ${publishForecast.lineCount}) { edges { node { ${lineSelection} } } pageInfo { hasNextPage } }`
      : `forecast { ${lineSelection} }`;
    const shape = connection ? 'forecast is a connection; first: 100,000 asked' : 'forecast is a plain list';
    await measure('2a', `forecast of the ${publishForecast.lineCount.toLocaleString('en')}-line version (${shape})`, graphql(`{ ${forecastQuery} }`, {}, retailer.token));
    await measure('2b', 'the same, five aliases in one query', graphql(`{ ${[1, 2, 3, 4, 5].map((i) => `f${i}: ${forecastQuery}`).join(' ')} }`, {}, retailer.token));

    // 3. A 10 MB email, no credential.
    await measure('3', 'login with a 10 MB email, unauthenticated', send('bigEmailLogin', { url, bytes: 10 * 1024 * 1024 }));

    // 4. One WebSocket connection, 5,000 subscriptions (each replays the supplier's retained alerts when accepted).
    await measure('4', `one WebSocket connection opening ${SUBSCRIPTIONS.toLocaleString('en')} alert subscriptions`, send('subscriptionFlood', {
      wsUrl, token: supplier.token, count: SUBSCRIPTIONS, query: 'subscription { alerts(after: null) { cursor type message } }',
    }));

    // 5. A NUL byte in a text argument.
    await measure('5', 'login(email: "a\\u0000@b.c", password: "x")', graphql('mutation { login(email: "a\\u0000@b.c", password: "x") { token } }'));

    // 6. Password guessing.
    await measure('6', `${WRONG_PASSWORDS} wrong passwords in a row for one account, then the right one`, send('guessPasswords', {
      url, email: 'victim@example.test', wrong: WRONG_PASSWORDS, right: PASSWORD,
    }));

    // 7. Nothing hostile.
    await measure('7', 'baseline: no hostile input', async () => 'nothing sent');
    histogram.disable();
  } finally {
    await Promise.all([other?.exit(), hostile.exit()]).catch(() => undefined);
    await server.stop();
  }

  const cpus = os.cpus();
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}, Node ${process.version}, ${postgres}`;
  const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
  const out: string[] = [
    '',
    `Abuse benchmark — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machine}`,
    '',
    `Event-loop delay: monitorEventLoopDelay (resolution ${RESOLUTION_MS} ms, reset per row), the delay beyond the ${RESOLUTION_MS} ms sampling interval. `
      + `Other client: \`{ me { id } }\` over HTTP, one at a time, another tenant, in its own process. Each row lasts ${MIN_ROW_MS / 1000} s or until the hostile requests are answered.`,
    '',
    `| row | hostile input | what the server answered | event loop p50 / p99 / max | other client p50 / p99 / max (requests) | loop p99 < ${LOOP_GOAL_MS} ms | other p99 < ${OTHER_GOAL_MS} ms |`,
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const loop = r.loop ? `${fmt(r.loop.p50)} / ${fmt(r.loop.p99)} / ${fmt(r.loop.max)}` : 'not run';
    const failed = r.other?.failures.length ? `, ${r.other.failures.length} failed: ${[...new Set(r.other.failures)].join(', ')}` : '';
    const otherCell = r.other ? `${fmt(r.other.p50)} / ${fmt(r.other.p99)} / ${fmt(r.other.max)} (${r.other.count}${failed})` : 'not run';
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    out.push(`| ${r.name} | ${cell(r.input)} | ${cell(r.answer)} | ${loop} | ${otherCell} | ${r.loop ? yes(r.loop.p99 < LOOP_GOAL_MS) : 'not measured'} | ${r.other ? yes(r.other.p99 < OTHER_GOAL_MS && !r.other.failures.length) : 'not measured'} |`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
