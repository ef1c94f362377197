import type { AuthedContext } from '../../core/context';
import { inTransaction } from '../../core/transaction';
import type { Page, PageArgs } from '../../shared/connection';
import { badInput, DuplicateCheck, notFound } from '../../shared/errors';
import { isUuid, newId } from '../../shared/ids';
import { keysetPage } from '../../shared/keyset';
import { Params, sql } from '../../shared/sql';
import { AlertType } from '../alerts/alert-type';
import { raiseAlerts, type NewAlert } from '../alerts/outbox';
import type { RiskService } from '../risk/risk.service';
import { claimIdempotencyKey } from '../tenancy/idempotency';
import { takeCounter } from '../tenancy/counters';
import { recordChanges } from './audit';
import type { LineEvents } from './line-events';
import { returnShipment, ship, shipmentProblem, slipsFurther } from '../open-orders/open-quantity';
import { bumpOrder, saveLine } from './order-writes';
import type { LockedLine, PurchaseOrderLineService } from './purchase-order-line.service';
import { PurchaseOrderStatus as OrderStatus, ShipNoticeStatus } from './purchasing.enums';
import type { LineFacts } from '../open-orders/open-orders.queries';
import { SHIP_NOTICE_COLUMNS, type ShipNoticeRow } from './purchasing.queries';

/** Lines on one notice: at most as many as an order has (createShipNotice refuses more). */
export const MAX_LINES_PER_NOTICE = 500;
/** Ship notices one order line may appear on, whatever their status (createShipNotice refuses the next). */
export const MAX_NOTICES_PER_LINE = 100;

export interface NewShipNotice {
  shipToId: string;
  shippedOn: string;
  expectedArrival: string;
  carrier?: string | null;
  trackingNumber?: string | null;
  lines: { lineId: string; quantity: number }[];
  idempotencyKey?: string | null;
}

const OPEN_NOTICE = [ShipNoticeStatus.IN_TRANSIT, ShipNoticeStatus.PARTIALLY_RECEIVED];
const formatNumber = (n: number) => `ASN-${String(n).padStart(6, '0')}`;

/** Refuses a second entry for the same order line, naming both. */
function refuseDuplicates(lines: { lineId: string }[]): void {
  const duplicates = new DuplicateCheck('input.lines', 'lineId', ': one entry per order line');
  lines.forEach((line, i) => {
    duplicates.check(line.lineId, i);
  });
}

/**
 * Advance ship notices (EDI 856, DESIGN.md "Ship notices"): the supplier
 * sends what it shipped (create) or withdraws it before anything arrives
 * (cancel); the retailer receives against it or closes it with a
 * remainder. The quantities move between a line's promise, in transit and
 * received by the open-quantity model; every change recomputes risk, and a
 * late or short result raises SUPPLIER_SLIPPED and asks the selector.
 */
export class ShipNoticeService {
  constructor(
    private readonly risk: RiskService,
    private readonly lines: PurchaseOrderLineService,
    private readonly lineEvents: LineEvents,
  ) {}

