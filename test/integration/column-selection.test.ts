import { PublishForecastDocument, SetSafetyStockDocument, UpsertInventoryDocument } from '../../src/sdk/generated/graphql';
import { orderColumnsFor } from '../../src/modules/purchasing/purchasing.queries';
import { riskColumnsFor } from '../../src/modules/risk/risk.service';
import { confirmLine, createOrder, inDays, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * shortageRisks, purchaseOrders and alerts read only the columns of the
 * fields a client selects (riskColumnsFor, orderColumnsFor,
 * alertColumnsFor): every way of selecting them answers what the whole row
 * answers, compiled or on graphql-js (risks and orders for the retailer and
 * its supplier); alerts from the oldest retained read the page alone.
 */
let server: TestServer;
let pair: Awaited<ReturnType<typeof tradingPair>>;
beforeAll(async () => {
  server = await startTestServer();
  pair = await tradingPair(server);
  const { item, location, retailer } = pair;
  await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 25 }] } }, retailer.token);
  await server.ok(SetSafetyStockDocument, { input: { itemId: item.id, locationId: location.id, safetyStock: 10 } }, retailer.token);
  await server.ok(PublishForecastDocument, { input: { lines: [{ itemId: item.id, locationId: location.id, periodStart: inDays(0), periodDays: 7, quantity: 70 }] } }, retailer.token);
  const order = await createOrder(server, pair, [{ quantity: 30, requestedDate: inDays(5) }]);
  await confirmLine(server, pair.supplier, order.lines[0].id, [{ quantity: 30, deliveryDate: inDays(5) }]);
});
afterAll(() => server.close());

const ALL = 'id level availableNow safetyStock projectedStockoutDate shortageQuantity daysOfCover revenueAtRisk computedAt item { sku } location { code }';
const FORCE_JS = '__type(name: "Query") { name }';

const cases: [string, string][] = [
  ['two plain fields', `{ shortageRisks { edges { node { level shortageQuantity } } } }`],
  ['aliases and typename', `{ shortageRisks { edges { node { t: __typename l: level d: projectedStockoutDate c: computedAt } } } }`],
  ['fragments', `{ shortageRisks { edges { node { id ...R ... on ShortageRisk { daysOfCover } } } } } fragment R on ShortageRisk { revenueAtRisk availableNow }`],
  ['node interface fragment', `{ shortageRisks { edges { cursor node { ... on Node { id } safetyStock } } } }`],
  ['neighbours only', `{ shortageRisks { edges { node { item { sku name } location { code name } } } } }`],
  ['no node fields but the cursor', `{ shortageRisks { edges { cursor } pageInfo { endCursor } } }`],
];

it('reads only the selected fields\' columns, all of them when a field is not a plain one', () => {
  expect(riskColumnsFor(new Set(['level', 'item']))).toBe('r.item_id AS item, r.location_id AS location, r.level');
  expect(riskColumnsFor(new Set(['level', 'somethingElse']))).toMatch(/r\.computed_at/);
  expect(riskColumnsFor(undefined)).toMatch(/r\.computed_at/);
});

