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

it('answers the same over WebSocket', async () => {
  const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  try {
    const errors = await new Promise<{ extensions?: Record<string, unknown> }[]>((resolve, reject) => {
      client.subscribe(
        { query: recordSales(line('date: "2026-02-30", quantity: 1')) },
        { next: (r) => r.errors && resolve(r.errors as never), error: (err) => (Array.isArray(err) ? resolve(err) : reject(err)), complete: () => resolve([]) },
      );
    });
    expect(errors.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.lines[0].date' }]);
  } finally {
    await client.dispose();
  }
});