  /** The supplier shipped: one retailer's lines to one location, each at most its open quantity not already in transit. */
  async create(ctx: AuthedContext, input: NewShipNotice): Promise<string> {
    if (input.lines.length === 0) throw badInput('input.lines', 'List at least one order line shipped');
    if (input.lines.length > MAX_LINES_PER_NOTICE) throw badInput('input.lines', `At most ${MAX_LINES_PER_NOTICE} lines per ship notice`);
    if (input.expectedArrival < input.shippedOn) throw badInput('input.expectedArrival', `Expected arrival ${input.expectedArrival} is before the shipping date ${input.shippedOn}`);
    refuseDuplicates(input.lines);
    const carrier = input.carrier?.trim() || null;
    const trackingNumber = input.trackingNumber?.trim() || null;
    const id = newId();
    return inTransaction(ctx, async (tx) => {
      if (input.idempotencyKey != null) {
        const { idempotencyKey, ...rest } = input;
        const replay = await claimIdempotencyKey(tx.em, tx.caller.organizationId, idempotencyKey, { operation: 'createShipNotice', input: rest }, id);
        if (replay !== null) return this.visibleOrNotFound(tx, replay, 'input.idempotencyKey');
      }
      const p = new Params();
      const [location] = await sql<{ code: string }>(
        tx.em,
        `SELECT l.code FROM location l WHERE l.id = ${p.add(input.shipToId)} AND ${tx.scope.where('location', 'l', p)}`,
        p.values,
      );
      if (!location) throw notFound('Location', 'input.shipToId');
      // Dates against today at the ship-to location (DESIGN.md, Local dates).
      const today = await ctx.services.localDates.todayAtOne(tx.em, input.shipToId);
      if (input.shippedOn > today) throw badInput('input.shippedOn', `Goods cannot be shipped in the future (today is ${today} at the ship-to location): send the notice once they leave`);
      if (input.expectedArrival < today) throw badInput('input.expectedArrival', `Expected arrival cannot be in the past (today is ${today} at the ship-to location)`);
      const locked = await this.lines.lockLines(tx, input.lines.map((l) => l.lineId));
      const byId = new Map(locked.map((l) => [l.line.id, l]));
      const shipped = input.lines.map((entry, i) => {
        const target = byId.get(entry.lineId);
        if (!target) throw notFound('Purchase order line', `input.lines[${i}].lineId`);
        return { entry, target, at: `input.lines[${i}]` };
      });
      const retailerId = shipped[0].target.line.retailer;
      const counts = await sql<{ line_id: string; n: number }>(
        tx.em,
        `SELECT line_id, count(*)::int AS n FROM ship_notice_line WHERE line_id = ANY($1::uuid[]) GROUP BY line_id`,
        [locked.map((l) => l.line.id)],
      );
      const noticesOf = new Map(counts.map((c) => [c.line_id, c.n]));
      for (const { entry, target, at } of shipped) {
        const { line, order, facts } = target;
        const name = `Line ${line.lineNumber} of ${order.number}`;
        if (line.retailer !== retailerId) throw badInput(`${at}.lineId`, 'A ship notice carries the orders of one retailer: send one notice per retailer');
        if (line.shipTo !== input.shipToId) throw badInput(`${at}.lineId`, `${name} ships to another location than input.shipToId: send one notice per ship-to location`);
        if ([OrderStatus.DRAFT, OrderStatus.CANCELLED, OrderStatus.CLOSED].includes(order.status)) {
          throw badInput(`${at}.lineId`, `${order.number} is ${order.status}: nothing of it can be shipped`);
        }
        const problem = shipmentProblem(facts, entry.quantity);
        if (problem) throw badInput(`${at}.quantity`, `${name}: ${problem}`);
        if ((noticesOf.get(line.id) ?? 0) >= MAX_NOTICES_PER_LINE) {
          throw badInput(`${at}.lineId`, `${name} is on ${MAX_NOTICES_PER_LINE} ship notices already: ship it on fewer, larger notices`);
        }
      }

      // Its positions' recompute lock before the notice-number counter (see RiskService.lockRetailer).
      await this.risk.lockPositions(tx, retailerId, shipped.map(({ target }) => ({ itemId: target.line.item, locationId: target.line.shipTo })));
      const number = formatNumber(await takeCounter(tx.em, tx.caller.organizationId, 'ship_notice'));
      await sql(
        tx.em,
        `INSERT INTO ship_notice (id, retailer_id, supplier_id, ship_to_id, number, status, shipped_on, expected_arrival, carrier, tracking_number, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'IN_TRANSIT', $6, $7, $8, $9, now(), now())`,
        [id, retailerId, tx.caller.organizationId, input.shipToId, number, input.shippedOn, input.expectedArrival, carrier, trackingNumber],
      );
      await sql(
        tx.em,
        `INSERT INTO ship_notice_line (ship_notice_id, line_id, quantity, received_quantity) SELECT $1, x.line, x.quantity, 0 FROM unnest($2::uuid[], $3::int[]) AS x(line, quantity)`,
        [id, shipped.map((s) => s.entry.lineId), shipped.map((s) => s.entry.quantity)],
      );
      const changes = shipped.map(({ entry, target }) => ({
        target,
        after: ship(target.facts, { shipNoticeId: id, quantity: entry.quantity, expectedArrival: input.expectedArrival }),
      }));
      const how = [carrier && `by ${carrier}`, trackingNumber && `tracking ${trackingNumber}`].filter(Boolean).join(', ');
      await this.write(tx, changes, (t, after) => {
        const quantity = after.inTransit[after.inTransit.length - 1].quantity;
        return { action: 'LINE_SHIPPED', details: `Line ${t.line.lineNumber} (${t.sku}): ${quantity} shipped on ${number} on ${input.shippedOn}, expected ${input.expectedArrival}${how ? ` (${how})` : ''}` };
      });
      const units = shipped.reduce((sum, s) => sum + s.entry.quantity, 0);
      const orders = [...new Set(shipped.map((s) => s.target.order.id))];
      const slipped = changes.filter(({ target, after }) => slipsFurther(target.facts, after));
      raiseAlerts(tx, [
        {
          organizationId: retailerId,
          type: AlertType.SHIP_NOTICE_CREATED,
          message: `${shipped[0].target.supplierName} shipped ${number} to ${location.code}: ${shipped.length} line(s), ${units} units, expected ${input.expectedArrival}${how ? ` ${how}` : ''}`,
          shipNoticeId: id,
          purchaseOrderId: orders.length === 1 ? orders[0] : null,
          purchaseOrderLineId: shipped.length === 1 ? shipped[0].target.line.id : null,
        },
        ...slipped.map(({ target, after }) => this.lines.slipAlert(target, after)),
      ]);
      await this.afterChange(tx, retailerId, changes.map((c) => c.target), slipped.map((s) => s.target.line.id));
      return id;
    });
  }

