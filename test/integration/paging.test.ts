import { getNamedType, isNonNullType, isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { WEBHOOK_QUEUE } from '../../src/modules/webhooks/webhook.service';
import { CreateShipNoticeDocument, CreateWebhookEndpointDocument, PublishForecastDocument, RecordSalesDocument, SetSafetyStockDocument, UpsertInventoryDocument } from '../../src/sdk/generated/graphql';
import { getSchema } from '../../src/schema';
import { confirmLine, createItem, createLocation, createOrder, expectError, inDays, partner, signUp, sourcingRule, tradingPair, type Account } from '../support/factories';
import { startTestServer, type GqlResult, type TestServer } from '../support/server';

/**
 * Every connection field of the schema pages the same way: walked with
 * first=2 (and last=2 where it takes `last`), it yields the one-big-page list
 * exactly, with consistent PageInfo, and refuses malformed cursors on the
 * argument that carried them. A new connection is picked up from the schema
 * and fails here until the data set below gives it a few pages of rows.
 */
let server: TestServer;
let retailer: Account;
/** Values of the connections' required arguments (other than paging). */
const requiredArgs: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  server = await startTestServer();
  retailer = await seed();
}, 120_000);
afterAll(() => server.close());

/** At least this many nodes per connection: three pages of two and a half page. */
const MIN_NODES = 5;

/**
 * One retailer's world with a few pages of everything it can list: items,
 * stock positions, forecast lines, shortage risks (ties on level, date and revenue, broken by
 * item and location), forecast commit rows (the first item's forecast
 * beside each of its two suppliers), purchase orders, reallocation proposals
 * (each order's line confirmed late), ship notices (part of each line
 * shipped), the alerts all of this raised, and their deliveries to a
 * webhook endpoint.
 */
async function seed(): Promise<Account> {
  const pair = await tradingPair(server);
  // A webhook endpoint nothing listens on: each alert raised below becomes one of its deliveries (the first fails, the rest wait).
  const { createWebhookEndpoint } = await server.ok(CreateWebhookEndpointDocument, { input: { url: 'http://127.0.0.1:9/hook' } }, pair.retailer.token);
  requiredArgs.webhookDeliveries = { endpointId: createWebhookEndpoint.endpoint.id };
  const backup = await signUp(server, 'SUPPLIER', 'Backup');
  await partner(server, pair.retailer, backup);
  await sourcingRule(server, pair.retailer.token, { itemId: pair.item.id, supplierId: backup.orgId, priority: 2, quotedLeadTimeDays: 3, unitCost: '5.00' });
  const items = [pair.item];
  for (const price of ['1.00', '5.00', '1.00', '1.00', '1.00']) items.push(await createItem(server, pair.retailer.token, { unitPrice: price }));
  const other = await createLocation(server, pair.retailer.token);
  const onHand = [100, 0, 2, 2, 50, 50];
  await server.ok(UpsertInventoryDocument, {
    input: {
      positions: [
        ...items.map((item, i) => ({ itemId: item.id, locationId: pair.location.id, onHand: onHand[i], reserved: 0, qualityHold: 0 })),
        ...items.slice(4).map((item) => ({ itemId: item.id, locationId: other.id, onHand: 50, reserved: 0, qualityHold: 0 })),
      ],
    },
  }, pair.retailer.token);
  const demand = (itemId: string, day: number, quantity: number) => ({ itemId, locationId: pair.location.id, periodStart: inDays(day), periodDays: 1, quantity });
  await server.ok(PublishForecastDocument, {
    // Five lines: the forecast connection pages them too.
    input: {
      lines: [
        demand(items[1].id, 1, 3), demand(items[1].id, 8, 3), demand(items[2].id, 2, 12), demand(items[3].id, 2, 12), demand(items[4].id, 3, 10),
        // The first item's demand, shared with its two suppliers: six rows of forecastCommits (3 lines x 2 suppliers).
        demand(items[0].id, 4, 1), demand(items[0].id, 5, 1), demand(items[0].id, 6, 1),
      ],
    },
  }, pair.retailer.token);
  await server.ok(SetSafetyStockDocument, { input: { itemId: items[4].id, locationId: pair.location.id, safetyStock: 45 } }, pair.retailer.token);
  // Daily sales: six days of two items (the sales connection).
  await server.ok(RecordSalesDocument, {
    input: { lines: [1, 2, 3].flatMap((d) => items.slice(0, 2).map((item) => ({ itemId: item.id, locationId: pair.location.id, date: inDays(-d), quantity: d }))) },
  }, pair.retailer.token);
  for (let i = 0; i < MIN_NODES; i++) {
    const order = await createOrder(server, pair, [{ quantity: 20, requestedDate: inDays(6) }]);
    await confirmLine(server, pair.supplier, order.lines[0].id, [{ quantity: 20, deliveryDate: inDays(12 + i) }]);
    await server.ok(CreateShipNoticeDocument, {
      input: { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(11), lines: [{ lineId: order.lines[0].id, quantity: 5 }] },
    }, pair.supplier.token);
  }
  await server.app.jobs.runNow(WEBHOOK_QUEUE, 30_000, { endpointId: createWebhookEndpoint.endpoint.id });
  return pair.retailer;
}

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

