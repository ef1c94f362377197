import DataLoader from 'dataloader';
import { perRequest, type RequestContext } from '../../core/context';
import { embedNeighbours, embedVisibleElements, groupBy, visibleValues } from '../../core/loaders';
import { ITEM_ROWS } from '../catalog/catalog.loaders';
import type { ChildListPage, NestedSelection } from '../../shared/connection';
import { isUuid } from '../../shared/ids';
import { keysetChildren, PAGE_WINDOW, type ChildQuery } from '../../shared/keyset';
import { Params, sql } from '../../shared/sql';
import { columnsFor } from '../../shared/selected-columns';
import { remainingSchedule, type ScheduleEntry } from '../open-orders/open-quantity';
import { factsOf, FACT_COLUMNS, type FactRow } from '../open-orders/open-orders.queries';
import { LINE_COLUMNS, LINES_AND_ORDERS_BY_ID, ORDER_COLUMNS, SHIP_NOTICE_COLUMNS, type LineRow, type OrderRow, type ShipNoticeRow } from './purchasing.queries';

export interface ShipNoticeLineRow {
  shipNotice: string;
  line: string;
  quantity: number;
  receivedQuantity: number;
}

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

/** Runs a query over the ids (uuid-shaped ones only) with the caller's order rule on alias po. */
async function visibleRows<T extends object>(ctx: RequestContext, ids: readonly string[], query: (ids: string, visible: string, p: Params) => string): Promise<T[]> {
  const candidates = ids.filter(isUuid);
  if (candidates.length === 0) return [];
  const p = new Params();
  const idsParam = `${p.add(candidates)}::uuid[]`;
  const text = query(idsParam, ctx.scope.where('purchaseOrder', 'po', p), p);
  return sql<T>(ctx.em, text, p.values);
}

/**
 * A paged child list's loaders, one per page (first, after): the fields of
 * one query usually ask every parent for the same page, so they batch as one.
 * `query` builds the statement over the parents' ids (visibility included).
 */
function pagedChildren<Row extends object>(ctx: RequestContext, query: (ids: readonly string[], p: Params) => ChildQuery) {
  const loaders = new Map<string, DataLoader<string, (Row & { cursor: string })[]>>();
  return (page: ChildListPage) => {
    const key = JSON.stringify([page.first, page.after]);
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const candidates = ids.filter(isUuid);
        const byParent = await keysetChildren<Row>(ctx.em, query(candidates, new Params()), candidates, page);
        return ids.map((id) => byParent.get(id) ?? []);
      });
      loaders.set(key, loader);
    }
    return loader;
  };
}

/**
 * The visible lines among the ids, first and once (MATERIALIZED): children
 * are then fetched by those ids alone, so the planner never probes a long id
 * list once per parent row under row-level security.
 */
const VISIBLE_LINES = (list: string, visible: string) =>
  `WITH visible_line AS MATERIALIZED (
     SELECT l.id FROM ${LINES_AND_ORDERS_BY_ID(list)} WHERE ${visible})`;

/**
 * Line fields read straight from one column each: a list of lines that
 * selects only these (and __typename) reads only their columns, not the
 * line's two dozen (parsing them was a fifth of a 20-order x 10-line list).
 * Any other field needs the whole row (LINE_COLUMNS). Each with the row's key,
 * its column as a list of lines reads it, and whether it is an integer:
 * inside an order's row (embedLines) every value comes as text, and an
 * integer is made a number again, so both parse to the same row.
 */
const LINE_FIELDS: Readonly<Record<string, { key: string; column: string; integer?: true } | null>> = {
  __typename: null,
  id: { key: 'id', column: 'l.id' },
  purchaseOrder: { key: 'purchaseOrder', column: 'l.purchase_order_id' },
  lineNumber: { key: 'lineNumber', column: 'l.line_number', integer: true },
  item: { key: 'item', column: 'l.item_id' },
  quantity: { key: 'quantity', column: 'l.quantity', integer: true },
  requestedDate: { key: 'requestedDate', column: 'l.requested_date::text' },
  unitCost: { key: 'unitCost', column: 'l.unit_cost' },
};
const LINE_FIELD_COLUMNS: Readonly<Record<string, string | null>> = Object.fromEntries(
  Object.entries(LINE_FIELDS).map(([field, f]) => [field, f && `${f.column} AS "${f.key}"`]),
);

/**
 * The columns a list of lines selecting `fields` reads: only theirs (with the
 * order's id, which groups them) when LINE_FIELDS has them all. The
 * line's own id only when `id` is selected: no field in LINE_FIELDS
 * reads it otherwise (200 lines' ids were a sixth of (b)'s lines statement
 * in pgbench, 0.53 to 0.73 ms against 0.43 to 0.64).
 */
