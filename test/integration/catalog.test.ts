import {
  CreateItemDocument,
  CreateLocationDocument,
  InvitePartnerDocument,
  ItemDocument,
  ItemsDocument,
  ItemsPageDocument,
  SourcingRulesDocument,
  UpsertItemsDocument,
  UpsertSourcingRuleDocument,
  type UpsertSourcingRuleInput,
} from '../../src/sdk/generated/graphql';
import { createItem, createLocation, expectError, partner, signUp, sourcingRule, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('items and locations', () => {
  it('creates items with money as exact decimals and unique SKUs per retailer', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const item = await createItem(server, retailer.token, { sku: 'MILK-1L', name: '  Milk 1L ', unitPrice: '1.2345' });
    expect(item).toMatchObject({ sku: 'MILK-1L', name: 'Milk 1L', unitPrice: '1.2345' });
    expect((await createItem(server, retailer.token, { unitPrice: '3' })).unitPrice).toBe('3.00');

    const duplicate = await server.gql(CreateItemDocument, { input: { sku: 'MILK-1L', name: 'Other', unitPrice: '1.00' } }, retailer.token);
    expect(expectError(duplicate, 'BAD_USER_INPUT', 'input.sku').message).toMatch(/already exists/);
    // Another retailer may use the same SKU.
    const other = await signUp(server, 'RETAILER');
    await createItem(server, other.token, { sku: 'MILK-1L' });

    const invalid = [
      [{ sku: '', name: 'x', unitPrice: '1.00' }, 'input.sku'],
      [{ sku: 'A', name: '', unitPrice: '1.00' }, 'input.name'],
      [{ sku: 'B', name: 'x', unitPrice: '-1.00' }, 'input.unitPrice'],
      [{ sku: 'C', name: 'x', unitPrice: '1.23456' }, 'input.unitPrice'],
      [{ sku: 'D', name: 'x', unitPrice: 'abc' }, 'input.unitPrice'],
    ] as const;
    for (const [input, field] of invalid) expectError(await server.gql(CreateItemDocument, { input }, retailer.token), 'BAD_USER_INPUT', field);
    // Blanks only, or a key broken over lines: refused with what is wrong (names are stored trimmed: "   " was stored as "").
    const said = async (input: { sku: string; name: string; unitPrice: string }, field: string) =>
      expectError(await server.gql(CreateItemDocument, { input }, retailer.token), 'BAD_USER_INPUT', field).message;
    expect(await said({ sku: 'E', name: '   ', unitPrice: '1.00' }, 'input.name')).toBe('Name must not be empty');
    expect(await said({ sku: 'F', name: ' \t ', unitPrice: '1.00' }, 'input.name')).toBe('Name must not be empty');
    expect(await said({ sku: 'a\nb', name: 'x', unitPrice: '1.00' }, 'input.sku')).toBe('SKU must be one line of text (no line breaks or control characters)');
    expect(await said({ sku: 'a\u2028b', name: 'x', unitPrice: '1.00' }, 'input.sku')).toMatch(/one line/);
    expect(await said({ sku: ' G', name: 'x', unitPrice: '1.00' }, 'input.sku')).toBe('SKU must not be empty or start or end with spaces');
    const [count] = await server.query<{ n: string }>('SELECT count(*) AS n FROM item WHERE retailer_id = $1', [retailer.orgId]);
    expect(Number(count.n)).toBe(2);
  });

  it('creates locations with unique codes per retailer', async () => {
    const retailer = await signUp(server, 'RETAILER');
    await createLocation(server, retailer.token, { code: 'DC-1', name: 'Main DC' });
    expectError(await server.gql(CreateLocationDocument, { input: { code: 'DC-1', name: 'Again' } }, retailer.token), 'BAD_USER_INPUT', 'input.code');
    expectError(await server.gql(CreateLocationDocument, { input: { code: '', name: 'x' } }, retailer.token), 'BAD_USER_INPUT', 'input.code');
    expectError(await server.gql(CreateLocationDocument, { input: { code: 'DC\r2', name: 'x' } }, retailer.token), 'BAD_USER_INPUT', 'input.code');
    expectError(await server.gql(CreateLocationDocument, { input: { code: 'DC-3', name: '  ' } }, retailer.token), 'BAD_USER_INPUT', 'input.name');
  });

  it('pages items with stable cursors and a total count', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const created = [];
    for (let i = 0; i < 7; i++) created.push(await createItem(server, retailer.token, { sku: `P-${i}` }));
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { items }: { items: { pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: { node: { sku: string } }[] } } =
        await server.ok(ItemsPageDocument, { first: 3, after }, retailer.token);
      seen.push(...items.edges.map((e) => e.node.sku));
      after = items.pageInfo.hasNextPage ? items.pageInfo.endCursor ?? null : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(created.map((i) => i.sku));
    expect((await server.ok(ItemsDocument, { first: 2 }, retailer.token)).items.totalCount).toBe(7);
    expectError(await server.gql(ItemsDocument, { first: 0 }, retailer.token), 'BAD_USER_INPUT', 'first');
    expectError(await server.gql(ItemsDocument, { first: 501 }, retailer.token), 'BAD_USER_INPUT', 'first');
    expectError(await server.gql(ItemsDocument, { after: 'not a cursor!' }, retailer.token), 'BAD_USER_INPUT', 'after');
  });

  it('shows a supplier only the items it is a source for', async () => {
    const { retailer, supplier, item } = await tradingPair(server);
    const hidden = await createItem(server, retailer.token);
    const { items } = await server.ok(ItemsDocument, {}, supplier.token);
    expect(items.edges.map((e) => e.node.id)).toEqual([item.id]);
    expect(items.totalCount).toBe(1);
    expect((await server.ok(ItemDocument, { id: hidden.id }, supplier.token)).item).toBeNull();
  });
});