  /** The supplier withdraws a notice nothing of which was received: its quantities return to the open, unscheduled part of their lines. */
  async cancel(ctx: AuthedContext, id: string): Promise<string> {
    return inTransaction(ctx, async (tx) => {
      const { notice, lines, locked } = await this.lockNotice(tx, id, 'id');
      if (notice.status !== ShipNoticeStatus.IN_TRANSIT || lines.some((l) => l.received > 0)) {
        throw badInput('id', `${notice.number} is ${notice.status === ShipNoticeStatus.IN_TRANSIT ? 'partly received' : notice.status}: only a notice nothing of which has arrived can be cancelled`);
      }
      const changes = await this.returnRemainders(tx, notice, locked, 'SHIPMENT_CANCELLED', (q) => `${q} of ${notice.number} withdrawn by the supplier`);
      await sql(tx.em, `UPDATE ship_notice SET status = 'CANCELLED', updated_at = now() WHERE id = $1`, [notice.id]);
      await this.afterReturn(tx, notice, changes);
      return notice.id;
    });
  }

  /** The retailer receives against a notice: each line's quantity comes off the notice's in-transit quantity first. */
  async receive(ctx: AuthedContext, input: { shipNoticeId: string; lines: { lineId: string; quantity: number }[]; receivedAt?: string | null; idempotencyKey?: string | null }): Promise<string> {
    if (input.lines.length === 0) throw badInput('input.lines', 'List what arrived: the order lines and their quantities');
    refuseDuplicates(input.lines);
    return inTransaction(ctx, async (tx) => {
      if (input.idempotencyKey != null) {
        const { idempotencyKey, ...rest } = input;
        const replay = await claimIdempotencyKey(tx.em, tx.caller.organizationId, idempotencyKey, { operation: 'receiveShipNotice', input: rest }, input.shipNoticeId);
        if (replay !== null) return this.visibleOrNotFound(tx, replay, 'input.shipNoticeId');
      }
      const { notice, lines, locked } = await this.lockNotice(tx, input.shipNoticeId, 'input.shipNoticeId');
      if (!OPEN_NOTICE.includes(notice.status)) throw badInput('input.shipNoticeId', `${notice.number} is ${notice.status}: nothing more can be received against it`);
      const receivedOn = this.lines.receiptDate(input.receivedAt, await ctx.services.localDates.todayAtOne(tx.em, notice.shipTo));
      const onNotice = new Set(lines.map((l) => l.lineId));
      const byId = new Map(locked.map((l) => [l.line.id, l]));
      for (const [i, entry] of input.lines.entries()) {
        const target = byId.get(entry.lineId);
        if (!onNotice.has(entry.lineId) || !target) throw badInput(`input.lines[${i}].lineId`, `This order line is not on ${notice.number}`);
        await this.lines.receiveLocked(tx, target, { quantity: entry.quantity, receivedOn, shipNoticeId: notice.id, shipNoticeNumber: notice.number, field: `input.lines[${i}]` });
      }
      await this.recompute(tx, notice.retailer, locked.filter((l) => input.lines.some((e) => e.lineId === l.line.id)));
      return notice.id;
    });
  }

