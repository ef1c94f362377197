import {
  InventoryDocument,
  SetSafetyStockDocument,
  UpsertInventoryCompactDocument,
  UpsertInventoryDocument,
  type InventoryPositionInput,
} from '../../src/sdk/generated/graphql';
import { createItem, createLocation, expectError, signUp, tradingPair, type Account } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function catalog(retailer: Account, items = 3, locations = 2) {
  const itemList = [];
  for (let i = 0; i < items; i++) itemList.push(await createItem(server, retailer.token));
  const locationList = [];
  for (let i = 0; i < locations; i++) locationList.push(await createLocation(server, retailer.token));
  return { items: itemList, locations: locationList };
}

const positionsOf = async (retailer: Account) =>
  server.query<{ item_id: string; location_id: string; on_hand: number; reserved: number; quality_hold: number }>(
    'SELECT item_id, location_id, on_hand, reserved, quality_hold FROM inventory_position WHERE retailer_id = $1 ORDER BY id',
    [retailer.orgId],
  );

describe('upsertInventory', () => {
  it('writes positions in bulk, computes available, and is idempotent per item x location', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const { items, locations } = await catalog(retailer);
    const positions: InventoryPositionInput[] = items.flatMap((item, i) =>
      locations.map((location, l) => ({ itemId: item.id, locationId: location.id, onHand: 100 + i * 10 + l, reserved: 5, qualityHold: l })),
    );
    const { upsertInventory } = await server.ok(UpsertInventoryDocument, { input: { positions } }, retailer.token);
    expect(upsertInventory).toHaveLength(6);
    expect(upsertInventory[3]).toMatchObject({ item: { id: items[1].id }, location: { id: locations[1].id }, onHand: 111, reserved: 5, qualityHold: 1, available: 105 });

    // Same call again, then a change: still one row per item x location.
    await server.ok(UpsertInventoryDocument, { input: { positions } }, retailer.token);
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ ...positions[0], onHand: 7, reserved: 0, qualityHold: 0 }] } }, retailer.token);
    const rows = await positionsOf(retailer);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({ on_hand: 7, reserved: 0, quality_hold: 0 });
    expect(rows[1]).toMatchObject({ on_hand: 101, reserved: 5, quality_hold: 1 });
  });

  it('rejects the whole call when one position is bad, naming its index', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const { items, locations } = await catalog(retailer, 2, 1);
    const good = (i: number) => ({ itemId: items[i].id, locationId: locations[0].id, onHand: 10 });
    const cases: [InventoryPositionInput[], string, string][] = [
      [[good(0), { ...good(1), onHand: -1 }], 'input.positions[1].onHand', 'BAD_USER_INPUT'],
      [[good(0), { ...good(1), reserved: -1 }], 'input.positions[1].reserved', 'BAD_USER_INPUT'],
      [[good(0), { ...good(1), reserved: 8, qualityHold: 3 }], 'input.positions[1].reserved', 'BAD_USER_INPUT'],
      [[good(0), good(1), good(0)], 'input.positions[2].itemId', 'BAD_USER_INPUT'],
      [[good(0), { ...good(1), itemId: 'x' }], 'input.positions[1].itemId', 'BAD_USER_INPUT'],
      [[good(0), { ...good(1), itemId: '00000000-0000-4000-8000-000000000001' }], 'input.positions[1].itemId', 'NOT_FOUND'],
      [[{ ...good(0), locationId: '00000000-0000-4000-8000-000000000001' }], 'input.positions[0].locationId', 'NOT_FOUND'],
    ];
    for (const [positions, field, code] of cases) {
      expectError(await server.gql(UpsertInventoryDocument, { input: { positions } }, retailer.token), code, field);
    }
    expect(await positionsOf(retailer)).toEqual([]);
  });

  it('never lets an older snapshot overwrite a newer one', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const { items, locations } = await catalog(retailer, 1, 1);
    const at = (iso: string, onHand: number) => ({ itemId: items[0].id, locationId: locations[0].id, onHand, asOf: iso });
    await server.ok(UpsertInventoryDocument, { input: { positions: [at('2026-11-20T10:00:00Z', 50)] } }, retailer.token);
    const stale = await server.ok(UpsertInventoryDocument, { input: { positions: [at('2026-11-20T09:00:00Z', 999)] } }, retailer.token);
    expect(stale.upsertInventory[0]).toMatchObject({ onHand: 50, asOf: '2026-11-20T10:00:00.000Z' });
    await server.ok(UpsertInventoryDocument, { input: { positions: [at('2026-11-20T11:00:00+01:00', 60)] } }, retailer.token);
    expect((await positionsOf(retailer))[0].on_hand).toBe(60);
  });

  it('takes 10,000 positions in one call', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const { items, locations } = await catalog(retailer, 1, 1);
    // Bulk-create the catalog in SQL: this test is about the upsert, not createItem.
    await server.query(
      `INSERT INTO item (id, retailer_id, sku, name, unit_price, created_at)
       SELECT gen_random_uuid(), $1, 'BULK-' || g, 'Bulk ' || g, 1, now() FROM generate_series(1, 2499) g`,
      [retailer.orgId],
    );
    await server.query(
      `INSERT INTO location (id, retailer_id, code, name, created_at)
       SELECT gen_random_uuid(), $1, 'L-' || g, 'Loc ' || g, now() FROM generate_series(1, 3) g`,
      [retailer.orgId],
    );
    const itemIds = (await server.query<{ id: string }>('SELECT id FROM item WHERE retailer_id = $1', [retailer.orgId])).map((r) => r.id);
    const locationIds = (await server.query<{ id: string }>('SELECT id FROM location WHERE retailer_id = $1', [retailer.orgId])).map((r) => r.id);
    expect(itemIds.length * locationIds.length).toBe(10_000);
    expect(items.length + locations.length).toBe(2);
    const positions = itemIds.flatMap((itemId, i) => locationIds.map((locationId) => ({ itemId, locationId, onHand: i % 97 })));
    const result = await server.gql(
      UpsertInventoryCompactDocument,
      { input: { positions } },
      retailer.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.upsertInventory).toHaveLength(10_000);
    expect(await positionsOf(retailer)).toHaveLength(10_000);
  });
});

