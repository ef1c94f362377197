import { createClient, type Client } from 'graphql-ws';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import WebSocket from 'ws';
import { getSchema } from '../../src/schema';
import { riskNodeId } from '../../src/shared/node';
import { createLogger } from '../../src/logger';
import { RiskSnapshotTask } from '../../src/modules/risk/risk-snapshot.jobs';
import {
  ApplyReallocationDocument,
  ConfirmPurchaseOrderLineDocument,
  CreateApiKeyDocument,
  CreateWebhookEndpointDocument,
  ReplayWebhookDeliveriesDocument,
  CreateShipNoticeDocument,
  ForecastDocument,
  InvitePartnerDocument,
  ItemDocument,
  ItemsDocument,
  PortalAlertCursorDocument,
  LeadTimeStatsDocument,
  ProjectedInventoryDocument,
  PublishForecastDocument,
  RecordSalesDocument,
  SetCollaborationRulesDocument,
  CommitForecastDocument,
  ReallocationProposalsDocument,
  ReceivePurchaseOrderLineDocument,
  RejectPurchaseOrderLineDocument,
  SetSafetyStockDocument,
  ShortageRisksDocument,
  SourcingRulesDocument,
  SuspendPartnershipDocument,
  UpsertInventoryDocument,
} from '../../src/sdk/generated/graphql';
import {
  alertsOf,
  confirmLine,
  createItem,
  createLocation,
  createOrder,
  expectError,
  inDays,
  partner,
  signUp,
  sourcingRule,
  tradingPair,
  unique,
  type Account,
} from '../support/factories';
import { startTestServer, type GqlError, type GqlResult, type TestServer } from '../support/server';

/**
 * Coverage by construction: every root Query field, every nested object path
 * down to depth 4, generated from the built schema, run by every kind of
 * intruder against a victim world that has every kind of object. Then the
 * side paths one by one: alert links after a suspension (polling and
 * WebSocket), idempotent replays, a supplier's projection, lead-time
 * statistics and the catalog of a supplier whose rule is inactive.
 */
let server: TestServer;
let schema: GraphQLSchema;
beforeAll(async () => {
  // Every path to depth 4 in one query costs far more than the default limit, which is not what this file tests (hardening.test.ts does).
  server = await startTestServer({ MAX_QUERY_COST: '100000000' });
  schema = await getSchema();
});
afterAll(() => server.close());

// ---------------------------------------------------------------------------
// The victim world
// ---------------------------------------------------------------------------

/**
 * A retailer R with four items, two locations, stock, safety stock, a
 * forecast, sourcing rules for a primary supplier S1 and a backup S2, and
 * orders to S1 that are confirmed, split and late (slipped, proposal applied:
 * part moved to S2), rejected and received, plus a draft to S1 and an order
 * to S2; a ship notice from each supplier (S1 must never see S2's); alerts on
 * both sides; an API key.
 *   i1: S1 (primary) and S2 (backup, 3 days)   i2: S1 only
 *   i3: S2 only (S1 must never see it)         i4: S1's rule inactive, no order (S1 must not see it)
 */
async function buildWorld() {
  const R = await signUp(server, 'RETAILER');
  const S1 = await signUp(server, 'SUPPLIER');
  const S2 = await signUp(server, 'SUPPLIER');
  const p1 = await partner(server, R, S1);
  const p2 = await partner(server, R, S2);
  const i1 = await createItem(server, R.token);
  const i2 = await createItem(server, R.token);
  const i3 = await createItem(server, R.token);
  const i4 = await createItem(server, R.token);
  const l1 = await createLocation(server, R.token);
  const l2 = await createLocation(server, R.token);
  await sourcingRule(server, R.token, { itemId: i1.id, supplierId: S1.orgId, priority: 1 });
  await sourcingRule(server, R.token, { itemId: i1.id, supplierId: S2.orgId, priority: 2, quotedLeadTimeDays: 3, unitCost: '5.00' });
  await sourcingRule(server, R.token, { itemId: i2.id, supplierId: S1.orgId, priority: 1 });
  await sourcingRule(server, R.token, { itemId: i3.id, supplierId: S2.orgId, priority: 1 });
  await sourcingRule(server, R.token, { itemId: i4.id, supplierId: S1.orgId, priority: 1, active: false });
  await server.ok(
    UpsertInventoryDocument,
    {
      input: {
        positions: [
          { itemId: i1.id, locationId: l1.id, onHand: 40 },
          { itemId: i2.id, locationId: l2.id, onHand: 10 },
          { itemId: i3.id, locationId: l1.id, onHand: 5 },
          { itemId: i4.id, locationId: l2.id, onHand: 3 },
        ],
      },
    },
    R.token,
  );
  await server.ok(SetSafetyStockDocument, { input: { itemId: i1.id, locationId: l1.id, safetyStock: 20 } }, R.token);
  // Two weeks of sales of every item x location (previewForecast answers for each), shared with S1 (sales, forecastAccuracy: i1, i2 only).
  await server.ok(RecordSalesDocument, {
    input: { lines: [i1, i2, i3, i4].flatMap((i) => [l1, l2].flatMap((l) => [-1, -8].map((d) => ({ itemId: i.id, locationId: l.id, date: inDays(d), quantity: 3 })))) },
  }, R.token);
  await server.ok(SetCollaborationRulesDocument, { input: { partnershipId: p1, shareSales: true } }, R.token);
  const { publishForecast } = await server.ok(
    PublishForecastDocument,
    {
      input: {
        lines: [
          { itemId: i1.id, locationId: l1.id, periodStart: inDays(0), periodDays: 7, quantity: 70 },
          { itemId: i2.id, locationId: l2.id, periodStart: inDays(0), periodDays: 7, quantity: 7 },
          { itemId: i3.id, locationId: l1.id, periodStart: inDays(0), periodDays: 7, quantity: 14 },
          { itemId: i4.id, locationId: l2.id, periodStart: inDays(0), periodDays: 7, quantity: 21 },
        ],
      },
    },
    R.token,
  );
  // S1 commits 50 of i1's 70 at l1: short of the 10% tolerance, an exception to R and S1 (linked from their alerts).
  await server.ok(CommitForecastDocument, {
    input: { retailerId: R.orgId, forecastVersion: publishForecast.version, lines: [{ itemId: i1.id, locationId: l1.id, periodStart: inDays(0), quantity: 50 }] },
  }, S1.token);
  const to = (supplier: Account, item: { id: string }, location: { id: string }) => ({ retailer: R, supplier, item, location });

  const confirmed = await createOrder(server, to(S1, i1, l1), [{ quantity: 100, requestedDate: inDays(10) }]);
  await confirmLine(server, S1, confirmed.lines[0].id, [{ quantity: 100, deliveryDate: inDays(10) }]);
  const split = await createOrder(server, to(S1, i1, l1), [{ quantity: 100, requestedDate: inDays(6) }]);
  await confirmLine(server, S1, split.lines[0].id, [{ quantity: 60, deliveryDate: inDays(6) }, { quantity: 40, deliveryDate: inDays(12) }]);
  const rejected = await createOrder(server, to(S1, i2, l2), [{ quantity: 30, requestedDate: inDays(8) }]);
  await server.ok(RejectPurchaseOrderLineDocument, { input: { lineId: rejected.lines[0].id, reason: 'No stock' } }, S1.token);
  const received = await createOrder(server, to(S1, i2, l2), [{ quantity: 20, requestedDate: inDays(5) }]);
  await confirmLine(server, S1, received.lines[0].id, [{ quantity: 20, deliveryDate: inDays(5) }]);
  await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId: received.lines[0].id, quantity: 20 } }, R.token);
  const draft = await createOrder(server, to(S1, i1, l2), [{ quantity: 5 }], false);
  const toS2 = await createOrder(server, to(S2, i3, l1), [{ quantity: 25, requestedDate: inDays(7) }]);

  // The late 40 of the split line: a proposal moves them to S2 (S1 hears that its line was reduced).
  const proposals = (await server.ok(ReallocationProposalsDocument, { first: 50 }, R.token)).reallocationProposals.edges.map((e) => e.node);
  const lateProposal = proposals.find((p) => p.sourceLine.id === split.lines[0].id && p.status === 'PROPOSED');
  if (!lateProposal) throw new Error(`no proposal for the late line: ${JSON.stringify(proposals)}`);
  const { applyReallocation } = await server.ok(ApplyReallocationDocument, { id: lateProposal.id }, R.token);
  const movedTo = applyReallocation.moves.map((m) => m.purchaseOrderLine!.purchaseOrder.id);
  expect(movedTo).toHaveLength(1);

  // Ship notices: S1 ships 40 of the confirmed line, S2 all of its order.
  const ship = async (supplier: Account, lineId: string, quantity: number, arrival: number) =>
    (await server.ok(CreateShipNoticeDocument, {
      input: { shipToId: l1.id, shippedOn: inDays(0), expectedArrival: inDays(arrival), carrier: 'Carrier', lines: [{ lineId, quantity }] },
    }, supplier.token)).createShipNotice.id;
  const notices = { s1: await ship(S1, confirmed.lines[0].id, 40, 9), s2: await ship(S2, toS2.lines[0].id, 25, 6) };

  const { createApiKey } = await server.ok(CreateApiKeyDocument, { input: { name: unique('victim key'), scopes: ['read', 'alerts:read'] } }, R.token);
  // Today's risk snapshot, for kpis and riskTrend.
  await new RiskSnapshotTask().run({ orm: server.orm, services: server.app.services, log: createLogger('silent') });

  // A webhook endpoint with a delivery log (every alert of R's replayed into it; the URL answers nothing).
  const { createWebhookEndpoint } = await server.ok(CreateWebhookEndpointDocument, { input: { url: 'http://127.0.0.1:9/r-hook' } }, R.token);
  await server.ok(ReplayWebhookDeliveriesDocument, { endpointId: createWebhookEndpoint.endpoint.id, after: '0' }, R.token);

  const orders = { confirmed, split, rejected, received, draft, toS2 };
  return {
    R, S1, S2, p1, p2, items: { i1, i2, i3, i4 }, locations: { l1, l2 }, orders, notices, movedTo, forecastVersion: publishForecast.id, apiKey: createApiKey.apiKey,
    webhookEndpoint: createWebhookEndpoint.endpoint.id,
  };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

