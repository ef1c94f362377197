import type { AuthedContext } from '../../core/context';
import { inTransaction } from '../../core/transaction';
import type { Page, PageArgs } from '../../shared/connection';
import { takeCounter } from '../tenancy/counters';
import { badInput, notFound } from '../../shared/errors';
import { isUuid, newId } from '../../shared/ids';
import { keysetPage } from '../../shared/keyset';
import { embedNeighbours } from '../../core/loaders';
import { LOCATION_ROWS } from '../catalog/catalog.loaders';
import { ORGANIZATION_ROWS } from '../tenancy/tenancy.loaders';
import { Params, sql } from '../../shared/sql';
import { AlertType } from '../alerts/alert-type';
import { raiseAlerts } from '../alerts/outbox';
import type { CatalogService } from '../catalog/catalog.service';
import type { LineEvents } from './line-events';
import type { RiskService } from '../risk/risk.service';
import type { PurchaseOrderLineService } from './purchase-order-line.service';
import { openQuantity } from '../open-orders/open-quantity';
import { PurchaseOrderLineStatus as LineStatus } from '../open-orders/line-status';
import { recordChanges } from './audit';
import { PurchaseOrderStatus } from './purchasing.enums';
import { ORDER_COLUMNS, orderColumnsFor, type OrderRow } from './purchasing.queries';
import { embedLines } from './purchasing.loaders';

export interface NewOrderLine {
  itemId: string;
  /** Exactly one of quantity (base units) and purchaseUnitQuantity (the sourcing rule's purchase units). */
  quantity?: number | null;
  purchaseUnitQuantity?: number | null;
  requestedDate: string;
  unitCost?: string | null;
}

export interface NewOrder {
  supplierId: string;
  shipToId: string;
  lines: NewOrderLine[];
  issue: boolean;
}

export interface OrderFilter {
  statuses?: PurchaseOrderStatus[] | null;
  supplierId?: string | null;
  retailerId?: string | null;
  slippedOnly?: boolean | null;
  shipToId?: string | null;
  itemId?: string | null;
  search?: string | null;
  issuedFrom?: string | null;
  issuedTo?: string | null;
}

export const MAX_LINES_PER_ORDER = 500;
/** The most one line may order, in base units. */
export const MAX_LINE_QUANTITY = 100_000_000;

const formatNumber = (n: number) => `PO-${String(n).padStart(6, '0')}`;

