import { initOrm } from '../../src/db/orm';
import { startTestServer, type TestServer } from '../support/server';

/**
 * [table, constraint, definition] kept by migrations alone: a line's order,
 * parties and order_past_draft reference the order's
 * (Migration20261212010000_line_order_past_draft).
 */
const DB_ONLY_CONSTRAINTS: [string, string, string][] = [
  [
    'purchase_order_line',
    'purchase_order_line_order_parties_past_draft_foreign',
    'FOREIGN KEY (purchase_order_id, retailer_id, supplier_id, order_past_draft) REFERENCES purchase_order(id, retailer_id, supplier_id, past_draft) ON UPDATE CASCADE',
  ],
];
/** Generated columns whose expression the entities name but do not compare (ignoreSchemaChanges). */
const GENERATED: [string, string, string][] = [['purchase_order', 'past_draft', "(status <> 'DRAFT'::text)"]];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('leaves nothing for the entities to add: every schema change has its migration', async () => {
  // As the owner: the application role may not see system tables (login_throttle) nor compare constraints.
  const owner = await initOrm(server.databaseUrl, { actAsAppRole: false, poolMax: 1 });
  try {
    const diff = await owner.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    // Constraints the entities cannot describe (MikroORM relations reference primary keys only), which the diff would
    // drop: each is named here, and must exist as defined.
    const dbOnly = DB_ONLY_CONSTRAINTS.map(([table, name]) => `alter table "${table}" drop constraint "${name}";`);
    expect(diff.split('\n').map((line) => line.trim()).filter((line) => line && !dbOnly.includes(line))).toEqual([]);
    for (const [table, name, definition] of DB_ONLY_CONSTRAINTS) {
      const found = await server.query<{ definition: string }>(
        `SELECT pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE t.relname = $1 AND c.conname = $2`,
        [table, name],
      );
      expect(found).toEqual([{ definition }]);
    }
    for (const [table, column, expression] of GENERATED) {
      const found = await server.query<{ expression: string }>(
        `SELECT generation_expression AS expression FROM information_schema.columns WHERE table_name = $1 AND column_name = $2`,
        [table, column],
      );
      expect(found).toEqual([{ expression }]);
    }
  } finally {
    await owner.close();
  }
});
