import { ItemsDocument, MeDocument, SourcingRulesDocument, UpsertSourcingRuleDocument } from '../../src/sdk/generated/graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createItem, expectError, signUp, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let production: TestServer;
beforeAll(async () => {
  [server, production] = await Promise.all([startTestServer(), startTestServer({ NODE_ENV: 'production', MAX_QUERY_DEPTH: '4' })]);
});
afterAll(() => Promise.all([server.close(), production.close()]));

describe('transport hygiene', () => {
  it('answers malformed JSON with a 400 JSON error and no stack trace', async () => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ errors: [{ message: 'Malformed JSON body', extensions: { code: 'BAD_REQUEST' } }] });
    expect(body).not.toMatch(/at .*\.js/);
  });

  it('serves /healthz and /readyz', async () => {
    const base = server.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ database: 'reachable' });
  });

  it('never returns stack traces in GraphQL errors', async () => {
    const result = await server.raw({ query: '{ me { id } }' }, { authorization: 'Bearer sst_nope' });
    expect(JSON.stringify(result)).not.toMatch(/stacktrace|\.ts:\d+/);
  });
});

describe('query limits (every mode)', () => {
  it('refuses queries deeper than the limit with a clear error', async () => {
    const deep = `{ partnerships { retailer { id } } items { edges { node { id } } } }`;
    const { token } = await signUp(production, 'RETAILER');
    const ok = await production.raw({ query: deep }, { authorization: `Bearer ${token}` });
    expect(ok.errors).toBeUndefined();
    const tooDeep = `{ inventory { edges { node { item { id } } } } }`;
    const refused = await production.raw({ query: tooDeep }, { authorization: `Bearer ${token}` });
    expect(refused.status).toBe(200); // answered as application/json (no Accept header): the error is in the body
    expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors?.[0]?.message).toMatch(/depth limit of 4 exceeded, found 5/i);
  });

  it('refuses too costly queries and too many aliases', async () => {
    const { token } = await signUp(server, 'RETAILER');
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ');
    const refused = await server.raw({ query: `{ ${aliases} }` }, { authorization: `Bearer ${token}` });
    expect(refused.errors?.[0]?.message).toMatch(/aliases/i);
    const costly = Array.from({ length: 25 }, (_, i) => `i${i}: items(first: 500) { edges { node { id sku name unitPrice } } }`).join(' ');
    // 25 aliases stay under the alias limit (30), so the cost rule is what refuses this.
    const tooCostly = await server.raw({ query: `{ ${costly} }` }, { authorization: `Bearer ${token}` });
    expect(tooCostly.errors?.length).toBeGreaterThan(0);
    expect(tooCostly.errors?.[0]?.message).toMatch(/cost limit of \d+ exceeded/i);
  });

  it('counts each list by its first, from the query, its variables or the default (five 500-line forecasts are refused)', async () => {
    const { token } = await signUp(server, 'RETAILER');
    const auth = { authorization: `Bearer ${token}` };
    const lines = 'edges { node { item { id sku } location { id code } periodStart periodDays quantity version } }';
    const forecasts = (n: number, args = '') => `{ ${Array.from({ length: n }, (_, i) => `f${i}: forecast${args} { ${lines} }`).join(' ')} }`;
    // The default page (500): five aliases are refused before anything runs, with the validation code
    // (400 as application/graphql-response+json; this client asks for it).
    const refused = await server.raw({ query: forecasts(5) }, { ...auth, accept: 'application/graphql-response+json' });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors?.[0]?.message).toMatch(/cost limit of 20000 exceeded, found 27510/i);
    // Small pages of the same shape pass.
    expect((await server.raw({ query: forecasts(5, '(first: 50)') }, auth)).errors).toBeUndefined();
    // A variable counts as the value sent, not as its declared default.
    const variable = `query F($n: Int = 1) ${forecasts(5, '(first: $n)')}`;
    expect((await server.raw({ query: variable }, auth)).errors).toBeUndefined();
    expect((await server.raw({ query: variable, variables: { n: 500 } }, auth)).errors?.[0]?.message).toMatch(/cost limit of \d+ exceeded/i);
    // A plain list paged by first is counted by it too; a first beyond the largest page is the field's to refuse (BAD_USER_INPUT on first).
    const rules = (first: number) => `{ ${Array.from({ length: 10 }, (_, i) => `r${i}: sourcingRules(first: ${first}) { id item { id sku name } supplier { id name } priority unitCost }`).join(' ')} }`;
    expect((await server.raw({ query: rules(500) }, auth)).errors?.[0]?.message).toMatch(/cost limit of \d+ exceeded/i);
    expect((await server.raw({ query: rules(100) }, auth)).errors).toBeUndefined();
    expectError(await server.gql(ItemsDocument, { first: 100_000 }, token), 'BAD_USER_INPUT', 'first');
  });

  it('applies the same cost rule over WebSocket, with the message\'s variables', async () => {
    const { token } = await signUp(server, 'RETAILER');
    const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const run = (query: string, variables?: Record<string, unknown>) =>
      new Promise<unknown[]>((resolve) => {
        const errors: unknown[] = [];
        client.subscribe({ query, variables }, { next: (r) => errors.push(...(r.errors ?? [])), error: (e) => resolve([...errors, ...(Array.isArray(e) ? e : [e])]), complete: () => resolve(errors) });
      });
    try {
      const query = `query F($n: Int) { ${Array.from({ length: 5 }, (_, i) => `f${i}: forecast(first: $n) { edges { node { item { id sku } location { id code } periodStart quantity } } }`).join(' ')} }`;
      expect(JSON.stringify(await run(query, { n: 500 }))).toMatch(/cost limit of \d+ exceeded/i);
      expect(await run(query, { n: 20 })).toEqual([]);
    } finally {
      await client.dispose();
    }
  });
});