  /** The retailer closes a notice: what was shipped and not received is no longer expected; it returns to the lines' open quantity. */
  async close(ctx: AuthedContext, id: string): Promise<string> {
    return inTransaction(ctx, async (tx) => {
      const { notice, locked } = await this.lockNotice(tx, id, 'id');
      if (!OPEN_NOTICE.includes(notice.status)) throw badInput('id', `${notice.number} is ${notice.status}: only a notice in transit or partly received can be closed`);
      const changes = await this.returnRemainders(tx, notice, locked, 'SHIPMENT_CLOSED', (q) => `${q} of ${notice.number} not received, closed by the buyer`);
      await sql(tx.em, `UPDATE ship_notice SET status = 'CLOSED', updated_at = now() WHERE id = $1`, [notice.id]);
      // The supplier is told what did not arrive (PURCHASE_ORDER_CHANGED, as for any change the retailer makes to its
      // orders): on an open line it must promise it again; on a line the retailer had closed it is cancelled.
      const remainders = changes.filter((c) => c.returned > 0);
      if (remainders.length) {
        const what = remainders.map(({ target, after, returned }) => `${target.order.number} line ${target.line.lineNumber} (${target.sku}): ${returned} ${
          after.cancelledQuantity > target.facts.cancelledQuantity ? 'cancelled (the line is closed)' : 'back to open, promise them again'}`);
        const orders = new Set(remainders.map((c) => c.target.order.id));
        raiseAlerts(tx, [{
          organizationId: notice.supplier,
          type: AlertType.PURCHASE_ORDER_CHANGED,
          message: `${remainders[0].target.retailerName} closed ${notice.number} with goods not received: ${what.join('; ')}`,
          purchaseOrderId: orders.size === 1 ? remainders[0].target.order.id : null,
          purchaseOrderLineId: remainders.length === 1 ? remainders[0].target.line.id : null,
          shipNoticeId: notice.id,
        }]);
      }
      await this.afterReturn(tx, notice, changes);
      return notice.id;
    });
  }

  async find(ctx: AuthedContext, id: string): Promise<ShipNoticeRow | null> {
    if (!isUuid(id)) return null;
    const p = new Params();
    const [row] = await sql<ShipNoticeRow>(ctx.em, `SELECT ${SHIP_NOTICE_COLUMNS} FROM ship_notice n WHERE n.id = ${p.add(id)} AND ${ctx.scope.where('shipNotice', 'n', p)}`, p.values);
    return row ?? null;
  }

  /** Newest first: a retailer's notices addressed to it, a supplier's own. */
  async list(ctx: AuthedContext, status: ShipNoticeStatus | null, args: PageArgs): Promise<Page<ShipNoticeRow>> {
    const p = new Params();
    const where = [ctx.scope.where('shipNotice', 'n', p)];
    if (status) where.push(`n.status = ${p.add(status)}`);
    return keysetPage<ShipNoticeRow>(ctx.em, { select: SHIP_NOTICE_COLUMNS, from: 'ship_notice n', where, params: p, key: [{ sql: 'n.id', type: 'uuid', desc: true }] }, args);
  }

  /** An idempotent replay's notice, re-read under today's visibility. */
  private async visibleOrNotFound(tx: AuthedContext, id: string, field: string): Promise<string> {
    if (!(await this.find(tx, id))) throw notFound('Ship notice', field);
    return id;
  }