/** Purchase orders as a whole: create, issue, cancel, close, read. Line operations live in PurchaseOrderLineService. */
export class PurchaseOrderService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly risk: RiskService,
    private readonly lineEvents: LineEvents,
    private readonly lines: PurchaseOrderLineService,
  ) {}

  /**
   * Creates a DRAFT order (or an ISSUED one with issue: true); unit costs
   * default from the sourcing rules. A line is entered in base units or in
   * the rule's purchase unit, and stored in base units; a base quantity that
   * is not a whole number of purchase units is refused.
   */
  async create(ctx: AuthedContext, input: NewOrder): Promise<string> {
    const retailerId = ctx.caller.organizationId;
    if (input.lines.length === 0) throw badInput('input.lines', 'Add at least one line');
    if (input.lines.length > MAX_LINES_PER_ORDER) throw badInput('input.lines', `At most ${MAX_LINES_PER_ORDER} lines per order`);
    if (!ctx.scope.partnerIds.includes(input.supplierId)) {
      throw badInput('input.supplierId', 'This supplier is not an active partner; invite it and wait for it to accept');
    }
    await this.catalog.requireOwnLocation(ctx, input.shipToId, 'input.shipToId');
    const ownItems = await this.catalog.ownItemIds(ctx, input.lines.map((l) => l.itemId));
    const terms = await sql<{ item_id: string; unit_of_measure: string; unit_cost: string | null; purchase_unit: string | null; units: number | null }>(
      ctx.em,
      `SELECT i.id AS item_id, i.unit_of_measure, r.unit_cost, r.purchase_unit, r.units_per_purchase_unit AS units
         FROM item i LEFT JOIN sourcing_rule r ON r.item_id = i.id AND r.supplier_id = $1 WHERE i.id = ANY($2::uuid[])`,
      [input.supplierId, [...ownItems]],
    );
    const termsOf = new Map(terms.map((t) => [t.item_id, t]));
    // Retired items and locations get no new orders (DESIGN.md, Changes after an order is issued: Retiring).
    await this.catalog.refuseRetired(ctx, { locations: [{ id: input.shipToId, field: 'input.shipToId' }], items: input.lines.map((l, i) => ({ id: l.itemId, field: `input.lines[${i}].itemId` })) });
    // Requested dates may not be in the past at the ship-to location (DESIGN.md, Local dates).
    const today = await ctx.services.localDates.todayAtOne(ctx.em, input.shipToId);
    const lines = input.lines.map((line, i) => {
      const at = `input.lines[${i}]`;
      if (!ownItems.has(line.itemId)) throw notFound('Item', `${at}.itemId`);
      if (line.requestedDate < today) throw badInput(`${at}.requestedDate`, `Requested date cannot be in the past (today is ${today} at the ship-to location)`);
      const item = termsOf.get(line.itemId)!;
      const unitCost = line.unitCost ?? item.unit_cost;
      if (unitCost == null) {
        throw badInput(`${at}.unitCost`, 'No sourcing rule for this item and supplier to take the cost from: give unitCost');
      }
      const purchaseUnit = item.purchase_unit ?? null;
      const units = purchaseUnit ? item.units ?? 1 : 1;
      return { ...line, quantity: baseQuantity(line, at, { purchaseUnit, units, uom: item.unit_of_measure }), purchaseUnit, units, unitCost, id: newId(), lineNumber: i + 1 };
    });

    return inTransaction(ctx, async (tx) => {
      // Its positions' recompute lock before the order-number counter (see RiskService.lockRetailer).
      await this.risk.lockPositions(tx, retailerId, input.lines.map((l) => ({ itemId: l.itemId, locationId: input.shipToId })));
      const number = formatNumber(await takeCounter(tx.em, retailerId, 'purchase_order'));
      const status = input.issue ? PurchaseOrderStatus.ISSUED : PurchaseOrderStatus.DRAFT;
      const id = newId();
      await sql(
        tx.em,
        `INSERT INTO purchase_order (id, retailer_id, supplier_id, ship_to_id, number, status, version, issued_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, now(), now())`,
        [id, retailerId, input.supplierId, input.shipToId, number, status, input.issue ? new Date() : null],
      );
      await sql(
        tx.em,
        `INSERT INTO purchase_order_line (id, purchase_order_id, line_number, retailer_id, supplier_id, ship_to_id, item_id, quantity,
                                          requested_date, unit_cost, status, confirmed_quantity, slipped, received_quantity, purchase_unit,
                                          units_per_purchase_unit, order_past_draft, created_at)
         SELECT x.id, $1, x.line_number, $2, $3, $4, x.item_id, x.quantity, x.requested_date, x.unit_cost, 'OPEN', 0, false, 0, x.purchase_unit,
                x.units, $13::boolean, now()
           FROM unnest($5::uuid[], $6::int[], $7::uuid[], $8::int[], $9::date[], $10::numeric[], $11::text[], $12::int[])
                AS x(id, line_number, item_id, quantity, requested_date, unit_cost, purchase_unit, units)`,
        [
          id, retailerId, input.supplierId, input.shipToId,
          lines.map((l) => l.id), lines.map((l) => l.lineNumber), lines.map((l) => l.itemId),
          lines.map((l) => l.quantity), lines.map((l) => l.requestedDate), lines.map((l) => l.unitCost),
          lines.map((l) => l.purchaseUnit), lines.map((l) => l.units),
          // order_past_draft: as the order's past_draft (the lines' foreign key to the order refuses another value).
          status !== PurchaseOrderStatus.DRAFT,
        ],
      );
      const units = lines.reduce((sum, l) => sum + l.quantity, 0);
      await recordChanges(tx.em, ctx.caller, [
        { purchaseOrderId: id, action: 'CREATED', details: `${number} created with ${lines.length} line(s), ${units} units`, version: 1 },
        ...(input.issue ? [{ purchaseOrderId: id, action: 'ISSUED', details: `${number} issued to the supplier`, version: 1 }] : []),
      ]);
      if (input.issue) {
        await this.announceIssued(tx, id);
        await this.recomputeRisk(tx, id);
      }
      return id;
    });
  }

  async issue(ctx: AuthedContext, id: string): Promise<string> {
    return inTransaction(ctx, async (tx) => {
      const order = await this.lockOrder(tx, id);
      if (order.status !== PurchaseOrderStatus.DRAFT) throw badInput('id', `Only a DRAFT order can be issued; ${order.number} is ${order.status}`);
      if (!tx.scope.partnerIds.includes(order.supplier)) {
        throw badInput('id', `The supplier of ${order.number} is no longer an active partner`);
      }
      // A draft of a retired item or location is not sent out (DESIGN.md, Retiring: no new orders).
      const items = await sql<{ id: string }>(tx.em, `SELECT DISTINCT item_id AS id FROM purchase_order_line WHERE purchase_order_id = $1`, [id]);
      await this.catalog.refuseRetired(tx, { locations: [{ id: order.shipTo, field: 'id' }], items: items.map((i) => ({ id: i.id, field: 'id' })) });
      const version = order.version + 1;
      await sql(tx.em, `UPDATE purchase_order SET status = 'ISSUED', issued_at = now(), version = $2, updated_at = now() WHERE id = $1`, [id, version]);
      await recordChanges(tx.em, ctx.caller, [{ purchaseOrderId: id, action: 'ISSUED', details: `${order.number} issued to the supplier`, version }]);
      await this.announceIssued(tx, id);
      await this.recomputeRisk(tx, id);
      return id;
    });
  }

  /** DRAFT or ISSUED (nothing confirmed yet) orders only; the supplier hears of it if it had the order. */
  async cancel(ctx: AuthedContext, id: string): Promise<string> {
    return inTransaction(ctx, async (tx) => {
      const order = await this.lockOrder(tx, id);
      if (order.status !== PurchaseOrderStatus.DRAFT && order.status !== PurchaseOrderStatus.ISSUED) {
        throw badInput('id', `Only a DRAFT or ISSUED order can be cancelled; ${order.number} is ${order.status}`);
      }
      const version = order.version + 1;
      await sql(tx.em, `UPDATE purchase_order SET status = 'CANCELLED', version = $2, updated_at = now() WHERE id = $1`, [id, version]);
      await sql(tx.em, `UPDATE purchase_order_line SET status = 'CANCELLED', cancelled_quantity = quantity, slipped = false WHERE purchase_order_id = $1`, [id]);
      await recordChanges(tx.em, ctx.caller, [{ purchaseOrderId: id, action: 'CANCELLED', details: `${order.number} cancelled (was ${order.status})`, version }]);
      if (order.status === PurchaseOrderStatus.ISSUED) {
        raiseAlerts(tx, [{
          organizationId: order.supplier,
          type: AlertType.PURCHASE_ORDER_CHANGED,
          message: `${ctx.caller.organizationName} cancelled ${order.number}`,
          purchaseOrderId: id,
        }]);
        await this.recomputeRisk(tx, id);
      }
      return id;
    });
  }

  /**
   * Closes an issued order (retailer): nothing more is expected of it. Each
   * line still open is closed short (what is not in transit is cancelled, the
   * promise empties) and the supplier is told what was cancelled; goods in
   * transit can still be received on the closed order.
   */
  async close(ctx: AuthedContext, id: string, reason = 'order closed by the buyer'): Promise<string> {
    return inTransaction(ctx, async (tx) => {
      const order = await this.lockOrder(tx, id);
      const notClosable = [PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.CANCELLED, PurchaseOrderStatus.CLOSED];
      if (notClosable.includes(order.status)) {
        throw badInput('id', `Only an issued order can be closed; ${order.number} is ${order.status}${order.status === PurchaseOrderStatus.DRAFT ? ' (cancel it instead)' : ''}`);
      }
      const lineIds = await sql<{ id: string }>(tx.em, `SELECT id FROM purchase_order_line WHERE purchase_order_id = $1 ORDER BY line_number`, [id]);
      const locked = await this.lines.lockLines(tx, lineIds.map((l) => l.id));
      // Lines that still owe something (not rejected: a rejected line owes nothing and is left as the supplier answered it).
      const open = locked.filter(({ line, facts }) => !facts.closed && line.status !== LineStatus.REJECTED && line.status !== LineStatus.CANCELLED && openQuantity(facts) > 0);
      const closed = [];
      for (const line of open) closed.push(await this.lines.closeLocked(tx, line, reason));
      const version = (locked[0]?.order.version ?? order.version) + 1;
      await sql(tx.em, `UPDATE purchase_order SET status = 'CLOSED', version = $2, updated_at = now() WHERE id = $1`, [id, version]);
      await recordChanges(tx.em, ctx.caller, [{ purchaseOrderId: id, action: 'CLOSED', details: `${order.number} closed (was ${order.status})`, version }]);
      if (closed.some((c) => c.cancelled > 0 || c.inTransit > 0)) {
        raiseAlerts(tx, [{ ...this.lines.closedAlert(open[0], closed, reason), purchaseOrderLineId: closed.length === 1 ? open[0].line.id : null }]);
      }
      // Nothing more is expected: open proposals for its lines are moot, and its remaining inbound is gone.
      await this.lineEvents.linesClosed(tx, lineIds.map((l) => l.id));
      await this.recomputeRisk(tx, id);
      return id;
    });
  }

  /**
   * Dates the issue of the caller's order holding this line `days` days back:
   * the demo seed's history (an order issued two days ago, overdue for an
   * answer). Not in the API.
   */
  async backdateIssue(ctx: AuthedContext, lineId: string, days: number): Promise<void> {
    await sql(
      ctx.em,
      `UPDATE purchase_order SET issued_at = now() - make_interval(days => $3)
        WHERE retailer_id = $2 AND id = (SELECT purchase_order_id FROM purchase_order_line WHERE id = $1)`,
      [lineId, ctx.caller.organizationId, days],
    );
  }

  async find(ctx: AuthedContext, id: string): Promise<OrderRow | null> {
    if (!isUuid(id)) return null;
    const p = new Params();
    const visible = ctx.scope.where('purchaseOrder', 'po', p);
    const [row] = await sql<OrderRow>(ctx.em, `SELECT ${ORDER_COLUMNS} FROM purchase_order po WHERE ${visible} AND po.id = ${p.add(id)}`, p.values);
    return row ?? null;
  }

  /** Newest first, keyset-paginated on the time-ordered id. */
  async list(ctx: AuthedContext, filter: OrderFilter, args: PageArgs): Promise<Page<OrderRow>> {
    const p = new Params();
    const where = [ctx.scope.where('purchaseOrder', 'po', p)];
    const ids = [filter.supplierId, filter.retailerId, filter.shipToId, filter.itemId].filter((v): v is string => v != null);
    const impossible = ids.some((v) => !isUuid(v));
    if (filter.issuedFrom && filter.issuedTo && filter.issuedTo < filter.issuedFrom) {
      throw badInput('filter.issuedTo', `issuedTo (${filter.issuedTo}) is before issuedFrom (${filter.issuedFrom})`);
    }
    if (filter.statuses?.length) where.push(`po.status = ANY(${p.add(filter.statuses)}::text[])`);
    if (filter.supplierId && !impossible) where.push(`po.supplier_id = ${p.add(filter.supplierId)}`);
    if (filter.retailerId && !impossible) where.push(`po.retailer_id = ${p.add(filter.retailerId)}`);
    if (filter.shipToId && !impossible) where.push(`po.ship_to_id = ${p.add(filter.shipToId)}`);
    if (filter.slippedOnly) where.push(`EXISTS (SELECT 1 FROM purchase_order_line sl WHERE sl.purchase_order_id = po.id AND sl.slipped)`);
    if (filter.itemId && !impossible) where.push(`EXISTS (SELECT 1 FROM purchase_order_line il WHERE il.purchase_order_id = po.id AND il.item_id = ${p.add(filter.itemId)})`);
    if (filter.issuedFrom) where.push(`(po.issued_at AT TIME ZONE 'UTC')::date >= ${p.add(filter.issuedFrom)}::date`);
    if (filter.issuedTo) where.push(`(po.issued_at AT TIME ZONE 'UTC')::date <= ${p.add(filter.issuedTo)}::date`);
    const search = filter.search?.trim();
    if (search) {
      // ILIKE's wildcards in the text match themselves. The item's SKU and name are read through its own visibility rule.
      const pattern = p.add(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const items = ctx.scope.where('item', 'si', p);
      where.push(`(po.number ILIKE ${pattern} OR EXISTS (SELECT 1 FROM purchase_order_line sl2 JOIN item si ON si.id = sl2.item_id
        WHERE sl2.purchase_order_id = po.id AND ${items} AND (si.sku ILIKE ${pattern} OR si.name ILIKE ${pattern})))`);
    }
    // The organizations and ship-to of each order in the same statement, through their own rules, when the client shows them.
    const neighbours = embedNeighbours(ctx, p, args.fields, {
      retailer: { rows: ORGANIZATION_ROWS, idColumn: 'po.retailer_id' },
      supplier: { rows: ORGANIZATION_ROWS, idColumn: 'po.supplier_id' },
      shipTo: { rows: LOCATION_ROWS, idColumn: 'po.ship_to_id' },
    }, { nested: args.nested });
    // The orders' lines too, when the client shows only their plain fields (and their items).
    const lines = args.fields?.has('lines') && args.nested ? embedLines(ctx, p, args.nested('lines')) : undefined;
    const toNode = (row: OrderRow) => {
      if (lines) {
        const r = row as OrderRow & { lines$?: (string | null)[][] };
        lines.take(row.id, r.lines$ ?? []);
        r.lines$ = undefined;
      }
      return neighbours.take(row);
    };
    return keysetPage<OrderRow>(
      ctx.em,
      {
        select: orderColumnsFor(args.fields) + neighbours.select + (lines?.select ?? ''),
        from: 'purchase_order po',
        where,
        params: p,
        key: [{ sql: 'po.id', type: 'uuid', desc: true }],
      },
      args,
      { empty: impossible, toNode },
    );
  }

  /** The order, locked for this transaction: concurrent changes to one order queue here. */
  private async lockOrder(tx: AuthedContext, id: string): Promise<OrderRow> {
    if (!isUuid(id)) throw notFound('Purchase order', 'id');
    const p = new Params();
    const visible = tx.scope.where('purchaseOrder', 'po', p);
    const [row] = await sql<OrderRow>(tx.em, `SELECT ${ORDER_COLUMNS} FROM purchase_order po WHERE ${visible} AND po.id = ${p.add(id)} FOR UPDATE`, p.values);
    if (!row) throw notFound('Purchase order', 'id');
    return row;
  }

  /** The order's lines are inbound for their item x ship-to: their risk moves with the order. */
  private async recomputeRisk(tx: AuthedContext, orderId: string): Promise<void> {
    const pairs = await sql<{ itemId: string; locationId: string }>(
      tx.em,
      `SELECT DISTINCT item_id AS "itemId", ship_to_id AS "locationId" FROM purchase_order_line WHERE purchase_order_id = $1`,
      [orderId],
    );
    await this.risk.recompute(tx, tx.caller.organizationId, pairs);
  }

  private async announceIssued(tx: AuthedContext, id: string): Promise<void> {
    const [order] = await sql<{ number: string; supplier_id: string; lines: string; units: string; ship_to: string }>(
      tx.em,
      `SELECT po.number, po.supplier_id, count(l.id) AS lines, sum(l.quantity) AS units, loc.code AS ship_to
         FROM purchase_order po JOIN purchase_order_line l ON l.purchase_order_id = po.id JOIN location loc ON loc.id = po.ship_to_id
        WHERE po.id = $1 GROUP BY po.id, loc.code`,
      [id],
    );
    raiseAlerts(tx, [{
      organizationId: order.supplier_id,
      type: AlertType.PURCHASE_ORDER_ISSUED,
      message: `${tx.caller.organizationName} issued ${order.number}: ${order.lines} line(s), ${order.units} units to ${order.ship_to}`,
      purchaseOrderId: id,
    }]);
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Purchase orders. */
    purchaseOrders: PurchaseOrderService;
  }
}