interface Connection {
  edges: { cursor: string; node: Record<string, unknown> }[];
  pageInfo: PageInfo;
  totalCount?: number;
}

type Variables = { first?: number; after?: string; last?: number; before?: string };

/** Sends one page request for the field, with only the paging arguments it takes. */
function pager(field: GraphQLField<unknown, unknown>) {
  const connection = getNamedType(field.type) as GraphQLObjectType;
  const edge = getNamedType(connection.getFields().edges.type) as GraphQLObjectType;
  const node = getNamedType(edge.getFields().node.type);
  const nodeSelection = isObjectType(node) && node.getFields().id ? 'id' : '__typename';
  const paging = (['first', 'after', 'last', 'before'] as const).filter((name) => field.args.some((arg) => arg.name === name));
  const query = `query Page(${paging.map((name) => `$${name}: ${name === 'first' || name === 'last' ? 'Int' : 'String'}`).join(', ')}) {
    page: ${field.name}(${[...Object.entries(requiredArgs[field.name] ?? {}).map(([name, value]) => `${name}: ${JSON.stringify(value)}`), ...paging.map((name) => `${name}: $${name}`)].join(', ')}) {
      edges { cursor node { ${nodeSelection} } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      ${connection.getFields().totalCount ? 'totalCount' : ''}
    }
  }`;
  // The same page without any cursor selected (the list then reads no key values: PageArgs.cursors).
  const bare = query.replace('edges { cursor node', 'edges { node').replace(' startCursor endCursor', '');
  const request = (variables: Variables, text = query): Promise<GqlResult<Record<string, unknown>>> =>
    server.raw({ query: text, variables }, { authorization: `Bearer ${retailer.token}` });
  const page = async (variables: Variables): Promise<Connection> => {
    const [result, without] = await Promise.all([request(variables), request(variables, bare)]);
    if (result.errors?.length) throw new Error(`${field.name}(${JSON.stringify(variables)}): ${JSON.stringify(result.errors)}`);
    const answer = result.data!.page as Connection;
    expect(without.errors).toBeUndefined();
    const { hasNextPage, hasPreviousPage } = answer.pageInfo;
    expect(without.data!.page).toEqual({
      ...answer,
      edges: answer.edges.map(({ node }) => ({ node })),
      pageInfo: { hasNextPage, hasPreviousPage },
    });
    return answer;
  };
  return { request, page, backward: paging.includes('last') && paging.includes('before'), counted: Boolean(connection.getFields().totalCount) };
}

const cursors = (c: Connection) => c.edges.map((e) => e.cursor);

/** startCursor and endCursor name the first and last edge. */
function expectEnds(c: Connection) {
  expect(c.pageInfo.startCursor).toBe(c.edges[0]?.cursor ?? null);
  expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
}

