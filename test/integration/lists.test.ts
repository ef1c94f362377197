import {
  ApiKeysDocument,
  CreateApiKeyDocument,
  LocationsDocument,
  PartnershipsDocument,
  ReceivePurchaseOrderLineDocument,
  SourcingRulesDocument,
  UpsertSourcingRuleDocument,
} from '../../src/sdk/generated/graphql';
import { confirmLine, createItem, createLocation, createOrder, expectError, inDays, partner, signUp, sourcingRule, tradingPair } from '../support/factories';
import { startTestServer, type GqlResult, type TestServer } from '../support/server';

/**
 * Lists the contract types as plain lists ([T!]!) are paged (first, and after
 * the id of the last element seen); the children that grow with an order's
 * life are paged per parent (first, and after a child's cursor); the lists
 * bounded by construction stay so (sourcing rules per item).
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Reads a plain list two at a time, as a client would: until a page comes back short. */
async function walk<T extends { id: string }>(read: (page: { first: number; after?: string }) => Promise<GqlResult<unknown>>, pick: (data: never) => T[]) {
  const seen: T[] = [];
  let after: string | undefined;
  for (;;) {
    const result = await read({ first: 2, after });
    expect(result.errors).toBeUndefined();
    const page = pick(result.data as never);
    seen.push(...page);
    if (page.length < 2) return seen;
    after = page[page.length - 1].id;
  }
}

describe('plain lists', () => {
  it('page by first and after (an element\'s id): every element once, in the list\'s order', async () => {
    const pair = await tradingPair(server);
    const { retailer } = pair;
    for (let i = 0; i < 2; i++) await partner(server, retailer, await signUp(server, 'SUPPLIER'));
    for (let i = 0; i < 4; i++) await createLocation(server, retailer.token);
    for (let i = 0; i < 4; i++) await sourcingRule(server, retailer.token, { itemId: (await createItem(server, retailer.token)).id, supplierId: pair.supplier.orgId });
    for (let i = 0; i < 3; i++) await server.ok(CreateApiKeyDocument, { input: { name: `key ${i}`, scopes: ['read'] } }, retailer.token);

    const cases = [
      { all: await server.ok(PartnershipsDocument, {}, retailer.token).then((d) => d.partnerships), paged: await walk((v) => server.gql(PartnershipsDocument, v, retailer.token), (d: { partnerships: { id: string }[] }) => d.partnerships) },
      { all: await server.ok(LocationsDocument, {}, retailer.token).then((d) => d.locations), paged: await walk((v) => server.gql(LocationsDocument, v, retailer.token), (d: { locations: { id: string }[] }) => d.locations) },
      { all: await server.ok(SourcingRulesDocument, {}, retailer.token).then((d) => d.sourcingRules), paged: await walk((v) => server.gql(SourcingRulesDocument, v, retailer.token), (d: { sourcingRules: { id: string }[] }) => d.sourcingRules) },
      { all: await server.ok(ApiKeysDocument, {}, retailer.token).then((d) => d.apiKeys), paged: await walk((v) => server.gql(ApiKeysDocument, v, retailer.token), (d: { apiKeys: { id: string }[] }) => d.apiKeys) },
    ];
    expect(cases.map((c) => c.all.length)).toEqual([3, 5, 5, 3]);
    for (const { all, paged } of cases) expect(paged).toEqual(all);

    // Locations come by code, rules by item, priority and supplier, whatever the page.
    const codes = cases[1].all.map((l) => (l as { code: string }).code);
    expect(codes).toEqual([...codes].sort());

    // An id that is not in the list (another list's, unknown, malformed) is refused on `after`; so is a page size out of range.
    expectError(await server.gql(LocationsDocument, { after: pair.item.id }, retailer.token), 'BAD_USER_INPUT', 'after');
    expectError(await server.gql(PartnershipsDocument, { after: 'nope' }, retailer.token), 'BAD_USER_INPUT', 'after');
    expectError(await server.gql(SourcingRulesDocument, { first: 0 }, retailer.token), 'BAD_USER_INPUT', 'first');
    expectError(await server.gql(ApiKeysDocument, { first: 501 }, retailer.token), 'BAD_USER_INPUT', 'first');
    // Another organization's element is not in the caller's list.
    const other = await tradingPair(server);
    expectError(await server.gql(SourcingRulesDocument, { after: other.rule.id }, retailer.token), 'BAD_USER_INPUT', 'after');

    // Lists of figures computed per group (kpis, forecastAccuracy) page by the group's key with the same policy.
    const auth = { authorization: `Bearer ${retailer.token}` };
    const today = new Date().toISOString().slice(0, 10);
    for (const field of ['kpis', 'forecastAccuracy']) {
      const query = `query ($after: ID) { ${field}(from: "${today}", to: "${today}", groupBy: ALL, first: 5, after: $after) { key } }`;
      const all = await server.raw({ query }, auth);
      expect(all.errors).toBeUndefined();
      expect(all.data).toEqual({ [field]: [{ key: 'ALL' }] });
      expect((await server.raw({ query, variables: { after: 'ALL' } }, auth)).data).toEqual({ [field]: [] });
      for (const after of ['garbage!!', '', '-1', pair.item.id]) expectError(await server.raw({ query, variables: { after } }, auth), 'BAD_USER_INPUT', 'after');
    }
  });
});