describe('inventory query', () => {
  it('filters by location and item and pages with cursors', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const { items, locations } = await catalog(retailer, 3, 2);
    const positions = items.flatMap((item) => locations.map((location) => ({ itemId: item.id, locationId: location.id, onHand: 1 })));
    await server.ok(UpsertInventoryDocument, { input: { positions } }, retailer.token);

    const all = await server.ok(InventoryDocument, {}, retailer.token);
    expect(all.inventory.totalCount).toBe(6);
    const atFirst = await server.ok(InventoryDocument, { locationId: locations[0].id }, retailer.token);
    expect(atFirst.inventory.edges.map((e) => e.node.location.id)).toEqual([locations[0].id, locations[0].id, locations[0].id]);
    const one = await server.ok(InventoryDocument, { locationId: locations[1].id, itemId: items[2].id }, retailer.token);
    expect(one.inventory.totalCount).toBe(1);

    const page1 = await server.ok(InventoryDocument, { first: 4 }, retailer.token);
    expect(page1.inventory.pageInfo.hasNextPage).toBe(true);
    const page2 = await server.ok(InventoryDocument, { first: 4, after: page1.inventory.pageInfo.endCursor }, retailer.token);
    expect(page2.inventory.edges).toHaveLength(2);
    expect(page2.inventory.pageInfo.hasNextPage).toBe(false);
    expect(page2.inventory.totalCount).toBe(6);
  });

  it('shows suppliers no stock positions', async () => {
    const { retailer, supplier, item, location } = await tradingPair(server);
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 3 }] } }, retailer.token);
    const seen = await server.ok(InventoryDocument, {}, supplier.token);
    expect(seen.inventory).toMatchObject({ totalCount: 0, edges: [] });
  });
});

describe('setSafetyStock', () => {
  it('stores the safety stock and returns the (placeholder) risk', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const { items, locations } = await catalog(retailer, 1, 1);
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: items[0].id, locationId: locations[0].id, onHand: 30, reserved: 4 }] } }, retailer.token);
    const input = { itemId: items[0].id, locationId: locations[0].id, safetyStock: 12 };
    const { setSafetyStock } = await server.ok(SetSafetyStockDocument, { input }, retailer.token);
    expect(setSafetyStock).toMatchObject({ level: 'OK', availableNow: 26, safetyStock: 12, item: { id: items[0].id } });
    await server.ok(SetSafetyStockDocument, { input: { ...input, safetyStock: 20 } }, retailer.token);
    const rows = await server.query<{ quantity: number }>('SELECT quantity FROM safety_stock WHERE item_id = $1', [items[0].id]);
    expect(rows).toEqual([{ quantity: 20 }]);

    expectError(await server.gql(SetSafetyStockDocument, { input: { ...input, safetyStock: -1 } }, retailer.token), 'BAD_USER_INPUT', 'input.safetyStock');
    const other = await signUp(server, 'RETAILER');
    expectError(await server.gql(SetSafetyStockDocument, { input }, other.token), 'NOT_FOUND', 'input.itemId');
  });
});
