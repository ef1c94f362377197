import { randomUUID } from 'node:crypto';
import { lineQuantities, lineStatus } from '../../src/modules/open-orders/open-quantity';
import { databaseAtMigrationOfFile, tradingRows } from '../support/migrated-database';

/**
 * The issue-12 migration keeps existing data valid under the open-quantity
 * model: rows written by the code before it (at the previous migration) read
 * afterwards as the model says they should.
 */
const BEFORE = 'Migration20261201010000_login_throttle';

const db = databaseAtMigrationOfFile('ss_migration12', BEFORE);

it('gives existing lines cancelled 0 (all of a cancelled line), in transit 0, base unit EA, and the statuses of the model', async () => {
  const q = db.q;
  const { retailer, supplier, location, item } = await tradingRows(db);
  await q(`INSERT INTO sourcing_rule (id, retailer_id, item_id, supplier_id, priority, quoted_lead_time_days, unit_cost, updated_at) VALUES ($1, $2, $3, $4, 1, 7, 1, now())`, [
    randomUUID(), retailer, item, supplier,
  ]);
  const order = async (status: string, lines: { status: string; quantity: number; received: number; schedule: number }[]) => {
    const id = randomUUID();
    await q(
      `INSERT INTO purchase_order (id, retailer_id, supplier_id, ship_to_id, number, status, version, issued_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, now(), now(), now())`,
      [id, retailer, supplier, location, `PO-${status}-${id.slice(0, 4)}`, status],
    );
    const ids: string[] = [];
    for (const [i, line] of lines.entries()) {
      const lineId = randomUUID();
      ids.push(lineId);
      await q(
        `INSERT INTO purchase_order_line (id, purchase_order_id, line_number, retailer_id, supplier_id, ship_to_id, item_id, quantity, requested_date, unit_cost,
                                          status, confirmed_quantity, latest_delivery_date, slipped, received_quantity, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '2026-12-10', 1, $9, $10, $11, false, $12, now())`,
        [lineId, id, i + 1, retailer, supplier, location, item, line.quantity, line.status, line.schedule, line.schedule ? '2026-12-10' : null, line.received],
      );
      if (line.schedule) await q(`INSERT INTO schedule_line (line_id, delivery_date, quantity) VALUES ($1, '2026-12-10', $2)`, [lineId, line.schedule]);
    }
    return { id, lines: ids };
  };
  // A confirmed line partly received; a short promise received in full (the old rule called it RECEIVED); a cancelled order;
  // an order closed after a partial receipt; a line never answered.
  const partly = await order('PARTIALLY_RECEIVED', [{ status: 'CONFIRMED', quantity: 100, received: 30, schedule: 100 }]);
  const short = await order('RECEIVED', [{ status: 'RECEIVED', quantity: 100, received: 60, schedule: 60 }]);
  const cancelled = await order('CANCELLED', [{ status: 'CANCELLED', quantity: 10, received: 0, schedule: 0 }]);
  const closed = await order('CLOSED', [{ status: 'CONFIRMED', quantity: 100, received: 60, schedule: 100 }, { status: 'RECEIVED', quantity: 5, received: 5, schedule: 5 }]);
  const open = await order('ISSUED', [{ status: 'OPEN', quantity: 20, received: 0, schedule: 0 }]);

  await db.orm.getMigrator().up();

  const read = async (lineId: string) => (await q(
    `SELECT l.status, l.quantity, l.received_quantity, l.cancelled_quantity, l.in_transit_quantity, l.over_delivered_quantity, l.schedule_taken,
            l.closed_at IS NOT NULL AS closed, l.purchase_unit, l.units_per_purchase_unit, po.status AS order_status,
            coalesce((SELECT json_agg(json_build_object('quantity', s.quantity, 'deliveryDate', s.delivery_date)) FROM schedule_line s WHERE s.line_id = l.id), '[]') AS schedule
       FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id WHERE l.id = $1`,
    [lineId],
  )).rows[0];
  const rows = {
    partly: await read(partly.lines[0]),
    short: await read(short.lines[0]),
    cancelled: await read(cancelled.lines[0]),
    closedShort: await read(closed.lines[0]),
    closedInFull: await read(closed.lines[1]),
    open: await read(open.lines[0]),
  };
  const pick = (r: Record<string, unknown>) => [r.status, r.cancelled_quantity, r.in_transit_quantity, r.over_delivered_quantity, r.schedule_taken, r.closed, r.order_status];
  expect(Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, pick(r)]))).toEqual({
    partly: ['PARTIALLY_RECEIVED', 0, 0, 0, 30, false, 'PARTIALLY_RECEIVED'],
    short: ['PARTIALLY_RECEIVED', 0, 0, 0, 60, false, 'PARTIALLY_RECEIVED'],
    cancelled: ['CANCELLED', 10, 0, 0, 0, false, 'CANCELLED'],
    closedShort: ['CLOSED', 40, 0, 0, 60, true, 'CLOSED'],
    closedInFull: ['RECEIVED', 0, 0, 0, 5, true, 'CLOSED'],
    open: ['OPEN', 0, 0, 0, 0, false, 'ISSUED'],
  });
  // Every stored status is the one the model derives from the migrated facts.
  for (const [key, r] of Object.entries(rows)) {
    const facts = lineQuantities({
      quantity: r.quantity, requestedDate: '2026-12-10', cancelledQuantity: r.cancelled_quantity, receivedQuantity: r.received_quantity,
      schedule: r.schedule.map((s: { quantity: number; deliveryDate: string }) => s), scheduleTaken: r.schedule_taken, closed: r.closed,
    });
    expect({ key, status: r.status }).toEqual({ key, status: lineStatus(facts) });
  }
  expect((await q('SELECT unit_of_measure FROM item')).rows).toEqual([{ unit_of_measure: 'EA' }]);
  expect((await q('SELECT purchase_unit, units_per_purchase_unit, over_delivery_tolerance_percent FROM sourcing_rule')).rows).toEqual([
    { purchase_unit: null, units_per_purchase_unit: 1, over_delivery_tolerance_percent: 0 },
  ]);
  expect([rows.open.purchase_unit, rows.open.units_per_purchase_unit]).toEqual([null, 1]);
});
