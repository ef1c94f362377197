import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getVariableValues, parse, print, type OperationDefinitionNode } from 'graphql';
import { getSchema } from '../src/schema';
import { CreateLocationDocument } from '../src/sdk/generated/graphql';
import { createItems, gql, signUpOrganization, startBenchServer } from './support/bench-server';

/**
 * The longest event-loop block (DESIGN.md "Bounds": 50 ms) while each bulk
 * mutation runs at its maximum size, in the server's process, and how much of
 * it is graphql-js coercing the request's variables (one synchronous pass
 * before any resolver runs). PROFILE=dir writes a CPU profile per request.
 */
async function measure(label: string, url: string, query: string, variables: unknown, token: string, profile?: Session) {
  const body = Buffer.from(JSON.stringify({ query, variables }));
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  if (profile) await profile.post('Profiler.start');
  histogram.enable();
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  const bytes = await res.arrayBuffer();
  const elapsed = performance.now() - started;
  histogram.disable();
  if (profile) writeFileSync(`${process.env.PROFILE}/${label}.cpuprofile`, JSON.stringify((await profile.post('Profiler.stop')).profile));
  const json = JSON.parse(Buffer.from(bytes).toString()) as { errors?: unknown[] };
  console.log(`| ${label} | ${elapsed.toFixed(0)} ms | ${(histogram.max / 1e6).toFixed(0)} ms | ${json.errors ? JSON.stringify(json.errors).slice(0, 120) : 'ok'} |`);
}

async function coercion(n: number) {
  const schema = await getSchema();
  const operation = parse('mutation ($input: PublishForecastInput!) { publishForecast(input: $input) { id } }').definitions[0] as OperationDefinitionNode;
  const lines = Array.from({ length: n }, () => ({ itemId: randomUUID(), locationId: randomUUID(), periodStart: '2027-01-04', quantity: 5 }));
  const body = JSON.stringify({ input: { lines } });
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const started = performance.now();
    getVariableValues(schema, operation.variableDefinitions ?? [], JSON.parse(body) as Record<string, unknown>);
    times.push(performance.now() - started);
  }
  console.log(`| graphql-js: JSON.parse + coerceVariableValues of ${n.toLocaleString('en-US')} forecast lines, best of 3 | ${Math.min(...times).toFixed(0)} ms | (all of it) | |`);
}

async function main() {
  console.log(`bulk-stall: ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}, ${new Date().toISOString()}`);
  console.log('| request | time | longest event-loop block | answer |\n|---|---|---|---|');
  await coercion(10_000);
  await coercion(100_000);
  const server = await startBenchServer({}, { countStatements: false });
  const session = process.env.PROFILE ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
  }
  try {
    const { token } = await signUpOrganization(server.url, 'RETAILER', 'Bench');
    const locations: string[] = [];
    for (let l = 0; l < 5; l++) locations.push((await gql(server.url, print(CreateLocationDocument), { input: { code: `L${l}`, name: `L${l}` } }, token)).createLocation.id);
    // Warm-up: the first call of a path compiles its code.
    await createItems(server.url, token, [{ sku: 'W', name: 'W', unitPrice: '1' }]);
    const items = Array.from({ length: 10_000 }, (_, i) => ({ sku: `SKU-${i}`, name: `Item ${i}`, unitPrice: '1.99' }));
    await measure('upsertItems, 10,000 new items, answer { id sku name unitPrice unitOfMeasure }', server.url, 'mutation ($input: UpsertItemsInput!) { upsertItems(input: $input) { id sku name unitPrice unitOfMeasure } }', { input: { items } }, token, session);
    const itemIds = await createItems(server.url, token, items);
    const positions = itemIds.map((itemId, i) => ({ itemId, locationId: locations[0], onHand: i % 300 }));
    await measure('upsertInventory, 10,000 positions, answer { id onHand reserved available }', server.url, 'mutation ($input: UpsertInventoryInput!) { upsertInventory(input: $input) { id onHand reserved available } }', { input: { positions } }, token, session);
    const lines = [];
    for (let p = 0; p < 2; p++) for (const locationId of locations) for (const itemId of itemIds) lines.push({ itemId, locationId, periodStart: p ? '2027-01-11' : '2027-01-04', quantity: 5 });
    await measure('publishForecast, 100,000 lines', server.url, 'mutation ($input: PublishForecastInput!) { publishForecast(input: $input) { id lineCount } }', { input: { lines } }, token, session);
  } finally {
    await server.stop();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