describe('production mode', () => {
  it('turns off introspection and field suggestions', async () => {
    const introspection = await production.raw({ query: '{ __schema { types { name } } }' });
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    const { token } = await signUp(production, 'RETAILER');
    const typo = await production.raw({ query: '{ itemz { totalCount } }' }, { authorization: `Bearer ${token}` });
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const devTypo = await server.raw({ query: '{ itemz { totalCount } }' });
    expect(devTypo.errors?.[0]?.message).toMatch(/Did you mean/);
  });
});

describe('SQL statements per request', () => {
  it('lists items in a constant number of statements, whatever the page size', async () => {
    const { retailer } = await tradingPair(server);
    for (let i = 0; i < 99; i++) await createItem(server, retailer.token);
    const count = async (first: number) => {
      server.statements.length = 0;
      const { items } = await server.ok(ItemsDocument, { first }, retailer.token);
      expect(items.edges).toHaveLength(first);
      return server.statementsBesideCredentials().length;
    };
    const five = await count(5);
    const hundred = await count(100);
    expect(hundred).toBe(five);
    // page + totalCount, and the request's transaction: begin, enter the scope, commit
    expect(hundred).toBeLessThanOrEqual(2 + 3);
  });

  it('resolves nested objects of 100 sourcing rules with batched loaders', async () => {
    const { retailer, supplier } = await tradingPair(server);
    const measure = async () => {
      server.statements.length = 0;
      const { sourcingRules } = await server.ok(SourcingRulesDocument, {}, retailer.token);
      return { rules: sourcingRules.length, statements: server.statementsBesideCredentials().length };
    };
    const few = await measure();
    for (let i = 0; i < 99; i++) {
      const item = await createItem(server, retailer.token);
      await server.ok(UpsertSourcingRuleDocument, { input: { itemId: item.id, supplierId: supplier.orgId, priority: 1, quotedLeadTimeDays: 2, unitCost: '1' } }, retailer.token);
    }
    const many = await measure();
    expect(many.rules).toBe(100);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(3 + 3); // rules, items, organizations; begin, scope, commit
  });
});

it('still knows who is calling after all that', async () => {
  const account = await signUp(server, 'SUPPLIER');
  expect((await server.ok(MeDocument, {}, account.token)).me.organization.kind).toBe('SUPPLIER');
  expectError(await server.gql(MeDocument, {}, 'ssk_revoked-or-unknown'), 'UNAUTHENTICATED');
});
