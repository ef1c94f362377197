import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { AlertStreamDocument, MeDocument } from '../../src/sdk/generated/graphql';
import { signUp } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * WebSocket limits (DESIGN.md "Bounds"): operations per connection,
 * connections per credential, a short life for unauthenticated connections,
 * and production's validation rules over graphql-ws. The defaults (100, 50)
 * are tested as they are; the 3 s authentication time is shortened here
 * (test/unit/config.test.ts checks the defaults).
 */

const AUTH_TIMEOUT_MS = 800;

let server: TestServer;
const clients: Client[] = [];
beforeAll(async () => {
  server = await startTestServer({ WS_AUTH_TIMEOUT_MS: String(AUTH_TIMEOUT_MS) });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server.close();
});

type Closed = { code: number; reason: string };

/** A graphql-ws client that connects at once; `opened` resolves when acknowledged, `closed` when the server closes it. */
function connect(authorization: string | undefined, url = server.wsUrl) {
  let onOpened!: () => void;
  let onClosed!: (event: Closed) => void;
  const opened = new Promise<void>((resolve) => (onOpened = resolve));
  const closed = new Promise<Closed>((resolve) => (onClosed = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: { connected: () => onOpened(), closed: (event) => onClosed(event as Closed) },
  });
  clients.push(client);
  return { client, opened, closed };
}

type Result = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

/** Runs one operation to its end; errors sent as an error message resolve as { errors }. */
const run = (client: Client, query: string, variables?: Record<string, unknown>) =>
  new Promise<Result>((resolve) => {
    let result: Result = {};
    client.subscribe(
      { query, variables },
      {
        next: (value) => (result = value as Result),
        error: (errors) => resolve({ errors: Array.isArray(errors) ? errors : [{ message: String(errors) }] }),
        complete: () => resolve(result),
      },
    );
  });

describe('subscriptions per connection', () => {
  it('refuses the 101st open operation on one connection with BAD_USER_INPUT, and accepts one again when another completes', async () => {
    const account = await signUp(server, 'RETAILER');
    const { client, opened } = connect(`Bearer ${account.token}`);
    await opened;
    const errors: unknown[][] = Array.from({ length: 101 }, () => []);
    const unsubscribe = Array.from({ length: 101 }, (_, i) =>
      client.subscribe(
        { query: print(AlertStreamDocument), variables: { after: null, types: null } },
        { next: () => undefined, error: (err) => errors[i].push(err), complete: () => undefined },
      ),
    );
    await waitUntil(() => errors[100].length > 0);
    const [refusal] = errors[100][0] as { message: string; extensions?: { code?: string } }[];
    expect(refusal.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refusal.message).toMatch(/at most 100/);
    expect(errors.slice(0, 100).flat()).toEqual([]);

    // A query counts as an open operation while it runs: refused too, until a subscription ends.
    const refused = await run(client, print(MeDocument));
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    unsubscribe[0]();
    await waitUntil(async () => !(await run(client, print(MeDocument))).errors);
    const me = await run(client, print(MeDocument));
    expect(me.data).toEqual({ me: expect.objectContaining({ email: account.email }) });
    unsubscribe.forEach((stop) => stop());
  });
});

describe('connections per credential', () => {
  it('closes the 51st connection of one credential with 1008, leaves other credentials alone, and lets one in when another leaves', async () => {
    const account = await signUp(server, 'SUPPLIER');
    const other = await signUp(server, 'SUPPLIER');
    const fifty = Array.from({ length: 50 }, () => connect(`Bearer ${account.token}`));
    await Promise.all(fifty.map((c) => c.opened));

    const extra = connect(`Bearer ${account.token}`);
    const closed = await extra.closed;
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(/too many connections for this credential: at most 50/i);

    const otherCredential = connect(`Bearer ${other.token}`);
    await otherCredential.opened;
    expect((await run(otherCredential.client, print(MeDocument))).data).toBeTruthy();

    await fifty[0].client.dispose();
    await waitUntil(async () => {
      const again = connect(`Bearer ${account.token}`);
      const outcome = await Promise.race([again.opened.then(() => 'open'), again.closed.then(() => 'closed')]);
      if (outcome === 'closed') return false;
      expect((await run(again.client, print(MeDocument))).data).toBeTruthy();
      return true;
    });
    await Promise.all(fifty.map((c) => c.client.dispose()));
  });
});

