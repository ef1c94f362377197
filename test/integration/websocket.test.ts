import { createClient, type Client } from 'graphql-ws';
import { print } from 'graphql';
import WebSocket from 'ws';
import { ItemsDocument, MeDocument } from '../../src/sdk/generated/graphql';
import { createItem, signUp } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/** graphql-ws shares the HTTP server's port and path, with the same auth and limits. */
let server: TestServer;
const clients: Client[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server.close();
});

function connect(authorization?: string, onClosed?: (event: { code: number; reason: string }) => void): Client {
  const client = createClient({
    url: server.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: false,
    // The close is asserted through on.closed; the default handler would print it.
    onNonLazyError: () => undefined,
    on: { closed: (event) => onClosed?.(event as { code: number; reason: string }) },
  });
  clients.push(client);
  return client;
}

const run = <T>(client: Client, query: string, variables?: Record<string, unknown>) =>
  new Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>((resolve, reject) => {
    let result: { data?: T } = {};
    client.subscribe<T>({ query, variables }, { next: (value) => (result = value as typeof result), error: reject, complete: () => resolve(result) });
  });

it('runs queries over graphql-ws as the connecting caller', async () => {
  const account = await signUp(server, 'RETAILER');
  await createItem(server, account.token, { sku: 'WS-1' });
  const client = connect(`Bearer ${account.token}`);
  const me = await run<{ me: { email: string } }>(client, print(MeDocument));
  expect(me.data?.me.email).toBe(account.email);
  const items = await run<{ items: { edges: { node: { sku: string } }[] } }>(client, print(ItemsDocument));
  expect(items.data?.items.edges.map((e) => e.node.sku)).toEqual(['WS-1']);
});

it('closes the socket with 4401 for an invalid credential', async () => {
  const closed = new Promise<{ code: number }>((resolve) => connect('Bearer sst_forged', resolve));
  expect((await closed).code).toBe(4401);
});

it('answers UNAUTHENTICATED to an anonymous socket asking for data', async () => {
  const client = connect();
  const result = await run(client, print(MeDocument)).catch((errors: { extensions?: { code?: string } }[]) => ({ errors }));
  expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});
