import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { AlertStreamError, subscribeAlerts, type StreamedAlert } from '../../packages/client/src';
import { AlertStreamDocument } from '../../src/sdk/generated/graphql';
import { createOrder, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The client package's alert stream when reconnecting cannot help (review of
 * issue 15, point 2): the server gives WebSocket validation and variable
 * errors the contract's codes, the client stops on them at once, and its
 * waits between reconnections do not start over on every connection.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** One operation over graphql-ws, its errors as the client receives them. */
async function errorsOf(token: string, query: string, variables: Record<string, unknown>) {
  const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  try {
    return await new Promise<{ message: string; extensions?: Record<string, unknown> }[]>((resolve, reject) => {
      client.subscribe(
        { query, variables },
        {
          next: (result) => result.errors && resolve(result.errors as never),
          error: (err) => (Array.isArray(err) ? resolve(err) : reject(err)),
          complete: () => resolve([]),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

it('answers WebSocket parse, validation and variable errors with the codes HTTP gives them', async () => {
  const pair = await tradingPair(server);
  const query = print(AlertStreamDocument);
  const badType = await errorsOf(pair.supplier.token, query, { after: null, types: ['PURCHASE_ORDER_ISSUEDX'] });
  expect(badType.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'types[0]' }]);
  const unknownField = await errorsOf(pair.supplier.token, 'subscription { alerts { nope } }', {});
  expect(unknownField.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  const unparsed = await errorsOf(pair.supplier.token, 'subscription {', {});
  expect(unparsed.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
  // The same variable error on a query over the socket.
  const badFirst = await errorsOf(pair.supplier.token, 'query ($first: Int!) { purchaseOrders(first: $first) { totalCount } }', { first: 'x' });
  expect(badFirst.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
});

it('stops with AlertStreamError(BAD_USER_INPUT) after one connection when the server refuses the types', async () => {
  const pair = await tradingPair(server);
  const statuses: string[] = [];
  const stream = subscribeAlerts({
    url: server.wsUrl,
    credential: pair.supplier.token,
    loadCursor: () => null,
    saveCursor: () => undefined,
    types: ['PURCHASE_ORDER_ISSUEDX' as never],
    webSocketImpl: WebSocket,
    minRetryMs: 10,
    onStatus: (status) => void statuses.push(status.state),
  });
  const error = await (async () => {
    try {
      for await (const _ of stream) throw new Error('no alert expected');
    } catch (err) {
      return err;
    }
  })();
  expect(error).toBeInstanceOf(AlertStreamError);
  expect((error as AlertStreamError).code).toBe('BAD_USER_INPUT');
  expect(statuses).toEqual(['connected']);
});

it('trims whitespace and a newline around a loaded cursor', async () => {
  const pair = await tradingPair(server);
  await createOrder(server, pair);
  const [first] = await server.query<{ cursor: string }>(`SELECT cursor::text AS cursor FROM alert WHERE organization_id = $1 ORDER BY cursor DESC LIMIT 1`, [pair.supplier.orgId]);
  await createOrder(server, pair);
  const seen: StreamedAlert[] = [];
  for await (const alert of subscribeAlerts({
    url: server.wsUrl,
    credential: pair.supplier.token,
    loadCursor: () => ` ${first.cursor}\n`,
    saveCursor: () => undefined,
    webSocketImpl: WebSocket,
  })) {
    seen.push(alert);
    break;
  }
  expect(BigInt(seen[0].cursor)).toBeGreaterThan(BigInt(first.cursor));
});

it('waits longer after each connection that drops at once: a connection alone does not start the waits over', async () => {
  // A server that acknowledges every connection and closes it as soon as the subscription arrives.
  const flaky = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'graphql-transport-ws' });
  let connections = 0;
  flaky.on('connection', (socket) =>
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      if (message.type !== 'connection_init') socket.close(1011, 'boom');
      // The sixth connection is refused for good (4403): the stream ends.
      else if (++connections > 5) socket.close(4403, 'revoked');
      else socket.send(JSON.stringify({ type: 'connection_ack' }));
    }),
  );
  await new Promise((resolve) => flaky.once('listening', resolve));
  const waits: number[] = [];
  try {
    const stream = subscribeAlerts({
      url: `ws://127.0.0.1:${(flaky.address() as AddressInfo).port}/graphql`,
      credential: 'x',
      loadCursor: () => null,
      saveCursor: () => undefined,
      webSocketImpl: WebSocket,
      minRetryMs: 20,
      maxRetryMs: 160,
      onStatus: (status) => void (status.state === 'disconnected' && waits.push(status.retryInMs)),
    });
    await expect((async () => {
      for await (const _ of stream) break;
    })()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Ceilings 20, 40, 80, 160, 160 ms: each wait is between half its ceiling and the ceiling.
    expect(waits).toHaveLength(5);
    expect(waits[3]).toBeGreaterThanOrEqual(80);
    expect(waits[4]).toBeGreaterThanOrEqual(80);
  } finally {
    for (const socket of flaky.clients) socket.terminate();
    flaky.close();
  }
});
