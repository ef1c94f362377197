import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import {
  ConfirmPurchaseOrderLineDocument,
  CreateItemDocument,
  CreatePurchaseOrderDocument,
  ItemDocument,
  LoginDocument,
  PublishForecastDocument,
  ShortageRisksDocument,
  SignUpDocument,
  UpsertInventoryDocument,
  UpsertItemsDocument,
  UpsertSourcingRuleDocument,
} from '../../src/sdk/generated/graphql';
import { BODY_LIMIT_BYTES } from '../../src/server/body-limit';
import { createOrder, expectError, inDays, PASSWORD, signUp, tradingPair, unique } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { subscribeAlerts } from '../support/ws-client';

const execFileAsync = promisify(execFile);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const MB = 1024 * 1024;
const yearsFromNow = (years: number) => `${new Date().getUTCFullYear() + years}-06-15`;
const count = async (sql: string, params: unknown[]) => Number((await server.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params))[0].n);

describe('text at the schema edge: NUL, lone surrogates, lengths', () => {
  it('refuses a NUL byte in login\'s email with BAD_USER_INPUT on "email", as a literal or a variable (it used to reach PostgreSQL)', async () => {
    const literal = await server.raw({ query: 'mutation { login(email: "a\\u0000@b.c", password: "x") { token } }' });
    expect(literal.status).toBe(200);
    expectError(literal, 'BAD_USER_INPUT', 'email');
    expectError(await server.gql(LoginDocument, { email: 'a\u0000@b.c', password: 'x' }), 'BAD_USER_INPUT', 'email');
    expectError(await server.gql(LoginDocument, { email: 'a\uD800@b.c', password: 'x' }), 'BAD_USER_INPUT', 'email');
    expectError(await server.gql(LoginDocument, { email: `${'a'.repeat(250)}@b.cd`, password: 'x' }), 'BAD_USER_INPUT', 'email');
    expectError(await server.gql(LoginDocument, { email: 'a@b.c', password: 'x\u0000' }), 'BAD_USER_INPUT', 'password');
  });

  it('refuses bad text in signUp and writes nothing', async () => {
    const email = `${unique('bounds')}@example.test`.toLowerCase();
    const input = { organizationName: 'Fine name', kind: 'RETAILER' as const, email, password: PASSWORD };
    expectError(await server.gql(SignUpDocument, { input: { ...input, organizationName: 'Nul\u0000Corp' } }), 'BAD_USER_INPUT', 'input.organizationName');
    expectError(await server.gql(SignUpDocument, { input: { ...input, organizationName: 'n'.repeat(201) } }), 'BAD_USER_INPUT', 'input.organizationName');
    expectError(await server.gql(SignUpDocument, { input: { ...input, email: `${'e'.repeat(249)}@x.test` } }), 'BAD_USER_INPUT', 'input.email');
    expect(await count('app_user WHERE email = $1', [email])).toBe(0);
    expect(await count("organization WHERE name LIKE 'Nul%' OR name LIKE 'nnnn%'", [])).toBe(0);
  });

  it('refuses bad text in createItem and in one element of upsertItems, writing nothing', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const item = { sku: unique('SKU'), name: 'Widget', unitPrice: '1.00' };
    expectError(await server.gql(CreateItemDocument, { input: { ...item, name: 'x'.repeat(201) } }, retailer.token), 'BAD_USER_INPUT', 'input.name');
    expectError(await server.gql(CreateItemDocument, { input: { ...item, sku: 'SKU\uDC00' } }, retailer.token), 'BAD_USER_INPUT', 'input.sku');
    expectError(await server.gql(CreateItemDocument, { input: { ...item, name: 'Wid\u0000get' } }, retailer.token), 'BAD_USER_INPUT', 'input.name');
    const items = [item, { ...item, sku: unique('SKU'), name: 'second\u0000' }];
    expectError(await server.gql(UpsertItemsDocument, { input: { items } }, retailer.token), 'BAD_USER_INPUT', 'input.items[1].name');
    expect(await count('item WHERE retailer_id = $1', [retailer.orgId])).toBe(0);
    // An id is short: a 10 KB one is refused before any lookup.
    expectError(await server.gql(ItemDocument, { id: 'i'.repeat(10_000) }, retailer.token), 'BAD_USER_INPUT', 'id');
  });
});

describe('subscriptions over WebSocket', () => {
  it('check their arguments the same way', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const sub = subscribeAlerts(server.wsUrl, retailer.token, { after: '1\u00002' });
    try {
      await expect(sub.waitFor(1, 5_000)).rejects.toThrow(/subscription error/);
      expect(sub.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
    } finally {
      await sub.stop();
    }
  });
});