export function lineColumnsFor(fields: ReadonlySet<string>): string {
  return columnsFor(fields, LINE_FIELD_COLUMNS, [LINE_FIELD_COLUMNS.purchaseOrder!], LINE_COLUMNS);
}

/**
 * A page of orders whose `lines` selection (one field node, plain line
 * fields only: LINE_FIELDS) reads them in the page's own statement: each
 * order's lines as one JSON column, an array of text arrays (ARRAY(SELECT
 * ARRAY[...]) in line-number order, the lines' index order: no sort, and
 * about a quarter less of PostgreSQL's time than json_agg(json_build_array(...))
 * ORDER BY for 20 orders x 10 lines with items, timed in a loop in the
 * database: 0.47 against 0.60 ms), each line with its item (through the
 * item rule, only the columns `item`'s selection shows), handed to the lines
 * loader that selection's resolver asks (linesByOrder) and to the item rows.
 * One statement for (b) where there were two. The statement must read the
 * order as `po`, through the order rule (an order visible: all its lines,
 * as linesByOrder reads them); `take` gets each row's order id and
 * `lines$`. Undefined when the selection cannot be read this way.
 */
export function embedLines(ctx: RequestContext, p: Params, lines: NestedSelection) {
  if (lines.nodes.length !== 1) return undefined;
  const chosen: { key: string; column: string; integer?: true }[] = [];
  for (const field of lines.fields) {
    const column = LINE_FIELDS[field];
    if (column === undefined) return undefined;
    if (column && !chosen.includes(column)) chosen.push(column);
  }
  const item = lines.fields.has('item') ? lines.below('item') : undefined;
  const only = item?.nodes.length ? ITEM_ROWS.columnsShowing(item.fields) : undefined;
  const kept = only && { columns: only, nodes: item!.nodes };
  // Every line's array has one element at least (a 2-dimensional array cannot hold empty ones): a selection of
  // __typename alone reads a NULL per line.
  const elements = chosen.length ? `ARRAY[${chosen.map((column) => `(${column.column})::text`).join(', ')}]` : 'ARRAY[NULL::text]';
  // The item joined (under row-level security, a row the caller may not see joins as nulls), then taken through its rule.
  const withItem = item ? ` || ${embedVisibleElements(ctx, ITEM_ROWS, p, 'li', only)}` : '';
  const itemAt = Math.max(1, chosen.length);
  const loader = purchasingLoaders(ctx).linesByOrder(lines.fields, item);
  return {
    select: `, array_to_json(ARRAY(SELECT ${elements}${withItem}
        FROM purchase_order_line l ${item ? 'LEFT JOIN item li ON li.id = l.item_id ' : ''}WHERE l.purchase_order_id = po.id ORDER BY l.line_number)) AS "lines$"`,
    take(orderId: string, embedded: (string | null)[][]) {
      const rows = embedded.map((values) => {
        const row: Record<string, unknown> = { purchaseOrder: orderId };
        chosen.forEach((column, i) => (row[column.key] = column.integer && values[i] !== null ? Number(values[i]) : values[i]));
        if (item) ITEM_ROWS.takeEmbedded(ctx, row.item as string, visibleValues(values, itemAt), kept);
        return row as unknown as LineRow;
      });
      loader.prime(orderId, rows);
    },
  };
}

/**
 * Each order's lines by line number, through the order rule, with `columns`
 * (lineColumnsFor; rows carry only those); with `item` (the selection of
 * the lines' item field), their items too, kept for that field.
 */
function linesByOrder(ctx: RequestContext, columns: string, item: NestedSelection | undefined) {
  return new DataLoader<string, LineRow[]>(async (orderIds) => {
    let items: ReturnType<typeof embedNeighbours> | undefined;
    const rows = await visibleRows<LineRow>(ctx, orderIds, (list, visible, p) => {
      items = embedNeighbours(ctx, p, item ? ITEM_FIELD : undefined, { item: { rows: ITEM_ROWS, idColumn: 'l.item_id' } }, { once: 'statement', nested: () => item! });
      // The order's own row is joined only when a column reads it (LINE_COLUMNS' issue date): a second scan of
      // purchase_order under its policy otherwise, a tenth of a 20-order x 10-line page's statement.
      const order = /\bpo\./.test(columns) ? 'JOIN purchase_order po ON po.id = v.id ' : '';
      return `WITH visible_order AS MATERIALIZED (SELECT po.id FROM purchase_order po WHERE po.id = ANY(${list}) AND ${visible})
        SELECT ${columns}${items.select} FROM visible_order v ${order}JOIN purchase_order_line l ON l.purchase_order_id = v.id
        WINDOW ${PAGE_WINDOW} AS (ORDER BY l.purchase_order_id, l.line_number) ORDER BY l.purchase_order_id, l.line_number`;
    });
    if (items) rows.forEach(items.take);
    return groupBy(orderIds, rows, (r) => r.purchaseOrder);
  });
}