async function checkConnection(field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  expect(required.map((arg) => arg.name).filter((name) => !requiredArgs[field.name]?.[name])).toEqual([]); // give this test values for them (requiredArgs)
  const { request, page, backward, counted } = pager(field);

  const all = await page({ first: 500 });
  const list = cursors(all);
  expect(list.length).toBeGreaterThanOrEqual(MIN_NODES); // seed() must give every connection a few pages
  expect(new Set(list).size).toBe(list.length);
  expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  expectEnds(all);
  if (counted) expect(all.totalCount).toBe(list.length);

  // Forward by two: every node once, in order; only the last page says nothing follows.
  const forward: string[] = [];
  let after: string | undefined;
  for (let n = 0; ; n++) {
    const p = await page({ first: 2, after });
    expect(p.edges.length).toBe(Math.min(2, list.length - forward.length));
    expectEnds(p);
    expect(p.pageInfo.hasPreviousPage).toBe(n > 0);
    forward.push(...cursors(p));
    expect(p.pageInfo.hasNextPage).toBe(forward.length < list.length);
    if (!p.pageInfo.hasNextPage) break;
    after = p.pageInfo.endCursor!;
  }
  expect(forward).toEqual(list);

  // Past the end: no edges, but nodes before.
  const end = await page({ first: 2, after: list.at(-1) });
  expect(end.edges).toEqual([]);
  expect(end.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true, startCursor: null });

  // A cursor in the middle: the rest of the list.
  const middle = await page({ first: 500, after: list[1] });
  expect(cursors(middle)).toEqual(list.slice(2));
  expect(middle.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

  if (backward) {
    // Backward by two from the end: the same list; only the first page says nothing precedes.
    const pages: string[][] = [];
    let before: string | undefined;
    for (let n = 0; ; n++) {
      const p = await page({ last: 2, before });
      const seen = pages.flat().length;
      expect(cursors(p)).toEqual(list.slice(Math.max(0, list.length - seen - 2), list.length - seen));
      expectEnds(p);
      expect(p.pageInfo.hasNextPage).toBe(n > 0);
      pages.unshift(cursors(p));
      expect(p.pageInfo.hasPreviousPage).toBe(pages.flat().length < list.length);
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor!;
    }
    expect(pages.flat()).toEqual(list);

    // Between two cursors, from either end.
    const between = list.slice(1, 4);
    const fromStart = await page({ first: 10, after: list[0], before: list[4] });
    expect(cursors(fromStart)).toEqual(between);
    expect(fromStart.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const fromEnd = await page({ last: 2, after: list[0], before: list[4] });
    expect(cursors(fromEnd)).toEqual(between.slice(1));
    expect(fromEnd.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    expectError(await request({ before: 'garbage' }), 'BAD_USER_INPUT', 'before');
    expectError(await request({ first: 2, last: 2 }), 'BAD_USER_INPUT', 'last');
    expectError(await request({ last: 0 }), 'BAD_USER_INPUT', 'last');
  }

  // One cursor policy: anything this connection did not hand out is BAD_USER_INPUT on `after`.
  for (const garbage of ['garbage', '', 'not a cursor!', Buffer.from('[]').toString('base64url'), `${list[0]}x`]) {
    expectError(await request({ first: 2, after: garbage }), 'BAD_USER_INPUT', 'after');
  }
  expectError(await request({ first: 0 }), 'BAD_USER_INPUT', 'first');
}

describe('every connection', () => {
  it('pages forward (and backward where it can) without gaps or duplicates, with Relay PageInfo and one cursor policy', async () => {
    const query = (await getSchema()).getQueryType()!;
    const connections = Object.values(query.getFields()).filter((field) => getNamedType(field.type).name.endsWith('Connection'));
    expect(connections.map((field) => field.name).sort()).toEqual(
      expect.arrayContaining(['alerts', 'forecast', 'inventory', 'items', 'purchaseOrders', 'reallocationProposals', 'shipNotices', 'shortageRisks']),
    );
    for (const field of connections) {
      try {
        await checkConnection(field);
      } catch (err) {
        (err as Error).message = `${field.name}: ${(err as Error).message}`;
        throw err;
      }
    }
  }, 120_000);
});
