import { ForecastDocument, ForecastVersionsDocument, PublishForecastDocument, ShortageRisksDocument, UpsertInventoryDocument, type ForecastLineInput } from '../../src/sdk/generated/graphql';
import { createItem, createLocation, expectError, inDays, partner, signUp, sourcingRule, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const nodes = <T>(connection: { edges: { node: T }[] }) => connection.edges.map((edge) => edge.node);

describe('publishForecast', () => {
  it('creates immutable versions; forecast returns the latest version\'s lines', async () => {
    const pair = await tradingPair(server);
    const line = (over: Partial<ForecastLineInput> = {}): ForecastLineInput => ({ itemId: pair.item.id, locationId: pair.location.id, periodStart: inDays(0), quantity: 70, ...over });
    const v1 = (await server.ok(PublishForecastDocument, { input: { lines: [line(), line({ periodStart: inDays(7) })] } }, pair.retailer.token)).publishForecast;
    expect(v1).toMatchObject({ version: 1, lineCount: 2 });
    const v2 = (await server.ok(PublishForecastDocument, { input: { lines: [line({ quantity: 90, periodDays: 30 })] } }, pair.retailer.token)).publishForecast;
    expect(v2).toMatchObject({ version: 2, lineCount: 1 });

    const { forecast } = await server.ok(ForecastDocument, {}, pair.retailer.token);
    expect(nodes(forecast)).toEqual([{ item: { id: pair.item.id, sku: pair.item.sku }, location: { id: pair.location.id, code: pair.location.code }, periodStart: inDays(0), periodDays: 30, quantity: 90, version: 2 }]);
    expect(forecast.totalCount).toBe(1);
    expect(forecast.pageInfo.hasNextPage).toBe(false);
    // Version 1 is still stored, untouched.
    const stored = await server.query<{ version: number; n: string }>(
      'SELECT v.version, count(l.*) AS n FROM forecast_version v JOIN forecast_line l ON l.version_id = v.id WHERE v.retailer_id = $1 GROUP BY v.version ORDER BY v.version',
      [pair.retailer.orgId],
    );
    expect(stored.map((r) => [r.version, Number(r.n)])).toEqual([[1, 2], [2, 1]]);
    expect((await server.ok(ForecastVersionsDocument, {}, pair.retailer.token)).forecastVersions.map((v) => v.version)).toEqual([2, 1]);
    // Versions page by the id of the last one seen.
    const newest = (await server.ok(ForecastVersionsDocument, { first: 1 }, pair.retailer.token)).forecastVersions;
    expect(newest.map((v) => v.version)).toEqual([2]);
    const older = (await server.ok(ForecastVersionsDocument, { first: 1, after: newest[0].id }, pair.retailer.token)).forecastVersions;
    expect(older.map((v) => v.version)).toEqual([1]);
    expect((await server.ok(ForecastVersionsDocument, { after: older[0].id }, pair.retailer.token)).forecastVersions).toEqual([]);
    expectError(await server.gql(ForecastVersionsDocument, { first: 101 }, pair.retailer.token), 'BAD_USER_INPUT', 'first');
    expectError(await server.gql(ForecastVersionsDocument, { after: pair.item.id }, pair.retailer.token), 'BAD_USER_INPUT', 'after');
  });

  it('filters by item, location and overlapping period', async () => {
    const pair = await tradingPair(server);
    const other = await createLocation(server, pair.retailer.token);
    const lines = [0, 7, 14].flatMap((d) => [pair.location, other].map((loc) => ({ itemId: pair.item.id, locationId: loc.id, periodStart: inDays(d), quantity: d })));
    await server.ok(PublishForecastDocument, { input: { lines } }, pair.retailer.token);
    const at = await server.ok(ForecastDocument, { locationId: other.id, from: inDays(8), to: inDays(14) }, pair.retailer.token);
    expect(nodes(at.forecast).map((l) => [l.location.id, l.periodStart])).toEqual([[other.id, inDays(7)], [other.id, inDays(14)]]);
    expect(at.forecast.totalCount).toBe(2);
    expect(nodes((await server.ok(ForecastDocument, { from: inDays(21) }, pair.retailer.token)).forecast)).toEqual([]);
    expect(nodes((await server.ok(ForecastDocument, { itemId: 'not-an-id' }, pair.retailer.token)).forecast)).toEqual([]);
    expectError(await server.gql(ForecastDocument, { from: inDays(5), to: inDays(1) }, pair.retailer.token), 'BAD_USER_INPUT', 'to');
  });

  it('validates quantity, period length, ownership and duplicates, writing nothing', async () => {
    const pair = await tradingPair(server);
    const foreign = await tradingPair(server);
    const ok = { itemId: pair.item.id, locationId: pair.location.id, periodStart: inDays(0), quantity: 1 };
    const cases: [ForecastLineInput[], string, string][] = [
      [[ok, { ...ok, periodStart: inDays(7), quantity: -1 }], 'input.lines[1].quantity', 'BAD_USER_INPUT'],
      [[{ ...ok, periodDays: 0 }], 'input.lines[0].periodDays', 'BAD_USER_INPUT'],
      [[{ ...ok, periodDays: 32 }], 'input.lines[0].periodDays', 'BAD_USER_INPUT'],
      [[ok, { ...ok, itemId: foreign.item.id }], 'input.lines[1].itemId', 'NOT_FOUND'],
      [[ok, { ...ok, locationId: foreign.location.id }], 'input.lines[1].locationId', 'NOT_FOUND'],
      [[ok, { ...ok, quantity: 5 }], 'input.lines[1].periodStart', 'BAD_USER_INPUT'],
      [[], 'input.lines', 'BAD_USER_INPUT'],
    ];
    for (const [lines, field, code] of cases) expectError(await server.gql(PublishForecastDocument, { input: { lines } }, pair.retailer.token), code, field);
    expect(await server.query('SELECT 1 FROM forecast_version WHERE retailer_id = $1', [pair.retailer.orgId])).toHaveLength(0);
    expectError(await server.gql(PublishForecastDocument, { input: { lines: [ok] } }, pair.supplier.token), 'FORBIDDEN');
  });

  it('takes 100,000 lines in one call, and answers them 500 at a time', async () => {
    const pair = await tradingPair(server);
    await server.query(
      `INSERT INTO item (id, retailer_id, sku, name, unit_price, created_at)
       SELECT gen_random_uuid(), $1, 'F-' || g, 'F ' || g, 1, now() FROM generate_series(1, 999) g`,
      [pair.retailer.orgId],
    );
    const items = await server.query<{ id: string }>('SELECT id FROM item WHERE retailer_id = $1', [pair.retailer.orgId]);
    expect(items).toHaveLength(1000);
    const lines = items.flatMap(({ id }) => Array.from({ length: 100 }, (_, w) => ({ itemId: id, locationId: pair.location.id, periodStart: inDays(w * 7), quantity: w })));
    const result = await server.gql(PublishForecastDocument, { input: { lines } }, pair.retailer.token);
    expect(result.errors).toBeUndefined();
    expect(result.data?.publishForecast.lineCount).toBe(100_000);
    const [{ n }] = await server.query<{ n: string }>('SELECT count(*) AS n FROM forecast_line l JOIN forecast_version v ON v.id = l.version_id WHERE v.retailer_id = $1', [pair.retailer.orgId]);
    expect(Number(n)).toBe(100_000);

    // The forecast is a connection: 500 lines by default, by item, location and period, then the next page after the last cursor.
    const first = (await server.ok(ForecastDocument, {}, pair.retailer.token)).forecast;
    expect(first.edges).toHaveLength(500);
    expect(first.totalCount).toBe(100_000);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await server.ok(ForecastDocument, { after: first.pageInfo.endCursor }, pair.retailer.token)).forecast;
    expect(second.edges).toHaveLength(500);
    const key = (l: { item: { id: string }; location: { id: string }; periodStart: string }) => `${l.item.id}/${l.location.id}/${l.periodStart}`;
    const keys = [...nodes(first), ...nodes(second)].map(key);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(1000);
    expectError(await server.gql(ForecastDocument, { first: 501 }, pair.retailer.token), 'BAD_USER_INPUT', 'first');
    expectError(await server.gql(ForecastDocument, { after: 'garbage' }, pair.retailer.token), 'BAD_USER_INPUT', 'after');
  });
});