describe('unauthenticated connections', () => {
  it('closes a socket that sends no connection_init with 4408 after the authentication time', async () => {
    const started = Date.now();
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    const closed = await new Promise<Closed>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    const elapsed = Date.now() - started;
    expect(closed.code).toBe(4408);
    expect(elapsed).toBeGreaterThanOrEqual(AUTH_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(AUTH_TIMEOUT_MS + 1500);
  });

  it('closes an acknowledged socket without a credential with 4401 after the authentication time', async () => {
    const started = Date.now();
    const anonymous = connect(undefined);
    await anonymous.opened;
    // Meanwhile it may still ask (and be told to authenticate).
    expect((await run(anonymous.client, print(MeDocument))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const closed = await anonymous.closed;
    const elapsed = Date.now() - started;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/unauthenticated connections close after 0.8 s/i);
    expect(elapsed).toBeGreaterThanOrEqual(AUTH_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(AUTH_TIMEOUT_MS + 1500);
  });

  it('keeps an authenticated socket open past the authentication time', async () => {
    const account = await signUp(server, 'RETAILER');
    const authed = connect(`Bearer ${account.token}`);
    await authed.opened;
    await new Promise((resolve) => setTimeout(resolve, AUTH_TIMEOUT_MS * 2));
    expect((await run(authed.client, print(MeDocument))).data).toEqual({ me: expect.objectContaining({ email: account.email }) });
  });
});

describe('validation rules in production', () => {
  let production: TestServer;
  const siblings: TestServer[] = [];
  afterAll(() => Promise.all(siblings.map((s) => s.close())));
  beforeAll(async () => {
    // The default authentication time, so anonymous sockets live through the checks.
    production = await server.sibling({ NODE_ENV: 'production', WS_AUTH_TIMEOUT_MS: '3000' });
  });
  afterAll(() => production.close());

  it('refuses introspection and gives no suggestions over WebSocket, anonymous or not', async () => {
    const account = await signUp(server, 'RETAILER');
    for (const authorization of [undefined, `Bearer ${account.token}`]) {
      const { client, opened } = connect(authorization, production.wsUrl);
      await opened;
      const introspection = await run(client, '{ __schema { types { name } } }');
      expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
      expect(introspection.data).toBeUndefined();
      const typeQuery = await run(client, '{ __type(name: "Item") { fields { name } } }');
      expect(typeQuery.errors?.[0]?.message).toMatch(/introspection/i);

      const typo = await run(client, '{ itemz { totalCount } }');
      expect(typo.errors?.[0]?.message).toMatch(/Cannot query field "itemz"/);
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
      const enumTypo = await run(client, 'mutation { signUp(input: { organizationName: "X", kind: RETAILR, email: "x@example.test", password: "long enough password" }) { token } }');
      expect(enumTypo.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(enumTypo.errors)).not.toMatch(/Did you mean|RETAILER/);
      await client.dispose();
    }
  });

  it('still answers __typename and suggests in development (the same server code)', async () => {
    const { client, opened } = connect(undefined, production.wsUrl);
    await opened;
    expect((await run(client, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    await client.dispose();
    const dev = connect(undefined, (await server.sibling({ WS_AUTH_TIMEOUT_MS: '3000' }).then((s) => (siblings.push(s), s))).wsUrl);
    await dev.opened;
    expect((await run(dev.client, '{ itemz { totalCount } }')).errors?.[0]?.message).toMatch(/Did you mean/);
    expect((await run(dev.client, '{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
