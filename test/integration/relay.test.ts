import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  AlertsDocument,
  ApiKeysDocument,
  CommitForecastDocument,
  CreateApiKeyDocument,
  CreateShipNoticeDocument,
  ForecastCommitsDocument,
  ForecastVersionsDocument,
  InventoryDocument,
  MeDocument,
  NodeDocument,
  PublishForecastDocument,
  ReallocationProposalsDocument,
  ShortageRisksDocument,
  SuspendPartnershipDocument,
  UpsertInventoryDocument,
} from '../../src/sdk/generated/graphql';
import { forecastCommitNodeId, riskNodeId } from '../../src/shared/node';
import { confirmLine, createOrder, inDays, partner, signUp, sourcingRule, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Relay's Node through the API: node(id) finds every kind of object its
 * owner may see, a supplier only its share (and none of it once suspended),
 * a stranger nothing; and Apollo Client's normalized cache takes a risk
 * pushed by the shortageRiskChanged subscription onto the list it holds.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const nodeOf = async (id: string, token: string) => {
  const result = await server.gql(NodeDocument, { id }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.node;
};

describe('node(id)', () => {
  it('finds each kind for its owner, a supplier\'s share while ACTIVE, nothing for a stranger or after a suspension', async () => {
    const pair = await tradingPair(server);
    const { retailer: R, supplier: S, item, location, rule } = pair;
    // A backup supplier, so a late confirmation proposes a reallocation (as in cross-tenant.test.ts).
    const backup = await signUp(server, 'SUPPLIER');
    await partner(server, R, backup);
    await sourcingRule(server, R.token, { itemId: item.id, supplierId: backup.orgId, priority: 2, quotedLeadTimeDays: 2 });
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 3 }] } }, R.token);
    const position = ((await server.raw({ query: `{ inventory { edges { node { id } } } }` }, { authorization: `Bearer ${R.token}` })).data!
      .inventory as { edges: { node: { id: string } }[] }).edges[0].node;
    await server.ok(PublishForecastDocument, { input: { lines: [{ itemId: item.id, locationId: location.id, periodStart: inDays(1), periodDays: 1, quantity: 10 }] } }, R.token);
    const order = await createOrder(server, pair, [{ quantity: 50, requestedDate: inDays(4) }, { quantity: 10, requestedDate: inDays(9) }]);
    const [late, open] = order.lines;
    await confirmLine(server, S, late.id, [{ quantity: 50, deliveryDate: inDays(8) }]);
    const { createShipNotice: notice } = await server.ok(CreateShipNoticeDocument, {
      input: { shipToId: location.id, shippedOn: inDays(0), expectedArrival: inDays(3), lines: [{ lineId: open.id, quantity: 4 }] },
    }, S.token);
    const [proposal] = (await server.ok(ReallocationProposalsDocument, {}, R.token)).reallocationProposals.edges.map((e) => e.node);
    const { createApiKey } = await server.ok(CreateApiKeyDocument, { input: { name: 'erp', scopes: ['read', 'alerts:read'] } }, R.token);
    const [version] = (await server.ok(ForecastVersionsDocument, {}, R.token)).forecastVersions;
    const [alert] = (await server.ok(AlertsDocument, {}, R.token)).alerts.edges.map((e) => e.node);
    const me = (await server.ok(MeDocument, {}, R.token)).me;
    const riskId = riskNodeId(item.id, location.id);
    // The risk's id as the list shows it is the id node() takes.
    const listed = (await server.raw({ query: `{ shortageRisks { edges { node { id } } } }` }, { authorization: `Bearer ${R.token}` })).data!
      .shortageRisks as { edges: { node: { id: string } }[] };
    expect(listed.edges.map((e) => e.node.id)).toEqual([riskId]);
    expect(riskId).toMatch(/^risk_[A-Za-z0-9_-]{43}$/);
    expect(position.id).toMatch(/^[0-9a-f-]{36}$/);
    // A forecast commit's id carries its key: node() finds the line beside S before S commits (nothing stored) and after.
    const commitOf = async (token: string) => (await server.ok(ForecastCommitsDocument, { supplierId: S.orgId }, token)).forecastCommits.edges.map((e) => e.node);
    const [uncommitted] = await commitOf(R.token);
    expect(uncommitted).toMatchObject({ supplier: { id: S.orgId }, forecastQuantity: 10, committedQuantity: null });
    expect(uncommitted.id).toMatch(/^fcommit_[A-Za-z0-9_-]{91}$/);
    expect(await nodeOf(uncommitted.id, S.token)).toEqual({ __typename: 'ForecastCommit', id: uncommitted.id, forecastQuantity: 10, committedQuantity: null, supplier: { id: S.orgId } });
    const [committed] = (await server.ok(CommitForecastDocument, {
      input: { retailerId: R.orgId, forecastVersion: 1, lines: [{ itemId: item.id, locationId: location.id, periodStart: inDays(1), quantity: 8 }] },
    }, S.token)).commitForecast;
    expect(committed.id).toBe(uncommitted.id);
    expect(await nodeOf(committed.id, R.token)).toMatchObject({ __typename: 'ForecastCommit', id: committed.id, committedQuantity: 8 });
    // The backup supplier sees its own line, never S's.
    const [backupLine] = (await server.ok(ForecastCommitsDocument, {}, backup.token)).forecastCommits.edges.map((e) => e.node);
    expect(backupLine.supplier.id).toBe(backup.orgId);
    expect(await nodeOf(backupLine.id, backup.token)).toMatchObject({ __typename: 'ForecastCommit', id: backupLine.id });
    expect(await nodeOf(committed.id, backup.token)).toBeNull();

    // kind -> [id, __typename, whether S sees it while ACTIVE]
    const objects: [string, string, boolean][] = [
      [R.orgId, 'Organization', true],
      [me.id, 'User', false],
      [pair.partnershipId, 'Partnership', true],
      [createApiKey.apiKey.id, 'ApiKey', false],
      [item.id, 'Item', true],
      [location.id, 'Location', true],
      [rule.id, 'SourcingRule', true],
      [position.id, 'InventoryPosition', false],
      [version.id, 'ForecastVersion', true],
      [order.id, 'PurchaseOrder', true],
      [late.id, 'PurchaseOrderLine', true],
      [riskId, 'ShortageRisk', true],
      [alert.id, 'Alert', false],
      [proposal.id, 'ReallocationProposal', false],
      [notice.id, 'ShipNotice', true],
      [committed.id, 'ForecastCommit', true],
    ];
    const stranger = await signUp(server, 'SUPPLIER');
    const rival = await signUp(server, 'RETAILER');
    for (const [id, typename, supplierSees] of objects) {
      expect({ id, typename, node: await nodeOf(id, R.token) }).toMatchObject({ node: { __typename: typename, id } });
      expect({ typename, node: await nodeOf(id, S.token) }).toEqual({ typename, node: supplierSees ? expect.objectContaining({ __typename: typename, id }) : null });
      expect({ typename, node: await nodeOf(id, stranger.token) }).toEqual({ typename, node: null });
      expect({ typename, node: await nodeOf(id, rival.token) }).toEqual({ typename, node: null });
    }
    // What node() shows is what the type shows elsewhere.
    expect(await nodeOf(riskId, R.token)).toEqual({ __typename: 'ShortageRisk', id: riskId, level: 'STOCKOUT', shortageQuantity: 7, item: { id: item.id }, location: { id: location.id } });
    expect(await nodeOf(order.id, S.token)).toEqual({ __typename: 'PurchaseOrder', id: order.id, number: order.number, status: 'PARTIALLY_CONFIRMED' });
    expect(await nodeOf(position.id, R.token)).toEqual({ __typename: 'InventoryPosition', id: position.id, onHand: 3 });
    expect(await nodeOf(order.id.toUpperCase(), R.token)).toMatchObject({ __typename: 'PurchaseOrder', id: order.id });
    // An API key reads with the read scope; it never sees API keys (people manage them).
    expect(await nodeOf(order.id, createApiKey.secret)).toMatchObject({ __typename: 'PurchaseOrder' });
    expect(await nodeOf(createApiKey.apiKey.id, createApiKey.secret)).toBeNull();
    expect((await server.ok(ApiKeysDocument, {}, R.token)).apiKeys.map((k) => k.id)).toContain(createApiKey.apiKey.id);

    // Ids of nothing, and strings that are no id (up to the bound of 128 characters): null, no error.
    const otherPeriod = forecastCommitNodeId({ versionId: version.id, supplierId: S.orgId, itemId: item.id, locationId: location.id, periodStart: inDays(2) });
    const strangerKey = forecastCommitNodeId({ versionId: version.id, supplierId: stranger.orgId, itemId: item.id, locationId: location.id, periodStart: inDays(1) });
    for (const id of ['', 'nope', '00000000-0000-0000-0000-000000000000', 'risk_', `${riskId}x`, 'fcommit_', otherPeriod, strangerKey, `${committed.id}A`, riskId.slice(0, -1) + (riskId.endsWith('A') ? 'B' : 'A'), riskNodeId(location.id, item.id), 'x'.repeat(128)]) {
      expect({ id, node: await nodeOf(id, R.token) }).toEqual({ id, node: null });
    }
    // Longer than any id argument may be (ID bound): BAD_USER_INPUT on id, as for every ID argument.
    const tooLong = await server.gql(NodeDocument, { id: 'x'.repeat(129) }, R.token);
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

    // Cost: the lookup is one statement for a UUID (a UNION ALL over the kinds) plus one reading the object, not one per kind.
    server.statements.length = 0;
    await nodeOf(notice.id, R.token);
    const own = server.statementsBesideCredentials().filter((s) => !/^\[query\] (begin|commit)\b|app_enter|webhook_endpoints_due/i.test(s.trim()));
    expect(own).toEqual([expect.stringMatching(/^\[query\] SELECT 'organization' AS kind .*UNION ALL SELECT 'user'/s), expect.stringMatching(/FROM ship_notice n WHERE/)]);
    // A forecast commit's id names its key: one statement.
    server.statements.length = 0;
    await nodeOf(committed.id, R.token);
    expect(server.statementsBesideCredentials().filter((s) => /forecast_/.test(s))).toEqual([expect.stringMatching(/FROM forecast_version v\s+JOIN forecast_line fl/)]);

    // Suspended: S keeps seeing the retailer and the partnership (as Query.partnerships shows them), nothing else of R's.
    await server.ok(SuspendPartnershipDocument, { id: pair.partnershipId }, R.token);
    for (const [id, typename] of objects) {
      const stillSeen = typename === 'Organization' || typename === 'Partnership';
      expect({ typename, node: await nodeOf(id, S.token) }).toEqual({ typename, node: stillSeen ? expect.objectContaining({ __typename: typename, id }) : null });
    }
    expect(await nodeOf(riskId, backup.token)).toMatchObject({ __typename: 'ShortageRisk', id: riskId });
  });

  it('needs the read scope and a credential', async () => {
    const R = await signUp(server, 'RETAILER');
    const anonymous = await server.gql(NodeDocument, { id: R.orgId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const { createApiKey } = await server.ok(CreateApiKeyDocument, { input: { name: 'alerts only', scopes: ['alerts:read'] } }, R.token);
    const noRead = await server.gql(NodeDocument, { id: R.orgId }, createApiKey.secret);
    expect(noRead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('Apollo Client InMemoryCache', () => {
  it('updates a cached risk list from a shortageRiskChanged event, without refetching', async () => {
    const { retailer, item, location } = await tradingPair(server);
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 3 }] } }, retailer.token);
    await server.ok(PublishForecastDocument, { input: { lines: [{ itemId: item.id, locationId: location.id, periodStart: inDays(1), periodDays: 1, quantity: 10 }] } }, retailer.token);

    const [{ id: positionBefore }] = await server.query<{ id: string }>('SELECT id::text FROM inventory_position WHERE item_id = $1', [item.id]);
    let httpRequests = 0;
    const http = new HttpLink({
      uri: server.url,
      headers: { authorization: `Bearer ${retailer.token}` },
      fetch: (input, init) => {
        httpRequests += 1;
        return fetch(input, init);
      },
    });
    const wsClient = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${retailer.token}` }, retryAttempts: 0 });
    const connected = new Promise<void>((resolve) => wsClient.on('connected', () => resolve()));
    const link = ApolloLink.split(
      ({ query }) => {
        const definition = getMainDefinition(query);
        return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
      },
      new GraphQLWsLink(wsClient),
      http,
    );
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    const RISKS = gql`
      query CachedRisks($itemId: ID) {
        shortageRisks(filter: { itemId: $itemId }) { edges { node { id level shortageQuantity availableNow item { id sku } location { id code } } } }
      }
    `;
    const CHANGED = gql`
      subscription RiskChanged($itemId: ID) {
        shortageRiskChanged(filter: { itemId: $itemId }) { id level shortageQuantity availableNow }
      }
    `;
    type Risk = { __typename: 'ShortageRisk'; id: string; level: string; shortageQuantity: number; availableNow: number };
    type Risks = { shortageRisks: { edges: { node: Risk }[] } };
    try {
      const first = await client.query<Risks>({ query: RISKS, variables: { itemId: item.id } });
      const [cached] = first.data!.shortageRisks.edges.map((e) => e.node);
      expect(cached).toMatchObject({ __typename: 'ShortageRisk', id: riskNodeId(item.id, location.id), level: 'STOCKOUT', shortageQuantity: 7, availableNow: 3 });
      // Normalized: one entry keyed by __typename:id, which the list references.
      expect(client.cache.identify(cached)).toBe(`ShortageRisk:${cached.id}`);
      expect(client.cache.extract()).toHaveProperty([`ShortageRisk:${cached.id}`]);
      expect(httpRequests).toBe(1);

      const pushed: Risk[] = [];
      const subscription = client.subscribe<{ shortageRiskChanged: Risk }>({ query: CHANGED, variables: { itemId: item.id } }).subscribe({
        next: (result) => result.data && pushed.push(result.data.shortageRiskChanged),
      });
      await connected;
      await new Promise((r) => setTimeout(r, 300));
      // Stock arrives: 3 + 20 covers the 10 forecast.
      await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 23 }] } }, retailer.token);
      const deadline = Date.now() + 10_000;
      while (pushed.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      subscription.unsubscribe();
      expect(pushed).toEqual([expect.objectContaining({ id: cached.id, level: 'OK', shortageQuantity: 0, availableNow: 23 })]);

      // The list, read from the cache only, shows the pushed risk: same entry, new level; nothing was refetched over HTTP.
      const fromCache = client.readQuery<Risks>({ query: RISKS, variables: { itemId: item.id } });
      expect(fromCache!.shortageRisks.edges.map((e) => e.node)).toEqual([
        expect.objectContaining({ __typename: 'ShortageRisk', id: cached.id, level: 'OK', shortageQuantity: 0, availableNow: 23 }),
      ]);
      const cacheFirst = await client.query<Risks>({ query: RISKS, variables: { itemId: item.id }, fetchPolicy: 'cache-first' });
      expect(cacheFirst.data!.shortageRisks.edges[0].node.level).toBe('OK');
      expect(httpRequests).toBe(1);
      // The server agrees.
      expect((await server.ok(ShortageRisksDocument, { filter: { itemId: item.id } }, retailer.token)).shortageRisks.edges[0].node.level).toBe('OK');
      // The position was upserted again: same id.
      const positions = await server.query<{ id: string }>('SELECT id::text FROM inventory_position WHERE item_id = $1', [item.id]);
      expect(positions).toEqual([{ id: positionBefore }]);
      expect((await server.ok(InventoryDocument, { itemId: item.id }, retailer.token)).inventory.totalCount).toBe(1);
    } finally {
      client.stop();
      await wsClient.dispose();
    }
  });
});
