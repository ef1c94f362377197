import type { AuthedContext } from '../../core/context';
import { inTransaction } from '../../core/transaction';
import { daysBetween, todayUtc } from '../../shared/calendar';
import { badInput, conflict, notFound } from '../../shared/errors';
import { claimIdempotencyKey } from '../tenancy/idempotency';
import { isUuid, newId } from '../../shared/ids';
import { Params, sql } from '../../shared/sql';
import { AlertType } from '../alerts/alert-type';
import { raiseAlerts, type NewAlert } from '../alerts/outbox';
import type { RiskService } from '../risk/risk.service';
import type { InventoryService } from '../inventory/inventory.service';
import type { LineEvents } from './line-events';
import { recordChanges } from './audit';
import { bumpOrder, replaceSchedule } from './order-writes';
import {
  describeSchedule,
  isSlipped,
  latestDate,
  lineStatus,
  scheduleProblem,
  scheduleTotal,
  shortfallByRequestedDate,
  slipsFurther,
  type LineFacts,
  type ScheduleEntry,
} from './line-state';
import { PurchaseOrderLineStatus as LineStatus, PurchaseOrderStatus as OrderStatus } from './purchasing.enums';
import { LINE_COLUMNS, ORDER_COLUMNS, type LineRow, type OrderRow } from './purchasing.queries';

/** A line with its order (locked), current schedule and the names alerts and audit need. */
interface LockedLine {
  line: LineRow;
  order: OrderRow;
  schedule: ScheduleEntry[];
  sku: string;
  retailerName: string;
  supplierName: string;
}

const facts = (locked: LockedLine): LineFacts => ({
  quantity: locked.line.quantity,
  requestedDate: locked.line.requestedDate,
  schedule: locked.schedule,
  rejected: locked.line.status === LineStatus.REJECTED,
  cancelled: locked.line.status === LineStatus.CANCELLED,
  receivedQuantity: locked.line.receivedQuantity,
});

const CLOSED_ORDER = [OrderStatus.DRAFT, OrderStatus.CANCELLED, OrderStatus.CLOSED];

/** A line as a reallocation reduces it (its order locked by the caller). */
export interface ReducedLine {
  id: string;
  orderId: string;
  orderNumber: string;
  orderVersion: number;
  lineNumber: number;
  sku: string;
  supplier: string;
  quantity: number;
  requestedDate: string;
  schedule: ScheduleEntry[];
  receivedQuantity: number;
}

/** The supplier's confirmations and rejections, and the retailer's receipts, line by line. */
export class PurchaseOrderLineService {
  constructor(
    private readonly risk: RiskService,
    private readonly inventory: InventoryService,
    private readonly lineEvents: LineEvents,
  ) {}

  /**
   * (Re)confirms a line with a delivery schedule that may split it over dates.
   * The new schedule replaces the old; every promise stays in the history.
   */
  async confirm(
    ctx: AuthedContext,
    input: { lineId: string; schedule: ScheduleEntry[]; expectedVersion?: number | null; idempotencyKey?: string | null },
  ): Promise<string> {
    const schedule = input.schedule.map((s) => ({ quantity: s.quantity, deliveryDate: s.deliveryDate }));
    return inTransaction(ctx, async (tx) => {
      const replay = await this.claim(tx, 'confirmPurchaseOrderLine', input);
      if (replay) return replay;
      const locked = await this.lockLine(tx, input.lineId);
      const { line, order } = locked;
      if (CLOSED_ORDER.includes(order.status)) throw badInput('input.lineId', `${order.number} is ${order.status}: its lines cannot be confirmed`);
      if (line.status === LineStatus.RECEIVED || line.status === LineStatus.CANCELLED) {
        throw badInput('input.lineId', `Line ${line.lineNumber} of ${order.number} is ${line.status} and cannot be confirmed`);
      }
      this.checkVersion(order, input.expectedVersion);
      const problem = scheduleProblem(schedule, line.quantity, todayUtc());
      if (problem) throw badInput(problem.field, problem.message);

      const before = facts(locked);
      const after: LineFacts = { ...before, schedule, rejected: false };
      await replaceSchedule(tx.em, line.id, schedule);
      await this.saveLine(tx, line.id, after);
      const sequence = await this.recordPromise(tx, line.id, 'CONFIRMED', schedule, null);
      const version = await bumpOrder(tx.em, order.id, order.version);
      const was = before.rejected ? 'rejected' : before.schedule.length ? describeSchedule(before.schedule) : 'unconfirmed';
      await recordChanges(tx.em, ctx.caller, [{
        purchaseOrderId: order.id,
        lineId: line.id,
        action: sequence === 1 ? 'LINE_CONFIRMED' : 'LINE_RECONFIRMED',
        details: `Line ${line.lineNumber} (${locked.sku}): ${describeSchedule(schedule)} (was: ${was})`,
        version,
      }]);
      const alerts: NewAlert[] = [{
        organizationId: order.retailer,
        type: AlertType.PURCHASE_ORDER_CONFIRMED,
        message: `${locked.supplierName} ${sequence === 1 ? 'confirmed' : 're-confirmed'} ${order.number} line ${line.lineNumber} (${locked.sku}): ${describeSchedule(schedule)}`,
        purchaseOrderId: order.id,
        purchaseOrderLineId: line.id,
        itemId: line.item,
        locationId: line.shipTo,
      }];
      const slipped = slipsFurther(before, after);
      if (slipped) alerts.push(this.slipAlert(locked, after));
      raiseAlerts(tx, alerts);
      await this.recomputeRisk(tx, line);
      // Every slip asks the backup-supplier selector, in the same transaction.
      if (slipped) await this.lineEvents.linesSlipped(tx, line.retailer, [line.id]);
      return line.id;
    });
  }