describe('an order\'s history, a line\'s promises and receipts', () => {
  it('page per parent by first and after (a child\'s cursor)', async () => {
    const pair = await tradingPair(server);
    const order = await createOrder(server, pair, [{ quantity: 10 }, { quantity: 20 }]);
    const [line] = order.lines;
    for (const date of [12, 13, 14]) await confirmLine(server, pair.supplier, line.id, [{ quantity: 10, deliveryDate: inDays(date) }]);
    for (const quantity of [1, 2, 3]) await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId: line.id, quantity } }, pair.retailer.token);

    const query = `query Q($id: ID!, $first: Int!, $history: String, $confirmations: String, $receipts: String) {
      purchaseOrder(id: $id) {
        history(first: $first, after: $history) { action cursor }
        lines { confirmations(first: $first, after: $confirmations) { sequence cursor } receipts(first: $first, after: $receipts) { quantity cursor } }
      }
    }`;
    type Order = { history: { action: string; cursor: string }[]; lines: { confirmations: { sequence: number; cursor: string }[]; receipts: { quantity: number; cursor: string }[] }[] };
    const read = async (variables: { first: number; history?: string; confirmations?: string; receipts?: string }) => {
      const result = await server.raw({ query, variables: { id: order.id, ...variables } }, { authorization: `Bearer ${pair.retailer.token}` });
      expect(result.errors).toBeUndefined();
      return (result.data as { purchaseOrder: Order }).purchaseOrder;
    };
    const all = await read({ first: 500 });
    // CREATED, ISSUED, three confirmations, three receipts at least.
    expect(all.history.length).toBeGreaterThanOrEqual(8);
    expect(all.lines[0].confirmations.map((c) => c.sequence)).toEqual([1, 2, 3]);
    expect(all.lines[0].receipts.map((r) => r.quantity)).toEqual([1, 2, 3]);
    expect(all.lines[1].confirmations).toEqual([]);

    // Two at a time, each list on its own: the same elements in the same order.
    const history: string[] = [];
    for (let after: string | undefined; ;) {
      const page = (await read({ first: 2, history: after })).history;
      history.push(...page.map((h) => h.cursor));
      if (page.length < 2) break;
      after = page[1].cursor;
    }
    expect(history).toEqual(all.history.map((h) => h.cursor));
    const firstTwo = await read({ first: 2 });
    expect(firstTwo.lines[0].confirmations.map((c) => c.sequence)).toEqual([1, 2]);
    expect((await read({ first: 2, confirmations: firstTwo.lines[0].confirmations[1].cursor })).lines[0].confirmations.map((c) => c.sequence)).toEqual([3]);
    expect((await read({ first: 2, receipts: firstTwo.lines[0].receipts[1].cursor })).lines[0].receipts.map((r) => r.quantity)).toEqual([3]);

    // A cursor of another list (a change's, given to receipts) or none of ours is refused on `after`.
    for (const receipts of [firstTwo.history[0].cursor, 'garbage']) {
      const refused = await server.raw({ query, variables: { id: order.id, first: 2, receipts } }, { authorization: `Bearer ${pair.retailer.token}` });
      expectError(refused, 'BAD_USER_INPUT', 'after');
    }
  });
});

describe('sourcing rules per item', () => {
  it('stop at 50 (one per supplier, inactive ones included): a reallocation considers at most 50 candidates', async () => {
    const pair = await tradingPair(server);
    // 49 more suppliers with a rule for the item: 50 in all.
    const fillers = await server.query<{ id: string }>(
      `INSERT INTO organization (id, name, kind, created_at) SELECT gen_random_uuid(), 'Filler ' || g, 'SUPPLIER', now() FROM generate_series(1, 49) g RETURNING id`,
    );
    await server.query(
      `INSERT INTO partnership (id, retailer_id, supplier_id, status, invited_at, accepted_at) SELECT gen_random_uuid(), $1, s, 'ACTIVE', now(), now() FROM unnest($2::uuid[]) s`,
      [pair.retailer.orgId, fillers.map((f) => f.id)],
    );
    await server.query(
      `INSERT INTO sourcing_rule (id, retailer_id, item_id, supplier_id, priority, quoted_lead_time_days, unit_cost, active, updated_at)
       SELECT gen_random_uuid(), $1, $2, s, 2, 7, 1, false, now() FROM unnest($3::uuid[]) s`,
      [pair.retailer.orgId, pair.item.id, fillers.map((f) => f.id)],
    );
    const newcomer = await signUp(server, 'SUPPLIER');
    await partner(server, pair.retailer, newcomer);
    const refused = await server.gql(UpsertSourcingRuleDocument, {
      input: { itemId: pair.item.id, supplierId: newcomer.orgId, priority: 3, quotedLeadTimeDays: 7, unitCost: '1' },
    }, pair.retailer.token);
    expect(expectError(refused, 'BAD_USER_INPUT', 'input.supplierId').message).toMatch(/at most 50 sourcing rules/);
    // Changing one of the 50 is still allowed; another item takes the newcomer.
    await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: pair.supplier.orgId, unitCost: '5.00' });
    await sourcingRule(server, pair.retailer.token, { itemId: (await createItem(server, pair.retailer.token)).id, supplierId: newcomer.orgId });
    expect((await server.ok(SourcingRulesDocument, { itemId: pair.item.id }, pair.retailer.token)).sourcingRules).toHaveLength(50);
  });
});
