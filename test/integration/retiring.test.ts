import {
  IssuePurchaseOrderDocument,
  PublishForecastDocument,
  ReceivePurchaseOrderLineDocument,
  RiskListDocument,
  SetItemActiveDocument,
  SetLocationActiveDocument,
  SetSafetyStockDocument,
  CreatePurchaseOrderDocument,
  UpsertInventoryDocument,
} from '../../src/sdk/generated/graphql';
import { confirmLine, createItem, createOrder, expectError, inDays, signUp, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/** DESIGN.md, "Changes after an order is issued, both ways": retiring items and locations. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('setItemActive / setLocationActive', () => {
  it('a retired item gets no new orders, forecast lines or inventory, and leaves shortageRisks unless includeInactive; its open orders go on', async () => {
    const pair = await tradingPair(server);
    const { retailer, supplier, item, location } = pair;
    const open = await createOrder(server, pair, [{ quantity: 40, requestedDate: inDays(5) }]);
    const draft = await createOrder(server, pair, [{ quantity: 10, requestedDate: inDays(5) }], false);
    await server.ok(SetSafetyStockDocument, { input: { itemId: item.id, locationId: location.id, safetyStock: 5 } }, retailer.token);
    const risks = async (includeInactive?: boolean) =>
      (await server.ok(RiskListDocument, { filter: includeInactive === undefined ? {} : { includeInactive } }, retailer.token)).shortageRisks.edges.map((e) => e.node.item.sku);
    expect(await risks()).toEqual([item.sku]);

    const { setItemActive } = await server.ok(SetItemActiveDocument, { id: item.id, active: false }, retailer.token);
    expect(setItemActive).toEqual({ id: item.id, sku: item.sku, active: false });

    const refused = expectError(await server.gql(
      CreatePurchaseOrderDocument,
      { input: { supplierId: supplier.orgId, shipToId: location.id, lines: [{ itemId: item.id, quantity: 5, requestedDate: inDays(5) }] } },
      retailer.token,
    ), 'BAD_USER_INPUT', 'input.lines[0].itemId');
    expect(refused.message).toBe(`Item ${item.sku} is retired: it gets no new orders, forecast lines or inventory (make it active again first)`);
    expectError(await server.gql(IssuePurchaseOrderDocument, { id: draft.id }, retailer.token), 'BAD_USER_INPUT', 'id');
    expectError(await server.gql(PublishForecastDocument, {
      input: { lines: [{ itemId: item.id, locationId: location.id, periodStart: inDays(0), periodDays: 7, quantity: 70 }] },
    }, retailer.token), 'BAD_USER_INPUT', 'input.lines[0].itemId');
    expectError(await server.gql(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 3 }] } }, retailer.token),
      'BAD_USER_INPUT', 'input.positions[0].itemId');

    // Out of the list, still found directly and with includeInactive.
    expect(await risks()).toEqual([]);
    expect(await risks(true)).toEqual([item.sku]);

    // The open order goes on: confirmed and received.
    await confirmLine(server, supplier, open.lines[0].id, [{ quantity: 40, deliveryDate: inDays(5) }]);
    const { receivePurchaseOrderLine } = await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId: open.lines[0].id, quantity: 40 } }, retailer.token);
    expect(receivePurchaseOrderLine.status).toBe('RECEIVED');

    // Active again: orders and lists as before.
    await server.ok(SetItemActiveDocument, { id: item.id, active: true }, retailer.token);
    expect((await server.gql(IssuePurchaseOrderDocument, { id: draft.id }, retailer.token)).errors).toBeUndefined();
    expect(await risks()).toEqual([item.sku]);
  });

  it('a retired location (a closed store) refuses new orders, forecasts and inventory and leaves the risk list', async () => {
    const pair = await tradingPair(server);
    const { retailer, item, location } = pair;
    await server.ok(SetSafetyStockDocument, { input: { itemId: item.id, locationId: location.id, safetyStock: 5 } }, retailer.token);
    const { setLocationActive } = await server.ok(SetLocationActiveDocument, { id: location.id, active: false }, retailer.token);
    expect(setLocationActive).toMatchObject({ id: location.id, active: false, timeZone: 'UTC' });
    expectError(await server.gql(CreatePurchaseOrderDocument, {
      input: { supplierId: pair.supplier.orgId, shipToId: location.id, lines: [{ itemId: item.id, quantity: 5, requestedDate: inDays(5) }] },
    }, retailer.token), 'BAD_USER_INPUT', 'input.shipToId');
    expectError(await server.gql(PublishForecastDocument, {
      input: { lines: [{ itemId: item.id, locationId: location.id, periodStart: inDays(0), periodDays: 7, quantity: 70 }] },
    }, retailer.token), 'BAD_USER_INPUT', 'input.lines[0].locationId');
    expectError(await server.gql(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 3 }] } }, retailer.token),
      'BAD_USER_INPUT', 'input.positions[0].locationId');
    const { shortageRisks } = await server.ok(RiskListDocument, { filter: { locationId: location.id } }, retailer.token);
    expect(shortageRisks.edges).toEqual([]);
    const all = await server.ok(RiskListDocument, { filter: { locationId: location.id, includeInactive: true } }, retailer.token);
    expect(all.shortageRisks.edges.map((e) => e.node.location.active)).toEqual([false]);
  });

  it('only the owner\'s planners and admins retire: FORBIDDEN for a supplier, NOT_FOUND for another retailer\'s item', async () => {
    const pair = await tradingPair(server);
    const other = await signUp(server, 'RETAILER');
    const foreign = await createItem(server, other.token);
    expectError(await server.gql(SetItemActiveDocument, { id: pair.item.id, active: false }, pair.supplier.token), 'FORBIDDEN');
    expectError(await server.gql(SetItemActiveDocument, { id: foreign.id, active: false }, pair.retailer.token), 'NOT_FOUND', 'id');
    expectError(await server.gql(SetLocationActiveDocument, { id: pair.location.id, active: false }, other.token), 'NOT_FOUND', 'id');
  });
});
