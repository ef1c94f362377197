import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { signUp } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Bad input is BAD_USER_INPUT naming the offending input path, however it
 * was sent: written in the query text (graphql-js reports those as
 * validation failures) or in a variable of any name (graphql-js names the
 * variable's path, not the argument's). Nothing runs, nothing is written.
 */
let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = (await signUp(server, 'RETAILER')).token;
});
afterAll(() => server.close());

const ITEM = '00000000-0000-4000-8000-000000000001';
const LOCATION = '00000000-0000-4000-8000-000000000002';
const line = (fields: string) => `{ itemId: "${ITEM}", locationId: "${LOCATION}", ${fields} }`;
const recordSales = (lines: string) => `mutation { recordSales(input: { lines: [${lines}] }) }`;

const errorsOf = async (query: string, variables?: Record<string, unknown>) => {
  const result = await server.raw({ query, variables }, { authorization: `Bearer ${token}` });
  expect(result.data ?? null).toBeNull();
  return result.errors!.map((e) => e.extensions);
};

it('names the input path of a bad literal in the query text: wrong type, bad format, missing or unknown field', async () => {
  const ok = line('date: "2026-01-05", quantity: 1');
  expect(await errorsOf(recordSales(`${ok}, ${line('date: "2026-13-45", quantity: 1')}`))).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[1].date' }]);
  expect(await errorsOf(recordSales(line('date: "2026-01-05", quantity: "x"')))).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' }]);
  expect(await errorsOf(recordSales(`${ok}, ${ok}, ${line('date: "2026-01-05"')}`))).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[2].quantity' }]);
  expect(await errorsOf(recordSales(line('date: "2026-01-05", quantity: 1, bogus: 2')))).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[0].bogus' }]);
  expect(await errorsOf(recordSales(line('date: "2026-01-05", quantity: null')))).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' }]);
  expect(await errorsOf('{ purchaseOrders(first: "ten") { totalCount } }')).toEqual([{ code: 'BAD_USER_INPUT', field: 'first' }]);
  // A mistake in the query itself (an unknown field) stays a validation failure.
  expect(await errorsOf('{ purchaseOrders(first: 10) { nope } }')).toEqual([{ code: 'GRAPHQL_VALIDATION_FAILED' }]);
});

it('names the argument, not the variable, when a variable of another name carries the bad value', async () => {
  const lines = [{ itemId: ITEM, locationId: LOCATION, date: '2026-01-05', quantity: 1 }, { itemId: ITEM, locationId: LOCATION, date: '2026-01-05', quantity: -0.5 }];
  expect(await errorsOf('mutation ($sales: RecordSalesInput!) { recordSales(input: $sales) }', { sales: { lines } })).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[1].quantity' }]);
  expect(await errorsOf('mutation ($l: [SalesLineInput!]!) { recordSales(input: { lines: $l }) }', { l: lines })).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[1].quantity' }]);
  expect(await errorsOf('mutation ($input: RecordSalesInput!) { recordSales(input: $input) }', { input: { lines: [{ itemId: ITEM, locationId: LOCATION, date: '2026-01-05' }] } })).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' }]);
});

/** One operation over graphql-ws, its errors' extensions as the client receives them. */
async function overWebSocket(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  try {
    const errors = await new Promise<{ extensions?: Record<string, unknown> }[]>((resolve, reject) => {
      client.subscribe(
        { query, variables, operationName },
        { next: (r) => r.errors && resolve(r.errors as never), error: (err) => (Array.isArray(err) ? resolve(err) : reject(err)), complete: () => resolve([]) },
      );
    });
    return errors.map((e) => e.extensions);
  } finally {
    await client.dispose();
  }
}

it('answers the same over WebSocket', async () => {
  expect(await overWebSocket(recordSales(line('date: "2026-02-30", quantity: 1')))).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[0].date' }]);
});