describe('numbers, money and dates at the schema edge', () => {
  it('refuses a bad element of a confirmation schedule, writing nothing', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(10) }]);
    const lineId = order.lines[0].id;
    const confirm = (schedule: { quantity: number; deliveryDate: string }[], idempotencyKey?: string) =>
      server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule, idempotencyKey } }, pair.supplier.token);
    expectError(await confirm([{ quantity: 50, deliveryDate: inDays(5) }, { quantity: 50, deliveryDate: yearsFromNow(11) }]), 'BAD_USER_INPUT', 'input.schedule[1].deliveryDate');
    expectError(await confirm([{ quantity: 50, deliveryDate: inDays(5) }, { quantity: -50, deliveryDate: inDays(6) }]), 'BAD_USER_INPUT', 'input.schedule[1].quantity');
    expectError(await confirm([{ quantity: 50, deliveryDate: inDays(5) }], 'key\u0000'), 'BAD_USER_INPUT', 'input.idempotencyKey');
    expect(await count('confirmation WHERE line_id = $1', [lineId])).toBe(0);
    expect(await count('schedule_line WHERE line_id = $1', [lineId])).toBe(0);
    // An order line dated 11 years out is refused too.
    const far = await server.gql(
      CreatePurchaseOrderDocument,
      { input: { supplierId: pair.supplier.orgId, shipToId: pair.location.id, lines: [{ itemId: pair.item.id, quantity: 1, requestedDate: yearsFromNow(11) }] } },
      pair.retailer.token,
    );
    expectError(far, 'BAD_USER_INPUT', 'input.lines[0].requestedDate');
  });

  it('refuses forecast quantities out of 0..1,000,000,000, writing nothing', async () => {
    const pair = await tradingPair(server);
    const line = (quantity: number, week: number) => ({ itemId: pair.item.id, locationId: pair.location.id, periodStart: inDays(7 * week), quantity });
    const publish = (lines: ReturnType<typeof line>[]) => server.gql(PublishForecastDocument, { input: { lines } }, pair.retailer.token);
    expectError(await publish([line(10, 0), line(1_000_000_001, 1)]), 'BAD_USER_INPUT', 'input.lines[1].quantity');
    expectError(await publish([line(-1, 0)]), 'BAD_USER_INPUT', 'input.lines[0].quantity');
    expectError(await publish([line(1, 0), { ...line(1, 1), periodStart: yearsFromNow(-11) }]), 'BAD_USER_INPUT', 'input.lines[1].periodStart');
    expect(await count('forecast_version WHERE retailer_id = $1', [pair.retailer.orgId])).toBe(0);
    expect((await publish([line(1_000_000_000, 0)])).errors).toBeUndefined();
  });

  it('refuses an inventory asOf more than an hour ahead, writing nothing', async () => {
    const pair = await tradingPair(server);
    const at = (asOf: Date) => ({ itemId: pair.item.id, locationId: pair.location.id, onHand: 5, asOf: asOf.toISOString() });
    const upsert = (positions: ReturnType<typeof at>[]) => server.gql(UpsertInventoryDocument, { input: { positions } }, pair.retailer.token);
    const refused = await upsert([at(new Date()), { ...at(new Date(Date.now() + 2 * 3600_000)), locationId: pair.location.id }]);
    expectError(refused, 'BAD_USER_INPUT', 'input.positions[1].asOf');
    expect(await count('inventory_position WHERE retailer_id = $1', [pair.retailer.orgId])).toBe(0);
    expect((await upsert([at(new Date(Date.now() + 30 * 60_000))])).errors).toBeUndefined();
  });

  it('keeps money within 0..1,000,000,000, and a price at the limit no longer breaks risk recomputes', async () => {
    const pair = await tradingPair(server); // unit price 9.99
    const { retailer, item, location } = pair;
    const raise = (unitPrice: string) => server.gql(UpsertItemsDocument, { input: { items: [{ sku: item.sku, name: item.name, unitPrice }] } }, retailer.token);
    expectError(await raise('1000000000.0001'), 'BAD_USER_INPUT', 'input.items[0].unitPrice');
    expectError(await server.gql(CreateItemDocument, { input: { sku: unique('SKU'), name: 'n', unitPrice: '-0.01' } }, retailer.token), 'BAD_USER_INPUT', 'input.unitPrice');
    const rule = { itemId: item.id, supplierId: pair.supplier.orgId, priority: 1, quotedLeadTimeDays: 1 };
    expectError(await server.gql(UpsertSourcingRuleDocument, { input: { ...rule, unitCost: '1000000001' } }, retailer.token), 'BAD_USER_INPUT', 'input.unitCost');
    expect((await server.query<{ unit_price: string }>('SELECT unit_price FROM item WHERE id = $1', [item.id]))[0].unit_price).toBe('9.9900');

    // The largest price, then demand of 1,000,000,000 a day: the shortage passes 2^31 and is reported at the limit.
    expect((await raise('1000000000')).errors).toBeUndefined();
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 0 }] } }, retailer.token);
    const lines = Array.from({ length: 5 }, (_, d) => ({ itemId: item.id, locationId: location.id, periodStart: inDays(d), periodDays: 1, quantity: 1_000_000_000 }));
    await server.ok(PublishForecastDocument, { input: { lines } }, retailer.token);
    const risk = async () => (await server.ok(ShortageRisksDocument, { filter: { itemId: item.id, locationId: location.id } }, retailer.token)).shortageRisks.edges[0].node;
    expect(await risk()).toMatchObject({ level: 'STOCKOUT', shortageQuantity: 2_147_483_647, revenueAtRisk: '2147483647000000000.00' });
    // Every later recompute of the item still works.
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 1_000_000_000 }] } }, retailer.token);
    expect(await risk()).toMatchObject({ level: 'STOCKOUT', shortageQuantity: 2_147_483_647 });
  });
});