  /**
   * Locks the orders of the notice's lines (as every line write does, before
   * anything else), then the notice itself, and reads both.
   */
  private async lockNotice(tx: AuthedContext, id: string, field: string) {
    if (!isUuid(id)) throw notFound('Ship notice', field);
    const found = await this.find(tx, id);
    if (!found) throw notFound('Ship notice', field);
    const lines = await sql<{ lineId: string; quantity: number; received: number }>(
      tx.em,
      `SELECT line_id AS "lineId", quantity, received_quantity AS received FROM ship_notice_line WHERE ship_notice_id = $1`,
      [id],
    );
    const locked = await this.lines.lockLines(tx, lines.map((l) => l.lineId));
    const [notice] = await sql<ShipNoticeRow>(tx.em, `SELECT ${SHIP_NOTICE_COLUMNS} FROM ship_notice n WHERE n.id = $1 FOR UPDATE`, [id]);
    return { notice, lines, locked };
  }

  /** Takes what is still in transit on the notice off each of its lines (back to open, or cancelled on a closed line). */
  private async returnRemainders(
    tx: AuthedContext,
    notice: ShipNoticeRow,
    locked: LockedLine[],
    action: string,
    describe: (quantity: number) => string,
  ) {
    const changes = locked.flatMap((target) => {
      const index = target.facts.inTransit.findIndex((s) => s.shipNoticeId === notice.id);
      return index < 0 ? [] : [{ target, after: returnShipment(target.facts, index), returned: target.facts.inTransit[index].quantity }];
    });
    await this.write(tx, changes, (t, after) => {
      const returned = changes.find((c) => c.target === t)!.returned;
      const where = after.cancelledQuantity > t.facts.cancelledQuantity ? 'cancelled: the line is closed' : 'back to open, to be promised again';
      return { action, details: `Line ${t.line.lineNumber} (${t.sku}): ${describe(returned)} (${where})` };
    });
    return changes;
  }

  /** Slip alerts and proposals for lines that slipped further, then risk. */
  private async afterReturn(tx: AuthedContext, notice: ShipNoticeRow, changes: { target: LockedLine; after: LineFacts }[]) {
    const slipped = changes.filter(({ target, after }) => slipsFurther(target.facts, after));
    raiseAlerts(tx, slipped.map(({ target, after }) => this.lines.slipAlert(target, after)) as NewAlert[]);
    await this.afterChange(tx, notice.retailer, changes.map((c) => c.target), slipped.map((s) => s.target.line.id));
  }

  private async afterChange(tx: AuthedContext, retailerId: string, lines: LockedLine[], slippedLineIds: string[]) {
    // Every position's recompute lock first: an AUTO proposal applied by the selector orders from a backup (a
    // position's lock, then the order-number counter) before the recompute below (see RiskService.lockRetailer).
    await this.risk.lockPositions(tx, retailerId, lines.map((l) => ({ itemId: l.line.item, locationId: l.line.shipTo })));
    if (slippedLineIds.length) await this.lineEvents.linesSlipped(tx, retailerId, slippedLineIds);
    await this.recompute(tx, retailerId, lines);
  }

  private recompute(tx: AuthedContext, retailerId: string, lines: LockedLine[]) {
    return this.risk.recompute(tx, retailerId, lines.map((l) => ({ itemId: l.line.item, locationId: l.line.shipTo })));
  }

  /** Saves each line's new facts, bumps each order once and records one change per line at the order's new version. */
  private async write(tx: AuthedContext, changes: { target: LockedLine; after: LineFacts }[], change: (target: LockedLine, after: LineFacts) => { action: string; details: string }) {
    for (const { target, after } of changes) await saveLine(tx.em, target.line.id, after);
    const orders = new Map(changes.map((c) => [c.target.order.id, c.target.order]));
    for (const order of orders.values()) order.version = await bumpOrder(tx.em, order.id, order.version);
    await recordChanges(tx.em, tx.caller, changes.map(({ target, after }) => ({
      purchaseOrderId: target.order.id,
      lineId: target.line.id,
      ...change(target, after),
      version: target.order.version,
    })));
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Advance ship notices. */
    shipNotices: ShipNoticeService;
  }
}