it('names the argument of the operation that runs, and a bad default where its variable is passed', async () => {
  const twoOperations = `query A($input: ShortageRiskFilter) { shortageRisks(filter: $input) { totalCount } }
    mutation B($input: RecordSalesInput!) { recordSales(input: $input) }`;
  const variables = { input: { lines: [{ itemId: ITEM, locationId: LOCATION, date: '2026-01-05', quantity: 'x' }] } };
  const http = await server.raw({ query: twoOperations, variables, operationName: 'B' }, { authorization: `Bearer ${token}` });
  expect(http.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' }]);
  expect(await overWebSocket(twoOperations, variables, 'B')).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' }]);
  const badDefault = 'query ($d: Date = "2026-02-30") { kpis(from: $d, to: "2026-01-01") { key } }';
  expect(await errorsOf(badDefault)).toEqual([{ code: 'BAD_USER_INPUT', field: 'from' }]);
  expect(await overWebSocket(badDefault)).toEqual([{ code: 'BAD_USER_INPUT', field: 'from' }]);
  const badDefaultInside = `mutation ($l: [SalesLineInput!]! = [${line('date: "2026-01-05", quantity: 1')}, ${line('date: "2026-01-05", quantity: "two"')}]) { recordSales(input: { lines: $l }) }`;
  expect(await errorsOf(badDefaultInside)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[1].quantity' }]);
});

it('takes the field only from the path graphql-js names, not from text inside the value sent', async () => {
  const sneaky = await errorsOf('mutation ($i: RecordSalesInput!) { recordSales(input: $i) }', { i: { lines: [], 'x at "pwn" y': 1 } });
  expect(sneaky).toEqual([{ code: 'BAD_USER_INPUT', field: 'input' }]);
  const node = await errorsOf('query ($n: ID!) { node(id: $n) { id } }', { n: { 'x at "pwn': 1 } });
  expect(node).toEqual([{ code: 'BAD_USER_INPUT', field: 'id' }]);
});

it('answers a document with no operation to run as BAD_REQUEST, over HTTP and WebSocket, never a 500', async () => {
  const two = 'query A { me { id } } query B { me { id } }';
  for (const operationName of [undefined, 'C']) {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: two, operationName }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['BAD_REQUEST']);
    expect(body.errors[0].message).toMatch(operationName ? /Unknown operation named "C"/ : /operation name/);
    expect(await overWebSocket(two, undefined, operationName)).toEqual([{ code: 'BAD_REQUEST' }]);
  }
});

it('finds the field of one bad value in a large document without reading it again, and stops reading a document past MAX_QUERY_TOKENS', async () => {
  const timed = async (query: string) => {
    const started = performance.now();
    const result = await server.raw({ query });
    return { ms: performance.now() - started, result };
  };
  let run = 0; // each document new to the server (a valid one would be served from Apollo's cache of parsed documents)
  const query = (n: number, last: string) => `{ r${run++}: shortageRisks(filter: { levels: [${[...Array.from({ length: n - 1 }, () => 'OK'), last].join(',')}] }) { totalCount } }`;
  const n = 9_500; // under the default 10,000 tokens (the list's own bound, 100, is checked when it runs: after parsing and validation)
  await timed(query(n, 'OK')); // warm
  const valid = await timed(query(n, 'OK'));
  const bad = await timed(query(n, 'NOPE'));
  expect(bad.result.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: `filter.levels[${n - 1}]` }]);
  // Before: the formatter parsed and indexed the whole document again (for 120,000 values, about 1.1 s more than a valid one).
  expect(bad.ms).toBeLessThan(valid.ms * 1.5 + 100);
  // 120,000 values (0.36 MB, within an anonymous caller's body limit): refused once the tokens run over, anonymous
  // or not (a signed-in caller's document over the limit must be a bulk mutation).
  const huge = await timed(query(120_000, 'OK'));
  expect(huge.result.status).toBe(400);
  expect(huge.result.errors!.map((e) => e.extensions?.code)).toEqual(['BAD_REQUEST']);
  expect(huge.result.errors![0].message).toMatch(/more than 10000 tokens \(MAX_QUERY_TOKENS\); send bulk data in variables/);
  const signedIn = await server.raw({ query: query(120_000, 'OK') }, { authorization: `Bearer ${token}` });
  expect(signedIn.errors!.map((e) => e.extensions?.code)).toEqual(['BAD_REQUEST']);
  console.log(`${n} literal values: valid ${valid.ms.toFixed(0)} ms, one bad ${bad.ms.toFixed(0)} ms; 120,000 refused in ${huge.ms.toFixed(0)} ms`);
  expect(huge.ms).toBeLessThan(valid.ms + 100);
}, 60_000);

it('names a non-null argument given null through a variable (a default does not apply to an explicit null), over HTTP and WebSocket', async () => {
  const query = 'query ($f: Int = 2) { purchaseOrders(first: $f) { edges { node { id } } } }';
  expect(await errorsOf(query, { f: null })).toEqual([{ code: 'BAD_USER_INPUT', field: 'first' }]);
  expect(await overWebSocket(query, { f: null })).toEqual([{ code: 'BAD_USER_INPUT', field: 'first' }]);
});