const ITEM_FIELD: ReadonlySet<string> = new Set(['item']);
/** A selection not known (no field nodes): its rows are embedded whole. */
const NO_SELECTION: NestedSelection = { nodes: [], fields: new Set(), below: () => NO_SELECTION };

/**
 * Loaders for orders and everything hanging off them: one query per kind of
 * object per request, whatever the number of parents. Every one applies the
 * caller's order rule (by a join to the order), so an id the caller may not
 * see, e.g. from an alert after a partnership was suspended, loads as null or
 * as nothing.
 */
function createPurchasingLoaders(ctx: RequestContext) {
  const linesLoaders = new Map<string, DataLoader<string, LineRow[]>>();
  return {
    order: new DataLoader<string, OrderRow | null>(async (ids) => {
      const rows = await visibleRows<OrderRow>(ctx, ids, (list, visible) => `SELECT ${ORDER_COLUMNS} FROM purchase_order po WHERE po.id = ANY(${list}) AND ${visible}`);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    line: new DataLoader<string, LineRow | null>(async (ids) => {
      const rows = await visibleRows<LineRow>(
        ctx,
        ids,
        (list, visible) => `SELECT ${LINE_COLUMNS} FROM ${LINES_AND_ORDERS_BY_ID(list)} WHERE ${visible}`,
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /**
     * Each order's lines, reading the columns the selected line `fields` need (lineColumnsFor); with `item`
     * selected, each line's item too, in the same statement (through the item rule), only the columns `item`'s
     * own selection shows when it is given. One loader per distinct selection in the request.
     */
    linesByOrder(fields: ReadonlySet<string>, item?: NestedSelection): DataLoader<string, LineRow[]> {
      const columns = lineColumnsFor(fields);
      const withItem = fields.has('item') ? item ?? NO_SELECTION : undefined;
      // A loader per item selection too: its lines' items are kept for the item field nodes of the selection that made
      // it (embedNeighbours' nested); another selection of the same item fields shares it and loads its items apart.
      const key = `${withItem ? `item(${[...withItem.fields].sort().join(',')})` : ''}|${columns}`;
      let loader = linesLoaders.get(key);
      if (!loader) linesLoaders.set(key, (loader = linesByOrder(ctx, columns, withItem)));
      return loader;
    },
    /** Each line's latest promise as the supplier gave it. */
    scheduleByLine: new DataLoader<string, (ScheduleEntry & { line: string })[]>(async (lineIds) => {
      const rows = await visibleRows<ScheduleEntry & { line: string }>(
        ctx,
        lineIds,
        (list, visible) => `${VISIBLE_LINES(list, visible)}
          SELECT s.line_id AS line, s.quantity, s.delivery_date::text AS "deliveryDate" FROM visible_line v JOIN schedule_line s ON s.line_id = v.id
          ORDER BY s.line_id, s.delivery_date`,
      );
      return groupBy(lineIds, rows, (r) => r.line);
    }),
    /** What is still to come of each line's latest promise (the open-quantity model's remaining schedule). */
    remainingScheduleByLine: new DataLoader<string, ScheduleEntry[]>(async (lineIds) => {
      const rows = await visibleRows<FactRow & { id: string }>(
        ctx,
        lineIds,
        (list, visible) => `${VISIBLE_LINES(list, visible)}
          SELECT l.id, ${FACT_COLUMNS} FROM visible_line v JOIN purchase_order_line l ON l.id = v.id`,
      );
      const byLine = new Map(rows.map((r) => [r.id, remainingSchedule(factsOf(r))]));
      return lineIds.map((id) => byLine.get(id) ?? []);
    }),
    /** Ship notices the caller may see (the retailer's addressed to it, a supplier's own). */
    shipNotice: new DataLoader<string, ShipNoticeRow | null>(async (ids) => {
      const candidates = ids.filter(isUuid);
      if (candidates.length === 0) return ids.map(() => null);
      const p = new Params();
      const rows = await sql<ShipNoticeRow>(
        ctx.em,
        `SELECT ${SHIP_NOTICE_COLUMNS} FROM ship_notice n WHERE n.id = ANY(${p.add(candidates)}::uuid[]) AND ${ctx.scope.where('shipNotice', 'n', p)}`,
        p.values,
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Each visible notice's lines (at most 500 a notice), by order line id. */
    shipNoticeLinesByNotice: new DataLoader<string, ShipNoticeLineRow[]>(async (ids) => {
      const candidates = ids.filter(isUuid);
      if (candidates.length === 0) return ids.map(() => []);
      const p = new Params();
      const rows = await sql<ShipNoticeLineRow>(
        ctx.em,
        `WITH visible_notice AS MATERIALIZED (SELECT n.id FROM ship_notice n WHERE n.id = ANY(${p.add(candidates)}::uuid[]) AND ${ctx.scope.where('shipNotice', 'n', p)})
         SELECT snl.ship_notice_id AS "shipNotice", snl.line_id AS line, snl.quantity, snl.received_quantity AS "receivedQuantity"
           FROM visible_notice v JOIN ship_notice_line snl ON snl.ship_notice_id = v.id ORDER BY snl.ship_notice_id, snl.line_id`,
        p.values,
      );
      return groupBy(ids, rows, (r) => r.shipNotice);
    }),
    /** Each line's places on the ship notices the caller may see, oldest notice first. */
    shipNoticeLinesByLine: new DataLoader<string, ShipNoticeLineRow[]>(async (lineIds) => {
      const candidates = lineIds.filter(isUuid);
      if (candidates.length === 0) return lineIds.map(() => []);
      const p = new Params();
      const rows = await sql<ShipNoticeLineRow>(
        ctx.em,
        `SELECT snl.ship_notice_id AS "shipNotice", snl.line_id AS line, snl.quantity, snl.received_quantity AS "receivedQuantity"
           FROM ship_notice_line snl JOIN ship_notice n ON n.id = snl.ship_notice_id
          WHERE snl.line_id = ANY(${p.add(candidates)}::uuid[]) AND ${ctx.scope.where('shipNotice', 'n', p)}
          ORDER BY snl.line_id, n.id`,
        p.values,
      );
      return groupBy(lineIds, rows, (r) => r.line);
    }),
    /** A page of each order's changes, oldest first. */
    historyByOrder: pagedChildren<ChangeRow>(ctx, (ids, p) => ({
      with: `WITH visible_order AS MATERIALIZED (
               SELECT po.id FROM purchase_order po WHERE po.id = ANY(${p.add(ids)}::uuid[]) AND ${ctx.scope.where('purchaseOrder', 'po', p)})`,
      select: 'c.at, c.actor, c.action, c.details, c.line_id AS line',
      from: 'visible_order v JOIN change_record c ON c.purchase_order_id = v.id',
      where: [],
      params: p,
      key: [{ sql: 'c.at', type: 'timestamptz' }, { sql: 'c.id', type: 'uuid' }],
      parent: 'c.purchase_order_id',
    })),
    /** A page of each line's promises, first one first. */
    confirmationsByLine: pagedChildren<ConfirmationRow>(ctx, (ids, p) => ({
      with: VISIBLE_LINES(`${p.add(ids)}::uuid[]`, ctx.scope.where('purchaseOrder', 'po', p)),
      select: 'c.line_id AS line, c.sequence, c.kind, c.schedule, c.reason, c.actor, c.created_at AS "createdAt"',
      from: 'visible_line v JOIN confirmation c ON c.line_id = v.id',
      where: [],
      params: p,
      key: [{ sql: 'c.sequence', type: 'integer' }],
      parent: 'c.line_id',
    })),
    /** Each line's first CONFIRMED promise (never overwritten), whatever page of its promises is asked for. */
    firstConfirmationByLine: new DataLoader<string, ConfirmationRow | null>(async (lineIds) => {
      const rows = await visibleRows<ConfirmationRow>(
        ctx,
        lineIds,
        (list, visible) => `${VISIBLE_LINES(list, visible)}
          SELECT DISTINCT ON (c.line_id) c.line_id AS line, c.sequence, c.kind, c.schedule, c.reason, c.actor, c.created_at AS "createdAt"
            FROM visible_line v JOIN confirmation c ON c.line_id = v.id
           WHERE c.kind = 'CONFIRMED'
           ORDER BY c.line_id, c.sequence`,
      );
      const byLine = new Map(rows.map((r) => [r.line, r]));
      return lineIds.map((id) => byLine.get(id) ?? null);
    }),
    /** A page of each line's receipts, by day received. */
    receiptsByLine: pagedChildren<ReceiptRow>(ctx, (ids, p) => ({
      with: VISIBLE_LINES(`${p.add(ids)}::uuid[]`, ctx.scope.where('purchaseOrder', 'po', p)),
      select: 'r.line_id AS line, r.quantity, r.received_on::text AS "receivedOn", r.actor, r.created_at AS "createdAt"',
      from: 'visible_line v JOIN receipt r ON r.line_id = v.id',
      where: [],
      params: p,
      key: [{ sql: 'r.received_on', type: 'date' }, { sql: 'r.id', type: 'uuid' }],
      parent: 'r.line_id',
    })),
  };
}

/** The request's purchasing loaders. */
export const purchasingLoaders = (ctx: RequestContext) => perRequest(ctx, createPurchasingLoaders);
