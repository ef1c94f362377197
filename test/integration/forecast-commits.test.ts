import { createLogger } from '../../src/logger';
import { raiseMissingCommitExceptions } from '../../src/modules/forecasting/forecast-commit.service';
import {
  CommitForecastDocument,
  ForecastCommitAlertsDocument,
  ForecastCommitsDocument,
  PublishForecastDocument,
  SetCollaborationRulesDocument,
  type ForecastCommitLineInput,
  type ForecastLineInput,
} from '../../src/sdk/generated/graphql';
import { addUser, createItem, expectError, inDays, partner, signUp, sourcingRule, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const nodes = <T>(connection: { edges: { node: T }[] }) => connection.edges.map((edge) => edge.node);
const deps = () => ({ orm: server.orm, services: server.app.services, log: createLogger('silent') });

/** The FORECAST_COMMIT_EXCEPTION alerts an organization has, as stored. */
const exceptionsOf = (organizationId: string) =>
  server.query<{ message: string; forecast_commit_id: string }>(
    `SELECT message, forecast_commit_id FROM alert WHERE organization_id = $1 AND type = 'FORECAST_COMMIT_EXCEPTION' ORDER BY cursor`,
    [organizationId],
  );

/**
 * A retailer with supplier S (item I at location L, active rule) and a second
 * partner T that supplies only item J; version 1: I/L 70 from today, 100 from
 * day 7 (7-day periods), J/L 40 from today.
 */
async function world() {
  const pair = await tradingPair(server);
  const other = await signUp(server, 'SUPPLIER');
  await partner(server, pair.retailer, other);
  const itemJ = await createItem(server, pair.retailer.token);
  await sourcingRule(server, pair.retailer.token, { itemId: itemJ.id, supplierId: other.orgId });
  const planner = await addUser(server, pair.retailer, 'PLANNER');
  const lines: ForecastLineInput[] = [
    { itemId: pair.item.id, locationId: pair.location.id, periodStart: inDays(0), quantity: 70 },
    { itemId: pair.item.id, locationId: pair.location.id, periodStart: inDays(7), quantity: 100 },
    { itemId: itemJ.id, locationId: pair.location.id, periodStart: inDays(0), quantity: 40 },
  ];
  await server.ok(PublishForecastDocument, { input: { lines } }, planner.token);
  const line = (periodDay: number, quantity: number, over: Partial<ForecastCommitLineInput> = {}): ForecastCommitLineInput => ({
    itemId: pair.item.id, locationId: pair.location.id, periodStart: inDays(periodDay), quantity, ...over,
  });
  const commit = (lines: ForecastCommitLineInput[], forecastVersion = 1, token = pair.supplier.token) =>
    server.gql(CommitForecastDocument, { input: { retailerId: pair.retailer.orgId, forecastVersion, lines } }, token);
  return { ...pair, other, itemJ, planner, line, commit };
}

describe('commitForecast and forecastCommits', () => {
  it('stores commits beside the forecast, raises one exception per short line to both sides, and shows each side only its own', async () => {
    const w = await world();
    // Tolerance 10%: 70 x 0.9 = 63 is not short; 100 x 0.9 = 90, so 89 is.
    const result = await w.commit([w.line(0, 63), w.line(7, 89)]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.commitForecast.map((c) => [c.periodStart, c.forecastQuantity, c.committedQuantity, c.exception, c.forecastVersion, c.supplier.id])).toEqual([
      [inDays(0), 70, 63, false, 1, w.supplier.orgId],
      [inDays(7), 100, 89, true, 1, w.supplier.orgId],
    ]);
    const shortId = result.data!.commitForecast[1].id;

    // One exception each, to the retailer and to the supplier, linked to the commit.
    for (const [org, token] of [[w.retailer.orgId, w.retailer.token], [w.supplier.orgId, w.supplier.token]]) {
      const alerts = await exceptionsOf(org);
      expect(alerts).toHaveLength(1);
      // The alert links the commit; through the API its id is the commit's (the stored row's id is internal).
      const linked = await server.raw({ query: '{ alerts(first: 100) { edges { node { type forecastCommit { id committedQuantity } } } } }' }, { authorization: `Bearer ${token}` });
      expect((linked.data!.alerts as { edges: { node: { type: string } }[] }).edges.map((e) => e.node).filter((a) => a.type === 'FORECAST_COMMIT_EXCEPTION'))
        .toEqual([{ type: 'FORECAST_COMMIT_EXCEPTION', forecastCommit: { id: shortId, committedQuantity: 89 } }]);
      expect(alerts[0].message).toContain('committed 89 against a forecast of 100');
      expect(alerts[0].message).toContain('more than 10% short');
    }
    const linked = await server.ok(ForecastCommitAlertsDocument, {}, w.supplier.token);
    expect(nodes(linked.alerts).map((a) => [a.type, a.forecastCommit?.committedQuantity, a.forecastCommit?.exception])).toEqual([
      ['FORECAST_COMMIT_EXCEPTION', 89, true],
    ]);
    expect(nodes(linked.alerts)[0].forecastCommit?.item.sku).toBe(w.item.sku);

    // The retailer: its three lines, each beside the supplier it is shared with (I with S, J with T; T has not committed).
    const retailerView = (await server.ok(ForecastCommitsDocument, {}, w.retailer.token)).forecastCommits;
    const row = (c: (typeof retailerView.edges)[number]['node']) => [c.supplier.id, c.item.id, c.periodStart, c.forecastQuantity, c.committedQuantity, c.exception];
    expect(nodes(retailerView).map(row).sort()).toEqual(
      [
        [w.supplier.orgId, w.item.id, inDays(0), 70, 63, false],
        [w.supplier.orgId, w.item.id, inDays(7), 100, 89, true],
        [w.other.orgId, w.itemJ.id, inDays(0), 40, null, false],
      ].sort(),
    );
    expect(retailerView.totalCount).toBe(3);
    // The row not committed yet has the id its commit will have.
    const tRow = nodes(retailerView).find((c) => c.supplier.id === w.other.orgId)!;
    expect(tRow.committedAt).toBeNull();
    expect(nodes((await server.ok(ForecastCommitsDocument, { supplierId: w.other.orgId }, w.retailer.token)).forecastCommits)).toHaveLength(1);
    expect(nodes((await server.ok(ForecastCommitsDocument, { exceptionsOnly: true }, w.retailer.token)).forecastCommits).map((c) => c.id)).toEqual([shortId]);

    // The supplier: its own two rows only; T: its own J row only, never S's commits.
    const supplierView = (await server.ok(ForecastCommitsDocument, {}, w.supplier.token)).forecastCommits;
    expect(nodes(supplierView).map(row)).toEqual([
      [w.supplier.orgId, w.item.id, inDays(0), 70, 63, false],
      [w.supplier.orgId, w.item.id, inDays(7), 100, 89, true],
    ]);
    const otherView = (await server.ok(ForecastCommitsDocument, {}, w.other.token)).forecastCommits;
    expect(nodes(otherView).map(row)).toEqual([[w.other.orgId, w.itemJ.id, inDays(0), 40, null, false]]);
    expect(otherView.edges[0].node.id).toBe(tRow.id);
    expect(nodes((await server.ok(ForecastCommitsDocument, { supplierId: w.supplier.orgId }, w.other.token)).forecastCommits)).toEqual([]);
    expect(nodes((await server.ok(ForecastCommitAlertsDocument, {}, w.other.token)).alerts)).toEqual([]);
    // T may not commit for item I (it does not source it), nor see the link.
    expectError(await w.commit([w.line(0, 70)], 1, w.other.token), 'NOT_FOUND', 'input.lines[0].itemId');

    // Another retailer and its supplier see nothing of it.
    const stranger = await tradingPair(server);
    expect(nodes((await server.ok(ForecastCommitsDocument, {}, stranger.retailer.token)).forecastCommits)).toEqual([]);
    expect(nodes((await server.ok(ForecastCommitsDocument, { retailerId: w.retailer.orgId }, stranger.supplier.token)).forecastCommits)).toEqual([]);
    expectError(
      await server.gql(CommitForecastDocument, { input: { retailerId: w.retailer.orgId, forecastVersion: 1, lines: [w.line(0, 1)] } }, stranger.supplier.token),
      'NOT_FOUND',
      'input.retailerId',
    );
  });

  it('raises the exception once per line: re-committing short (the same or less) raises nothing more; a full commit clears it', async () => {
    const w = await world();
    expect((await w.commit([w.line(7, 89)])).data!.commitForecast[0].exception).toBe(true);
    const again = await w.commit([w.line(7, 89)]);
    expect(again.data!.commitForecast[0]).toMatchObject({ committedQuantity: 89, exception: true });
    expect((await w.commit([w.line(7, 50)])).data!.commitForecast[0]).toMatchObject({ committedQuantity: 50, exception: true });
    expect(await exceptionsOf(w.retailer.orgId)).toHaveLength(1);
    expect(await exceptionsOf(w.supplier.orgId)).toHaveLength(1);
    // 90 is exactly forecast x (1 - 10%): not short.
    expect((await w.commit([w.line(7, 90)])).data!.commitForecast[0]).toMatchObject({ committedQuantity: 90, exception: false });
    expect(nodes((await server.ok(ForecastCommitsDocument, { exceptionsOnly: true }, w.retailer.token)).forecastCommits)).toEqual([]);
    // The tolerance is the partnership's: at 5%, 94 of 100 is short (95 is the floor) and 95 is not; still no second alert for that line.
    await server.ok(SetCollaborationRulesDocument, { input: { partnershipId: w.partnershipId, commitTolerancePercent: 5 } }, w.retailer.token);
    expect((await w.commit([w.line(7, 94), w.line(0, 67)])).data!.commitForecast.map((c) => c.exception)).toEqual([true, false]);
    // 70 x 0.95 = 66.5: 67 is not short, 66 is, and that line's first exception raises an alert.
    expect((await w.commit([w.line(0, 66)])).data!.commitForecast[0].exception).toBe(true);
    expect((await exceptionsOf(w.retailer.orgId)).map((a) => a.message)).toEqual([
      expect.stringContaining('committed 89 against a forecast of 100'),
      expect.stringContaining('committed 66 against a forecast of 70'),
    ]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const w = await world();
    const cases: [Awaited<ReturnType<typeof w.commit>>, string, string][] = [
      // A line the version does not have (no period from day 14).
      [await w.commit([w.line(0, 70), w.line(14, 10)]), 'BAD_USER_INPUT', 'input.lines[1].periodStart'],
      [await w.commit([w.line(0, 70), w.line(7, -1)]), 'BAD_USER_INPUT', 'input.lines[1].quantity'],
      [await w.commit([w.line(0, 70), w.line(0, 60)]), 'BAD_USER_INPUT', 'input.lines[1].periodStart'],
      [await w.commit([w.line(0, 70, { locationId: w.item.id })]), 'NOT_FOUND', 'input.lines[0].locationId'],
      [await w.commit([]), 'BAD_USER_INPUT', 'input.lines'],
      [await w.commit([w.line(0, 70)], 9), 'NOT_FOUND', 'input.forecastVersion'],
    ];
    for (const [result, code, field] of cases) expectError(result, code, field);
    // Another version: once version 2 is published, version 1 takes no commits.
    await server.ok(PublishForecastDocument, { input: { lines: [{ itemId: w.item.id, locationId: w.location.id, periodStart: inDays(0), quantity: 80 }] } }, w.planner.token);
    const stale = expectError(await w.commit([w.line(0, 70)], 1), 'BAD_USER_INPUT', 'input.forecastVersion');
    expect(stale.message).toBe('Version 1 has been replaced by version 2: commit against version 2');
    // The retailer does not commit.
    expectError(await w.commit([w.line(0, 70)], 2, w.retailer.token), 'FORBIDDEN');
    expect(await server.query('SELECT 1 FROM forecast_commit WHERE retailer_id = $1', [w.retailer.orgId])).toHaveLength(0);
    expect(await exceptionsOf(w.retailer.orgId)).toHaveLength(0);
    // Version 2 shows the new line only, still uncommitted; a commit against it works.
    expect((await w.commit([w.line(0, 80)], 2)).data!.commitForecast[0]).toMatchObject({ forecastVersion: 2, forecastQuantity: 80, committedQuantity: 80, exception: false });
  });
});

describe('missing commits (raiseMissingCommitExceptions)', () => {
  it('raises once per line with demand and no commit, commitDueDays after publication, as of the clock it is given', async () => {
    const w = await world();
    await server.ok(PublishForecastDocument, {
      input: {
        lines: [
          { itemId: w.item.id, locationId: w.location.id, periodStart: inDays(0), quantity: 70 },
          { itemId: w.item.id, locationId: w.location.id, periodStart: inDays(7), quantity: 0 },
          { itemId: w.item.id, locationId: w.location.id, periodStart: inDays(14), quantity: 30 },
        ],
      },
    }, w.planner.token);
    // The supplier commits the day-14 line in full; T (item J) has no line in version 2.
    await w.commit([w.line(14, 30)], 2);
    const [{ published }] = await server.query<{ published: Date }>(
      'SELECT published_at AS published FROM forecast_version WHERE retailer_id = $1 AND version = 2',
      [w.retailer.orgId],
    );
    // published_at has microseconds, a Date milliseconds: +1 ms is the first millisecond at or after the instant.
    const at = (ms: number) => new Date(new Date(published).getTime() + 1 + ms);
    const DAY = 86_400_000;

    // One minute before 3 days: nothing.
    await raiseMissingCommitExceptions(deps(), at(3 * DAY - 60_000));
    expect(await exceptionsOf(w.retailer.orgId)).toHaveLength(0);
    // At 3 days: the day-0 line only (day 7 has no demand, day 14 is committed), to both sides.
    await raiseMissingCommitExceptions(deps(), at(3 * DAY));
    for (const org of [w.retailer.orgId, w.supplier.orgId]) {
      const alerts = await exceptionsOf(org);
      expect(alerts.map((a) => a.message)).toEqual([expect.stringContaining('has not committed to the forecast of 70')]);
      expect(alerts[0].message).toContain('3 day(s) after it was published');
    }
    expect(await exceptionsOf(w.other.orgId)).toHaveLength(0);
    const view = nodes((await server.ok(ForecastCommitsDocument, { exceptionsOnly: true }, w.supplier.token)).forecastCommits);
    expect(view.map((c) => [c.periodStart, c.forecastQuantity, c.committedQuantity, c.exception])).toEqual([[inDays(0), 70, null, true]]);
    // Run again, a day later: nothing more (once per key).
    await raiseMissingCommitExceptions(deps(), at(4 * DAY));
    expect(await exceptionsOf(w.retailer.orgId)).toHaveLength(1);
    // A late commit in full clears the exception and raises nothing; a short one later raises nothing either.
    expect((await w.commit([w.line(0, 70)], 2)).data!.commitForecast[0]).toMatchObject({ committedQuantity: 70, exception: false });
    expect((await w.commit([w.line(0, 10)], 2)).data!.commitForecast[0]).toMatchObject({ committedQuantity: 10, exception: true });
    expect(await exceptionsOf(w.retailer.orgId)).toHaveLength(1);
    expect(await exceptionsOf(w.supplier.orgId)).toHaveLength(1);
  });

  it('follows the partnership\'s commitDueDays', async () => {
    const w = await world();
    await server.ok(SetCollaborationRulesDocument, { input: { partnershipId: w.partnershipId, commitDueDays: 5 } }, w.retailer.token);
    const [{ published }] = await server.query<{ published: Date }>('SELECT published_at AS published FROM forecast_version WHERE retailer_id = $1', [w.retailer.orgId]);
    const at = (days: number) => new Date(new Date(published).getTime() + 1 + days * 86_400_000);
    await raiseMissingCommitExceptions(deps(), at(4.9));
    // T's partnership keeps 3 days: its J line (40) is due; S's two lines are not yet.
    expect(await exceptionsOf(w.supplier.orgId)).toHaveLength(0);
    expect(await exceptionsOf(w.other.orgId)).toHaveLength(1);
    await raiseMissingCommitExceptions(deps(), at(5));
    expect((await exceptionsOf(w.supplier.orgId)).length).toBe(2);
    expect((await exceptionsOf(w.retailer.orgId)).length).toBe(3);
  });
});