  /** The supplier cannot deliver the line at all; nothing of it counts as inbound any more. */
  async reject(ctx: AuthedContext, input: { lineId: string; reason: string; idempotencyKey?: string | null }): Promise<string> {
    const reason = input.reason.trim();
    if (!reason) throw badInput('input.reason', 'Say why the line is rejected');
    return inTransaction(ctx, async (tx) => {
      const replay = await this.claim(tx, 'rejectPurchaseOrderLine', input);
      if (replay) return replay;
      const locked = await this.lockLine(tx, input.lineId);
      const { line, order } = locked;
      if (CLOSED_ORDER.includes(order.status)) throw badInput('input.lineId', `${order.number} is ${order.status}: its lines cannot be rejected`);
      if (line.receivedQuantity > 0 || line.status === LineStatus.CANCELLED || line.status === LineStatus.REJECTED) {
        const state = line.receivedQuantity > 0 ? 'partly or fully received' : line.status;
        throw badInput('input.lineId', `Line ${line.lineNumber} of ${order.number} is ${state} and cannot be rejected`);
      }
      const before = facts(locked);
      const after: LineFacts = { ...before, schedule: [], rejected: true };
      await replaceSchedule(tx.em, line.id, []);
      await this.saveLine(tx, line.id, after, reason);
      await this.recordPromise(tx, line.id, 'REJECTED', [], reason);
      const version = await bumpOrder(tx.em, order.id, order.version);
      await recordChanges(tx.em, ctx.caller, [{
        purchaseOrderId: order.id,
        lineId: line.id,
        action: 'LINE_REJECTED',
        details: `Line ${line.lineNumber} (${locked.sku}) rejected: ${reason}`,
        version,
      }]);
      raiseAlerts(tx, [
        {
          organizationId: order.retailer,
          type: AlertType.PURCHASE_ORDER_CONFIRMED,
          message: `${locked.supplierName} rejected ${order.number} line ${line.lineNumber} (${locked.sku}): ${reason}`,
          purchaseOrderId: order.id,
          purchaseOrderLineId: line.id,
          itemId: line.item,
          locationId: line.shipTo,
        },
        ...(slipsFurther(before, after) ? [this.slipAlert(locked, after)] : []),
      ]);
      await this.recomputeRisk(tx, line);
      await this.lineEvents.linesSlipped(tx, line.retailer, [line.id]);
      return line.id;
    });
  }

