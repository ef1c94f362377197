import { Writable } from 'node:stream';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createItem, createOrder, inDays, sourcingRule, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { subscribeAlerts, type AlertSubscription } from '../support/ws-client';

/**
 * Operations (issue 15, point 6): Prometheus metrics at /metrics, a request
 * id on every log line of a request and in the X-Request-Id header, and an
 * operation line that says what ran even when the client named nothing.
 */
const lines: string[] = [];
let server: TestServer;
let subscription: AlertSubscription | undefined;
beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  server = await startTestServer({ LOG_LEVEL: 'debug' }, undefined, { logTo: stream });
});
afterAll(async () => {
  await subscription?.stop();
  await server.close();
});

const base = () => server.url.replace(/\/graphql$/, '');

/** The value of one series in Prometheus's text format (NaN when absent). */
async function metric(name: string, labels = ''): Promise<number> {
  const res = await fetch(`${base()}/metrics`);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  const text = await res.text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ').pop()) : NaN;
}

it('counts operations by type and first root field, errors by code, open subscriptions, alert delivery lag and pool use', async () => {
  const pair = await tradingPair(server);
  const before = (await metric('shortstop_graphql_request_duration_seconds_count', 'operation="query me"')) || 0;
  await server.raw({ query: 'query Anything { me { id } }' }, { authorization: `Bearer ${pair.retailer.token}` });
  await server.raw({ query: '{ me { id } }' }, { authorization: `Bearer ${pair.retailer.token}` });
  expect(await metric('shortstop_graphql_request_duration_seconds_count', 'operation="query me"')).toBe(before + 2);

  const invalid = (await metric('shortstop_graphql_errors_total', 'code="GRAPHQL_VALIDATION_FAILED"')) || 0;
  await server.raw({ query: '{ nope }' }, { authorization: `Bearer ${pair.retailer.token}` });
  expect(await metric('shortstop_graphql_errors_total', 'code="GRAPHQL_VALIDATION_FAILED"')).toBe(invalid + 1);

  subscription = subscribeAlerts(server.wsUrl, pair.supplier.token);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await metric('shortstop_alert_subscriptions')).toBe(1);
  const delivered = (await metric('shortstop_alert_delivery_lag_seconds_count')) || 0;
  await createOrder(server, pair, [{ quantity: 5 }]);
  await subscription.waitFor(1);
  expect(await metric('shortstop_alert_delivery_lag_seconds_count')).toBeGreaterThan(delivered);

  expect(await metric('shortstop_db_pool_connections', 'state="used"')).toBeGreaterThanOrEqual(0);
  expect(await metric('shortstop_db_pool_connections', 'state="pending"')).toBe(0);
  expect(await metric('nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
});

it('answers X-Request-Id (the client\'s own when it is a plain token) and writes it on every line logged for the request', async () => {
  const pair = await tradingPair(server);
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${pair.retailer.token}`, 'x-request-id': 'edi-batch-42' },
    body: JSON.stringify({ query: '{ purchaseOrders(first: 1) { totalCount } }' }),
  });
  expect(res.headers.get('x-request-id')).toBe('edi-batch-42');
  await res.json();
  const mine = lines.map((l) => JSON.parse(l) as { requestId?: string; msg: string; operation?: string }).filter((l) => l.requestId === 'edi-batch-42');
  // The operation's line, and the SQL statements it ran (debug level).
  expect(mine.find((l) => l.msg === 'graphql operation')).toMatchObject({ operation: 'query purchaseOrders' });
  expect(mine.filter((l) => l.msg === 'sql statement').length).toBeGreaterThanOrEqual(2);

  const hostile = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'not a token; '.repeat(10) }, body: '{"query":"{ __typename }"}' });
  expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

it('writes "<connection id>/<operation id>" as the requestId of lines logged for an operation over WebSocket', async () => {
  const pair = await tradingPair(server);
  const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${pair.retailer.token}` }, retryAttempts: 0 });
  const before = lines.length;
  await new Promise<void>((resolve, reject) =>
    client.subscribe({ query: '{ purchaseOrders(first: 1) { totalCount } }' }, { next: () => undefined, error: reject, complete: resolve }),
  );
  await client.dispose();
  const ids = lines.slice(before).map((l) => (JSON.parse(l) as { requestId?: string; msg: string })).filter((l) => l.msg === 'sql statement').map((l) => l.requestId);
  expect(ids.length).toBeGreaterThanOrEqual(2);
  expect(new Set(ids).size).toBe(1);
  expect(ids[0]).toMatch(/^[0-9a-f-]{36}\/.+$/);
});