/** A line's quantity in base units, from whichever of quantity and purchaseUnitQuantity it gives (DESIGN.md, units of measure). */
function baseQuantity(line: NewOrderLine, at: string, unit: { purchaseUnit: string | null; units: number; uom: string }): number {
  const { purchaseUnit, units, uom } = unit;
  if ((line.quantity == null) === (line.purchaseUnitQuantity == null)) {
    throw badInput(`${at}.quantity`, 'Give exactly one of quantity (in base units) and purchaseUnitQuantity (in the supplier\'s purchase units)');
  }
  if (line.purchaseUnitQuantity != null) {
    const quantity = line.purchaseUnitQuantity * units;
    if (quantity > MAX_LINE_QUANTITY) {
      throw badInput(`${at}.purchaseUnitQuantity`, `${line.purchaseUnitQuantity} ${purchaseUnit ?? uom} is ${quantity} ${uom}, more than the ${MAX_LINE_QUANTITY} a line may order`);
    }
    return quantity;
  }
  const quantity = line.quantity!;
  if (purchaseUnit && quantity % units !== 0) {
    const below = Math.floor(quantity / units) * units;
    const options = below > 0 ? `${below} or ${below + units}` : `${units}`;
    throw badInput(`${at}.quantity`, `${quantity} ${uom} is not a whole number of ${purchaseUnit} (${units} ${uom} each): order ${options} ${uom}, or give purchaseUnitQuantity`);
  }
  return quantity;
}
