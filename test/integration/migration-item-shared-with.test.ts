import { randomUUID } from 'node:crypto';
import { databaseAtMigrationOfFile, tradingRows } from '../support/migrated-database';

/**
 * The migration fills each existing item's shared_with from its rules and
 * lines: the suppliers with an active sourcing rule for it, or with a line
 * of it on an order that has left DRAFT (a cancelled one too), in id order;
 * the item's policy reads the column, and the database keeps it from then on.
 */
const BEFORE = 'Migration20261212010000_line_order_past_draft';

const db = databaseAtMigrationOfFile('ss_migration_item_shared_with', BEFORE);

it('lists the suppliers of active rules and of lines past DRAFT, and only those', async () => {
  const q = db.q;
  const { retailer, supplier, location, item } = await tradingRows(db);
  // Three more suppliers of the retailer: an inactive rule's, a cancelled order's, a draft's.
  const [inactive, cancelled, draft] = [randomUUID(), randomUUID(), randomUUID()];
  for (const [i, id] of [inactive, cancelled, draft].entries()) {
    await q(`INSERT INTO organization (id, name, kind, created_at) VALUES ($1, $2, 'SUPPLIER', now())`, [id, `Supplier ${i}`]);
  }
  const rule = (supplierId: string, active: boolean) =>
    q(
      `INSERT INTO sourcing_rule (id, retailer_id, item_id, supplier_id, priority, quoted_lead_time_days, unit_cost, active, updated_at)
       VALUES ($1, $2, $3, $4, 1, 7, 1, $5, now())`,
      [randomUUID(), retailer, item, supplierId, active],
    );
  const order = async (supplierId: string, status: string) => {
    const id = randomUUID();
    await q(
      `INSERT INTO purchase_order (id, retailer_id, supplier_id, ship_to_id, number, status, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, now(), now())`,
      [id, retailer, supplierId, location, `PO-${status}-${id.slice(0, 4)}`, status],
    );
    await q(
      `INSERT INTO purchase_order_line (id, purchase_order_id, line_number, retailer_id, supplier_id, ship_to_id, item_id, quantity, requested_date, unit_cost,
                                        status, order_past_draft, created_at)
       VALUES ($1, $2, 1, $3, $4, $5, $6, 10, '2026-12-10', 1, 'OPEN', $7, now())`,
      [randomUUID(), id, retailer, supplierId, location, item, status !== 'DRAFT'],
    );
  };
  await rule(supplier, true);
  await rule(inactive, false);
  await order(cancelled, 'CANCELLED');
  await order(draft, 'DRAFT');
  const { rows: [other] } = await q(`INSERT INTO item (id, retailer_id, sku, name, unit_price, created_at) VALUES ($1, $2, 'NONE', 'Shared with none', 1, now()) RETURNING id`, [
    randomUUID(),
    retailer,
  ]);

  await db.orm.getMigrator().up();
  const shared = async (id: string) => (await q('SELECT shared_with FROM item WHERE id = $1', [id])).rows[0].shared_with;
  expect(await shared(item)).toEqual([supplier, cancelled].sort());
  expect(await shared(other.id)).toEqual([]);
  const { rows: [policy] } = await q(`SELECT qual FROM pg_policies WHERE tablename = 'item' AND policyname = 'tenant_select'`);
  expect(policy.qual).toContain('shared_with');
  expect(policy.qual).not.toMatch(/sourcing_rule|purchase_order_line/);
  // From here the database keeps it: issuing the draft adds its supplier; deactivating the rule takes the other away.
  await q(`UPDATE purchase_order SET status = 'ISSUED' WHERE supplier_id = $1`, [draft]);
  await q('UPDATE sourcing_rule SET active = false WHERE supplier_id = $1', [supplier]);
  expect(await shared(item)).toEqual([cancelled, draft].sort());
});