describe('supplier view of forecasts', () => {
  it('shows a supplier only lines of items it actively sources, from active partners', async () => {
    const pair = await tradingPair(server);
    const unsourced = await createItem(server, pair.retailer.token);
    const inactiveRule = await createItem(server, pair.retailer.token);
    await sourcingRule(server, pair.retailer.token, { itemId: inactiveRule.id, supplierId: pair.supplier.orgId, active: false });
    const lines = [pair.item, unsourced, inactiveRule].map((item) => ({ itemId: item.id, locationId: pair.location.id, periodStart: inDays(0), quantity: 10 }));
    await server.ok(PublishForecastDocument, { input: { lines } }, pair.retailer.token);
    // A second retailer of the same supplier: its forecast is visible too, but only its own sourced items.
    const second = await signUp(server, 'RETAILER');
    await partner(server, second, pair.supplier);
    const secondItem = await createItem(server, second.token);
    const secondLocation = await createLocation(server, second.token);
    await sourcingRule(server, second.token, { itemId: secondItem.id, supplierId: pair.supplier.orgId });
    await server.ok(PublishForecastDocument, { input: { lines: [{ itemId: secondItem.id, locationId: secondLocation.id, periodStart: inDays(0), quantity: 3 }] } }, second.token);

    const seen = (await server.ok(ForecastDocument, {}, pair.supplier.token)).forecast;
    expect(nodes(seen).map((l) => l.item.id).sort()).toEqual([pair.item.id, secondItem.id].sort());
    expect(seen.totalCount).toBe(2);
    // Paged one at a time across the two retailers' versions, it is the same list.
    const one = (await server.ok(ForecastDocument, { first: 1 }, pair.supplier.token)).forecast;
    const two = (await server.ok(ForecastDocument, { first: 1, after: one.pageInfo.endCursor }, pair.supplier.token)).forecast;
    expect([...nodes(one), ...nodes(two)]).toEqual(nodes(seen));
    expect(two.pageInfo.hasNextPage).toBe(false);
    const stranger = await signUp(server, 'SUPPLIER');
    expect((await server.ok(ForecastDocument, {}, stranger.token)).forecast).toMatchObject({ edges: [], totalCount: 0 });
    const rival = await signUp(server, 'RETAILER');
    expect((await server.ok(ForecastDocument, {}, rival.token)).forecast).toMatchObject({ edges: [], totalCount: 0 });

    // A version's lineCount: the retailer's whole version (3 lines); the supplier's share of it (1), by every path that answers it.
    const [version] = (await server.ok(ForecastVersionsDocument, {}, pair.retailer.token)).forecastVersions;
    expect(version.lineCount).toBe(3);
    const supplierVersions = (await server.ok(ForecastVersionsDocument, {}, pair.supplier.token)).forecastVersions;
    expect(supplierVersions.map((v) => [v.id, v.lineCount])).toEqual(expect.arrayContaining([[version.id, 1]]));
    const query = 'query ($id: ID!) { node(id: $id) { ... on ForecastVersion { lineCount } } }';
    const byNode = async (token: string) => (await server.raw({ query, variables: { id: version.id } }, { authorization: `Bearer ${token}` })).data;
    expect([await byNode(pair.retailer.token), await byNode(pair.supplier.token)]).toEqual([{ node: { lineCount: 3 } }, { node: { lineCount: 1 } }]);
    // A next version without the supplier's item and one other: the retailer's figures count both drops, the supplier's only its item.
    const { publishForecast: next } = await server.ok(PublishForecastDocument, { input: { lines: [lines[1]] } }, pair.retailer.token);
    expect(next).toMatchObject({ lineCount: 1, positionsDropped: 2 });
    const figures = `query ($id: ID!) { node(id: $id) { ... on ForecastVersion { lineCount positionsDropped } } }`;
    const asSupplier = await server.raw({ query: figures, variables: { id: next.id } }, { authorization: `Bearer ${pair.supplier.token}` });
    expect(asSupplier.data).toEqual({ node: { lineCount: 0, positionsDropped: 1 } });
    const listed = (await server.ok(ForecastVersionsDocument, {}, pair.supplier.token)).forecastVersions.find((v) => v.id === next.id);
    expect(listed).toMatchObject({ lineCount: 0, positionsDropped: 1 });
  });
});