/** Everything of R that can identify its data: ids, SKUs, location codes, order numbers, names. From the database, not from the API. */
async function secretsOf(world: World) {
  const r = world.R.orgId;
  const rows = async (text: string) => (await server.query<{ v: string }>(text, [r])).map((x) => x.v);
  const itemIds = await rows('SELECT id::text AS v FROM item WHERE retailer_id = $1');
  const skus = await rows('SELECT sku AS v FROM item WHERE retailer_id = $1');
  const locationIds = await rows('SELECT id::text AS v FROM location WHERE retailer_id = $1');
  const codes = await rows('SELECT code AS v FROM location WHERE retailer_id = $1');
  const orderIds = await rows('SELECT id::text AS v FROM purchase_order WHERE retailer_id = $1');
  // Order numbers restart at PO-000001 for every retailer: only those no other retailer has are R's secret.
  const numbers = await rows(`SELECT number AS v FROM purchase_order WHERE retailer_id = $1
                              AND number NOT IN (SELECT number FROM purchase_order WHERE retailer_id <> $1)`);
  const lineIds = await rows('SELECT l.id::text AS v FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id WHERE po.retailer_id = $1');
  const proposalIds = await rows('SELECT id::text AS v FROM reallocation_proposal WHERE retailer_id = $1');
  const versionIds = await rows('SELECT id::text AS v FROM forecast_version WHERE retailer_id = $1');
  const keyIds = await rows('SELECT id::text AS v FROM api_key WHERE organization_id = $1');
  const webhookIds = await rows('SELECT id::text AS v FROM webhook_endpoint WHERE organization_id = $1 UNION ALL SELECT id::text FROM webhook_delivery WHERE organization_id = $1');
  // Notice numbers restart at ASN-000001 for every supplier: they identify nothing; the ids do.
  const noticeIds = await rows('SELECT id::text AS v FROM ship_notice WHERE retailer_id = $1');
  // Ids the API shows since issue 15 (Node): stock positions' UUIDs and risks' opaque ids (which encode item and location).
  const positionIds = await rows('SELECT id::text AS v FROM inventory_position WHERE retailer_id = $1');
  const risks = await server.query<{ item: string; location: string }>('SELECT item_id::text AS item, location_id::text AS location FROM shortage_risk WHERE retailer_id = $1', [r]);
  const riskIds = risks.map((x) => riskNodeId(x.item, x.location));
  const riskIdsOf = (itemIds: string[]) => risks.filter((x) => itemIds.includes(x.item)).map((x) => riskNodeId(x.item, x.location));
  // Objects node(id) may be asked for besides those above: rules, alerts, users, partnerships, organizations.
  const otherNodeIds = await rows(`SELECT id::text AS v FROM sourcing_rule WHERE retailer_id = $1
    UNION ALL SELECT id::text FROM alert WHERE organization_id = $1 UNION ALL SELECT id::text FROM app_user WHERE organization_id = $1
    UNION ALL SELECT id::text FROM partnership WHERE retailer_id = $1 UNION ALL SELECT $1::text`);
  expect(positionIds).toHaveLength(4);
  expect(riskIds.length).toBeGreaterThanOrEqual(4);
  expect(itemIds).toHaveLength(4);
  expect(orderIds).toHaveLength(7);
  expect(proposalIds.length).toBeGreaterThanOrEqual(2);
  expect(noticeIds).toHaveLength(2);
  return {
    itemIds, skus, locationIds, codes, orderIds, numbers, lineIds, proposalIds, versionIds, keyIds, noticeIds, positionIds, riskIds, riskIdsOf,
    nodeIds: [...itemIds, ...locationIds, ...orderIds, ...lineIds, ...proposalIds, ...versionIds, ...keyIds, ...noticeIds, ...positionIds, ...riskIds, ...otherNodeIds, ...webhookIds],
    all: [...itemIds, ...skus, ...locationIds, ...codes, ...orderIds, ...numbers, ...lineIds, ...proposalIds, ...versionIds, ...keyIds, ...noticeIds, ...positionIds, ...riskIds, ...webhookIds, world.R.email],
  };
}