describe.each(cases)('%s', (_name, query) => {
  it.each([['retailer'], ['supplier']])('as %s: the same answer as the whole row, compiled and on graphql-js', async (who) => {
    const token = who === 'retailer' ? pair.retailer.token : pair.supplier.token;
    const headers = { authorization: `Bearer ${token}` };
    const whole = await server.raw({ query: `{ shortageRisks { edges { cursor node { ${ALL} } } pageInfo { endCursor } } }` }, headers);
    expect(whole.errors).toBeUndefined();
    const wholeEdges = (whole.data as { shortageRisks: { edges: { cursor: string; node: Record<string, unknown> }[] } }).shortageRisks.edges;
    expect(wholeEdges).toHaveLength(1);
    expect(wholeEdges[0].node).toMatchObject({ level: 'STOCKOUT', availableNow: 25, safetyStock: 10 });
    const compiled = await server.raw({ query }, headers);
    const withJs = await server.raw({ query: query.replace(/\{/, `{ ${FORCE_JS} `) }, headers);
    expect(compiled.errors).toBeUndefined();
    expect(withJs.errors).toBeUndefined();
    const { __type: _t, ...jsData } = (withJs.data ?? {}) as Record<string, unknown>;
    expect(compiled.data).toEqual(jsData);
    // Each selected value is the whole row's.
    const edges = (compiled.data as { shortageRisks: { edges: { cursor?: string; node?: Record<string, unknown> }[] } }).shortageRisks.edges;
    expect(edges).toHaveLength(1);
    if (edges[0].cursor) expect(edges[0].cursor).toBe(wholeEdges[0].cursor);
    const node = edges[0].node ?? {};
    const aliases: Record<string, string> = { l: 'level', d: 'projectedStockoutDate', c: 'computedAt' };
    for (const [key, value] of Object.entries(node)) {
      if (key === 't') expect(value).toBe('ShortageRisk');
      else if (key === 'item' || key === 'location') expect(value).toMatchObject(wholeEdges[0].node[key] as object);
      else expect(value).toEqual(wholeEdges[0].node[aliases[key] ?? key]);
    }
    expect(JSON.stringify(compiled.data)).not.toContain('null');
  });
});

describe('purchaseOrders read only the columns of the order fields a client selects (orderColumnsFor)', () => {
  const ALL_ORDER = 'id number status issuedAt version createdAt retailer { name } supplier { name } shipTo { code } lines { lineNumber quantity }';
  const orderCases: [string, string, string][] = [
    ['number and supplier name', 'number supplier { name }', ''],
    ['aliases and typename', 't: __typename n: number c: createdAt i: issuedAt v: version s: status', ''],
    ['fragments', 'id ...O ... on PurchaseOrder { status }', 'fragment O on PurchaseOrder { createdAt shipTo { code } }'],
    ['node interface fragment and lines', '... on Node { id } retailer { name } lines { lineNumber quantity }', ''],
  ];

  it('reads only the selected fields\' columns, all of them when a field is not a plain one', () => {
    expect(orderColumnsFor(new Set(['number', 'supplier', 'lines']))).toBe('po.id, po.number, po.supplier_id AS supplier');
    expect(orderColumnsFor(new Set(['number', 'somethingElse']))).toMatch(/po\.created_at/);
    expect(orderColumnsFor(undefined)).toMatch(/po\.created_at/);
  });

  describe.each(orderCases)('%s', (_name, selection, fragments) => {
    it.each([['retailer'], ['supplier']])('as %s: the whole row\'s values, compiled and on graphql-js', async (who) => {
      const headers = { authorization: `Bearer ${who === 'retailer' ? pair.retailer.token : pair.supplier.token}` };
      const whole = await server.raw({ query: `{ purchaseOrders { edges { node { ${ALL_ORDER} } } } }` }, headers);
      expect(whole.errors).toBeUndefined();
      const wholeNodes = (whole.data as { purchaseOrders: { edges: { node: Record<string, unknown> }[] } }).purchaseOrders.edges.map((e) => e.node);
      expect(wholeNodes).toHaveLength(1);
      expect(wholeNodes[0]).toMatchObject({ status: 'CONFIRMED', version: expect.any(Number), lines: [{ lineNumber: 1, quantity: 30 }] });
      const query = `{ purchaseOrders { edges { node { ${selection} } } } } ${fragments}`;
      const compiled = await server.raw({ query }, headers);
      const withJs = await server.raw({ query: query.replace(/\{/, `{ ${FORCE_JS} `) }, headers);
      expect(compiled.errors).toBeUndefined();
      expect(withJs.errors).toBeUndefined();
      const { __type: _t, ...jsData } = (withJs.data ?? {}) as Record<string, unknown>;
      expect(compiled.data).toEqual(jsData);
      const nodes = (compiled.data as { purchaseOrders: { edges: { node: Record<string, unknown> }[] } }).purchaseOrders.edges.map((e) => e.node);
      expect(nodes).toHaveLength(1);
      const aliases: Record<string, string> = { n: 'number', c: 'createdAt', i: 'issuedAt', v: 'version', s: 'status' };
      for (const [key, value] of Object.entries(nodes[0])) {
        if (key === 't') expect(value).toBe('PurchaseOrder');
        else expect(value).toEqual(wholeNodes[0][aliases[key] ?? key]);
      }
      expect(JSON.stringify(compiled.data)).not.toContain('null');
    });
  });
});

describe('alerts read only the columns of the alert fields a client selects (alertColumnsFor)', () => {
  const ALL_ALERT = 'id cursor type message createdAt webhookEndpointId purchaseOrder { id } purchaseOrderLine { id } shortageRisk { level }';
  const alertCases: [string, string, string][] = [
    ['own fields', 'id type message createdAt', ''],
    ['cursor and typename', '__typename cursor', ''],
    ['a link among them', 'id type purchaseOrder { number }', ''],
    ['fragment', '...A', 'fragment A on Alert { message webhookEndpointId }'],
  ];
  it.each(alertCases)('%s: the whole row\'s values, compiled and on graphql-js, in one statement without after', async (_name, selection, fragments) => {
    const headers = { authorization: `Bearer ${pair.retailer.token}` };
    const whole = await server.raw({ query: `{ alerts { edges { node { ${ALL_ALERT} } } } }` }, headers);
    expect(whole.errors).toBeUndefined();
    const wholeNodes = (whole.data as { alerts: { edges: { node: Record<string, unknown> }[] } }).alerts.edges.map((e) => e.node);
    expect(wholeNodes.length).toBeGreaterThan(1);
    const query = `{ alerts { edges { node { ${selection} } } } } ${fragments}`;
    server.statements.length = 0;
    const compiled = await server.raw({ query }, headers);
    const pageStatements = server.statementsBesideCredentials().filter((s) => /\bFROM alert a\b/.test(s) || /organization_counter/.test(s));
    const withJs = await server.raw({ query: query.replace(/\{/, `{ ${FORCE_JS} `) }, headers);
    expect(compiled.errors).toBeUndefined();
    expect(withJs.errors).toBeUndefined();
    const { __type: _t, ...jsData } = (withJs.data ?? {}) as Record<string, unknown>;
    expect(compiled.data).toEqual(jsData);
    // From the oldest retained: the page alone, no read of the stream's resume point.
    expect(pageStatements).toHaveLength(1);
    const nodes = (compiled.data as { alerts: { edges: { node: Record<string, unknown> }[] } }).alerts.edges.map((e) => e.node);
    expect(nodes).toHaveLength(wholeNodes.length);
    nodes.forEach((node, i) => {
      for (const [key, value] of Object.entries(node)) {
        if (key === '__typename') expect(value).toBe('Alert');
        else if (key === 'purchaseOrder') expect((value as { number: string } | null) === null).toBe(wholeNodes[i].purchaseOrder === null);
        else expect(value).toEqual(wholeNodes[i][key]);
      }
    });
  });
});

describe('a list\'s neighbours read only the columns their own selection shows (embedNeighbours, VisibleRows.keepPartial)', () => {
  const ITEM_ALL = 'id sku name unitPrice unitOfMeasure active';
  const LOCATION_ALL = 'id code name timeZone active';
  const ORG_ALL = 'id name kind timeZone';
  const wholeQuery = `query ($risk: ID!, $order: ID!) {
    shortageRisks { edges { node { item { ${ITEM_ALL} } location { ${LOCATION_ALL} } } } }
    purchaseOrder(id: $order) { supplier { ${ORG_ALL} } retailer { ${ORG_ALL} } shipTo { ${LOCATION_ALL} } lines { item { ${ITEM_ALL} } } }
    node(id: $risk) { id } }`;
  const cases: [string, string, string][] = [
    ['a column or two of each', 'shortageRisks { edges { node { item { sku } location { code name } } } } purchaseOrders { edges { node { supplier { name } shipTo { code } lines { item { name } } } } }', ''],
    ['aliases showing different columns', 'shortageRisks { edges { node { a: item { sku } b: item { unitPrice active } } } } purchaseOrders { edges { node { s: supplier { kind } r: retailer { __typename timeZone } } } }', ''],
    [
      'a fragment\'s field merged elsewhere with one that shows more',
      'shortageRisks { edges { node { ...F } } } n: node(id: $risk) { ... on ShortageRisk { ...F item { unitPrice name } location { timeZone } } }',
      'fragment F on ShortageRisk { item { sku } location { code } }',
    ],
    [
      'the same lines\' items shown by two lists',
      'purchaseOrders { edges { node { lines { item { sku } } } } } o: purchaseOrder(id: $order) { lines { item { unitOfMeasure active } } }',
      '',
    ],
  ];

  /** Every object in `got` holds, under each key, what `whole` holds for the field the key stands for (aliases as named in `fields`). */
  function sameAsWhole(got: Record<string, unknown>, whole: Record<string, unknown>, fields: Record<string, string>) {
    for (const [key, value] of Object.entries(got)) {
      const field = fields[key] ?? key;
      if (key === '__typename') continue;
      expect(value).toEqual(whole[field]);
    }
  }

  describe.each(cases)('%s', (name, selection, fragments) => {
    it.each([['retailer'], ['supplier']])('as %s: the whole rows\' values, compiled and on graphql-js', async (who) => {
      const headers = { authorization: `Bearer ${who === 'retailer' ? pair.retailer.token : pair.supplier.token}` };
      const ids = await server.raw({ query: '{ shortageRisks { edges { node { id } } } purchaseOrders { edges { node { id } } } }' }, headers);
      const risk = (ids.data as { shortageRisks: { edges: { node: { id: string } }[] } }).shortageRisks.edges[0].node.id;
      const order = (ids.data as { purchaseOrders: { edges: { node: { id: string } }[] } }).purchaseOrders.edges[0].node.id;
      const whole = await server.raw({ query: wholeQuery, variables: { risk, order } }, headers);
      expect(whole.errors).toBeUndefined();
      const w = whole.data as {
        shortageRisks: { edges: { node: { item: Record<string, unknown>; location: Record<string, unknown> } }[] };
        purchaseOrder: { supplier: Record<string, unknown>; retailer: Record<string, unknown>; shipTo: Record<string, unknown>; lines: { item: Record<string, unknown> }[] };
      };
      const item = w.shortageRisks.edges[0].node.item;
      const location = w.shortageRisks.edges[0].node.location;
      expect(item).toMatchObject({ sku: pair.item.sku, unitPrice: expect.any(String), active: true });
      expect(w.purchaseOrder.lines[0].item).toEqual(item);
      // Only the variables the selection uses (GraphQL refuses one declared and unused).
      const used = [['risk', risk], ['order', order]].filter(([name]) => selection.includes(`$${name}`));
      const variables = Object.fromEntries(used);
      const declared = used.map(([name]) => `$${name}: ID!`).join(', ');
      const query = `query ${declared ? `(${declared})` : ''} { ${selection} } ${fragments}`;
      server.statements.length = 0;
      const compiled = await server.raw({ query, variables }, headers);
      const statements = server.statementsBesideCredentials();
      const withJs = await server.raw({ query: query.replace(/ \{ /, ` { ${FORCE_JS} `), variables }, headers);
      expect(compiled.errors).toBeUndefined();
      expect(withJs.errors).toBeUndefined();
      const { __type: _t, ...jsData } = (withJs.data ?? {}) as Record<string, unknown>;
      expect(compiled.data).toEqual(jsData);
      // Every item, location and organization shown holds the whole row's values for the fields shown.
      const d = compiled.data as Record<string, any>;
      for (const edge of d.shortageRisks?.edges ?? []) {
        for (const key of ['item', 'a', 'b']) if (edge.node[key]) sameAsWhole(edge.node[key], item, {});
        if (edge.node.location) sameAsWhole(edge.node.location, location, {});
      }
      if (d.n) {
        sameAsWhole(d.n.item, item, {});
        sameAsWhole(d.n.location, location, {});
        expect(d.n.item).toMatchObject({ unitPrice: item.unitPrice, name: item.name, sku: item.sku });
        expect(d.n.location).toMatchObject({ timeZone: location.timeZone, code: location.code });
      }
      for (const edge of d.purchaseOrders?.edges ?? []) {
        if (edge.node.supplier) sameAsWhole(edge.node.supplier, w.purchaseOrder.supplier, {});
        if (edge.node.s) sameAsWhole(edge.node.s, w.purchaseOrder.supplier, {});
        if (edge.node.r) sameAsWhole(edge.node.r, w.purchaseOrder.retailer, {});
        if (edge.node.shipTo) sameAsWhole(edge.node.shipTo, w.purchaseOrder.shipTo, {});
        for (const line of edge.node.lines ?? []) sameAsWhole(line.item, item, {});
      }
      for (const line of d.o?.lines ?? []) expect(line.item).toEqual({ unitOfMeasure: item.unitOfMeasure, active: true });
      expect(JSON.stringify(compiled.data)).not.toContain('null');
      if (name === 'a column or two of each') {
        // The risk page embeds the item's SKU alone and the location's code and name; the lines' items their names:
        // no statement of their own for any neighbour. Each joined row is taken through its rule in a CASE on the
        // join's alias (plainColumnsOn), not a sub-select per row.
        expect(statements.find((s) => /FROM shortage_risk r/.test(s))).toMatch(/THEN json_build_array\(\(ai\.sku\)::text\) END/);
        expect(statements.find((s) => /FROM shortage_risk r/.test(s))).toMatch(/THEN json_build_array\(\(al\.code\)::text, \(al\.name\)::text\) END/);
        // The orders' lines come in the orders' own statement (embedLines), each with its item's name alone.
        const orders = statements.find((s) => /FROM purchase_order po/.test(s) && /AS "lines\$"/.test(s));
        expect(orders).toMatch(/ARRAY\[\(l\.item_id\)::text\] \|\| CASE WHEN .* THEN ARRAY\['1', \(li\.name\)::text\] ELSE ARRAY\['0', NULL\]::text\[\] END/);
        expect(orders).toMatch(/FROM purchase_order_line l LEFT JOIN item li ON li\.id = l\.item_id WHERE l\.purchase_order_id = po\.id ORDER BY l\.line_number\)\) AS "lines\$"/);
        expect(statements.filter((s) => /JOIN purchase_order_line l ON/.test(s))).toEqual([]);
        expect(statements.filter((s) => /FROM (item|location|organization) v WHERE v\.id = ANY/.test(s))).toEqual([]);
      }
      if (name === 'the same lines\' items shown by two lists') {
        // One order's lines through the lines loader: without the lines' own ids, which nothing selected reads (lineColumnsFor).
        const lines = statements.filter((s) => /JOIN purchase_order_line l ON/.test(s));
        expect(lines).toHaveLength(1);
        expect(lines[0]).not.toMatch(/\bl\.id\b(?! =)/);
      }
    });
  });
});