  /** Goods arrived: recorded against the line and added to on-hand stock at the ship-to location. */
  async receive(ctx: AuthedContext, input: { lineId: string; quantity: number; receivedAt?: string | null }): Promise<string> {
    const today = todayUtc();
    const receivedOn = input.receivedAt ?? today;
    if (receivedOn > today) throw badInput('input.receivedAt', `Goods cannot be received in the future (today is ${today})`);
    return inTransaction(ctx, async (tx) => {
      const locked = await this.lockLine(tx, input.lineId);
      const { line, order } = locked;
      if (CLOSED_ORDER.includes(order.status)) throw badInput('input.lineId', `${order.number} is ${order.status}: nothing can be received on it`);
      if (line.status === LineStatus.REJECTED || line.status === LineStatus.CANCELLED) {
        throw badInput('input.lineId', `Line ${line.lineNumber} of ${order.number} is ${line.status}: nothing can be received on it`);
      }
      if (line.issuedOn && receivedOn < line.issuedOn) {
        throw badInput('input.receivedAt', `${order.number} was issued on ${line.issuedOn}; a receipt cannot be earlier`);
      }
      const open = line.quantity - line.receivedQuantity;
      if (input.quantity > open) throw badInput('input.quantity', `Only ${open} more can be received on this line (ordered ${line.quantity})`);
      const after: LineFacts = { ...facts(locked), receivedQuantity: line.receivedQuantity + input.quantity };
      await sql(
        tx.em,
        `INSERT INTO receipt (id, line_id, quantity, received_on, actor, created_at) VALUES ($1, $2, $3, $4, $5, now())`,
        [newId(), line.id, input.quantity, receivedOn, ctx.caller.actor],
      );
      await this.saveLine(tx, line.id, after);
      await this.inventory.addReceived(tx, { itemId: line.item, locationId: line.shipTo, quantity: input.quantity });
      const version = await bumpOrder(tx.em, order.id, order.version);
      await recordChanges(tx.em, ctx.caller, [{
        purchaseOrderId: order.id,
        lineId: line.id,
        action: 'LINE_RECEIVED',
        details: `Line ${line.lineNumber} (${locked.sku}): received ${input.quantity} on ${receivedOn} (${after.receivedQuantity} of ${line.quantity} in all)`,
        version,
      }]);
      await this.recomputeRisk(tx, line);
      return line.id;
    });
  }

  private recomputeRisk(tx: AuthedContext, line: LineRow) {
    return this.risk.recompute(tx, line.retailer, [{ itemId: line.item, locationId: line.shipTo }]);
  }

  /**
   * Claims the request's idempotency key: null for a first request, or the
   * line of the first one, re-read under today's visibility (after a
   * suspension the line is NOT_FOUND, as for any other request).
   */
  private async claim(tx: AuthedContext, operation: string, input: { lineId: string; idempotencyKey?: string | null }): Promise<string | null> {
    if (input.idempotencyKey == null) return null;
    const { idempotencyKey, ...rest } = input;
    if (!idempotencyKey.trim() || idempotencyKey.length > 200) throw badInput('input.idempotencyKey', 'An idempotency key has 1 to 200 characters');
    const replay = await claimIdempotencyKey(tx.em, tx.caller.organizationId, idempotencyKey, { operation, input: rest }, input.lineId);
    if (replay === null) return null;
    const p = new Params();
    const [visible] = await sql<{ id: string }>(
      tx.em,
      `SELECT l.id FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id
        WHERE l.id = ${p.add(replay)} AND ${tx.scope.where('purchaseOrder', 'po', p)}`,
      p.values,
    );
    if (!visible) throw notFound('Purchase order line', 'input.lineId');
    return replay;
  }

  private checkVersion(order: OrderRow, expected: number | null | undefined) {
    if (expected != null && expected !== order.version) {
      throw conflict(`${order.number} is at version ${order.version}, not ${expected}: reload it and try again`, 'input.expectedVersion');
    }
  }

  /** Locks the line's order for this transaction, so concurrent changes to one order run one after another. */
  private async lockLine(tx: AuthedContext, lineId: string): Promise<LockedLine> {
    if (!isUuid(lineId)) throw notFound('Purchase order line', 'input.lineId');
    const p = new Params();
    const visible = tx.scope.where('purchaseOrder', 'po', p);
    const [target] = await sql<{ order_id: string }>(
      tx.em,
      `SELECT po.id AS order_id FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id
        WHERE l.id = ${p.add(lineId)} AND ${visible} FOR UPDATE OF po`,
      p.values,
    );
    if (!target) throw notFound('Purchase order line', 'input.lineId');
    // One connection per transaction: these run one after the other.
    const [line] = await sql<LineRow & { sku: string; retailer_name: string; supplier_name: string }>(
      tx.em,
      `SELECT ${LINE_COLUMNS}, i.sku, r.name AS retailer_name, s.name AS supplier_name
         FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id JOIN item i ON i.id = l.item_id
         JOIN organization r ON r.id = po.retailer_id JOIN organization s ON s.id = po.supplier_id
        WHERE l.id = $1`,
      [lineId],
    );
    const [order] = await sql<OrderRow>(tx.em, `SELECT ${ORDER_COLUMNS} FROM purchase_order po WHERE po.id = $1`, [target.order_id]);
    const schedule = await sql<ScheduleEntry>(
      tx.em,
      `SELECT quantity, delivery_date::text AS "deliveryDate" FROM schedule_line WHERE line_id = $1 ORDER BY delivery_date`,
      [lineId],
    );
    return { line, order, schedule, sku: line.sku, retailerName: line.retailer_name, supplierName: line.supplier_name };
  }