// ---------------------------------------------------------------------------
// Queries generated from the schema
// ---------------------------------------------------------------------------

const MAX_DEPTH = 4;
/** Pagination wrappers do not count as a level: alerts.edges.node is depth 1. */
const TRANSPARENT = /(Connection|Edge)$|^PageInfo$/;
/** Every Type.field edge to an object type that some generated query selects. */
const selectedEdges = new Set<string>();

/** Every field of `type`, objects recursively to MAX_DEPTH, skipping a type already on the path (a cycle). */
function selectionOf(type: GraphQLObjectType, depth: number, path: string[], aliasOf: (field: string) => string = () => ''): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    if (required.length) throw new Error(`add arguments for ${type.name}.${field.name}`);
    if (isLeafType(named)) {
      parts.push(aliasOf(field.name) + field.name);
      continue;
    }
    if (!isObjectType(named)) throw new Error(`add a selection for ${type.name}.${field.name} (${named.name} is not an object type)`);
    if (path.includes(named.name)) continue;
    const next = TRANSPARENT.test(named.name) ? depth : depth + 1;
    if (next > MAX_DEPTH) continue;
    selectedEdges.add(`${type.name}.${field.name}`);
    parts.push(`${aliasOf(field.name)}${field.name} { ${selectionOf(named, next, [...path, named.name])} }`);
  }
  return parts.join(' ');
}

type IdKind = 'item' | 'location' | 'purchaseOrder' | 'reallocationProposal' | 'shipNotice' | 'supplier' | 'retailer' | 'line' | 'slippableLine' | 'node' | 'webhookEndpoint';
type Ids = Record<IdKind, string[]>;

/** `id` arguments by the type the field returns. */
const ID_BY_TYPE: Record<string, IdKind> = {
  Item: 'item', Location: 'location', PurchaseOrder: 'purchaseOrder', ReallocationProposal: 'reallocationProposal', ShipNotice: 'shipNotice',
  Node: 'node',
};
/** Required Date arguments by name. */
const DATE_BY_NAME: Record<string, string> = { from: inDays(-30), to: inDays(0) };
/** Enum arguments tried with every value (each changes what the answer groups by). */
const ENUMERATED = ['KpiGroup'];
/** Other id arguments (and id fields of filter inputs) by name. */
const ID_BY_NAME: Record<string, IdKind> = { itemId: 'item', locationId: 'location', supplierId: 'supplier', retailerId: 'retailer', lineId: 'line', endpointId: 'webhookEndpoint' };

/** The values to try for an argument, or undefined when this test does not know how to fill it. */
function valuesFor(field: GraphQLField<unknown, unknown>, arg: GraphQLArgument, ids: Ids): unknown[] | undefined {
  const named = getNamedType(arg.type);
  // Required dates (a window such as kpis' from and to): the last 30 days.
  if (named.name === 'Date' && isNonNullType(arg.type) && arg.name in DATE_BY_NAME) return [DATE_BY_NAME[arg.name]];
  if (isEnumType(named) && ENUMERATED.includes(named.name)) return named.getValues().map((v) => v.value);
  if (named.name === 'ID') {
    const kind = arg.name === 'id' ? ID_BY_TYPE[getNamedType(field.type).name] : ID_BY_NAME[arg.name];
    return kind ? ids[kind] : undefined;
  }
  if (named.name === 'SimulateInput') {
    // A what-if: nothing simulated, an outage of each supplier, a slip of each line (the owner's: those that still bring something).
    return [
      {},
      ...ids.supplier.map((supplierId) => ({ outages: [{ supplierId, from: inDays(1), to: inDays(7) }] })),
      ...ids.slippableLine.map((lineId) => ({ slips: [{ lineId, deliveryDate: inDays(20) }] })),
    ];
  }
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields());
    if (fields.some((f) => isNonNullType(f.type) && f.defaultValue === undefined)) return undefined;
    const values = fields.flatMap((f) => {
      const kind = getNamedType(f.type).name === 'ID' ? ID_BY_NAME[f.name] : undefined;
      return kind ? ids[kind].map((id) => ({ [f.name]: id })) : [];
    });
    return values.length ? values : undefined;
  }
  return undefined;
}

/**
 * Every field of every type implementing the interface (Query.node). A field
 * name whose type differs between the types (PurchaseOrder.status and
 * PurchaseOrderLine.status) may not share a response name: it is aliased by
 * type (only those: the alias limit stays far).
 */
function interfaceSelection(type: GraphQLInterfaceType): string {
  const types = schema.getPossibleTypes(type);
  const typesByName = new Map<string, Set<string>>();
  for (const t of types) for (const field of Object.values(t.getFields())) typesByName.set(field.name, (typesByName.get(field.name) ?? new Set()).add(String(field.type)));
  const aliasOf = (t: GraphQLObjectType) => (field: string) => (typesByName.get(field)!.size > 1 ? `${t.name}_${field}: ` : '');
  const fragments = types.map((t) => `... on ${t.name} { ${selectionOf(t, 1, [t.name], aliasOf(t))} }`);
  return ` { __typename id ${fragments.join(' ')} }`;
}

