import { randomUUID } from 'node:crypto';
import { databaseAtMigrationOfFile, tradingRows } from '../support/migrated-database';

/**
 * The line-schedule migration fills each existing line's copy of its promise
 * (purchase_order_line.schedule) from its schedule_line rows, by date; a line
 * without rows gets [].
 */
const BEFORE = 'Migration20261210010000_risk_urgency_key';

const db = databaseAtMigrationOfFile('ss_migration_line_schedule', BEFORE);

it('copies each line\'s schedule_line rows onto the line, by delivery date', async () => {
  const q = db.q;
  const { retailer, supplier, location, item } = await tradingRows(db);
  const order = randomUUID();
  await q(
    `INSERT INTO purchase_order (id, retailer_id, supplier_id, ship_to_id, number, status, version, issued_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'PO-1', 'CONFIRMED', 1, now(), now(), now())`,
    [order, retailer, supplier, location],
  );
  const [promised, open] = [randomUUID(), randomUUID()];
  for (const [i, id] of [promised, open].entries()) {
    await q(
      `INSERT INTO purchase_order_line (id, purchase_order_id, line_number, retailer_id, supplier_id, ship_to_id, item_id, quantity, requested_date, unit_cost,
                                        status, confirmed_quantity, latest_delivery_date, slipped, received_quantity, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 40, '2026-12-10', 1, $8, $9, $10, false, 0, now())`,
      [id, order, i + 1, retailer, supplier, location, item, i === 0 ? 'CONFIRMED' : 'OPEN', i === 0 ? 40 : 0, i === 0 ? '2026-12-20' : null],
    );
  }
  await q(`INSERT INTO schedule_line (line_id, delivery_date, quantity) VALUES ($1, '2026-12-20', 30), ($1, '2026-12-12', 10)`, [promised]);

  await db.orm.getMigrator().up();
  const { rows } = await q('SELECT id, schedule FROM purchase_order_line ORDER BY line_number');
  expect(rows).toEqual([
    { id: promised, schedule: [{ quantity: 10, deliveryDate: '2026-12-12' }, { quantity: 30, deliveryDate: '2026-12-20' }] },
    { id: open, schedule: [] },
  ]);
});