  private async saveLine(tx: AuthedContext, lineId: string, after: LineFacts, rejectionReason: string | null = null) {
    await sql(
      tx.em,
      `UPDATE purchase_order_line SET status = $2, confirmed_quantity = $3, latest_delivery_date = $4, slipped = $5,
              received_quantity = $6, rejection_reason = $7 WHERE id = $1`,
      [lineId, lineStatus(after), scheduleTotal(after.schedule), latestDate(after.schedule), isSlipped(after), after.receivedQuantity, rejectionReason],
    );
  }

  private async recordPromise(tx: AuthedContext, lineId: string, kind: 'CONFIRMED' | 'REJECTED', schedule: ScheduleEntry[], reason: string | null): Promise<number> {
    const [row] = await sql<{ sequence: number }>(
      tx.em,
      `INSERT INTO confirmation (id, line_id, sequence, kind, schedule, reason, actor, created_at)
       SELECT $1, $2, coalesce(max(sequence), 0) + 1, $3, $4::jsonb, $5, $6, now() FROM confirmation WHERE line_id = $2
       RETURNING sequence`,
      [newId(), lineId, kind, JSON.stringify(schedule), reason, tx.caller.actor],
    );
    return row.sequence;
  }

  private slipAlert(locked: LockedLine, after: LineFacts): NewAlert {
    const { line, order } = locked;
    const short = shortfallByRequestedDate(after);
    const latest = latestDate(after.schedule);
    const how = after.rejected
      ? `rejected all ${line.quantity} units requested for ${line.requestedDate}`
      : [
          short > 0 ? `${short} of ${line.quantity} units will not arrive by ${line.requestedDate}` : null,
          latest && latest > line.requestedDate ? `last delivery ${latest}, ${daysBetween(line.requestedDate, latest)} day(s) late` : null,
          scheduleTotal(after.schedule) < line.quantity ? `only ${scheduleTotal(after.schedule)} of ${line.quantity} confirmed` : null,
        ].filter(Boolean).join('; ');
    return {
      organizationId: order.retailer,
      type: AlertType.SUPPLIER_SLIPPED,
      message: `${locked.supplierName} slipped on ${order.number} line ${line.lineNumber} (${locked.sku}): ${how}`,
      purchaseOrderId: order.id,
      purchaseOrderLineId: line.id,
      itemId: line.item,
      locationId: line.shipTo,
    };
  }

  /**
   * A reallocation takes `by` units off a slipped line: they are the ones
   * that would have arrived last, so the schedule loses its latest deliveries
   * first. The supplier is told; the history does not name the backup
   * suppliers (both parties read it).
   */
  async reduceForReallocation(tx: AuthedContext, line: ReducedLine, by: number): Promise<void> {
    const quantity = line.quantity - by;
    let excess = Math.max(0, scheduleTotal(line.schedule) - quantity);
    const schedule = [...line.schedule].sort((a, b) => b.deliveryDate.localeCompare(a.deliveryDate)).flatMap((s) => {
      const cut = Math.min(excess, s.quantity);
      excess -= cut;
      return s.quantity - cut > 0 ? [{ ...s, quantity: s.quantity - cut }] : [];
    });
    const facts = { quantity, requestedDate: line.requestedDate, schedule, rejected: false, cancelled: quantity === 0, receivedQuantity: line.receivedQuantity };
    await replaceSchedule(tx.em, line.id, quantity > 0 ? schedule : []);
    await sql(
      tx.em,
      `UPDATE purchase_order_line SET quantity = $2, status = $3, confirmed_quantity = $4, latest_delivery_date = $5, slipped = $6 WHERE id = $1`,
      [line.id, quantity, lineStatus(facts), quantity > 0 ? scheduleTotal(schedule) : 0, quantity > 0 ? latestDate(schedule) : null, quantity > 0 && isSlipped(facts)],
    );
    const version = await bumpOrder(tx.em, line.orderId, line.orderVersion);
    // Both parties read this history: it must not name the other suppliers.
    await recordChanges(tx.em, tx.caller, [{
      purchaseOrderId: line.orderId,
      lineId: line.id,
      action: 'LINE_REDUCED',
      details: `Line ${line.lineNumber} (${line.sku}): quantity reduced from ${line.quantity} to ${quantity}, reallocated by the buyer`,
      version,
    }]);
    raiseAlerts(tx, [{
      organizationId: line.supplier,
      type: AlertType.PURCHASE_ORDER_CHANGED,
      message: `${tx.caller.organizationName} reduced ${line.orderNumber} line ${line.lineNumber} (${line.sku}) from ${line.quantity} to ${quantity}`,
      purchaseOrderId: line.orderId,
      purchaseOrderLineId: line.id,
    }]);
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Confirmations, rejections and receipts of lines. */
    purchaseOrderLines: PurchaseOrderLineService;
  }
}