interface Probe {
  field: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * For every root Query field: its required arguments filled with every
 * combination of the given ids, then each optional argument this test can
 * fill added one value at a time. A required argument it cannot fill fails.
 */
function probes(ids: Ids): Probe[] {
  const out: Probe[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const named = getNamedType(field.type);
    const selection = isObjectType(named) ? ` { ${selectionOf(named, 1, [named.name])} }` : isInterfaceType(named) ? interfaceSelection(named) : '';
    const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    const optional = field.args.filter((a) => !required.includes(a));
    let combos: Record<string, unknown>[] = [{}];
    for (const arg of required) {
      const values = valuesFor(field, arg, ids);
      if (!values?.length) throw new Error(`add arguments for ${field.name} (${arg.name}: ${String(arg.type)})`);
      combos = combos.flatMap((c) => values.map((v) => ({ ...c, [arg.name]: v })));
    }
    const variants = [...combos];
    for (const arg of optional) {
      for (const value of valuesFor(field, arg, ids) ?? []) variants.push({ ...combos[0], [arg.name]: value });
    }
    for (const values of variants) {
      const used = field.args.filter((a) => a.name in values);
      const defs = used.length ? `(${used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})` : '';
      const args = used.length ? `(${used.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
      out.push({ field: field.name, query: `query Probe_${field.name}${defs} { ${field.name}${args}${selection} }`, variables: values });
    }
  }
  return out;
}

interface Viewer {
  name: string;
  token: string;
  ids: Ids;
  /** Strings that must not appear anywhere in a response (data or errors). */
  secrets: string[];
  /** 'none': no error at all (the queries are valid and every nested path resolves); 'hidden': only NOT_FOUND, FORBIDDEN, BAD_USER_INPUT. */
  errors: 'none' | 'hidden';
  /** Root fields this kind of organization may not call at all (FORBIDDEN is their only right answer). */
  forbidden?: string[];
  /** Exact strings removed before looking for secrets (alert messages delivered while the partnership was ACTIVE). */
  historical?: string[];
}

interface Run {
  probe: Probe;
  result: GqlResult<Record<string, unknown>>;
  text: string;
}

const HIDDEN = ['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'];

/** Runs every probe as the viewer; returns the runs and every problem found (so one failure report lists them all). */
async function runAs(viewer: Viewer): Promise<{ runs: Run[]; problems: string[] }> {
  const runs: Run[] = [];
  const problems: string[] = [];
  for (const probe of probes(viewer.ids)) {
    const result = await server.raw({ query: probe.query, variables: probe.variables }, { authorization: `Bearer ${viewer.token}` });
    let text = JSON.stringify({ data: result.data ?? null, errors: result.errors ?? [] });
    for (const message of viewer.historical ?? []) text = text.split(JSON.stringify(message).slice(1, -1)).join('<historical alert message>');
    runs.push({ probe, result, text });
    const where = `${viewer.name}: ${probe.field}(${JSON.stringify(probe.variables)})`;
    const leaked = viewer.secrets.filter((s) => text.includes(s));
    if (leaked.length) problems.push(`${where} leaked ${JSON.stringify(leaked)} in ${text}`);
    const errors: GqlError[] = result.errors ?? [];
    const expectedForbidden = viewer.forbidden?.includes(probe.field);
    for (const error of errors) {
      const code = error.extensions?.code;
      if (expectedForbidden && code === 'FORBIDDEN' && error.path?.join('.') === probe.field) continue;
      if (viewer.errors === 'none' || !HIDDEN.includes(String(code))) problems.push(`${where} answered ${code}: ${JSON.stringify(error)}`);
    }
    if (expectedForbidden && !errors.some((e) => e.extensions?.code === 'FORBIDDEN')) problems.push(`${where} was not FORBIDDEN: ${text}`);
  }
  return { runs, problems };
}

const rootFields = () => Object.keys(schema.getQueryType()!.getFields());

/** Every Type.field edge to an object type, in every type a query can reach. */
function reachableEdges(): string[] {
  const edges: string[] = [];
  const seen = new Set<string>();
  const visit = (type: GraphQLObjectType) => {
    if (seen.has(type.name)) return;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isObjectType(named)) continue;
      if (type !== schema.getQueryType()) edges.push(`${type.name}.${field.name}`);
      visit(named);
    }
  };
  visit(schema.getQueryType()!);
  return edges.sort();
}

describe('every root field and nested path, generated from the schema', () => {
  it('fails with "add arguments for <field>" when a root field has a required argument it cannot fill', () => {
    const none: Ids = { item: [], location: [], purchaseOrder: [], reallocationProposal: [], shipNotice: [], supplier: [], retailer: [], line: [], slippableLine: [], node: [], webhookEndpoint: [] };
    expect(() => probes(none)).toThrow(/^add arguments for (item|location|purchaseOrder|projectedInventory|leadTimeStats|reallocationProposal|shipNotice|node|webhookDeliveries) /);
  });

  it('shows R\'s data to R and S1\'s share to S1, and none of it to a rival retailer, an unrelated supplier, its API key or S1 after a suspension', async () => {
    const world = await buildWorld();
    const { R, S1, S2, items, orders, notices } = world;

    // The intruders: a rival retailer partnered with S1 too (with an order of its own), an unrelated supplier and its API key.
    const R2 = await signUp(server, 'RETAILER');
    await partner(server, R2, S1);
    const r2Item = await createItem(server, R2.token);
    const r2Location = await createLocation(server, R2.token);
    await sourcingRule(server, R2.token, { itemId: r2Item.id, supplierId: S1.orgId });
    await createOrder(server, { retailer: R2, supplier: S1, item: r2Item, location: r2Location });
    const S3 = await signUp(server, 'SUPPLIER');
    const s3Key = (await server.ok(CreateApiKeyDocument, { input: { name: 'stranger', scopes: ['read', 'alerts:read'] } }, S3.token)).createApiKey.secret;
    const s1Key = (await server.ok(CreateApiKeyDocument, { input: { name: 'S1 integration', scopes: ['read', 'alerts:read'] } }, S1.token)).createApiKey.secret;
    const s1Endpoint = (await server.ok(CreateWebhookEndpointDocument, { input: { url: 'http://127.0.0.1:9/s1-hook' } }, S1.token)).createWebhookEndpoint.endpoint.id;
    const secrets = await secretsOf(world); // now that R2 has its own PO-000001

    // What S1 legitimately sees while ACTIVE: the items it actively sources (i1, i2), R's locations, its issued orders.
    const s1Orders = [orders.confirmed, orders.split, orders.rejected, orders.received];
    const shared = {
      items: [items.i1, items.i2].flatMap((i) => [i.id, i.sku]),
      orders: s1Orders.flatMap((o) => [o.id, ...o.lines.map((l) => l.id)]),
      numbers: s1Orders.map((o) => o.number).filter((n) => secrets.numbers.includes(n)),
      notices: [notices.s1],
      risks: secrets.riskIdsOf([items.i1.id, items.i2.id]),
    };
    const hiddenFromS1 = secrets.all.filter(
      (s) => !shared.items.includes(s) && !shared.orders.includes(s) && !shared.numbers.includes(s) && !shared.notices.includes(s) && !shared.risks.includes(s)
        && !secrets.locationIds.includes(s) && !secrets.codes.includes(s) && !secrets.versionIds.includes(s) && s !== R.email,
    );

    const everything: Ids = {
      item: secrets.itemIds,
      location: secrets.locationIds,
      purchaseOrder: secrets.orderIds,
      reallocationProposal: secrets.proposalIds,
      shipNotice: secrets.noticeIds,
      supplier: [S1.orgId, S2.orgId],
      retailer: [R.orgId],
      line: secrets.lineIds,
      slippableLine: secrets.lineIds,
      node: secrets.nodeIds,
      webhookEndpoint: [world.webhookEndpoint],
    };
    const asIntruder = (self: string): Ids => ({ ...everything, supplier: [...everything.supplier, self] });
    const RETAILER_ONLY = ['sourcingPolicy', 'simulate', 'previewForecast'];

    // The lines that still bring something besides what is in transit (a what-if may slip them): the rest answer BAD_USER_INPUT to their owner.
    const slippable = [orders.confirmed.lines[0].id, orders.split.lines[0].id];
    const ownerRun = async (name: string, suppliers: string[]) =>
      runAs({ name, token: R.token, ids: { ...everything, supplier: suppliers, slippableLine: slippable }, secrets: [], errors: 'none' });

    // The owner, and S1 while ACTIVE: valid queries, every nested path resolves, no error at all.
    const owner = await ownerRun('R', [S1.orgId, S2.orgId]);
    const s1Active = await runAs({
      name: 'S1 (ACTIVE)',
      token: S1.token,
      ids: {
        ...everything, item: [items.i1.id, items.i2.id], purchaseOrder: s1Orders.map((o) => o.id), shipNotice: shared.notices, supplier: [S1.orgId],
        webhookEndpoint: [s1Endpoint],
      },
      secrets: [...hiddenFromS1, S2.orgId, S2.orgName],
      errors: 'none',
      forbidden: RETAILER_ONLY,
    });
    // S1 while ACTIVE probing all of R's ids: still nothing beyond its share (not the other supplier, drafts, proposals, i3, i4).
    const s1Probing = await runAs({
      name: 'S1 (ACTIVE) probing',
      token: S1.token,
      ids: asIntruder(S1.orgId),
      secrets: [...hiddenFromS1, S2.orgId, S2.orgName],
      errors: 'hidden',
    });
    const intruders = [
      await runAs({ name: 'rival retailer R2', token: R2.token, ids: asIntruder(R2.orgId), secrets: [...secrets.all, R.orgId, R.orgName, S2.orgId, S2.orgName], errors: 'hidden' }),
      await runAs({ name: 'unrelated supplier S3', token: S3.token, ids: asIntruder(S3.orgId), secrets: [...secrets.all, R.orgId, R.orgName, S1.orgId, S2.orgId], errors: 'hidden' }),
      await runAs({ name: 'S3 API key', token: s3Key, ids: asIntruder(S3.orgId), secrets: [...secrets.all, R.orgId, R.orgName, S1.orgId, S2.orgId], errors: 'hidden' }),
    ];

    // R suspends S1. Its alert rows stay (they are S1's), with the messages S1 was sent while ACTIVE; nothing else of R's shows.
    await server.ok(SuspendPartnershipDocument, { id: world.p1 }, R.token);
    const delivered = (await alertsOf(server, S1.orgId)).map((a) => a.message);
    expect(delivered.length).toBeGreaterThan(0);
    const s1Secrets = [...secrets.all, S2.orgId, S2.orgName];
    const suspended = [
      await runAs({ name: 'S1 (SUSPENDED)', token: S1.token, ids: asIntruder(S1.orgId), secrets: s1Secrets, errors: 'hidden', historical: delivered }),
      await runAs({ name: 'S1 API key (SUSPENDED)', token: s1Key, ids: asIntruder(S1.orgId), secrets: s1Secrets, errors: 'hidden', historical: delivered }),
    ];
    // R still sees all of its own data, suspended partner included (its lead times excepted: it is no longer ACTIVE).
    const ownerAfter = await ownerRun('R after the suspension', [S2.orgId]);

    // The probes are not vacuous: every root field ran, R's answers contain every secret, S1's every part of its share.
    expect([...new Set(owner.runs.map((r) => r.probe.field))].sort()).toEqual(rootFields().sort());
    expect(reachableEdges().filter((edge) => !selectedEdges.has(edge))).toEqual([]);
    const ownerText = owner.runs.map((r) => r.text).join('\n');
    expect(secrets.all.filter((s) => !ownerText.includes(s))).toEqual([]);
    expect([R.orgId, R.orgName, S1.orgId, S2.orgId, S2.orgName].filter((s) => !ownerText.includes(s))).toEqual([]);
    const s1Text = s1Active.runs.map((r) => r.text).join('\n');
    expect([...shared.items, ...shared.orders, ...shared.numbers, ...shared.notices, ...shared.risks, ...secrets.locationIds].filter((s) => !s1Text.includes(s))).toEqual([]);
    // The nested paths the suspended partner must lose were really reached while ACTIVE.
    for (const path of ['"purchaseOrder":{', '"purchaseOrderLine":{', '"shortageRisk":{', '"forecastCommit":{', '"history":[{', '"confirmations":[{', '"receipts":[{', '"shipNoticeLines":[{']) {
      expect(s1Text).toContain(path);
    }
    for (const path of ['"reallocation":{', '"moves":[{', '"candidates":[{', '"sourceLine":{', '"shipNotice":{', '"shipNoticeLines":[{']) expect(ownerText).toContain(path);
    // KPIs and the risk trend ran on real snapshots and lines: R's groups name its items, S1's only the items it supplies.
    const textOf = (runs: Run[], field: string) => runs.filter((r) => r.probe.field === field).map((r) => r.text).join('\n');
    expect(textOf(owner.runs, 'kpis')).toContain(items.i3.id);
    expect(textOf(s1Active.runs, 'kpis')).toContain(items.i1.id);
    expect(textOf(owner.runs, 'riskTrend')).toContain('"stockoutPositions"');
    expect(textOf(s1Active.runs, 'riskTrend')).toContain('"stockoutPositions"');

    const problems = [owner, s1Active, s1Probing, ...intruders, ...suspended, ownerAfter].flatMap((r) => r.problems);
    expect(problems).toEqual([]);
  }, 240_000);
});

// ---------------------------------------------------------------------------
// Alerts after a suspension
// ---------------------------------------------------------------------------

/** Every field of Alert to MAX_DEPTH: the links and what hangs off them. */
const alertSelection = () => selectionOf(schema.getType('Alert') as GraphQLObjectType, 1, ['Alert']);

interface Stream {
  received: Record<string, unknown>[];
  errors: unknown[];
  waitFor(count: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/** The alert subscription with every link selected, over graphql-ws. */
function streamAlerts(token: string, after: string): Stream {
  const received: Record<string, unknown>[] = [];
  const errors: unknown[] = [];
  const client: Client = createClient({
    url: server.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
  client.subscribe<{ alerts: Record<string, unknown> }>(
    { query: `subscription Links($after: String) { alerts(after: $after) { ${alertSelection()} } }`, variables: { after } },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) received.push(value.data.alerts);
      },
      error: (err) => errors.push(err),
      complete: () => undefined,
    },
  );
  return {
    received,
    errors,
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count && errors.length === 0) {
        if (Date.now() > until) throw new Error(`timed out with ${received.length} of ${count} alerts`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      if (errors.length) throw new Error(`subscription error: ${JSON.stringify(errors)}`);
      return received.slice();
    },
    stop: () => client.dispose() as Promise<void>,
  };
}

const pollAlerts = async (token: string) => {
  const result = await server.raw(
    { query: `query Links { alerts { edges { node { ${alertSelection()} } } } }` },
    { authorization: `Bearer ${token}` },
  );
  expect(result.errors).toBeUndefined();
  return (result.data!.alerts as { edges: { node: Record<string, unknown> }[] }).edges.map((e) => e.node);
};

const LINKS = ['purchaseOrder', 'purchaseOrderLine', 'shortageRisk', 'reallocation', 'shipNotice', 'forecastCommit'] as const;

describe('alerts after a suspension', () => {
  it('keeps S1\'s alert rows but resolves their links to null, polled and streamed, and resolves live alerts again after re-activation', async () => {
    const world = await buildWorld();
    const { R, S1, items, locations } = world;
    const secrets = await secretsOf(world);
    const rows = await alertsOf(server, S1.orgId);
    // S1 was told of issued orders, a changed (reduced) line and risk changes, all with links.
    expect(new Set(rows.map((a) => a.type))).toEqual(
      new Set(['FORECAST_PUBLISHED', 'SHORTAGE_RISK_CHANGED', 'PURCHASE_ORDER_ISSUED', 'PURCHASE_ORDER_CHANGED', 'FORECAST_COMMIT_EXCEPTION']),
    );

    // While ACTIVE the links resolve (polled), and an integration's stream is open, receiving a live alert.
    const active = await pollAlerts(S1.token);
    expect(active.map((a) => a.cursor)).toEqual(rows.map((a) => a.cursor));
    for (const link of ['purchaseOrder', 'purchaseOrderLine', 'shortageRisk', 'forecastCommit'] as const) expect(active.some((a) => a[link] !== null)).toBe(true);
    // Two integrations of S1 listen: one replays from the start, one follows live alerts from the current cursor
    // (the documented pattern: read alertCursor, subscribe after it).
    const fromStart = streamAlerts(S1.token, '0');
    await fromStart.waitFor(rows.length);
    const { alertCursor } = (await server.ok(PortalAlertCursorDocument, {}, S1.token));
    const follower = streamAlerts(S1.token, alertCursor);
    const streams = [fromStart, follower];
    // The follower follows the live feed before the next alert (so its result for that alert is the one shared in the feed).
    for (let i = 0; server.app.services.alertBus.subscriberCount < streams.length; i++) {
      if (i > 400) throw new Error('the follower never subscribed');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const extra = await createOrder(server, { retailer: R, supplier: S1, item: items.i2, location: locations.l2 }, [{ quantity: 7, requestedDate: inDays(9) }]);
    const withExtra = await alertsOf(server, S1.orgId);
    const isExtra = (a: Record<string, unknown>) => a.type === 'PURCHASE_ORDER_ISSUED' && JSON.stringify(a).includes(extra.id);
    expect((await fromStart.waitFor(withExtra.length)).find(isExtra)).toMatchObject({ purchaseOrder: { id: extra.id, number: extra.number } });
    expect((await follower.waitFor(withExtra.length - rows.length)).find(isExtra)).toMatchObject({ purchaseOrder: { id: extra.id } });
    const allSecrets = [...secrets.all, world.S2.orgId, world.S2.orgName];

    await server.ok(SuspendPartnershipDocument, { id: world.p1 }, R.token);
    const stored = await alertsOf(server, S1.orgId);
    expect(stored.map((a) => a.cursor)).toEqual(withExtra.map((a) => a.cursor));
    const delivered = stored.map((a) => a.message);
    const scrub = (value: unknown) => delivered.reduce((text, m) => text.split(JSON.stringify(m).slice(1, -1)).join('<historical>'), JSON.stringify(value));
    const leaks = (value: unknown) => allSecrets.filter((s) => scrub(value).includes(s));
    const linked = (alerts: Record<string, unknown>[]) => alerts.filter((a) => LINKS.some((link) => a[link] !== null));

    // Polling: every row is still there, every link is null, nothing of R's orders shows.
    const polled = await pollAlerts(S1.token);
    expect(polled.map((a) => a.cursor)).toEqual(stored.map((a) => a.cursor));
    expect(linked(polled)).toEqual([]);
    expect(leaks(polled)).toEqual([]);

    // Streaming again, while the earlier streams are still open, from the start and from the follower's cursor
    // (same document, same variables): every alert re-read under today's visibility.
    const replays = [streamAlerts(S1.token, '0'), streamAlerts(S1.token, alertCursor)];
    try {
      const [replayed, resumed] = [await replays[0].waitFor(polled.length), await replays[1].waitFor(polled.length - rows.length)];
      expect(replayed.map((a) => a.cursor)).toEqual(polled.map((a) => a.cursor));
      expect(resumed.map((a) => a.cursor)).toEqual(polled.slice(rows.length).map((a) => a.cursor));
      expect({ replayed: linked(replayed), resumed: linked(resumed) }).toEqual({ replayed: [], resumed: [] });
      expect(leaks([replayed, resumed])).toEqual([]);

      // Re-activated: a live alert resolves its links again, on every stream and when polled.
      await partner(server, R, S1);
      const again = await createOrder(server, { retailer: R, supplier: S1, item: items.i1, location: locations.l1 }, [{ quantity: 9, requestedDate: inDays(9) }]);
      const total = (await alertsOf(server, S1.orgId)).length;
      const isAgain = (a: Record<string, unknown>) => a.type === 'PURCHASE_ORDER_ISSUED' && JSON.stringify(a).includes(again.id);
      for (const [stream, from] of [[fromStart, 0], [follower, rows.length], ...replays.map((r, i) => [r, i === 0 ? 0 : rows.length] as const)] as const) {
        const received = await stream.waitFor(total - from);
        expect(received.find(isAgain)).toMatchObject({ purchaseOrder: { id: again.id, number: again.number, lines: [{ quantity: 9 }] } });
      }
      expect((await pollAlerts(S1.token)).find(isAgain)).toMatchObject({ purchaseOrder: { id: again.id } });
      expect([...streams, ...replays].flatMap((stream) => stream.errors)).toEqual([]);
    } finally {
      for (const stream of [...streams, ...replays]) await stream.stop();
    }
  }, 60_000);
});

// ---------------------------------------------------------------------------
// Idempotent replays
// ---------------------------------------------------------------------------

const LINE_STATE_SQL = `
  SELECT 'line' AS t, concat_ws(',', l.id, l.status, l.quantity, l.confirmed_quantity, l.slipped, l.rejection_reason) AS v FROM purchase_order_line l WHERE l.purchase_order_id = $1
  UNION ALL SELECT 'order', concat_ws(',', po.status, po.version) FROM purchase_order po WHERE po.id = $1
  UNION ALL SELECT 'schedule', concat_ws(',', s.line_id, s.quantity, s.delivery_date) FROM schedule_line s JOIN purchase_order_line l ON l.id = s.line_id WHERE l.purchase_order_id = $1
  UNION ALL SELECT 'promise', concat_ws(',', c.line_id, c.sequence, c.kind) FROM confirmation c JOIN purchase_order_line l ON l.id = c.line_id WHERE l.purchase_order_id = $1
  UNION ALL SELECT 'change', concat_ws(',', c.action, c.details) FROM change_record c WHERE c.purchase_order_id = $1
  UNION ALL SELECT 'alert', concat_ws(',', a.organization_id, a.type, a.cursor) FROM alert a WHERE a.purchase_order_id = $1
  UNION ALL SELECT 'proposal', concat_ws(',', p.id, p.status) FROM reallocation_proposal p JOIN purchase_order_line l ON l.id = p.source_line_id WHERE l.purchase_order_id = $1
  UNION ALL SELECT 'key', count(*)::text FROM idempotency_key
  ORDER BY 1, 2`;

describe('idempotent replays after a suspension', () => {
  it('a repeated confirm or reject with its first key does not return the line and changes nothing', async () => {
    const pair = await tradingPair(server);
    const { retailer: R, supplier: S1 } = pair;
    const order = await createOrder(server, pair, [{ quantity: 10, requestedDate: inDays(9) }, { quantity: 20, requestedDate: inDays(9) }]);
    const [line1, line2] = order.lines;
    const confirm = { lineId: line1.id, schedule: [{ quantity: 10, deliveryDate: inDays(9) }], idempotencyKey: unique('confirm') };
    const reject = { lineId: line2.id, reason: 'Discontinued', idempotencyKey: unique('reject') };
    await server.ok(ConfirmPurchaseOrderLineDocument, { input: confirm }, S1.token);
    await server.ok(RejectPurchaseOrderLineDocument, { input: reject }, S1.token);
    // While ACTIVE a replay returns the line and applies nothing twice.
    const before = await server.query(LINE_STATE_SQL, [order.id]);
    expect((await server.ok(ConfirmPurchaseOrderLineDocument, { input: confirm }, S1.token)).confirmPurchaseOrderLine.id).toBe(line1.id);
    expect(await server.query(LINE_STATE_SQL, [order.id])).toEqual(before);

    await server.ok(SuspendPartnershipDocument, { id: pair.partnershipId }, R.token);
    const secrets = [order.number, pair.item.sku, pair.location.code, pair.item.id, R.orgName];
    for (const [what, result] of [
      ['confirm replay', await server.gql(ConfirmPurchaseOrderLineDocument, { input: confirm }, S1.token)],
      ['reject replay', await server.gql(RejectPurchaseOrderLineDocument, { input: reject }, S1.token)],
      ['confirm without a key', await server.gql(ConfirmPurchaseOrderLineDocument, { input: { ...confirm, idempotencyKey: null } }, S1.token)],
    ] as const) {
      expect({ what, data: result.data ?? null, errors: result.errors?.map((e) => [e.extensions?.code, e.extensions?.field]) }).toEqual({
        what,
        data: null,
        errors: [['NOT_FOUND', 'input.lineId']],
      });
      expect(secrets.filter((s) => JSON.stringify(result).includes(s))).toEqual([]);
    }
    expect(await server.query(LINE_STATE_SQL, [order.id])).toEqual(before);

    // Re-activated, the replay is re-read under today's visibility: the line again, still applied once.
    await partner(server, R, S1);
    expect((await server.ok(ConfirmPurchaseOrderLineDocument, { input: confirm }, S1.token)).confirmPurchaseOrderLine).toMatchObject({ id: line1.id, status: 'CONFIRMED' });
    expect((await server.ok(RejectPurchaseOrderLineDocument, { input: reject }, S1.token)).rejectPurchaseOrderLine).toMatchObject({ id: line2.id, status: 'REJECTED' });
    expect(await server.query(LINE_STATE_SQL, [order.id])).toEqual(before);
  });
});

// ---------------------------------------------------------------------------
// Projections
// ---------------------------------------------------------------------------

describe('a supplier\'s projection', () => {
  it('counts stock, demand and only the caller\'s own inbound (promised and in transit); the retailer\'s counts every supplier\'s', async () => {
    const pair = await tradingPair(server); // S1: priority 1 for the item
    const { retailer: R, supplier: S1, item, location } = pair;
    const S2 = await signUp(server, 'SUPPLIER');
    await partner(server, R, S2);
    await sourcingRule(server, R.token, { itemId: item.id, supplierId: S2.orgId, priority: 2 });
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 30 }] } }, R.token);
    await server.ok(
      PublishForecastDocument,
      {
        input: {
          lines: [
            { itemId: item.id, locationId: location.id, periodStart: inDays(0), periodDays: 7, quantity: 70 }, // 10 a day, days 0-6
            { itemId: item.id, locationId: location.id, periodStart: inDays(7), periodDays: 7, quantity: 35 }, // 5 a day, days 7-13
          ],
        },
      },
      R.token,
    );
    const fromS1 = await createOrder(server, pair, [{ quantity: 144, requestedDate: inDays(3) }]);
    await confirmLine(server, S1, fromS1.lines[0].id, [{ quantity: 144, deliveryDate: inDays(3) }]);
    const fromS2 = await createOrder(server, { ...pair, supplier: S2 }, [{ quantity: 50, requestedDate: inDays(5) }]);
    await confirmLine(server, S2, fromS2.lines[0].id, [{ quantity: 50, deliveryDate: inDays(5) }]);
    // S2 ships 20 of them early: in transit on day 4, the other 30 still promised for day 5 (S1 must not see either).
    await server.ok(CreateShipNoticeDocument, {
      input: { shipToId: location.id, shippedOn: inDays(0), expectedArrival: inDays(4), lines: [{ lineId: fromS2.lines[0].id, quantity: 20 }] },
    }, S2.token);

    const series = async (token: string) =>
      (await server.ok(ProjectedInventoryDocument, { itemId: item.id, locationId: location.id, horizonDays: 10 }, token)).projectedInventory.map((d) => [
        d.date,
        d.demand,
        d.inbound,
        d.projectedAvailable,
      ]);
    const day = (d: number, demand: number, inbound: number, pab: number) => [inDays(d), demand, inbound, pab];
    // Hand-computed from 30 available: PAB(d) = PAB(d-1) + inbound(d) - demand(d).
    expect(await series(R.token)).toEqual([
      day(0, 10, 0, 20), day(1, 10, 0, 10), day(2, 10, 0, 0), day(3, 10, 144, 134), day(4, 10, 20, 144),
      day(5, 10, 30, 164), day(6, 10, 0, 154), day(7, 5, 0, 149), day(8, 5, 0, 144), day(9, 5, 0, 139),
    ]);
    const s2 = await series(S2.token);
    expect(s2).toEqual([
      day(0, 10, 0, 20), day(1, 10, 0, 10), day(2, 10, 0, 0), day(3, 10, 0, -10), day(4, 10, 20, 0),
      day(5, 10, 30, 20), day(6, 10, 0, 10), day(7, 5, 0, 5), day(8, 5, 0, 0), day(9, 5, 0, -5),
    ]);
    expect(s2.filter(([, , inbound]) => inbound === 144 || inbound === 194)).toEqual([]);
    expect(await series(S1.token)).toEqual([
      day(0, 10, 0, 20), day(1, 10, 0, 10), day(2, 10, 0, 0), day(3, 10, 144, 134), day(4, 10, 0, 124),
      day(5, 10, 0, 114), day(6, 10, 0, 104), day(7, 5, 0, 99), day(8, 5, 0, 94), day(9, 5, 0, 89),
    ]);
    // The shared risk summary stays the retailer's (all inbound): the same row for R and S2.
    const risk = async (token: string) => (await server.ok(ShortageRisksDocument, { filter: { itemId: item.id } }, token)).shortageRisks.edges.map((e) => e.node);
    expect(await risk(S2.token)).toEqual(await risk(R.token));

    // Suspended, S2 sees no projection at all; an unrelated supplier never did.
    await server.ok(SuspendPartnershipDocument, { id: (await partnershipOf(R, S2)) }, R.token);
    expectError(await server.gql(ProjectedInventoryDocument, { itemId: item.id, locationId: location.id, horizonDays: 10 }, S2.token), 'NOT_FOUND', 'itemId');
    const S3 = await signUp(server, 'SUPPLIER');
    expectError(await server.gql(ProjectedInventoryDocument, { itemId: item.id, locationId: location.id }, S3.token), 'NOT_FOUND', 'itemId');
  });
});

const partnershipOf = async (retailer: Account, supplier: Account) =>
  (await server.query<{ id: string }>('SELECT id::text FROM partnership WHERE retailer_id = $1 AND supplier_id = $2', [retailer.orgId, supplier.orgId]))[0].id;

// ---------------------------------------------------------------------------
// Lead times and the catalog
// ---------------------------------------------------------------------------

describe('lead-time statistics and the catalog follow the partnership and the rule', () => {
  it('answers NOT_FOUND for the lead times of a supplier whose partnership is PENDING or SUSPENDED', async () => {
    const pair = await tradingPair(server);
    const { retailer: R, supplier: S1, item } = pair;
    const order = await createOrder(server, pair, [{ quantity: 10, requestedDate: inDays(9) }]);
    await confirmLine(server, S1, order.lines[0].id, [{ quantity: 10, deliveryDate: inDays(9) }]);
    const stats = { itemId: item.id, supplierId: S1.orgId };
    expect((await server.ok(LeadTimeStatsDocument, stats, R.token)).leadTimeStats).toMatchObject({ confirmedCount: 1, quotedLeadTimeDays: 7 });

    const pending = await signUp(server, 'SUPPLIER');
    await server.ok(InvitePartnerDocument, { input: { supplierId: pending.orgId } }, R.token);
    expectError(await server.gql(LeadTimeStatsDocument, { itemId: item.id, supplierId: pending.orgId }, R.token), 'NOT_FOUND', 'supplierId');
    expectError(await server.gql(LeadTimeStatsDocument, { itemId: item.id, supplierId: pending.orgId }, pending.token), 'NOT_FOUND', 'itemId');

    await server.ok(SuspendPartnershipDocument, { id: pair.partnershipId }, R.token);
    for (const [token, field] of [[R.token, 'supplierId'], [S1.token, 'itemId']] as const) {
      const result = await server.gql(LeadTimeStatsDocument, stats, token);
      expectError(result, 'NOT_FOUND', field);
      expect(result.data ?? null).toBeNull();
    }
  });

  it('hides an item from a supplier whose rule for it is inactive and who has no order for it; an order shows it', async () => {
    const pair = await tradingPair(server); // an active rule for pair.item
    const { retailer: R, supplier: S1, location } = pair;
    const inactive = await createItem(server, R.token);
    await sourcingRule(server, R.token, { itemId: inactive.id, supplierId: S1.orgId, active: false });
    await server.ok(
      PublishForecastDocument,
      { input: { lines: [pair.item, inactive].map((i) => ({ itemId: i.id, locationId: location.id, periodStart: inDays(0), periodDays: 7, quantity: 7 })) } },
      R.token,
    );
    await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: inactive.id, locationId: location.id, onHand: 1 }] } }, R.token);

    const visibleItems = async () => (await server.ok(ItemsDocument, { first: 500 }, S1.token)).items.edges.map((e) => e.node.id);
    expect(await visibleItems()).toEqual([pair.item.id]);
    expect((await server.ok(ItemDocument, { id: inactive.id }, S1.token)).item).toBeNull();
    expect((await server.ok(ForecastDocument, {}, S1.token)).forecast.edges.map((e) => e.node.item.id)).toEqual([pair.item.id]);
    expect((await server.ok(ShortageRisksDocument, { filter: { itemId: inactive.id } }, S1.token)).shortageRisks.totalCount).toBe(0);
    expectError(await server.gql(ProjectedInventoryDocument, { itemId: inactive.id, locationId: location.id }, S1.token), 'NOT_FOUND', 'itemId');
    expectError(await server.gql(LeadTimeStatsDocument, { itemId: inactive.id, supplierId: S1.orgId }, S1.token), 'NOT_FOUND', 'itemId');
    // Its rules, with their items, resolve without error: the inactive rule does not name an item S1 may not see.
    const rules = await server.gql(SourcingRulesDocument, {}, S1.token);
    expect(rules.errors).toBeUndefined();
    expect(JSON.stringify(rules.data)).not.toContain(inactive.sku);

    // An issued order for the item shows it to the supplier it is addressed to, rule or not.
    await createOrder(server, { ...pair, item: inactive }, [{ quantity: 3, unitCost: '1.00' }]);
    expect((await visibleItems()).sort()).toEqual([pair.item.id, inactive.id].sort());
  });
});
