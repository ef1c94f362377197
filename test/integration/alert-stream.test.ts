import { createClient } from 'graphql-ws';
import { print } from 'graphql';
import WebSocket from 'ws';
import {
  AlertsDocument,
  CancelPurchaseOrderDocument,
  ConfirmPurchaseOrderLineDocument,
  CreateApiKeyDocument,
  LogoutDocument,
  PublishForecastDocument,
  RevokeApiKeyDocument,
  ShortageRiskChangedDocument,
  UpsertInventoryDocument,
  SuspendPartnershipDocument,
  type ShortageRiskChangedSubscription,
} from '../../src/sdk/generated/graphql';
import { createOrder, expectError, inDays, signUp, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { subscribeAlerts, type AlertSubscription } from '../support/ws-client';

let a: TestServer;
let b: TestServer;
const subscriptions: AlertSubscription[] = [];
beforeAll(async () => {
  a = await startTestServer({ ALERT_POLL_INTERVAL_MS: '60000', CREDENTIAL_CHECK_INTERVAL_MS: '60000' });
  // A second instance on the same database that never polls: it must learn of alerts through NOTIFY or catch-up.
  b = await a.sibling();
});
afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.stop()));
  await b.close();
  await a.close();
});

const track = (s: AlertSubscription) => {
  subscriptions.push(s);
  return s;
};

/** Raises one PURCHASE_ORDER_ISSUED alert for the pair's supplier per order. */
const issueOrders = async (pair: Awaited<ReturnType<typeof tradingPair>>, count: number, server = a) => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await createOrder(server, pair, [{ quantity: 1 + i }])).id);
  return ids;
};

describe('alerts query (polling)', () => {
  it('pages the organization\'s alerts oldest first after a cursor, with a type filter', async () => {
    const pair = await tradingPair(a);
    await issueOrders(pair, 5);
    const first = await a.ok(AlertsDocument, { first: 2 }, pair.supplier.token);
    expect(first.alerts.edges.map((e) => e.cursor)).toEqual(['1', '2']);
    expect(first.alerts.pageInfo).toEqual({ hasNextPage: true, endCursor: '2' });
    const rest = await a.ok(AlertsDocument, { after: '2' }, pair.supplier.token);
    expect(rest.alerts.edges.map((e) => e.node.cursor)).toEqual(['3', '4', '5']);
    expect(rest.alerts.edges[0].node).toMatchObject({ type: 'PURCHASE_ORDER_ISSUED', purchaseOrder: { number: 'PO-000003' } });
    expect((await a.ok(AlertsDocument, { types: ['SUPPLIER_SLIPPED'] }, pair.supplier.token)).alerts.edges).toEqual([]);
    expect((await a.ok(AlertsDocument, { after: '5' }, pair.supplier.token)).alerts.pageInfo).toEqual({ hasNextPage: false, endCursor: '5' });
    expectError(await a.gql(AlertsDocument, { after: 'abc' }, pair.supplier.token), 'BAD_USER_INPUT', 'after');
  });

  it('refuses to resume from a cursor older than the retention period, saying where the stream starts', async () => {
    const pair = await tradingPair(a);
    await issueOrders(pair, 4);
    await a.query(`UPDATE alert SET created_at = now() - interval '31 days' WHERE organization_id = $1 AND cursor <= 2`, [pair.supplier.orgId]);
    expect(await a.app.services.alerts.prune(a.orm.em.fork())).toBeGreaterThanOrEqual(2);
    const refused = expectError(await a.gql(AlertsDocument, { after: '1' }, pair.supplier.token), 'BAD_USER_INPUT', 'after');
    expect(refused.message).toMatch(/starts after cursor 2: older alerts were deleted after the 30-day retention period/);
    expect((await a.ok(AlertsDocument, {}, pair.supplier.token)).alerts.edges.map((e) => e.cursor)).toEqual(['3', '4']);
    expect((await a.ok(AlertsDocument, { after: '2' }, pair.supplier.token)).alerts.edges.map((e) => e.cursor)).toEqual(['3', '4']);
    // A cursor never handed out is refused rather than silently skipping ahead.
    expectError(await a.gql(AlertsDocument, { after: '5' }, pair.supplier.token), 'BAD_USER_INPUT', 'after');
    // Even when everything is pruned, the newest cursor is still known.
    await a.query(`UPDATE alert SET created_at = now() - interval '31 days' WHERE organization_id = $1`, [pair.supplier.orgId]);
    await a.app.services.alerts.prune(a.orm.em.fork());
    const cursor = await a.raw({ query: '{ alertCursor }' }, { authorization: `Bearer ${pair.supplier.token}` });
    expect(cursor.data).toEqual({ alertCursor: '4' });
    expect((await a.ok(AlertsDocument, { after: '4' }, pair.supplier.token)).alerts.edges).toEqual([]);
  });

  it('makes cursors visible only in order, even with concurrent writers', async () => {
    const pair = await tradingPair(a);
    const order = await createOrder(a, pair, Array.from({ length: 40 }, () => ({ quantity: 10 })));
    const base = Number((await a.ok(AlertsDocument, {}, pair.retailer.token)).alerts.pageInfo.endCursor ?? 0);
    let last = base;
    let done = false;
    const gaps: string[] = [];
    const poller = (async () => {
      while (!done || last < base + 40) {
        const page = await a.ok(AlertsDocument, { after: String(last), types: null }, pair.retailer.token);
        for (const edge of page.alerts.edges) {
          if (Number(edge.cursor) !== last + 1) gaps.push(`${last} -> ${edge.cursor}`);
          last = Number(edge.cursor);
        }
      }
    })();
    await Promise.all(order.lines.map((line, i) =>
      (i % 2 ? b : a).ok(ConfirmPurchaseOrderLineDocument, { input: { lineId: line.id, schedule: [{ quantity: 10, deliveryDate: inDays(5) }] } }, pair.supplier.token),
    ));
    done = true;
    await poller;
    expect(gaps).toEqual([]);
    expect(last).toBe(base + 40);
  });
});

