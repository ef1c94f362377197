import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';
import type { ScheduleEntry } from './line-state';
import { LINE_COLUMNS, ORDER_COLUMNS, type LineRow, type OrderRow } from './purchasing.queries';

export interface ChangeRow {
  at: string;
  actor: string;
  action: string;
  details: string;
  line: string | null;
}

export interface ConfirmationRow {
  line: string;
  sequence: number;
  kind: string;
  schedule: ScheduleEntry[];
  reason: string | null;
  actor: string;
  createdAt: string;
}

export interface ReceiptRow {
  line: string;
  quantity: number;
  receivedOn: string;
  actor: string;
  createdAt: string;
}

/** Rows grouped by a key, in the order the keys were asked for (DataLoader's contract). */
function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}

/**
 * Per-request loaders for orders and everything hanging off them: one query
 * per kind of object per request, whatever the number of parents. They serve
 * ids a parent object already exposed, so they add no tenancy filter.
 */
export function createPurchasingLoaders(em: EntityManager) {
  return {
    order: new DataLoader<string, OrderRow>(async (ids) => {
      const rows = await sql<OrderRow>(em, `SELECT ${ORDER_COLUMNS} FROM purchase_order po WHERE po.id = ANY($1::uuid[])`, [ids]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? new Error(`purchase order ${id} not found`));
    }),
    line: new DataLoader<string, LineRow>(async (ids) => {
      const rows = await sql<LineRow>(
        em,
        `SELECT ${LINE_COLUMNS} FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id WHERE l.id = ANY($1::uuid[])`,
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? new Error(`purchase order line ${id} not found`));
    }),
    linesByOrder: new DataLoader<string, LineRow[]>(async (orderIds) => {
      const rows = await sql<LineRow>(
        em,
        `SELECT ${LINE_COLUMNS} FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id
          WHERE l.purchase_order_id = ANY($1::uuid[]) ORDER BY l.purchase_order_id, l.line_number`,
        [orderIds],
      );
      return groupBy(orderIds, rows, (r) => r.purchaseOrder);
    }),
    scheduleByLine: new DataLoader<string, (ScheduleEntry & { line: string })[]>(async (lineIds) => {
      const rows = await sql<ScheduleEntry & { line: string }>(
        em,
        `SELECT line_id AS line, quantity, delivery_date::text AS "deliveryDate" FROM schedule_line
          WHERE line_id = ANY($1::uuid[]) ORDER BY line_id, delivery_date`,
        [lineIds],
      );
      return groupBy(lineIds, rows, (r) => r.line);
    }),
    historyByOrder: new DataLoader<string, (ChangeRow & { purchaseOrder: string })[]>(async (orderIds) => {
      const rows = await sql<ChangeRow & { purchaseOrder: string }>(
        em,
        `SELECT purchase_order_id AS "purchaseOrder", at, actor, action, details, line_id AS line FROM change_record
          WHERE purchase_order_id = ANY($1::uuid[]) ORDER BY purchase_order_id, at, id`,
        [orderIds],
      );
      return groupBy(orderIds, rows, (r) => r.purchaseOrder);
    }),
    confirmationsByLine: new DataLoader<string, ConfirmationRow[]>(async (lineIds) => {
      const rows = await sql<ConfirmationRow>(
        em,
        `SELECT line_id AS line, sequence, kind, schedule, reason, actor, created_at AS "createdAt" FROM confirmation
          WHERE line_id = ANY($1::uuid[]) ORDER BY line_id, sequence`,
        [lineIds],
      );
      return groupBy(lineIds, rows, (r) => r.line);
    }),
    receiptsByLine: new DataLoader<string, ReceiptRow[]>(async (lineIds) => {
      const rows = await sql<ReceiptRow>(
        em,
        `SELECT line_id AS line, quantity, received_on::text AS "receivedOn", actor, created_at AS "createdAt" FROM receipt
          WHERE line_id = ANY($1::uuid[]) ORDER BY line_id, received_on, id`,
        [lineIds],
      );
      return groupBy(lineIds, rows, (r) => r.line);
    }),
  };
}
