import {
  ForecastAccuracyDocument,
  ForecastWithMethodsDocument,
  GenerateForecastDocument,
  PartnershipRulesDocument,
  PreviewForecastDocument,
  PublishForecastDocument,
  RecordSalesDocument,
  SalesDocument,
  SetCollaborationRulesDocument,
} from '../../src/sdk/generated/graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { initOrm } from '../../src/db/orm';
import { DEMO_TIME_ZONE, seedDemoData } from '../../src/demo/seed';
import { localDate, startOfLocalDay } from '../../src/core/local-dates';
import { createLogger } from '../../src/logger';
import { createServices } from '../../src/server/services';
import { addDays } from '../../src/shared/calendar';
import { sql } from '../../src/shared/sql';
import { freshDatabase } from '../support/fresh-database';
import { createItem, createLocation, expectError, inDays, signUp, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/** Demand (DESIGN.md "Demand: sales history, a baseline forecast, forecast accuracy") through the API. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const salesCount = async (token: string, itemId?: string) => (await server.ok(SalesDocument, { itemId, first: 500 }, token)).sales.totalCount;

describe('recordSales and sales', () => {
  it('records in bulk, the latest value winning per item x location x date, and pages by item, location and date', async () => {
    const { retailer, item, location } = await tradingPair(server);
    const lines = [1, 2, 3].map((d) => ({ itemId: item.id, locationId: location.id, date: inDays(-d), quantity: d * 10 }));
    expect((await server.ok(RecordSalesDocument, { input: { lines } }, retailer.token)).recordSales).toBe(3);
    // The same call again (a retry) writes nothing; one day corrected: still three rows, the new value wins, one written.
    expect((await server.ok(RecordSalesDocument, { input: { lines } }, retailer.token)).recordSales).toBe(0);
    expect((await server.ok(RecordSalesDocument, { input: { lines: [{ ...lines[0], quantity: 7 }, lines[1]] } }, retailer.token)).recordSales).toBe(1);
    const first = await server.ok(SalesDocument, { first: 2 }, retailer.token);
    expect(first.sales.totalCount).toBe(3);
    expect(first.sales.edges.map((e) => [e.node.date, e.node.quantity, e.node.item.id, e.node.location.id])).toEqual([
      [inDays(-3), 30, item.id, location.id],
      [inDays(-2), 20, item.id, location.id],
    ]);
    expect(first.sales.pageInfo.hasNextPage).toBe(true);
    const next = await server.ok(SalesDocument, { first: 2, after: first.sales.pageInfo.endCursor }, retailer.token);
    expect(next.sales.edges.map((e) => [e.node.date, e.node.quantity])).toEqual([[inDays(-1), 7]]);
    const window = await server.ok(SalesDocument, { from: inDays(-2), to: inDays(-2) }, retailer.token);
    expect(window.sales.edges.map((e) => e.node.quantity)).toEqual([20]);
  });

  it('rejects the whole call on one bad line and names it; writes nothing', async () => {
    const { retailer, item, location } = await tradingPair(server);
    const other = await signUp(server, 'RETAILER');
    const foreign = await createItem(server, other.token);
    const good = { itemId: item.id, locationId: location.id, date: inDays(-1), quantity: 5 };
    const cases: [object[], string, string][] = [
      [[good, { ...good, date: inDays(-2) }, { ...good, itemId: foreign.id }], 'NOT_FOUND', 'input.lines[2].itemId'],
      [[good, { ...good, locationId: item.id }], 'NOT_FOUND', 'input.lines[1].locationId'],
      [[good, { ...good, date: inDays(1) }], 'BAD_USER_INPUT', 'input.lines[1].date'],
      [[good, { ...good, quantity: 1 }], 'BAD_USER_INPUT', 'input.lines[1].date'],
      [[{ ...good, quantity: -1 }], 'BAD_USER_INPUT', 'input.lines[0].quantity'],
      [[], 'BAD_USER_INPUT', 'input.lines'],
    ];
    for (const [lines, code, field] of cases) {
      expectError(await server.gql(RecordSalesDocument, { input: { lines } as never }, retailer.token), code, field);
    }
    expect(await salesCount(retailer.token)).toBe(0);
  });

  it('shows a supplier the sales of the items it supplies only once the retailer shares them', async () => {
    const { retailer, supplier, partnershipId, item, location } = await tradingPair(server);
    const unsupplied = await createItem(server, retailer.token);
    await server.ok(RecordSalesDocument, {
      input: { lines: [item, unsupplied].map((i) => ({ itemId: i.id, locationId: location.id, date: inDays(-1), quantity: 4 })) },
    }, retailer.token);
    expect(await salesCount(supplier.token)).toBe(0);
    const { setCollaborationRules } = await server.ok(SetCollaborationRulesDocument, { input: { partnershipId, shareSales: true } }, retailer.token);
    expect(setCollaborationRules.rules.shareSales).toBe(true);
    expect((await server.ok(PartnershipRulesDocument, {}, supplier.token)).partnerships[0].rules.shareSales).toBe(true);
    const seen = await server.ok(SalesDocument, {}, supplier.token);
    expect(seen.sales.edges.map((e) => e.node.item.id)).toEqual([item.id]);
    // An omitted shareSales takes its default (off), as every rule.
    await server.ok(SetCollaborationRulesDocument, { input: { partnershipId } }, retailer.token);
    expect(await salesCount(supplier.token)).toBe(0);
    // A supplier may not record sales.
    expectError(await server.gql(RecordSalesDocument, { input: { lines: [{ itemId: item.id, locationId: location.id, date: inDays(-1), quantity: 1 }] } }, supplier.token), 'FORBIDDEN');
  });
});

describe('previewForecast and generateForecast', () => {
  /** Weekly sums 10, 20, ..., 80 (oldest first): one sales row in each of the 8 blocks before today. */
  async function straightLine() {
    const pair = await tradingPair(server);
    const lines = Array.from({ length: 8 }, (_, i) => ({ itemId: pair.item.id, locationId: pair.location.id, date: inDays(-7 * (8 - i)), quantity: 10 * (i + 1) }));
    await server.ok(RecordSalesDocument, { input: { lines } }, pair.retailer.token);
    return pair;
  }

  it('previews one series: weekly history, the forecast from today, the method AUTO chose and its holdout WAPE', async () => {
    const { retailer, item, location } = await straightLine();
    const { previewForecast } = await server.ok(PreviewForecastDocument, { itemId: item.id, locationId: location.id, horizonWeeks: 3 }, retailer.token);
    expect(previewForecast.method).toBe('HOLT');
    expect(previewForecast.holdoutWape).toBe(0);
    expect(previewForecast.history).toEqual(Array.from({ length: 8 }, (_, i) => ({ periodStart: inDays(-7 * (8 - i)), quantity: 10 * (i + 1) })));
    expect(previewForecast.forecast).toEqual([
      { periodStart: inDays(0), quantity: 90 },
      { periodStart: inDays(7), quantity: 100 },
      { periodStart: inDays(14), quantity: 110 },
    ]);
    const ses = await server.ok(PreviewForecastDocument, { itemId: item.id, locationId: location.id, horizonWeeks: 1, method: 'SES' }, retailer.token);
    expect(ses.previewForecast.method).toBe('SES');
    expect(ses.previewForecast.holdoutWape).toBe(0.4); // fitted on 10..40: 39 a week against 50, 60, 70, 80: 104 / 260
  });

  it('refuses what it cannot preview', async () => {
    const { retailer, supplier, item, location } = await straightLine();
    const other = await signUp(server, 'RETAILER');
    const empty = await createLocation(server, retailer.token);
    expectError(await server.gql(PreviewForecastDocument, { itemId: item.id, locationId: empty.id }, retailer.token), 'BAD_USER_INPUT', 'itemId');
    expectError(await server.gql(PreviewForecastDocument, { itemId: item.id, locationId: location.id }, other.token), 'NOT_FOUND', 'itemId');
    expectError(await server.gql(PreviewForecastDocument, { itemId: item.id, locationId: location.id }, supplier.token), 'FORBIDDEN');
    expectError(await server.gql(PreviewForecastDocument, { itemId: item.id, locationId: location.id, horizonWeeks: 53 }, retailer.token), 'BAD_USER_INPUT', 'horizonWeeks');
  });

  it('publishes a LISTED version with every series that has history, each line with its method; others carry over', async () => {
    const { retailer, supplier, item, location } = await straightLine();
    const flat = await createItem(server, retailer.token);
    const uploaded = await createItem(server, retailer.token);
    const oneWeek = await createItem(server, retailer.token);
    await server.ok(RecordSalesDocument, {
      input: {
        lines: [
          ...[1, 2, 3].map((w) => ({ itemId: flat.id, locationId: location.id, date: inDays(-7 * w), quantity: 6 })),
          { itemId: oneWeek.id, locationId: location.id, date: inDays(-1), quantity: 3 },
        ],
      },
    }, retailer.token);
    await server.ok(PublishForecastDocument, { input: { lines: [{ itemId: uploaded.id, locationId: location.id, periodStart: inDays(0), quantity: 50 }] } }, retailer.token);

    const { generateForecast } = await server.ok(GenerateForecastDocument, { input: { horizonWeeks: 2 } }, retailer.token);
    expect(generateForecast).toMatchObject({ version: 2, scope: 'LISTED', lineCount: 5, positionsDropped: 0 });
    const lines = (await server.ok(ForecastWithMethodsDocument, { first: 500 }, retailer.token)).forecast.edges.map((e) => e.node);
    const of = (id: string) => lines.filter((l) => l.item.id === id).map((l) => [l.periodStart, l.periodDays, l.quantity, l.method, l.version]);
    expect(of(item.id)).toEqual([[inDays(0), 7, 90, 'HOLT', 2], [inDays(7), 7, 100, 'HOLT', 2]]);
    expect(of(flat.id)).toEqual([[inDays(0), 7, 6, 'SES', 2], [inDays(7), 7, 6, 'SES', 2]]);
    expect(of(uploaded.id)).toEqual([[inDays(0), 7, 50, null, 2]]); // carried over, still an upload
    expect(of(oneWeek.id)).toEqual([]); // one week of history is not a series
    // The supplier sees the generated forecast of the item it supplies (with its method), though not the sales behind it.
    const seen = (await server.ok(ForecastWithMethodsDocument, {}, supplier.token)).forecast.edges.map((e) => [e.node.item.id, e.node.quantity, e.node.method]);
    expect(seen).toEqual([[item.id, 90, 'HOLT'], [item.id, 100, 'HOLT']]);
    expect(await salesCount(supplier.token)).toBe(0);

    // Only the listed item, with an explicit method.
    const { generateForecast: again } = await server.ok(GenerateForecastDocument, { input: { horizonWeeks: 1, method: 'SES', itemIds: [item.id] } }, retailer.token);
    expect(again.version).toBe(3);
    const after = (await server.ok(ForecastWithMethodsDocument, { itemId: item.id }, retailer.token)).forecast.edges.map((e) => [e.node.quantity, e.node.method]);
    expect(after).toEqual([[79, 'SES']]); // SES on 10..80: a = 0.95, level 79.47
  });

  it('refuses to generate from nothing and names unknown items', async () => {
    const { retailer, item } = await tradingPair(server);
    expectError(await server.gql(GenerateForecastDocument, { input: {} }, retailer.token), 'BAD_USER_INPUT', 'input');
    const other = await signUp(server, 'RETAILER');
    expectError(await server.gql(GenerateForecastDocument, { input: { itemIds: [item.id] } }, other.token), 'NOT_FOUND', 'input.itemIds[0]');
  });
});