describe('alerts subscription', () => {
  it('replays, then streams live, across instances, with no gap and no duplicate', async () => {
    const pair = await tradingPair(a);
    await issueOrders(pair, 3);
    const sub = track(subscribeAlerts(b.wsUrl, pair.supplier.token));
    await sub.waitFor(3);
    await issueOrders(pair, 3, a); // written on A, delivered by B
    const all = await sub.waitFor(6);
    expect(all.map((x) => x.cursor)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(all.map((x) => x.purchaseOrder?.number)).toEqual(['PO-000001', 'PO-000002', 'PO-000003', 'PO-000004', 'PO-000005', 'PO-000006']);
  });

  it('resumes after a disconnect from the last cursor: exactly the missed alerts, then live ones, in order', async () => {
    const pair = await tradingPair(a);
    await issueOrders(pair, 2);
    const first = track(subscribeAlerts(a.wsUrl, pair.supplier.token));
    const seen = await first.waitFor(2);
    await first.stop();
    await issueOrders(pair, 4, b);
    const resumed = track(subscribeAlerts(b.wsUrl, pair.supplier.token, { after: seen[seen.length - 1].cursor }));
    await resumed.waitFor(4);
    await issueOrders(pair, 2, a);
    const after = await resumed.waitFor(6);
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.received.map((x) => x.cursor)).toEqual(['3', '4', '5', '6', '7', '8']);
    expect(after).toHaveLength(6);
  });

  it('catches up on alerts announced while its LISTEN connection was down', async () => {
    const pair = await tradingPair(a);
    const sub = track(subscribeAlerts(b.wsUrl, pair.supplier.token));
    await issueOrders(pair, 1);
    await sub.waitFor(1);
    b.app.cluster.simulateDisconnect();
    await issueOrders(pair, 3, a); // B misses these NOTIFYs and does not poll (60 s)
    const all = await sub.waitFor(4, 8_000);
    expect(all.map((x) => x.cursor)).toEqual(['1', '2', '3', '4']);
  });

  it('filters by type and never delivers another organization\'s alerts', async () => {
    const mine = await tradingPair(a);
    const theirs = await tradingPair(a);
    const sub = track(subscribeAlerts(a.wsUrl, mine.supplier.token, { types: ['PURCHASE_ORDER_CHANGED'] }));
    const everything = track(subscribeAlerts(a.wsUrl, mine.supplier.token));
    await issueOrders(theirs, 3);
    const [order] = await issueOrders(mine, 1);
    await a.ok(CancelPurchaseOrderDocument, { id: order }, mine.retailer.token);
    await everything.waitFor(2);
    await sub.waitFor(1);
    await issueOrders(theirs, 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(everything.received.map((x) => [x.type, x.purchaseOrder?.id])).toEqual([['PURCHASE_ORDER_ISSUED', order], ['PURCHASE_ORDER_CHANGED', order]]);
    expect(sub.received.map((x) => [x.type, x.cursor])).toEqual([['PURCHASE_ORDER_CHANGED', '2']]);
  });

  it('delivers nothing for a failed mutation', async () => {
    const pair = await tradingPair(a);
    const order = await createOrder(a, pair, [{ quantity: 5 }]);
    const sub = track(subscribeAlerts(a.wsUrl, pair.retailer.token));
    const bad = await a.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId: order.lines[0].id, schedule: [{ quantity: 6, deliveryDate: inDays(2) }] } }, pair.supplier.token);
    expectError(bad, 'BAD_USER_INPUT');
    await a.ok(ConfirmPurchaseOrderLineDocument, { input: { lineId: order.lines[0].id, schedule: [{ quantity: 5, deliveryDate: inDays(2) }] } }, pair.supplier.token);
    const [alert] = await sub.waitFor(1);
    expect(alert).toMatchObject({ type: 'PURCHASE_ORDER_CONFIRMED', purchaseOrderLine: { id: order.lines[0].id } });
    await new Promise((r) => setTimeout(r, 200));
    expect(sub.received).toHaveLength(1);
  });

  it('streams shortage-risk changes with the risk as it stands', async () => {
    const pair = await tradingPair(a);
    const received: ShortageRiskChangedSubscription['shortageRiskChanged'][] = [];
    const client = createClient({ url: b.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${pair.retailer.token}` }, retryAttempts: 0 });
    const ready = new Promise<void>((resolve) => client.on('connected', () => resolve()));
    client.subscribe<ShortageRiskChangedSubscription>(
      { query: print(ShortageRiskChangedDocument), variables: { filter: { levels: ['STOCKOUT'] } } },
      { next: (v) => v.data && received.push(v.data.shortageRiskChanged), error: () => undefined, complete: () => undefined },
    );
    await ready;
    await new Promise((r) => setTimeout(r, 200));
    await a.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: pair.item.id, locationId: pair.location.id, onHand: 3 }] } }, pair.retailer.token);
    await a.ok(PublishForecastDocument, { input: { lines: [{ itemId: pair.item.id, locationId: pair.location.id, periodStart: inDays(1), periodDays: 1, quantity: 10 }] } }, pair.retailer.token);
    const deadline = Date.now() + 5000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await client.dispose();
    expect(received).toEqual([expect.objectContaining({ level: 'STOCKOUT', projectedStockoutDate: inDays(1), shortageQuantity: 7, item: { id: pair.item.id, sku: pair.item.sku } })]);
  });

  it('streams a supplier the risk changes of the items it sources while the partnership is ACTIVE, and none after a suspension', async () => {
    const pair = await tradingPair(a);
    const listen = (token: string) => {
      const received: ShortageRiskChangedSubscription['shortageRiskChanged'][] = [];
      const client = createClient({ url: b.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
      const ready = new Promise<void>((resolve) => client.on('connected', () => resolve()));
      client.subscribe<ShortageRiskChangedSubscription>(
        { query: print(ShortageRiskChangedDocument), variables: {} },
        { next: (v) => v.data && received.push(v.data.shortageRiskChanged), error: () => undefined, complete: () => undefined },
      );
      return { received, client, ready };
    };
    const until = async (done: () => boolean, ms = 5000) => {
      const deadline = Date.now() + ms;
      while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    };
    const supplier = listen(pair.supplier.token);
    const retailer = listen(pair.retailer.token);
    await Promise.all([supplier.ready, retailer.ready]);
    await new Promise((r) => setTimeout(r, 200));
    await a.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: pair.item.id, locationId: pair.location.id, onHand: 3 }] } }, pair.retailer.token);
    await a.ok(PublishForecastDocument, { input: { lines: [{ itemId: pair.item.id, locationId: pair.location.id, periodStart: inDays(1), periodDays: 1, quantity: 10 }] } }, pair.retailer.token);
    await until(() => supplier.received.length > 0 && retailer.received.length > 0);
    expect([supplier.received.length, retailer.received.length]).toEqual([1, 1]);

    await a.ok(SuspendPartnershipDocument, { id: pair.partnershipId }, pair.retailer.token);
    await a.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: pair.item.id, locationId: pair.location.id, onHand: 1 }] } }, pair.retailer.token);
    await until(() => retailer.received.length > 1);
    await new Promise((r) => setTimeout(r, 500));
    await Promise.all([supplier.client.dispose(), retailer.client.dispose()]);
    expect(retailer.received.map((r) => r.shortageQuantity)).toEqual([7, 9]);
    expect(supplier.received).toHaveLength(1);
  });
});

describe('WebSocket authentication', () => {
  it('closes with 4401 for an invalid credential and 4403 for a revoked one', async () => {
    const account = await signUp(a, 'RETAILER');
    const invalid = track(subscribeAlerts(a.wsUrl, 'ssk_not-a-key'));
    expect((await invalid.closed).code).toBe(4401);
    const { createApiKey } = await a.ok(CreateApiKeyDocument, { input: { name: 'erp', scopes: ['alerts:read'] } }, account.token);
    await a.ok(RevokeApiKeyDocument, { id: createApiKey.apiKey.id }, account.token);
    const revoked = track(subscribeAlerts(a.wsUrl, createApiKey.secret));
    expect((await revoked.closed).code).toBe(4403);
  });

  it('ends a revoked API key\'s open subscriptions within 5 s, on every instance', async () => {
    const pair = await tradingPair(a);
    const { createApiKey } = await a.ok(CreateApiKeyDocument, { input: { name: 'wms', scopes: ['alerts:read'] } }, pair.supplier.token);
    const sub = track(subscribeAlerts(b.wsUrl, createApiKey.secret));
    await issueOrders(pair, 1);
    await sub.waitFor(1);
    const started = Date.now();
    await a.ok(RevokeApiKeyDocument, { id: createApiKey.apiKey.id }, pair.supplier.token); // on A; the socket is on B
    const closed = await sub.closed;
    expect(closed.code).toBe(4403);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('ends a session\'s subscriptions when it logs out, and needs alerts:read', async () => {
    const pair = await tradingPair(a);
    const sub = track(subscribeAlerts(a.wsUrl, pair.supplier.token));
    await issueOrders(pair, 1);
    await sub.waitFor(1);
    await a.ok(LogoutDocument, {}, pair.supplier.token);
    expect((await sub.closed).code).toBe(4403);
    const { createApiKey } = await a.ok(CreateApiKeyDocument, { input: { name: 'reader', scopes: ['read'] } }, pair.retailer.token);
    const noScope = track(subscribeAlerts(a.wsUrl, createApiKey.secret));
    await expect(noScope.waitFor(1, 3000)).rejects.toThrow(/alerts:read/);
  });
});