describe('sourcing rules', () => {
  async function setup() {
    const retailer = await signUp(server, 'RETAILER');
    const supplier = await signUp(server, 'SUPPLIER');
    await partner(server, retailer, supplier);
    const item = await createItem(server, retailer.token);
    const base: UpsertSourcingRuleInput = { itemId: item.id, supplierId: supplier.orgId, priority: 1, quotedLeadTimeDays: 5, unitCost: '2.50' };
    return { retailer, supplier, item, base };
  }

  it('creates a rule with defaults and replaces it on a second upsert', async () => {
    const { retailer, base } = await setup();
    const first = await sourcingRule(server, retailer.token, base);
    expect(first).toMatchObject({ priority: 1, quotedLeadTimeDays: 5, unitCost: '2.50', minOrderQuantity: 1, orderMultiple: 1, weeklyCapacity: null, active: true });
    const second = await sourcingRule(server, retailer.token, { ...base, priority: 2, minOrderQuantity: 48, orderMultiple: 12, weeklyCapacity: 500, active: false });
    expect(second).toMatchObject({ id: first.id, priority: 2, minOrderQuantity: 48, orderMultiple: 12, weeklyCapacity: 500, active: false });
    const rows = await server.query('SELECT * FROM sourcing_rule WHERE retailer_id = $1', [retailer.orgId]);
    expect(rows).toHaveLength(1);
  });

  it('validates every field and writes nothing when one is wrong', async () => {
    const { retailer, base } = await setup();
    const cases: [Partial<UpsertSourcingRuleInput>, string, string][] = [
      [{ priority: 0 }, 'input.priority', 'BAD_USER_INPUT'],
      [{ quotedLeadTimeDays: -1 }, 'input.quotedLeadTimeDays', 'BAD_USER_INPUT'],
      [{ minOrderQuantity: 0 }, 'input.minOrderQuantity', 'BAD_USER_INPUT'],
      [{ orderMultiple: 0 }, 'input.orderMultiple', 'BAD_USER_INPUT'],
      [{ weeklyCapacity: -5 }, 'input.weeklyCapacity', 'BAD_USER_INPUT'],
      [{ unitCost: '-0.01' }, 'input.unitCost', 'BAD_USER_INPUT'],
      [{ itemId: '00000000-0000-4000-8000-000000000000' }, 'input.itemId', 'NOT_FOUND'],
    ];
    for (const [change, field, code] of cases) {
      expectError(await server.gql(UpsertSourcingRuleDocument, { input: { ...base, ...change } }, retailer.token), code, field);
    }
    // Capacity 0 is allowed (the supplier cannot ship this item for now).
    expect((await sourcingRule(server, retailer.token, { ...base, weeklyCapacity: 0 })).weeklyCapacity).toBe(0);
    await server.query('DELETE FROM sourcing_rule WHERE retailer_id = $1', [retailer.orgId]);
    for (const [change] of cases) await server.gql(UpsertSourcingRuleDocument, { input: { ...base, ...change } }, retailer.token);
    expect(await server.query('SELECT 1 FROM sourcing_rule WHERE retailer_id = $1', [retailer.orgId])).toHaveLength(0);
  });

  it('requires an ACTIVE partner as supplier', async () => {
    const { retailer, item } = await setup();
    const stranger = await signUp(server, 'SUPPLIER');
    const input = { itemId: item.id, supplierId: stranger.orgId, priority: 2, quotedLeadTimeDays: 5, unitCost: '2.50' };
    expectError(await server.gql(UpsertSourcingRuleDocument, { input }, retailer.token), 'BAD_USER_INPUT', 'input.supplierId');
    // Pending is not enough.
    await server.ok(InvitePartnerDocument, { input: { supplierId: stranger.orgId } }, retailer.token);
    expectError(await server.gql(UpsertSourcingRuleDocument, { input }, retailer.token), 'BAD_USER_INPUT', 'input.supplierId');
  });

  it('shows a supplier the rules naming it, never its competitors\'', async () => {
    const { retailer, supplier, item, base } = await setup();
    const competitor = await signUp(server, 'SUPPLIER');
    await partner(server, retailer, competitor);
    await sourcingRule(server, retailer.token, base);
    await sourcingRule(server, retailer.token, { ...base, supplierId: competitor.orgId, priority: 2, unitCost: '2.10' });

    expect((await server.ok(SourcingRulesDocument, { itemId: item.id }, retailer.token)).sourcingRules.map((r) => r.priority)).toEqual([1, 2]);
    const seen = (await server.ok(SourcingRulesDocument, {}, supplier.token)).sourcingRules;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ supplier: { id: supplier.orgId }, unitCost: '2.50' });
    expect(JSON.stringify(seen)).not.toContain(competitor.orgId);
    const theirs = (await server.ok(SourcingRulesDocument, { itemId: item.id }, competitor.token)).sourcingRules;
    expect(theirs.map((r) => r.unitCost)).toEqual(['2.10']);
  });
});