describe('forecastAccuracy', () => {
  it('measures each sales day against the version that was newest at its start (WAPE, bias), whole and grouped', async () => {
    const { retailer, supplier, partnershipId, item, location } = await tradingPair(server);
    const L2 = await createLocation(server, retailer.token);
    const B = inDays(-10);
    const at = (offset: number, hour: number) => `${inDays(-10 + offset)}T${String(hour).padStart(2, '0')}:00:00Z`;
    // v1: 14 over the 7 days from B (2 a day), published the day before B.
    const { publishForecast: v1 } = await server.ok(PublishForecastDocument, { input: { lines: [{ itemId: item.id, locationId: location.id, periodStart: B, quantity: 14 }] } }, retailer.token);
    // v2: 10 over the same 7 days (2, 2, 2, 1, 1, 1, 1), published at noon on B+2: B+2 itself is still v1's.
    const { publishForecast: v2 } = await server.ok(PublishForecastDocument, { input: { lines: [{ itemId: item.id, locationId: location.id, periodStart: B, quantity: 10 }] } }, retailer.token);
    await server.query(`UPDATE forecast_version SET published_at = $2 WHERE id = $1`, [v1.id, at(-1, 12)]);
    await server.query(`UPDATE forecast_version SET published_at = $2 WHERE id = $1`, [v2.id, at(2, 12)]);
    const sale = (offset: number, quantity: number, locationId = location.id) => ({ itemId: item.id, locationId, date: inDays(-10 + offset), quantity });
    await server.ok(RecordSalesDocument, { input: { lines: [sale(0, 3), sale(2, 1), sale(3, 2), sale(8, 5), sale(0, 4, L2.id), sale(-5, 9)] } }, retailer.token);

    //  day   version  F  A  |F-A|  F-A
    //  B     v1       2  3    1    -1
    //  B+2   v1       2  1    1    +1   (v2 came at noon: newest at the start of the day is v1)
    //  B+3   v2       1  2    1    -1   (day 3 of 10 over 7: 1)
    //  B+8   v2       0  5    5    -5   (no line covers it)
    //  B@L2  v1       0  4    4    -4   (no line for L2)
    //  B-5 is outside the window.
    const window = { from: B, to: inDays(-2) };
    const all = (await server.ok(ForecastAccuracyDocument, window, retailer.token)).forecastAccuracy;
    expect(all).toEqual([{ key: 'ALL', label: 'All', wape: 0.8, bias: -0.6667, days: 5, actualQuantity: 15, forecastQuantity: 5 }]);
    const byLocation = (await server.ok(ForecastAccuracyDocument, { ...window, groupBy: 'LOCATION' }, retailer.token)).forecastAccuracy;
    expect(byLocation.map((g) => [g.key, g.wape, g.bias, g.days, g.actualQuantity, g.forecastQuantity])).toEqual(
      [[location.id, 0.7273, -0.5455, 4, 11, 5], [L2.id, 1, -1, 1, 4, 0]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const bySupplier = (await server.ok(ForecastAccuracyDocument, { ...window, groupBy: 'SUPPLIER' }, retailer.token)).forecastAccuracy;
    expect(bySupplier).toEqual([{ key: supplier.orgId, label: supplier.orgName, wape: 0.8, bias: -0.6667, days: 5, actualQuantity: 15, forecastQuantity: 5 }]);

    // The supplier: nothing until the retailer shares its sales, then the same figures for its item.
    expect((await server.ok(ForecastAccuracyDocument, window, supplier.token)).forecastAccuracy).toEqual([
      { key: 'ALL', label: 'All', wape: null, bias: null, days: 0, actualQuantity: 0, forecastQuantity: 0 },
    ]);
    await server.ok(SetCollaborationRulesDocument, { input: { partnershipId, shareSales: true } }, retailer.token);
    expect((await server.ok(ForecastAccuracyDocument, { ...window, groupBy: 'ITEM' }, supplier.token)).forecastAccuracy.map((g) => [g.key, g.wape, g.days])).toEqual([
      [item.id, 0.8, 5],
    ]);
    expectError(await server.gql(ForecastAccuracyDocument, { from: B, to: inDays(-11) }, retailer.token), 'BAD_USER_INPUT', 'to');
  });
});

describe('forecastAccuracy across time zones', () => {
  it('takes the version that was newest when the day began at the location (its local midnight), not at 00:00 UTC', async () => {
    const { retailer, item } = await tradingPair(server);
    const shanghai = await createLocation(server, retailer.token, { timeZone: 'Asia/Shanghai' }); // UTC+8
    const losAngeles = await createLocation(server, retailer.token, { timeZone: 'America/Los_Angeles' }); // UTC-8 (-7 in summer)
    const utc = await createLocation(server, retailer.token); // the organization's zone: UTC
    const D = inDays(-10);
    const line = (locationId: string, quantity: number) => ({ itemId: item.id, locationId, periodStart: D, quantity });
    const publish = async (lines: object[], publishedAt: string) => {
      const { publishForecast } = await server.ok(PublishForecastDocument, { input: { lines } as never }, retailer.token);
      await server.query(`UPDATE forecast_version SET published_at = $2 WHERE id = $1`, [publishForecast.id, publishedAt]);
    };
    // v1 at 12:00 UTC the day before D: nothing for Shanghai, 1 a day elsewhere.
    await publish([line(losAngeles.id, 7), line(utc.id, 7)], `${addDays(D, -1)}T12:00:00Z`);
    // v2 at 16:06 UTC the day before D: 00:06 on D in Shanghai (after its day began), before D began in UTC. 2 a day everywhere.
    await publish([line(shanghai.id, 14), line(losAngeles.id, 14), line(utc.id, 14)], `${addDays(D, -1)}T16:06:00Z`);
    // v3 at 05:00 UTC on D: the evening before D in Los Angeles (D begins there at 07:00 or 08:00 UTC). 3 a day everywhere.
    await publish([line(shanghai.id, 21), line(losAngeles.id, 21), line(utc.id, 21)], `${D}T05:00:00Z`);
    await server.ok(RecordSalesDocument, {
      input: { lines: [shanghai, losAngeles, utc].map((l) => ({ itemId: item.id, locationId: l.id, date: D, quantity: 3 })) },
    }, retailer.token);

    //  location      D began at (UTC)        newest then  F  A  |F-A|  F-A
    //  Shanghai      D-1 16:00               v1 (no line) 0  3    3     -3
    //  UTC           D   00:00               v2           2  3    1     -1
    //  Los Angeles   D   07:00 or 08:00      v3           3  3    0      0
    const window = { from: D, to: D };
    const byLocation = (await server.ok(ForecastAccuracyDocument, { ...window, groupBy: 'LOCATION' }, retailer.token)).forecastAccuracy;
    expect(Object.fromEntries(byLocation.map((g) => [g.key, [g.wape, g.bias, g.actualQuantity, g.forecastQuantity]]))).toEqual({
      [shanghai.id]: [1, -1, 3, 0],
      [utc.id]: [0.3333, -0.3333, 3, 2],
      [losAngeles.id]: [0, 0, 3, 3],
    });
    // Whole: sum|F - A| = 4, sum(F - A) = -4, sum A = 9.
    expect((await server.ok(ForecastAccuracyDocument, window, retailer.token)).forecastAccuracy).toEqual([
      { key: 'ALL', label: 'All', wape: 0.4444, bias: -0.4444, days: 3, actualQuantity: 9, forecastQuantity: 5 },
    ]);
  });
});

describe('very large quantities', () => {
  it('reports quantities up to 2,147,483,647 (GraphQL Int) and computes WAPE and bias from the exact sums, as the descriptions say', async () => {
    const { retailer, item, location } = await tradingPair(server);
    const lines = Array.from({ length: 14 }, (_, k) => ({ itemId: item.id, locationId: location.id, date: inDays(-14 + k), quantity: 1_000_000_000 }));
    await server.ok(RecordSalesDocument, { input: { lines } }, retailer.token);
    // Two weeks of 7,000,000,000 each: reported at the Int limit; SES forecasts 7e9 a week, at most 1e9 (a forecast line's most).
    const { previewForecast } = await server.ok(PreviewForecastDocument, { itemId: item.id, locationId: location.id, horizonWeeks: 1 }, retailer.token);
    expect(previewForecast.history.map((w) => w.quantity)).toEqual([2_147_483_647, 2_147_483_647]);
    expect(previewForecast.forecast.map((w) => w.quantity)).toEqual([1_000_000_000]);
    // A forecast of 1,000,000,000 over the first 7 days; the window sold 14e9: F = 1e9, |F - A| = 13e9.
    // Exact: WAPE = 13e9 / 14e9 = 0.9286, bias -0.9286 (from the reported figures it would be 0.5343).
    const { publishForecast } = await server.ok(PublishForecastDocument, {
      input: { lines: [{ itemId: item.id, locationId: location.id, periodStart: inDays(-14), quantity: 1_000_000_000 }] },
    }, retailer.token);
    await server.query(`UPDATE forecast_version SET published_at = $2 WHERE id = $1`, [publishForecast.id, `${inDays(-20)}T00:00:00Z`]);
    expect((await server.ok(ForecastAccuracyDocument, { from: inDays(-14), to: inDays(-1) }, retailer.token)).forecastAccuracy).toEqual([
      { key: 'ALL', label: 'All', wape: 0.9286, bias: -0.9286, days: 14, actualQuantity: 2_147_483_647, forecastQuantity: 1_000_000_000 },
    ]);
    // The contract says so where the figures are.
    const described = async (type: string) => {
      const { __type } = await server.ok(parse(`{ __type(name: "${type}") { fields { name description } } }`) as TypedDocumentNode<{ __type: { fields: { name: string; description: string }[] } }, Record<string, never>>);
      return Object.fromEntries(__type.fields.map((f) => [f.name, f.description]));
    };
    const accuracy = await described('ForecastAccuracy');
    for (const field of ['actualQuantity', 'forecastQuantity']) expect(accuracy[field]).toContain('2,147,483,647');
    for (const field of ['wape', 'bias']) expect(accuracy[field]).toContain('exact sums');
    const preview = await described('ForecastPreview');
    expect(preview.history).toContain('2,147,483,647');
    expect(preview.forecast).toContain('1,000,000,000');
  });
});

describe('the demo data', () => {
  it('has 60 weeks of daily sales (a trending, a seasonal-looking and an intermittent item) and baseline versions published the evenings before 8 and 4 weeks ago, before local midnight', async () => {
    const db = await freshDatabase('ss_demo_demand');
    const log = createLogger('silent');
    const orm = await initOrm(db.url, { log });
    const owner = await initOrm(db.url, { actAsAppRole: false, poolMax: 1 });
    try {
      await seedDemoData(orm, createServices(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url }), log), log);
      const q = <T extends object>(text: string) => sql<T>(owner.em.fork(), text);
      expect(await q(`SELECT count(*)::int AS n, min(day)::text AS first, max(day)::text AS last FROM sales_day`)).toEqual([
        { n: 20 * 3 * 60 * 7, first: addDays(localDate(new Date(), DEMO_TIME_ZONE), -420), last: addDays(localDate(new Date(), DEMO_TIME_ZONE), -1) },
      ]);
      // Peanut Butter (SKU-1014) sells on few days: most of its weeks are zero.
      const [pb] = await q<{ zeroWeeks: number }>(
        `SELECT count(*) FILTER (WHERE w.q = 0)::int AS "zeroWeeks" FROM (
           SELECT sum(sd.quantity) AS q FROM sales_day sd JOIN item i ON i.id = sd.item_id JOIN location l ON l.id = sd.location_id
            WHERE i.sku = 'SKU-1014' AND l.code = 'DC-EAST' GROUP BY (current_date - sd.day + 6) / 7) w`,
      );
      expect(pb.zeroWeeks).toBeGreaterThanOrEqual(18); // of 60
      // The two baseline versions: generated as of 8 and 4 weeks ago there and published at 18:00 the evening before, in
      // Shanghai (the demo's zone), so before their first day began at the locations; then the demo's FULL upload, today.
      const versions = await q<{ version: number; scope: string; publishedAt: Date; firstPeriod: string | null; generated: number }>(
        `SELECT v.version, v.scope, v.published_at AS "publishedAt",
                (SELECT min(fl.period_start)::text FROM forecast_line fl WHERE fl.version_id = v.id AND fl.method IS NOT NULL) AS "firstPeriod",
                (SELECT count(*)::int FROM forecast_line fl WHERE fl.version_id = v.id AND fl.method IS NOT NULL) AS generated
           FROM forecast_version v ORDER BY v.version`,
      );
      const today = localDate(new Date(), DEMO_TIME_ZONE);
      const evening = (day: string) => new Date(startOfLocalDay(day, DEMO_TIME_ZONE).getTime() - 6 * 3_600_000).toISOString();
      expect(versions.map((v) => [v.version, v.scope, v.firstPeriod, v.generated])).toEqual([
        [1, 'LISTED', addDays(today, -56), 20 * 3 * 4],
        [2, 'LISTED', addDays(today, -28), 20 * 3 * 4],
        [3, 'FULL', null, 0],
      ]);
      expect(versions.slice(0, 2).map((v) => new Date(v.publishedAt).toISOString())).toEqual([evening(addDays(today, -56)), evening(addDays(today, -28))]);
      expect(localDate(new Date(versions[2].publishedAt), DEMO_TIME_ZONE)).toBe(today);
    } finally {
      await owner.close();
      await orm.close();
      await db.drop();
    }
  }, 120_000);
});
