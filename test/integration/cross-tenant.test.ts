import {
  AcceptPartnershipDocument,
  ApiKeysDocument,
  ApplyReallocationDocument,
  CancelPurchaseOrderDocument,
  CancelShipNoticeDocument,
  ClosePurchaseOrderLineDocument,
  CloseShipNoticeDocument,
  CreateShipNoticeDocument,
  ReceiveShipNoticeDocument,
  ClosePurchaseOrderDocument,
  ConfirmPurchaseOrderLineDocument,
  CreatePurchaseOrderDocument,
  DismissReallocationDocument,
  IssuePurchaseOrderDocument,
  ProposeReallocationDocument,
  PublishForecastDocument,
  CommitForecastDocument,
  ReallocationProposalsDocument,
  ReceivePurchaseOrderLineDocument,
  RejectPurchaseOrderLineDocument,
  CreateApiKeyDocument,
  InventoryDocument,
  InvitePartnerDocument,
  ItemDocument,
  ItemsDocument,
  LocationDocument,
  LocationsDocument,
  NodeDocument,
  PartnershipsDocument,
  RevokeApiKeyDocument,
  SetSafetyStockDocument,
  SourcingRulesDocument,
  SuspendPartnershipDocument,
  UpsertInventoryDocument,
  UpsertSourcingRuleDocument,
  ConfirmPurchaseOrderLinesDocument,
  PortalAcknowledgeOrderDocument,
  ChangePurchaseOrderLineDocument,
  AcceptPriceChangeDocument,
  RejectPriceChangeDocument,
  SetItemActiveDocument,
  SetLocationActiveDocument,
  RecordSalesDocument,
  SetCollaborationRulesDocument,
} from '../../src/sdk/generated/graphql';
import { Kind, type DocumentNode, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { getSchema } from '../../src/schema';
import { alertsOf, confirmLine, createItem, createLocation, createOrder, expectError, inDays, partner, signUp, sourcingRule, tradingPair, type Account } from '../support/factories';
import { startTestServer, type GqlResult, type TestServer } from '../support/server';
import { riskNodeId } from '../../src/shared/node';

/**
 * A second retailer and an unrelated supplier (and that supplier's API key)
 * try to read and write every object of the first retailer, by id and through
 * lists. They get NOT_FOUND or empty lists, never data, and nothing changes.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const SNAPSHOT_SQL = `
  SELECT 'item' AS t, id::text, sku || name || unit_price AS v FROM item WHERE retailer_id = $1
  UNION ALL SELECT 'location', id::text, code || name FROM location WHERE retailer_id = $1
  UNION ALL SELECT 'rule', id::text, concat_ws(',', priority, unit_cost, active, supplier_id) FROM sourcing_rule WHERE retailer_id = $1
  UNION ALL SELECT 'position', id::text, concat_ws(',', on_hand, reserved, quality_hold) FROM inventory_position WHERE retailer_id = $1
  UNION ALL SELECT 'safety', item_id::text, quantity::text FROM safety_stock WHERE retailer_id = $1
  UNION ALL SELECT 'partnership', id::text, status FROM partnership WHERE retailer_id = $1
  UNION ALL SELECT 'key', id::text, coalesce(revoked_at::text, 'live') FROM api_key WHERE organization_id = $1
  ORDER BY 1, 2`;

it('never shows or changes another organization\'s data', async () => {
  const victim = await tradingPair(server);
  const { retailer, supplier, partnershipId, item, location, rule } = victim;
  await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 42 }] } }, retailer.token);
  await server.ok(SetSafetyStockDocument, { input: { itemId: item.id, locationId: location.id, safetyStock: 9 } }, retailer.token);
  const { createApiKey } = await server.ok(CreateApiKeyDocument, { input: { name: 'victim key', scopes: ['read'] } }, retailer.token);
  const [position] = await server.query<{ id: string }>('SELECT id::text FROM inventory_position WHERE item_id = $1', [item.id]);
  const riskId = riskNodeId(item.id, location.id);
  const secrets = [item.id, item.sku, location.id, location.code, rule.id, partnershipId, createApiKey.apiKey.id, retailer.orgId, position.id, riskId];
  // Every one of them is an object node(id) finds for its owner.
  for (const id of [item.id, location.id, rule.id, partnershipId, createApiKey.apiKey.id, retailer.orgId, position.id, riskId]) {
    expect((await server.ok(NodeDocument, { id }, retailer.token)).node?.id).toBe(id);
  }
  const before = await server.query(SNAPSHOT_SQL, [retailer.orgId]);

  // The intruders: another retailer (with its own partner, who shares the victim's supplier), an unrelated supplier and its API key.
  const rival = await signUp(server, 'RETAILER');
  await partner(server, rival, supplier);
  const rivalItem = await createItem(server, rival.token);
  await createLocation(server, rival.token);
  await sourcingRule(server, rival.token, { itemId: rivalItem.id, supplierId: supplier.orgId });
  const stranger = await signUp(server, 'SUPPLIER');
  const strangerKey = (
    await server.ok(CreateApiKeyDocument, { input: { name: 'stranger', scopes: ['read', 'sourcing:write', 'inventory:write', 'catalog:write'] } }, stranger.token)
  ).createApiKey.secret;
  const intruders: [string, Account | { token: string }][] = [
    ['rival retailer', rival],
    ['unrelated supplier', stranger],
    ['unrelated supplier API key', { token: strangerKey }],
  ];

  const noLeak = (who: string, result: GqlResult<unknown>) => {
    const text = JSON.stringify(result.data ?? null);
    for (const secret of secrets) {
      if (text.includes(secret)) throw new Error(`${who} saw ${secret} in ${text}`);
    }
  };

  for (const [who, { token }] of intruders) {
    // Reads by id.
    const byId = [
      await server.gql(ItemDocument, { id: item.id }, token),
      await server.gql(LocationDocument, { id: location.id }, token),
      ...(await Promise.all([item.id, location.id, rule.id, partnershipId, createApiKey.apiKey.id, retailer.orgId, position.id, riskId].map((id) => server.gql(NodeDocument, { id }, token)))),
    ];
    for (const result of byId) {
      expect(result.errors).toBeUndefined();
      expect(Object.values(result.data ?? {})).toEqual([null]);
      noLeak(who, result);
    }
    // Reads through lists, also when filtering by the victim's ids.
    const lists = [
      await server.gql(ItemsDocument, { first: 500 }, token),
      await server.gql(LocationsDocument, {}, token),
      await server.gql(SourcingRulesDocument, {}, token),
      await server.gql(SourcingRulesDocument, { itemId: item.id }, token),
      await server.gql(InventoryDocument, {}, token),
      await server.gql(InventoryDocument, { itemId: item.id, locationId: location.id }, token),
      await server.gql(PartnershipsDocument, {}, token),
    ];
    for (const result of lists) {
      expect(result.errors).toBeUndefined();
      noLeak(who, result);
    }
    expect((await server.ok(SourcingRulesDocument, { itemId: item.id }, token)).sourcingRules).toEqual([]);
    expect((await server.ok(InventoryDocument, { itemId: item.id }, token)).inventory.totalCount).toBe(0);

    // Writes naming the victim's objects.
    const writes = [
      await server.gql(UpsertSourcingRuleDocument, { input: { itemId: item.id, supplierId: supplier.orgId, priority: 1, quotedLeadTimeDays: 1, unitCost: '0.01' } }, token),
      await server.gql(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 0 }] } }, token),
      await server.gql(SetSafetyStockDocument, { input: { itemId: item.id, locationId: location.id, safetyStock: 0 } }, token),
      await server.gql(AcceptPartnershipDocument, { id: partnershipId }, token),
      await server.gql(SuspendPartnershipDocument, { id: partnershipId }, token),
      await server.gql(RevokeApiKeyDocument, { id: createApiKey.apiKey.id }, token),
      await server.gql(InvitePartnerDocument, { input: { supplierId: retailer.orgId } }, token),
    ];
    for (const result of writes) {
      expect(result.data ?? null).toBeNull();
      // NOT_FOUND where the caller may attempt the operation at all; FORBIDDEN when its role or kind may not.
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(result.errors?.[0]?.extensions?.code);
      noLeak(who, result);
    }
  }

  // The victim's supplier sees the victim's shared rule but not the rival's data beyond its own rule, and vice versa.
  const supplierRules = (await server.ok(SourcingRulesDocument, {}, supplier.token)).sourcingRules;
  expect(supplierRules.map((r) => r.item.id).sort()).toEqual([item.id, rivalItem.id].sort());
  expect((await server.ok(ApiKeysDocument, {}, rival.token)).apiKeys).toEqual([]);

  expect(await server.query(SNAPSHOT_SQL, [retailer.orgId])).toEqual(before);
});

it('answers NOT_FOUND, not FORBIDDEN, when a permitted caller names a foreign object', async () => {
  const victim = await tradingPair(server);
  const rival = await signUp(server, 'RETAILER');
  const stranger = await signUp(server, 'SUPPLIER');
  expectError(
    await server.gql(UpsertInventoryDocument, { input: { positions: [{ itemId: victim.item.id, locationId: victim.location.id, onHand: 1 }] } }, rival.token),
    'NOT_FOUND',
    'input.positions[0].itemId',
  );
  expectError(await server.gql(SetSafetyStockDocument, { input: { itemId: victim.item.id, locationId: victim.location.id, safetyStock: 1 } }, rival.token), 'NOT_FOUND', 'input.itemId');
  expectError(await server.gql(SuspendPartnershipDocument, { id: victim.partnershipId }, rival.token), 'NOT_FOUND', 'id');
  expectError(await server.gql(AcceptPartnershipDocument, { id: victim.partnershipId }, stranger.token), 'NOT_FOUND', 'id');
  expectError(
    await server.gql(UpsertSourcingRuleDocument, { input: { itemId: victim.item.id, supplierId: victim.supplier.orgId, priority: 1, quotedLeadTimeDays: 1, unitCost: '1' } }, rival.token),
    'NOT_FOUND',
    'input.itemId',
  );
});

/** The root field a document's (first) operation selects. */
const rootFieldOf = (document: DocumentNode) =>
  ((document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode).selectionSet.selections[0] as FieldNode).name.value;

const ORDERS_SNAPSHOT_SQL = `
  SELECT 'order' AS t, concat_ws(',', po.id, po.status, po.version) AS v FROM purchase_order po WHERE po.retailer_id = $1
  UNION ALL SELECT 'line', concat_ws(',', l.id, l.status, l.quantity, l.confirmed_quantity, l.received_quantity, l.slipped) FROM purchase_order_line l WHERE l.retailer_id = $1
  UNION ALL SELECT 'schedule', concat_ws(',', s.line_id, s.quantity, s.delivery_date) FROM schedule_line s JOIN purchase_order_line l ON l.id = s.line_id WHERE l.retailer_id = $1
  UNION ALL SELECT 'promise', concat_ws(',', c.line_id, c.sequence) FROM confirmation c JOIN purchase_order_line l ON l.id = c.line_id WHERE l.retailer_id = $1
  UNION ALL SELECT 'receipt', concat_ws(',', r.line_id, r.quantity) FROM receipt r JOIN purchase_order_line l ON l.id = r.line_id WHERE l.retailer_id = $1
  UNION ALL SELECT 'notice', concat_ws(',', n.id, n.number, n.status) FROM ship_notice n WHERE n.retailer_id = $1
  UNION ALL SELECT 'notice line', concat_ws(',', nl.line_id, nl.quantity, nl.received_quantity) FROM ship_notice_line nl JOIN ship_notice n ON n.id = nl.ship_notice_id WHERE n.retailer_id = $1
  UNION ALL SELECT 'open', concat_ws(',', l.id, l.cancelled_quantity, l.in_transit_quantity, l.over_delivered_quantity, l.schedule_taken, l.closed_at) FROM purchase_order_line l WHERE l.retailer_id = $1
  UNION ALL SELECT 'proposal', concat_ws(',', p.id, p.status) FROM reallocation_proposal p WHERE p.retailer_id = $1
  UNION ALL SELECT 'forecast', concat_ws(',', v.id, v.version) FROM forecast_version v WHERE v.retailer_id = $1
  UNION ALL SELECT 'commit', concat_ws(',', fc.id, fc.committed_quantity, fc.exception_raised_at) FROM forecast_commit fc WHERE fc.retailer_id = $1
  UNION ALL SELECT 'inventory', concat_ws(',', ip.item_id, ip.on_hand) FROM inventory_position ip WHERE ip.retailer_id = $1
  UNION ALL SELECT 'alerts', count(*)::text FROM alert a WHERE a.organization_id = $1
  ORDER BY 1, 2`;

it('never changes another organization\'s orders, lines, proposals or forecasts, nor lets a suspended supplier change them', async () => {
  const victim = await tradingPair(server);
  const { retailer, supplier, partnershipId, item, location } = victim;
  const backup = await signUp(server, 'SUPPLIER');
  await partner(server, retailer, backup);
  await sourcingRule(server, retailer.token, { itemId: item.id, supplierId: backup.orgId, priority: 2, quotedLeadTimeDays: 2 });
  const draft = await createOrder(server, victim, [{ quantity: 5 }], false);
  const order = await createOrder(server, victim, [{ quantity: 50, requestedDate: inDays(4) }, { quantity: 10, requestedDate: inDays(9) }]);
  const [late, open] = order.lines;
  await confirmLine(server, supplier, late.id, [{ quantity: 50, deliveryDate: inDays(8) }]); // late: a proposal
  // The supplier ships part of the open line: a ship notice addressed to the victim.
  const { createShipNotice: shipment } = await server.ok(CreateShipNoticeDocument, {
    input: { shipToId: location.id, shippedOn: inDays(0), expectedArrival: inDays(3), lines: [{ lineId: open.id, quantity: 4 }] },
  }, supplier.token);
  const [proposal] = (await server.ok(ReallocationProposalsDocument, {}, retailer.token)).reallocationProposals.edges.map((e) => e.node);
  expect(proposal.sourceLine.id).toBe(late.id);
  const secrets = [draft.id, draft.number, order.id, order.number, late.id, open.id, proposal.id, item.id, item.sku, location.id, location.code, shipment.id];

  const rival = await signUp(server, 'RETAILER');
  await partner(server, rival, supplier);
  const stranger = await signUp(server, 'SUPPLIER');
  const strangerKey = (
    await server.ok(CreateApiKeyDocument, { input: { name: 'stranger', scopes: ['read', 'orders:write', 'orders:confirm', 'sourcing:write', 'forecast:write'] } }, stranger.token)
  ).createApiKey.secret;
  const before = await server.query(ORDERS_SNAPSHOT_SQL, [retailer.orgId]);

  // Each probe records the mutation it tries (the coverage check at the end).
  const attempted = new Set<string>();
  const tried: typeof server.gql = (document, variables, token) => {
    attempted.add(rootFieldOf(document));
    return server.gql(document, variables, token);
  };
  const attempts = (token: string) => [
    tried(IssuePurchaseOrderDocument, { id: draft.id }, token),
    tried(CancelPurchaseOrderDocument, { id: draft.id }, token),
    tried(ClosePurchaseOrderDocument, { id: order.id }, token),
    tried(ConfirmPurchaseOrderLineDocument, { input: { lineId: open.id, schedule: [{ quantity: 1, deliveryDate: inDays(9) }] } }, token),
    tried(RejectPurchaseOrderLineDocument, { input: { lineId: open.id, reason: 'no' } }, token),
    tried(ReceivePurchaseOrderLineDocument, { input: { lineId: late.id, quantity: 1 } }, token),
    tried(ClosePurchaseOrderLineDocument, { input: { lineId: late.id, reason: 'mine now' } }, token),
    tried(CreateShipNoticeDocument, { input: { shipToId: location.id, shippedOn: inDays(0), expectedArrival: inDays(2), lines: [{ lineId: open.id, quantity: 1 }] } }, token),
    tried(ReceiveShipNoticeDocument, { input: { shipNoticeId: shipment.id, lines: [{ lineId: open.id, quantity: 1 }] } }, token),
    tried(CancelShipNoticeDocument, { id: shipment.id }, token),
    tried(CloseShipNoticeDocument, { id: shipment.id }, token),
    tried(ProposeReallocationDocument, { lineId: late.id }, token),
    tried(ApplyReallocationDocument, { id: proposal.id }, token),
    tried(DismissReallocationDocument, { id: proposal.id }, token),
    tried(PublishForecastDocument, { input: { lines: [{ itemId: item.id, locationId: location.id, periodStart: inDays(0), quantity: 1 }] } }, token),
    tried(CommitForecastDocument, { input: { retailerId: retailer.orgId, forecastVersion: 1, lines: [{ itemId: item.id, locationId: location.id, periodStart: inDays(0), quantity: 1 }] } }, token),
    tried(CreatePurchaseOrderDocument, { input: { supplierId: supplier.orgId, shipToId: location.id, issue: true, lines: [{ itemId: item.id, quantity: 1, requestedDate: inDays(5) }] } }, token),
    tried(ConfirmPurchaseOrderLinesDocument, { input: { lines: [{ lineId: open.id, schedule: [{ quantity: 1, deliveryDate: inDays(9) }] }] } }, token),
    tried(PortalAcknowledgeOrderDocument, { input: { purchaseOrderId: order.id } }, token),
    tried(ChangePurchaseOrderLineDocument, { input: { lineId: open.id, quantity: 11, reason: 'mine now' } }, token),
    tried(AcceptPriceChangeDocument, { lineId: open.id }, token),
    tried(RejectPriceChangeDocument, { lineId: open.id, reason: 'no' }, token),
    tried(SetItemActiveDocument, { id: item.id, active: false }, token),
    tried(SetLocationActiveDocument, { id: location.id, active: false }, token),
    tried(RecordSalesDocument, { input: { lines: [{ itemId: item.id, locationId: location.id, date: inDays(-1), quantity: 1 }] } }, token),
    tried(SetCollaborationRulesDocument, { input: { partnershipId } }, token),
  ];
  const check = async (who: string, token: string, codes: string[]) => {
    for (const result of await Promise.all(attempts(token))) {
      const text = JSON.stringify(result);
      expect({ who, data: result.data ?? null, leaked: secrets.filter((s) => text.includes(s)) }).toEqual({ who, data: null, leaked: [] });
      expect(codes).toContain(result.errors?.[0]?.extensions?.code);
    }
  };
  await check('rival retailer', rival.token, ['NOT_FOUND', 'FORBIDDEN']);
  await check('unrelated supplier', stranger.token, ['NOT_FOUND', 'FORBIDDEN']);
  await check('unrelated supplier API key', strangerKey, ['NOT_FOUND', 'FORBIDDEN']);
  expect(await server.query(ORDERS_SNAPSHOT_SQL, [retailer.orgId])).toEqual(before);

  // The victim's own supplier, once suspended: its line operations answer NOT_FOUND, as for a stranger.
  await server.ok(SuspendPartnershipDocument, { id: partnershipId }, retailer.token);
  const afterSuspension = await server.query(ORDERS_SNAPSHOT_SQL, [retailer.orgId]);
  for (const [result, field] of [
    [await server.gql(ConfirmPurchaseOrderLineDocument, { input: { lineId: open.id, schedule: [{ quantity: 6, deliveryDate: inDays(9) }] } }, supplier.token), 'input.lineId'],
    [await server.gql(RejectPurchaseOrderLineDocument, { input: { lineId: open.id, reason: 'no' } }, supplier.token), 'input.lineId'],
    // Suspended, it no longer sees the retailer's locations either: the ship-to is what it cannot find first.
    [await server.gql(CreateShipNoticeDocument, { input: { shipToId: location.id, shippedOn: inDays(0), expectedArrival: inDays(2), lines: [{ lineId: open.id, quantity: 1 }] } }, supplier.token), 'input.shipToId'],
    [await server.gql(CancelShipNoticeDocument, { id: shipment.id }, supplier.token), 'id'],
    [await server.gql(CommitForecastDocument, { input: { retailerId: retailer.orgId, forecastVersion: 1, lines: [{ itemId: item.id, locationId: location.id, periodStart: inDays(0), quantity: 1 }] } }, supplier.token), 'input.retailerId'],
  ] as const) {
    expectError(result, 'NOT_FOUND', field);
    expect(secrets.filter((s) => JSON.stringify(result).includes(s))).toEqual([]);
  }
  expect(await server.query(ORDERS_SNAPSHOT_SQL, [retailer.orgId])).toEqual(afterSuspension);

  // Every mutation is tried here by intruders, or tried by another test above, or names no other organization's object.
  // A new mutation fails this until it is placed, so the next path gets its probe.
  const mutations = Object.keys((await getSchema()).getMutationType()!.getFields()).sort();
  expect(mutations.filter((m) => !attempted.has(m) && !(m in PROBED_ELSEWHERE) && !(m in OWN_ORGANIZATION_ONLY))).toEqual([]);
  expect(Object.keys({ ...PROBED_ELSEWHERE, ...OWN_ORGANIZATION_ONLY }).filter((m) => !mutations.includes(m) || attempted.has(m))).toEqual([]);
});

/** Mutations the intruder test above does not send, probed by the test named here (of this file, unless a file is named). */
const PROBED_ELSEWHERE: Record<string, string> = {
  deleteWebhookEndpoint: 'webhooks.test.ts: another organization\'s endpoint is NOT_FOUND',
  replayWebhookDeliveries: 'webhooks.test.ts: another organization\'s endpoint is NOT_FOUND',
  invitePartner: 'never shows or changes another organization\'s data',
  acceptPartnership: 'never shows or changes another organization\'s data',
  suspendPartnership: 'never shows or changes another organization\'s data',
  revokeApiKey: 'never shows or changes another organization\'s data',
  upsertInventory: 'never shows or changes another organization\'s data',
  setSafetyStock: 'never shows or changes another organization\'s data',
  upsertSourcingRule: 'answers NOT_FOUND, not FORBIDDEN, when a permitted caller names a foreign object',
};

/** Mutations that name no object of another organization: they act on the caller's own (or sign in). */
const OWN_ORGANIZATION_ONLY: Record<string, string> = {
  signUp: 'creates a new organization', login: 'signs in', logout: 'ends the caller\'s own session',
  createItem: 'the caller\'s own item', upsertItems: 'the caller\'s own items, by SKU', createLocation: 'the caller\'s own location',
  setOrganizationTimeZone: 'the caller\'s organization', createUser: 'a user of the caller\'s organization',
  createApiKey: 'a key of the caller\'s organization', setSourcingPolicy: 'the caller\'s own policy',
  generateForecast: 'from the caller\'s own sales', createWebhookEndpoint: 'the caller\'s own endpoint',
};

it('ends what a suspended partner may see and write at the next mutation of the same document, not at the next request', async () => {
  const { retailer, supplier, item, location, partnershipId } = await tradingPair(server);
  const document = `mutation ($id: ID!, $input: CreatePurchaseOrderInput!) {
    suspendPartnership(id: $id) { status }
    createPurchaseOrder(input: $input) { id number }
  }`;
  const result = await server.raw(
    { query: document, variables: { id: partnershipId, input: { supplierId: supplier.orgId, shipToId: location.id, issue: true, lines: [{ itemId: item.id, quantity: 7, requestedDate: inDays(5) }] } } },
    { authorization: `Bearer ${retailer.token}` },
  );
  // (createPurchaseOrder is non-null, so its error nulls the whole data; the suspension committed on its own.)
  expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.path])).toEqual([['BAD_USER_INPUT', 'input.supplierId', ['createPurchaseOrder']]]);
  expect(await server.query(`SELECT status FROM partnership WHERE id = $1`, [partnershipId])).toEqual([{ status: 'SUSPENDED' }]);
  // Nothing written for the suspended supplier: no order, no alert.
  expect(await server.query(`SELECT count(*)::int AS n FROM purchase_order WHERE retailer_id = $1`, [retailer.orgId])).toEqual([{ n: 0 }]);
  expect((await alertsOf(server, supplier.orgId)).filter((a) => a.type === 'PURCHASE_ORDER_ISSUED')).toEqual([]);
});