describe('forecast scopes', () => {
  /** A retailer with three items at one location, no stock: every item with demand is a STOCKOUT. */
  async function threeItems() {
    const pair = await tradingPair(server);
    const items = [pair.item, await createItem(server, pair.retailer.token), await createItem(server, pair.retailer.token)];
    await server.ok(UpsertInventoryDocument, { input: { positions: items.map((i) => ({ itemId: i.id, locationId: pair.location.id, onHand: 10 })) } }, pair.retailer.token);
    const line = (itemId: string, quantity: number, week = 0): ForecastLineInput => ({ itemId, locationId: pair.location.id, periodStart: inDays(week * 7), quantity });
    const levels = async () => {
      const { shortageRisks } = await server.ok(ShortageRisksDocument, { first: 10 }, pair.retailer.token);
      const byItem = new Map(nodes(shortageRisks).map((r) => [r.item.id, r.level]));
      return items.map((i) => byItem.get(i.id) ?? 'none');
    };
    return { pair, items, line, levels };
  }

  it('LISTED replaces only the item x locations it lists: the others keep their demand, and their STOCKOUTs stay', async () => {
    const { pair, items, line, levels } = await threeItems();
    const v1 = (await server.ok(PublishForecastDocument, { input: { lines: items.flatMap((i) => [line(i.id, 50), line(i.id, 50, 1)]) } }, pair.retailer.token)).publishForecast;
    expect(v1).toMatchObject({ version: 1, lineCount: 6, scope: 'FULL', positionsDropped: 0 });
    expect(await levels()).toEqual(['STOCKOUT', 'STOCKOUT', 'STOCKOUT']);

    // Next week's forecast for the first item only.
    const v2 = (await server.ok(PublishForecastDocument, { input: { scope: 'LISTED', lines: [line(items[0].id, 5)] } }, pair.retailer.token)).publishForecast;
    expect(v2).toMatchObject({ version: 2, lineCount: 5, scope: 'LISTED', positionsDropped: 0 });
    expect(await levels()).toEqual(['OK', 'STOCKOUT', 'STOCKOUT']);
    const { forecast } = await server.ok(ForecastDocument, { first: 50 }, pair.retailer.token);
    const demand = (itemId: string) => nodes(forecast).filter((l) => l.item.id === itemId).map((l) => [l.periodStart, l.quantity, l.version]);
    expect(demand(items[0].id)).toEqual([[inDays(0), 5, 2]]);
    expect(demand(items[1].id)).toEqual([[inDays(0), 50, 2], [inDays(7), 50, 2]]);

    // LISTED with a zero: that item x location's demand is dropped, and said so.
    const v3 = (await server.ok(PublishForecastDocument, { input: { scope: 'LISTED', lines: [line(items[2].id, 0)] } }, pair.retailer.token)).publishForecast;
    expect(v3).toMatchObject({ version: 3, lineCount: 4, positionsDropped: 1 });
    expect(await levels()).toEqual(['OK', 'STOCKOUT', 'OK']);
  });

  it('FULL (the default) replaces the whole forecast and counts the item x locations whose demand it removed', async () => {
    const { pair, items, line, levels } = await threeItems();
    await server.ok(PublishForecastDocument, { input: { lines: items.map((i) => line(i.id, 50)) } }, pair.retailer.token);
    // The partial upload the issue describes, published as FULL: two positions lose their demand, and the version says so.
    const v2 = (await server.ok(PublishForecastDocument, { input: { lines: [line(items[0].id, 50)] } }, pair.retailer.token)).publishForecast;
    expect(v2).toMatchObject({ version: 2, lineCount: 1, scope: 'FULL', positionsDropped: 2 });
    expect(await levels()).toEqual(['STOCKOUT', 'OK', 'OK']);
    const versions = (await server.ok(ForecastVersionsDocument, {}, pair.retailer.token)).forecastVersions;
    expect(versions.map((v) => [v.version, v.scope, v.positionsDropped])).toEqual([[2, 'FULL', 2], [1, 'FULL', 0]]);
  });

  it('a supplier sees the scope of the versions it is shown', async () => {
    const { pair, items, line } = await threeItems();
    await server.ok(PublishForecastDocument, { input: { lines: items.map((i) => line(i.id, 50)) } }, pair.retailer.token);
    await server.ok(PublishForecastDocument, { input: { scope: 'LISTED', lines: [line(items[0].id, 60)] } }, pair.retailer.token);
    const seen = (await server.ok(ForecastVersionsDocument, {}, pair.supplier.token)).forecastVersions;
    expect(seen.map((v) => [v.version, v.scope])).toEqual([[2, 'LISTED'], [1, 'FULL']]);
    const alerts = await server.query<{ message: string }>(`SELECT message FROM alert WHERE organization_id = $1 AND type = 'FORECAST_PUBLISHED' ORDER BY cursor`, [pair.supplier.orgId]);
    expect(alerts.map((a) => a.message)[1]).toContain('version 2 (LISTED: only some item x locations)');
  });
});