describe('upsertItems', () => {
  it('imports items in bulk, updates by SKU, and rejects the whole call on one bad item', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const { upsertItems } = await server.ok(
      UpsertItemsDocument,
      { input: { items: [{ sku: 'A-1', name: 'Apple', unitPrice: '0.50' }, { sku: 'B-1', name: 'Banana', unitPrice: '0.25' }] } },
      retailer.token,
    );
    expect(upsertItems.map((i) => i.sku)).toEqual(['A-1', 'B-1']);
    const again = await server.ok(UpsertItemsDocument, { input: { items: [{ sku: 'A-1', name: 'Green apple', unitPrice: '0.55' }] } }, retailer.token);
    expect(again.upsertItems[0]).toEqual({ id: upsertItems[0].id, sku: 'A-1', name: 'Green apple', unitPrice: '0.55', unitOfMeasure: 'EA' });
    const inKilos = await server.ok(UpsertItemsDocument, { input: { items: [{ sku: 'A-1', name: 'Green apple', unitPrice: '0.55', unitOfMeasure: 'KG_1' }] } }, retailer.token);
    expect(inKilos.upsertItems[0]).toMatchObject({ id: upsertItems[0].id, unitOfMeasure: 'KG_1' });

    const duplicate = await server.gql(UpsertItemsDocument, { input: { items: [{ sku: 'C-1', name: 'c', unitPrice: '1' }, { sku: 'C-1', name: 'c', unitPrice: '1' }] } }, retailer.token);
    expectError(duplicate, 'BAD_USER_INPUT', 'input.items[1].sku');
    const negative = await server.gql(UpsertItemsDocument, { input: { items: [{ sku: 'D-1', name: 'd', unitPrice: '1' }, { sku: 'D-2', name: 'd', unitPrice: '-1' }] } }, retailer.token);
    expectError(negative, 'BAD_USER_INPUT', 'input.items[1].unitPrice');
    const rows = await server.query<{ sku: string }>('SELECT sku FROM item WHERE retailer_id = $1 ORDER BY sku', [retailer.orgId]);
    expect(rows.map((r) => r.sku)).toEqual(['A-1', 'B-1']);
  });
});
