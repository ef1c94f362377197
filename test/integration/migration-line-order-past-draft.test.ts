import { randomUUID } from 'node:crypto';
import { databaseAtMigrationOfFile, tradingRows } from '../support/migrated-database';

/**
 * The migration fills each existing line's order_past_draft from its
 * order's status: true for any order but a DRAFT (a cancelled draft too, as
 * the supplier's rule reads "not DRAFT"), the line's policy reads it, and
 * the database keeps it from then on.
 */
const BEFORE = 'Migration20261211010000_line_schedule';

const db = databaseAtMigrationOfFile('ss_migration_line_past_draft', BEFORE);

it('marks the lines of every order that has left DRAFT, and only those', async () => {
  const q = db.q;
  const { retailer, supplier, location, item } = await tradingRows(db);
  const statuses = ['DRAFT', 'ISSUED', 'CONFIRMED', 'CANCELLED', 'CLOSED'];
  for (const [i, status] of statuses.entries()) {
    const order = randomUUID();
    await q(
      `INSERT INTO purchase_order (id, retailer_id, supplier_id, ship_to_id, number, status, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, now(), now())`,
      [order, retailer, supplier, location, `PO-${i}`, status],
    );
    for (const n of [1, 2]) {
      await q(
        `INSERT INTO purchase_order_line (id, purchase_order_id, line_number, retailer_id, supplier_id, ship_to_id, item_id, quantity, requested_date, unit_cost,
                                          status, confirmed_quantity, slipped, received_quantity, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 10, '2026-12-10', 1, 'OPEN', 0, false, 0, now())`,
        [randomUUID(), order, n, retailer, supplier, location, item],
      );
    }
  }

  await db.orm.getMigrator().up();
  const { rows } = await q(
    `SELECT po.status, array_agg(l.order_past_draft ORDER BY l.line_number) AS flags
       FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id GROUP BY po.status ORDER BY po.status`,
  );
  expect(rows).toEqual([
    { status: 'CANCELLED', flags: [true, true] },
    { status: 'CLOSED', flags: [true, true] },
    { status: 'CONFIRMED', flags: [true, true] },
    { status: 'DRAFT', flags: [false, false] },
    { status: 'ISSUED', flags: [true, true] },
  ]);
  const { rows: policies } = await q(`SELECT policyname, qual, with_check FROM pg_policies WHERE tablename = 'purchase_order_line' AND policyname IN ('tenant_select', 'tenant_update') ORDER BY 1`);
  for (const p of policies) {
    expect(p.qual).toContain('order_past_draft');
    expect(p.qual).not.toContain('purchase_order po');
  }
  expect(policies.map((p) => p.with_check === null ? null : /order_past_draft/.test(p.with_check))).toEqual([null, true]);
  // From here the database keeps the flag: issuing the draft sets its lines' (the foreign key's ON UPDATE CASCADE).
  await q(`UPDATE purchase_order SET status = 'ISSUED' WHERE status = 'DRAFT'`);
  const { rows: after } = await q('SELECT DISTINCT order_past_draft FROM purchase_order_line');
  expect(after).toEqual([{ order_past_draft: true }]);
});