it('records WebSocket operations as HTTP ones: a "graphql operation" line with <connection id>/<operation id>, duration and error counts', async () => {
  const pair = await tradingPair(server);
  const count = () => metric('shortstop_graphql_request_duration_seconds_count', 'operation="query purchaseOrders"').then((n) => n || 0);
  const durations = await count();
  const badInput = (await metric('shortstop_graphql_errors_total', 'code="BAD_USER_INPUT"')) || 0;
  const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${pair.retailer.token}` }, retryAttempts: 0 });
  const before = lines.length;
  await new Promise<void>((resolve, reject) =>
    client.subscribe({ query: 'query Few { purchaseOrders(first: 1) { totalCount } }', operationName: 'Few' }, { next: () => undefined, error: reject, complete: resolve }),
  );
  // A variable the server refuses: answered BAD_USER_INPUT, logged and counted too.
  await new Promise<void>((resolve) =>
    client.subscribe({ query: 'query ($first: Int!) { purchaseOrders(first: $first) { totalCount } }', variables: { first: 'x' } }, { next: () => undefined, error: () => resolve(), complete: resolve }),
  );
  await client.dispose();
  const logged = lines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'graphql operation');
  expect(logged).toEqual([
    expect.objectContaining({ operation: 'query purchaseOrders', operationName: 'Few', transport: 'websocket', organizationId: pair.retailer.orgId, requestId: expect.stringMatching(/^[0-9a-f-]{36}\/.+$/) }),
    expect.objectContaining({ transport: 'websocket', errorCodes: ['BAD_USER_INPUT'], requestId: expect.stringMatching(/^[0-9a-f-]{36}\/.+$/) }),
  ]);
  expect(await count()).toBe(durations + 1);
  expect(await metric('shortstop_graphql_errors_total', 'code="BAD_USER_INPUT"')).toBe(badInput + 1);
});

it('logs and counts a request refused as a potential CSRF (BAD_REQUEST), and redacts every credential header on the request line', async () => {
  const pair = await tradingPair(server);
  const refused = (await metric('shortstop_graphql_errors_total', 'code="BAD_REQUEST"')) || 0;
  const before = lines.length;
  // A GET without a preflight header: Apollo refuses it before any operation starts.
  const res = await fetch(`${base()}/graphql?query=${encodeURIComponent('{ me { id } }')}`, { headers: { cookie: 'session=secret-cookie' } });
  expect(res.status).toBe(400);
  expect(await metric('shortstop_graphql_errors_total', 'code="BAD_REQUEST"')).toBe(refused + 1);
  const line = lines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'graphql operation');
  expect(line).toMatchObject({ operation: 'unparsed', errorCodes: ['BAD_REQUEST'], requestId: res.headers.get('x-request-id') });

  // pino-http's line of a request it logs (anything but /graphql and the probes) shows no credential header.
  const logged = lines.length;
  await fetch(`${base()}/portal/`, { headers: { cookie: 'session=secret-cookie', 'x-api-key': 'ss_secret-key', authorization: `Bearer ${pair.retailer.token}` } });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const text = lines.slice(logged).join('\n');
  expect(text).toContain('request completed');
  expect(text).not.toContain('secret-cookie');
  expect(text).not.toContain('ss_secret-key');
  expect(text).not.toContain(pair.retailer.token);
});

// Last: statements that run after the confirmations' commits, logged with their requests' ids, must not land in the
// windows of the tests above that read the log (seen: a WebSocket test's, two tests later).
it('counts the single confirmations group commit wrote per batch (shortstop_confirmation_batch_size)', async () => {
  const pair = await tradingPair(server);
  const lines: string[] = [];
  for (let i = 0; i < 6; i++) {
    const item = await createItem(server, pair.retailer.token);
    await sourcingRule(server, pair.retailer.token, { itemId: item.id, supplierId: pair.supplier.orgId });
    lines.push((await createOrder(server, { ...pair, item }, [{ quantity: 10, requestedDate: inDays(6) }])).lines[0].id);
  }
  const [count, sum] = [(await metric('shortstop_confirmation_batch_size_count')) || 0, (await metric('shortstop_confirmation_batch_size_sum')) || 0];
  const confirm = 'mutation($input: ConfirmPurchaseOrderLineInput!) { confirmPurchaseOrderLine(input: $input) { id } }';
  const results = await Promise.all(
    lines.map((lineId) => server.raw({ query: confirm, variables: { input: { lineId, schedule: [{ quantity: 10, deliveryDate: inDays(6) }] } } }, { authorization: `Bearer ${pair.supplier.token}` })),
  );
  expect(results.map((r) => r.errors ?? null)).toEqual(lines.map(() => null));
  // Every confirmation is in one committed batch; the six in fewer than six.
  expect(await metric('shortstop_confirmation_batch_size_sum')).toBe(sum + 6);
  const batches = (await metric('shortstop_confirmation_batch_size_count')) - count;
  expect(batches).toBeGreaterThanOrEqual(1);
  expect(batches).toBeLessThan(6);
});
