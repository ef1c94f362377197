import { createServer } from 'node:http';
import { buildSchema, execute, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { Pool } from 'pg';

/**
 * The floor for bench/side-by-side: a minimal hand-written graphql-js + pg
 * server for the benchmark's four queries, with the same query text as
 * ShortStop's (same field names and connection shape). One SQL statement per
 * root field (nested rows as json_agg; named, so prepared once per
 * connection), default resolvers below that, parsed and validated documents
 * cached. No authentication, no row-level security:
 * it connects as the database owner and filters by RETAILER_ID. Run as a child
 * process; prints "listening <port>".
 */
const schema = buildSchema(`
  type Organization { name: String! }
  type Location { code: String! name: String! }
  type Item { sku: String! name: String! }
  type PurchaseOrderLine { lineNumber: Int! item: Item! }
  type PurchaseOrder { number: String! supplier: Organization! shipTo: Location! lines: [PurchaseOrderLine!]! }
  type PurchaseOrderEdge { node: PurchaseOrder! }
  type PurchaseOrderConnection { edges: [PurchaseOrderEdge!]! }
  type ShortageRisk { level: String! shortageQuantity: Int! item: Item! location: Location! }
  type ShortageRiskEdge { node: ShortageRisk! }
  type ShortageRiskConnection { edges: [ShortageRiskEdge!]! }
  type Alert { id: ID! type: String! message: String! createdAt: String! }
  type AlertEdge { node: Alert! }
  type AlertConnection { edges: [AlertEdge!]! }
  type Query {
    purchaseOrders(first: Int! = 50): PurchaseOrderConnection!
    shortageRisks(first: Int! = 50): ShortageRiskConnection!
    alerts(first: Int! = 100): AlertConnection!
  }
`);

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 10) });
const retailerId = process.env.RETAILER_ID!;
const edges = (rows: unknown[]) => ({ edges: rows.map((node) => ({ node })) });
const selects = (set: SelectionSetNode | undefined, name: string): boolean =>
  !!set?.selections.some((s) => (s.kind === 'Field' && s.name.value === name) || ('selectionSet' in s && selects(s.selectionSet, name)));

const rootValue = {
  purchaseOrders: async ({ first }: { first: number }, _ctx: unknown, info: GraphQLResolveInfo) => {
    const withLines = selects(info.fieldNodes[0].selectionSet, 'lines');
    const { rows } = await pool.query({
      name: 'orders',
      text: `SELECT po.number, json_build_object('name', s.name) AS supplier, json_build_object('code', l.code, 'name', l.name) AS "shipTo",
              CASE WHEN $3 THEN (SELECT json_agg(json_build_object('lineNumber', pol.line_number, 'item', json_build_object('sku', i.sku, 'name', i.name)) ORDER BY pol.line_number)
                                   FROM purchase_order_line pol JOIN item i ON i.id = pol.item_id WHERE pol.purchase_order_id = po.id) END AS lines
         FROM purchase_order po JOIN organization s ON s.id = po.supplier_id JOIN location l ON l.id = po.ship_to_id
        WHERE po.retailer_id = $1 ORDER BY po.id LIMIT $2`,
      values: [retailerId, first, withLines],
    });
    return edges(rows);
  },
  shortageRisks: async ({ first }: { first: number }) => {
    const { rows } = await pool.query({
      name: 'risks',
      text: `SELECT r.level, r.shortage_quantity AS "shortageQuantity", json_build_object('sku', i.sku, 'name', i.name) AS item, json_build_object('code', l.code, 'name', l.name) AS location
         FROM shortage_risk r JOIN item i ON i.id = r.item_id JOIN location l ON l.id = r.location_id
        WHERE r.retailer_id = $1 ORDER BY r.item_id, r.location_id LIMIT $2`,
      values: [retailerId, first],
    });
    return edges(rows);
  },
  alerts: async ({ first }: { first: number }) => {
    const { rows } = await pool.query({
      name: 'alerts',
      text: `SELECT id, type, message, created_at AS "createdAt" FROM alert WHERE organization_id = $1 ORDER BY cursor LIMIT $2`,
      values: [retailerId, first],
    });
    return edges(rows.map((r) => ({ ...r, createdAt: (r.createdAt as Date).toISOString() })));
  },
};

const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
function document(query: string): DocumentNode | readonly GraphQLError[] {
  let doc = documents.get(query);
  if (!doc) {
    try {
      const parsed = parse(query);
      const errors = validate(schema, parsed, specifiedRules);
      doc = errors.length ? errors : parsed;
    } catch (err) {
      doc = [err as GraphQLError];
    }
    documents.set(query, doc);
  }
  return doc;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    let body: string;
    try {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
      const doc = document(query);
      const result = Array.isArray(doc) ? { errors: doc } : await execute({ schema, document: doc as DocumentNode, rootValue, variableValues: variables });
      body = JSON.stringify(result);
    } catch (err) {
      body = JSON.stringify({ errors: [{ message: String(err) }] });
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