describe('request bodies', () => {
  const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);
  const loginBody = (email: string) => JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: email, p: 'x' } });

  it('refuses a 10 MB email to login (unauthenticated) with 413', async () => {
    const res = await post(loginBody('a'.repeat(10 * MB)));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ errors: [{ message: expect.stringMatching(/at most 1 MB/), extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers a declared length over the limit before reading the body', async () => {
    // Headers declaring 10 MB, then 1 KB of it and no more: the 413 must come without waiting for the rest.
    const { hostname, port, pathname } = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: hostname, port, path: pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': 10 * MB } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('{"query":"' + ' '.repeat(1024));
    });
    expect(status).toBe(413);
  });

  it('answers 413, not a reset, to a client whose connection closes after the answer (Connection: close)', async () => {
    // Such a connection is closed once the answer is written: answered before the body was read, a client still
    // sending got EPIPE instead of the 413. Its body is read off first, as before. The client is a process of its
    // own, as real ones are (in this process, its writes and the server's reads take turns on one event loop).
    const client = `
      const body = Buffer.alloc(10 * 1024 * 1024, ' ');
      const req = require('node:http').request(process.argv[1], { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => console.log(JSON.stringify({ status: res.statusCode, text })));
      });
      req.on('error', (e) => console.log(JSON.stringify({ error: e.code })));
      req.end(body);`;
    for (let round = 0; round < 3; round++) {
      const { stdout } = await execFileAsync(process.execPath, ['-e', client, server.url]);
      const answer = JSON.parse(stdout) as { status?: number; text?: string; error?: string };
      expect(answer).toMatchObject({ status: 413 });
      expect(JSON.parse(answer.text!)).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    }
  });

  it('refuses an unauthenticated body over 1 MB without a Content-Length too', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 3 * MB) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await post(stream);
    expect(res.status).toBe(413);
    // Just under the limit is read and answered normally.
    const under = loginBody('a@b.c').padEnd(BODY_LIMIT_BYTES - 10, ' ');
    expect((await post(under)).status).toBe(200);
  });

  it('refuses an authenticated body over 1 MB unless it is a bulk mutation; bulk ones take their documented rows', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const auth = { authorization: `Bearer ${retailer.token}` };
    const padded = JSON.stringify({
      query: 'mutation($input: CreateItemInput!) { createItem(input: $input) { id } }',
      variables: { input: { sku: unique('SKU'), name: 'padded', unitPrice: '1' }, padding: 'p'.repeat(2 * MB) },
    });
    const refused = await post(padded, auth);
    expect(refused.status).toBe(413);
    expect(await count('item WHERE retailer_id = $1', [retailer.orgId])).toBe(0);

    // 10,000 items with names at their full 200 characters (two UTF-8 bytes each): about 5 MB.
    const items = Array.from({ length: 10_000 }, (_, i) => ({ sku: `BULK-${i}`.padEnd(64, 'x'), name: 'é'.repeat(200), unitPrice: '1000000000.0000' }));
    const body = JSON.stringify({ query: 'mutation Bulk($input: UpsertItemsInput!) { upsertItems(input: $input) { id } }', variables: { input: { items } } });
    expect(Buffer.byteLength(body)).toBeGreaterThan(4 * MB);
    const accepted = await post(body, auth);
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(await count('item WHERE retailer_id = $1', [retailer.orgId])).toBe(10_000);
    // The same body without a valid credential: 413, not read.
    expect((await post(body)).status).toBe(413);
    expect((await post(body, { authorization: 'Bearer sst_not-a-session' })).status).toBe(413);
  });
});
