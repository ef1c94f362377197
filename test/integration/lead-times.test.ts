import { LeadTimeStatsDocument, ReceivePurchaseOrderLineDocument } from '../../src/sdk/generated/graphql';
import { confirmLine, createOrder, expectError, inDays, signUp, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('reports quoted, confirmed and actual lead times and the on-time-in-full rate', async () => {
  const pair = await tradingPair(server); // quoted lead time 7
  const empty = (await server.ok(LeadTimeStatsDocument, { supplierId: pair.supplier.orgId, itemId: pair.item.id }, pair.retailer.token)).leadTimeStats;
  expect(empty).toMatchObject({ quotedLeadTimeDays: 7, confirmedCount: 0, confirmedMeanDays: null, confirmedP90Days: null, actualCount: 0, onTimeInFullRate: null });

  // Four lines: confirmed 5, 8, 12 days out; one never confirmed. Issued 20 days ago so receipts can be in the past.
  const order = await createOrder(server, pair, [
    { quantity: 10, requestedDate: inDays(6) },
    { quantity: 10, requestedDate: inDays(6) },
    { quantity: 10, requestedDate: inDays(6) },
    { quantity: 10, requestedDate: inDays(6) },
  ]);
  await confirmLine(server, pair.supplier, order.lines[0].id, [{ quantity: 10, deliveryDate: inDays(5) }]);
  await confirmLine(server, pair.supplier, order.lines[1].id, [{ quantity: 4, deliveryDate: inDays(3) }, { quantity: 6, deliveryDate: inDays(8) }]);
  await confirmLine(server, pair.supplier, order.lines[2].id, [{ quantity: 10, deliveryDate: inDays(12) }]);
  await server.query(`UPDATE purchase_order SET issued_at = now() - interval '20 days' WHERE id = $1`, [order.id]);
  await server.query(`UPDATE purchase_order_line SET requested_date = current_date - 10 WHERE purchase_order_id = $1`, [order.id]);
  const receive = (i: number, quantity: number, daysAgo: number) =>
    server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId: order.lines[i].id, quantity, receivedAt: inDays(-daysAgo) } }, pair.retailer.token);
  await receive(0, 10, 12); // 8 days after issue, 2 days before requested: on time in full
  await receive(1, 10, 5); // 15 days after issue, late
  await receive(3, 4, 11); // partial, on time but not in full

  const { leadTimeStats } = await server.ok(LeadTimeStatsDocument, { supplierId: pair.supplier.orgId, itemId: pair.item.id }, pair.retailer.token);
  // Confirmed lead times from issue (20 days ago) to the latest confirmed date: 25, 28, 32.
  expect(leadTimeStats).toMatchObject({
    supplier: { id: pair.supplier.orgId },
    item: { id: pair.item.id },
    quotedLeadTimeDays: 7,
    confirmedCount: 3,
    confirmedMeanDays: 28.33,
    confirmedP90Days: 32,
    actualCount: 2,
    actualMeanDays: 11.5,
    actualP90Days: 15,
    onTimeInFullRate: 0.3333,
  });
  // The supplier sees the same figures for itself.
  const own = await server.ok(LeadTimeStatsDocument, { supplierId: pair.supplier.orgId, itemId: pair.item.id }, pair.supplier.token);
  expect(own.leadTimeStats).toEqual(leadTimeStats);
});

it('answers NOT_FOUND for other suppliers\' stats, foreign items and strangers', async () => {
  const pair = await tradingPair(server);
  const other = await tradingPair(server);
  const stranger = await signUp(server, 'SUPPLIER');
  const ask = (supplierId: string, itemId: string, token: string) => server.gql(LeadTimeStatsDocument, { supplierId, itemId }, token);
  expectError(await ask(other.supplier.orgId, pair.item.id, pair.supplier.token), 'NOT_FOUND', 'supplierId');
  expectError(await ask(pair.supplier.orgId, other.item.id, pair.supplier.token), 'NOT_FOUND', 'itemId');
  expectError(await ask(stranger.orgId, pair.item.id, pair.retailer.token), 'NOT_FOUND', 'supplierId');
  expectError(await ask(pair.supplier.orgId, other.item.id, pair.retailer.token), 'NOT_FOUND', 'itemId');
  expectError(await ask(stranger.orgId, pair.item.id, stranger.token), 'NOT_FOUND', 'itemId');
});
