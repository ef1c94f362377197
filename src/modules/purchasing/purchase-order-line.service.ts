import type { AuthedContext } from '../../core/context';
import { groupBy } from '../../shared/collections';
import { actingFor, inOwnMutationTransaction, inTransaction, learnPartners, transactionEnded } from '../../core/transaction';
import type { Caller } from '../../core/caller';
import { GroupCommit, type BatchOutcome } from '../../shared/group-commit';
import { daysBetween, type CalendarDate } from '../../shared/calendar';
import { fromScaled, toScaled } from '../../shared/money';
import { badInput, conflict, DomainError, DuplicateCheck, notFound } from '../../shared/errors';
import { claimIdempotencyKey } from '../tenancy/idempotency';
import { isUuid, newId } from '../../shared/ids';
import { Params, sql } from '../../shared/sql';
import { AlertType } from '../alerts/alert-type';
import { raiseAlerts, type NewAlert } from '../alerts/outbox';
import type { RiskService } from '../risk/risk.service';
import type { InventoryService } from '../inventory/inventory.service';
import type { LineEvents } from './line-events';
import { recordChanges } from './audit';
import { bumpOrder, replaceSchedule, saveLine, writeLineChanges, type OrderWrite } from './order-writes';
import { describeSchedule, rollUpOrderStatus, scheduleProblem } from './line-state';
import {
  changeOrder,
  closeShort,
  inTransitQuantity,
  lineStatus,
  openQuantity,
  promise,
  receive,
  reduce,
  reject,
  remainingSchedule,
  sameInbound,
  shortfall,
  slipsFurther,
  uncoveredQuantity,
  unshippedQuantity,
  type LineQuantities,
  type ScheduleEntry,
} from '../open-orders/open-quantity';
import { PurchaseOrderLineStatus as LineStatus } from '../open-orders/line-status';
import { PurchaseOrderStatus as OrderStatus } from './purchasing.enums';
import { factsOf, LINE_STATE_COLUMNS, type LineFacts, type LineStateRow } from '../open-orders/open-orders.queries';
import { LOCATION_TIME_ZONE_SQL } from '../../core/local-dates';
import { OrganizationKind } from '../../core/tenancy.enums';
import { LINE_COLUMNS, LINES_AND_ORDERS_BY_ID, ORDER_COLUMNS, type LineRow, type OrderRow } from './purchasing.queries';
import { purchasingLoaders } from './purchasing.loaders';

/** A line with its order (locked), its open-quantity facts and the names alerts and audit need. */
export interface LockedLine {
  line: LineRow;
  order: LockedOrder;
  facts: LineFacts;
  sku: string;
  retailerName: string;
  supplierName: string;
  /** The sourcing rule's over-delivery tolerance (0 without a rule). */
  tolerancePercent: number;
  /** Promises (and rejections) in the line's history so far: the next one is number promises + 1. */
  promises: number;
}

/** A locked order, with the state of each of its lines as locked (what its status rolls up from). */
export interface LockedOrder extends OrderRow {
  lineStates: { id: string; status: LineStatus; receivedQuantity: number }[];
}

/** Orders nothing can be received on. A CLOSED order still receives what was in transit when it closed. */
const NOT_RECEIVABLE = [OrderStatus.DRAFT, OrderStatus.CANCELLED];
/** Orders whose lines the supplier can no longer answer. */
const NOT_CONFIRMABLE = [OrderStatus.DRAFT, OrderStatus.CANCELLED, OrderStatus.CLOSED];

/** A line as a reallocation reduces it (its order locked by the caller). */
export interface ReducedLine {
  id: string;
  orderId: string;
  orderNumber: string;
  orderVersion: number;
  lineNumber: number;
  sku: string;
  supplier: string;
  facts: LineFacts;
}

/** "(ordered 100, received 60, 15 in transit)": what the numbers of an answer are measured against. */
function describeOpen(facts: LineFacts): string {
  const parts = [`ordered ${facts.quantity}`];
  if (facts.cancelledQuantity) parts.push(`cancelled ${facts.cancelledQuantity}`);
  if (facts.receivedQuantity) parts.push(`received ${facts.receivedQuantity}`);
  const transit = inTransitQuantity(facts);
  if (transit) parts.push(`${transit} in transit`);
  return parts.join(', ');
}

/**
 * What a confirmation says of the price (EDI 855 "accept with changes"): a
 * unitCost other than the line's is a proposal held until the retailer
 * decides; the line's own price withdraws a pending proposal; none says
 * nothing. With the words its history record and alert add.
 */
function priceAnswer(line: LineRow, unitCost: string | null): { proposed?: string | null; history: string; alert: string } {
  if (unitCost == null) return { history: '', alert: '' };
  const agreed = fromScaled(toScaled(line.unitCost));
  if (toScaled(unitCost) === toScaled(line.unitCost)) {
    return line.proposedUnitCost == null
      ? { history: '', alert: '' }
      : { proposed: null, history: `; withdraws the proposed unit cost ${fromScaled(toScaled(line.proposedUnitCost))} (stays ${agreed})`, alert: ` at the agreed unit cost ${agreed}` };
  }
  const offered = fromScaled(toScaled(unitCost));
  return { proposed: offered, history: `; proposes unit cost ${agreed} -> ${offered}`, alert: `; proposes unit cost ${agreed} -> ${offered}: accept or reject it` };
}

/** "quantity 100 -> 60, requested date 2026-12-10 -> 2026-12-08": what a change order changed, old -> new. */
function describeChange(before: LineQuantities, after: LineQuantities): string {
  return [
    before.quantity !== after.quantity ? `quantity ${before.quantity} -> ${after.quantity}` : null,
    before.requestedDate !== after.requestedDate ? `requested date ${before.requestedDate} -> ${after.requestedDate}` : null,
  ].filter(Boolean).join(', ');
}

/** One line's confirmation as confirmLines takes it. */
interface ConfirmationEntry {
  lineId: string;
  schedule: ScheduleEntry[];
  expectedVersion?: number | null;
  unitCost?: string | null;
}

/** Most single confirmations one batch of group commit takes (see confirm). */
const MAX_CONFIRMATIONS_PER_GROUP_COMMIT = 32;
/** Batches of one caller's confirmations under way at once: while one waits on the database, the next is being built. */
const GROUP_COMMIT_PARALLEL = 1;
/** How long a batch under way holds the caller's next confirmations back at most (one waiting on another transaction's lock, say). */
const GROUP_COMMIT_HOLD_MS = 100;

/**
 * Which single confirmations may share a transaction: the same caller (one
 * session or API key, with the same role, scopes and audit name), so the
 * history and the permissions are those each would have had alone. A batch
 * is written under the ACTIVE partners its leader learns when the batch
 * starts, after every member's request began (the scope's rules and
 * row-level security read them): each member sees what it would have seen
 * alone at that moment, and a partnership suspended before a request began
 * is never among them.
 */
function confirmationGroup(caller: Caller): string {
  return JSON.stringify([caller.credential, caller.id, caller.organizationId, caller.role, caller.scopes, caller.actor]);
}

/** The supplier's confirmations and rejections, and the retailer's receipts, closings and changes, line by line. */
export class PurchaseOrderLineService {
  /** Concurrent single confirmations of one caller, committed together (confirm). */
  private readonly confirmations = new GroupCommit<ConfirmationEntry, { id: string; row: LineRow | null | Error | undefined; partners: readonly string[] }>({ maxBatch: MAX_CONFIRMATIONS_PER_GROUP_COMMIT, parallel: GROUP_COMMIT_PARALLEL, holdMs: GROUP_COMMIT_HOLD_MS });

  constructor(
    private readonly risk: RiskService,
    private readonly inventory: InventoryService,
    private readonly lineEvents: LineEvents,
  ) {}

  /** Told of each committed group-commit batch of single confirmations: how many it wrote. */
  get confirmationBatchListeners(): Set<(written: number) => void> {
    return this.confirmations.committedListeners;
  }

  /**
   * (Re)confirms a line with a delivery schedule that may split it over
   * dates. The promise lists what is still to come: at most the open
   * quantity not in transit. It replaces the old one; every promise stays in
   * the history.
   *
   * Group commit (src/shared/group-commit.ts): in a mutation field's own
   * transaction, without an idempotency key, concurrent confirmations of one
   * caller are written together, in the transaction of the one that leads
   * the batch, through confirmLines (one set of statements for all; each
   * line's history, alerts, risk recompute and slip handling as one by one).
   * Entries that touch the same order or the same retailer's item as an
   * earlier one of the batch wait for the next batch, so each order's
   * versions, each item's risk alerts and the selector see them one after
   * the other. Each request answers once the batch has committed; a bad
   * entry gets its own error and writes nothing, the others go on.
   */
  async confirm(
    ctx: AuthedContext,
    input: { lineId: string; schedule: ScheduleEntry[]; expectedVersion?: number | null; idempotencyKey?: string | null; unitCost?: string | null },
  ): Promise<string> {
    const { idempotencyKey, ...entry } = input;
    const lines = purchasingLoaders(ctx).line;
    const alone = async () => {
      await learnPartners(ctx);
      const [id] = await this.confirmLines(ctx, 'confirmPurchaseOrderLine', [entry], idempotencyKey ?? null, (_i, name) => `input.${name}`, entry);
      lines.clear(id); // the answer reads the line as this confirmation left it
      return id;
    };
    if (idempotencyKey != null || !inOwnMutationTransaction(ctx)) return alone();
    const { id, row, partners } = await this.confirmations.submit(
      confirmationGroup(ctx.caller),
      entry,
      async (entries) => {
        // The whole batch is written under the partners its transaction learns with its BEGIN, after each member's
        // request began (a field learns none before it asks: READS_BEFORE_BEGIN); its first statement, the lines'
        // lock, carries them (Scope's rules read them from the settings until they are known).
        const outcomes: BatchOutcome<string>[] = entries.map(() => ({ deferred: true }));
        await this.confirmLines(ctx, 'confirmPurchaseOrderLine', entries, null, (_i, name) => `input.${name}`, null, outcomes);
        await learnPartners(ctx); // known by now, unless no entry named a line id
        const partners = ctx.scope.partnerIds;
        // Every written line as the batch left it, read once in its transaction for all its requests (each would read
        // its own after the commit otherwise): they are one caller's, with the same partners, so they see the same row.
        const written = outcomes.flatMap((o) => ('done' in o ? [o.done] : []));
        written.forEach((lineId) => lines.clear(lineId));
        const rows = await lines.loadMany(written);
        const rowOf = new Map(written.map((lineId, i) => [lineId, rows[i]]));
        return {
          outcomes: outcomes.map((o) => ('done' in o ? { done: { id: o.done, row: rowOf.get(o.done), partners } } : o)),
          ended: transactionEnded(ctx),
        };
      },
      async () => ({ id: await alone(), row: undefined, partners: ctx.scope.partnerIds }),
    );
    // A member of the batch: its answer is the row its leader read (the leader's own is in its loader already), and
    // whatever else it reads, under the partners its write was made with.
    ctx.scope.adopt(partners);
    if (row && !(row instanceof Error)) lines.clear(id).prime(id, row);
    return id;
  }

  /**
   * An EDI batch (855): confirms up to MAX_LINES_PER_CONFIRMATION_BATCH
   * lines, all or nothing, with the same rules, history and alerts as
   * confirm one by one (each line's change record carries the version its
   * order would have had). Errors name the entry (input.lines[N].field).
   * Shortage risk is recomputed once for every item x location touched, so
   * SHORTAGE_RISK_CHANGED says the net change of the batch.
   */
  confirmMany(
    ctx: AuthedContext,
    input: { lines: { lineId: string; schedule: ScheduleEntry[]; expectedVersion?: number | null; unitCost?: string | null }[]; idempotencyKey?: string | null },
  ): Promise<string[]> {
    if (input.lines.length === 0) throw badInput('input.lines', 'Give at least one line to confirm');
    const duplicates = new DuplicateCheck('input.lines', 'lineId', ': one entry per order line');
    for (const [i, entry] of input.lines.entries()) duplicates.check(entry.lineId, i);
    return this.confirmLines(ctx, 'confirmPurchaseOrderLines', input.lines, input.idempotencyKey ?? null, (i, name) => `input.lines[${i}].${name}`, input.lines);
  }

  /**
   * Acknowledges a whole order as requested: every line still waiting for
   * the supplier's first answer (OPEN) is confirmed for what is left to
   * promise of it on its requested date, in one batch through confirmLines
   * (the same rules, history, alerts, risk recompute and slip handling as
   * confirmMany), all or nothing. Lines already answered are left as they
   * are. Errors name input.purchaseOrderId (or input.expectedVersion).
   */
  async acknowledgeOrder(
    ctx: AuthedContext,
    input: { purchaseOrderId: string; expectedVersion?: number | null; idempotencyKey?: string | null },
  ): Promise<string> {
    const { purchaseOrderId, idempotencyKey } = input;
    if (!isUuid(purchaseOrderId)) throw notFound('Purchase order', 'input.purchaseOrderId');
    return inTransaction(ctx, async (tx) => {
      if (idempotencyKey != null) {
        const request = { operation: 'acknowledgePurchaseOrder', input: { purchaseOrderId, expectedVersion: input.expectedVersion ?? null } };
        const replay = await claimIdempotencyKey(tx.em, tx.caller.organizationId, idempotencyKey, request, purchaseOrderId);
        if (replay !== null) {
          if (!(await this.visibleOrder(tx, replay, false))) throw notFound('Purchase order', 'input.purchaseOrderId');
          return replay;
        }
      }
      const order = await this.visibleOrder(tx, purchaseOrderId, true);
      if (!order) throw notFound('Purchase order', 'input.purchaseOrderId');
      this.checkVersion(order, input.expectedVersion, 'input.expectedVersion');
      const locked = await this.lockLines(tx, order.lineIds);
      const waiting = locked.filter(({ line, facts }) => line.status === LineStatus.OPEN && !facts.closed && unshippedQuantity(facts) > 0);
      if (waiting.length === 0) throw badInput('input.purchaseOrderId', `${order.number} has no line waiting for an answer`);
      // Today where the order ships to (DESIGN.md, Local dates): the one ship-to of the order.
      const today = await tx.services.localDates.todayAtOne(tx.em, waiting[0].line.shipTo);
      const past = waiting.find(({ line }) => line.requestedDate < today);
      if (past) {
        throw badInput('input.purchaseOrderId', `Line ${past.line.lineNumber} (${past.sku}) was requested for ${past.line.requestedDate}, which has passed (today is ${today}): confirm it with a new date`);
      }
      const entries = waiting.map(({ line, facts }) => ({
        lineId: line.id,
        schedule: [{ quantity: unshippedQuantity(facts), deliveryDate: line.requestedDate }],
        expectedVersion: order.version,
      }));
      const field = (_i: number, name: string) => (name === 'expectedVersion' ? 'input.expectedVersion' : 'input.purchaseOrderId');
      await this.confirmLines(tx, 'acknowledgePurchaseOrder', entries, null, field, null);
      return purchaseOrderId;
    });
  }

  /** The order (locked FOR UPDATE when asked) and its line ids, if the caller may see it. */
  private async visibleOrder(tx: AuthedContext, id: string, lock: boolean): Promise<(OrderRow & { lineIds: string[] }) | null> {
    const p = new Params();
    const visible = tx.scope.where('purchaseOrder', 'po', p);
    const [row] = await sql<OrderRow & { lineIds: string[] | null }>(
      tx.em,
      `SELECT ${ORDER_COLUMNS}, (SELECT array_agg(l.id ORDER BY l.line_number) FROM purchase_order_line l WHERE l.purchase_order_id = po.id) AS "lineIds"
         FROM purchase_order po WHERE ${visible} AND po.id = ${p.add(id)}${lock ? ' FOR UPDATE OF po' : ''}`,
      p.values,
    );
    return row ? { ...row, lineIds: row.lineIds ?? [] } : null;
  }

  /**
   * What confirm and confirmMany share: every line checked before anything
   * is written, then each write once for all of them. All or nothing,
   * unless `batch` is given (group commit, see confirm): then it is filled
   * with each entry's outcome, and an entry other than the first that is bad
   * input fails alone, and one that touches the order or the retailer's item
   * of an earlier entry is deferred; neither is written.
   */
  private confirmLines(
    ctx: AuthedContext,
    operation: string,
    entries: ConfirmationEntry[],
    idempotencyKey: string | null,
    field: (index: number, name: string) => string,
    fingerprint: unknown,
    batch?: BatchOutcome<string>[],
  ): Promise<string[]> {
    const requested = entries.map((e) => ({
      lineId: e.lineId,
      schedule: e.schedule.map((s) => ({ quantity: s.quantity, deliveryDate: s.deliveryDate })),
      expectedVersion: e.expectedVersion ?? null,
      unitCost: e.unitCost ?? null,
    }));
    return inTransaction(ctx, async (tx) => {
      const replay = await this.claimMany(tx, operation, requested, idempotencyKey, field, fingerprint);
      if (replay) return replay;
      const lockedLines = await this.lockLines(tx, requested.map((e) => e.lineId));
      const byId = new Map(lockedLines.map((l) => [l.line.id, l]));
      // Dates may not be in the past at each line's ship-to location (DESIGN.md, Local dates).
      const todays = await ctx.services.localDates.todayAt(tx.em, lockedLines.map((l) => l.line.shipTo));
      const plan = (entry: (typeof requested)[number], i: number, locked: LockedLine | undefined) => {
        if (!locked) throw notFound('Purchase order line', field(i, 'lineId'));
        const { line, order, facts } = locked;
        if (NOT_CONFIRMABLE.includes(order.status)) throw badInput(field(i, 'lineId'), `${order.number} is ${order.status}: its lines cannot be confirmed`);
        if ([LineStatus.RECEIVED, LineStatus.CANCELLED, LineStatus.CLOSED].includes(line.status) || facts.closed) {
          throw badInput(field(i, 'lineId'), `Line ${line.lineNumber} of ${order.number} is ${facts.closed ? 'closed' : line.status} and cannot be confirmed`);
        }
        this.checkVersion(order, entry.expectedVersion, field(i, 'expectedVersion'));
        const limit = unshippedQuantity(facts);
        if (limit === 0) throw badInput(field(i, 'lineId'), `Nothing of line ${line.lineNumber} is left to promise: all ${openQuantity(facts)} still open are in transit`);
        const untouched = facts.cancelledQuantity === 0 && facts.receivedQuantity === 0 && inTransitQuantity(facts) === 0;
        const today = todays.get(line.shipTo)!;
        const problem = scheduleProblem(entry.schedule, limit, today, field(i, 'schedule'), untouched ? 'ordered' : `still to come (${describeOpen(facts)})`);
        if (problem) throw badInput(problem.field, problem.message);
        return { locked, schedule: entry.schedule, after: promise(facts, entry.schedule), price: priceAnswer(line, entry.unitCost) };
      };
      const plans: ReturnType<typeof plan>[] = [];
      // Group commit: what the batch's kept entries touch (an order, a retailer's item), so a later entry touching it waits.
      const touched = new Set<string>();
      for (const [i, entry] of requested.entries()) {
        const locked = byId.get(entry.lineId);
        if (!batch) {
          plans.push(plan(entry, i, locked));
          continue;
        }
        const touches = locked ? [`order ${locked.order.id}`, `item ${locked.line.retailer} ${locked.line.item}`] : [];
        if (touches.some((t) => touched.has(t))) continue; // stays deferred
        try {
          plans.push(plan(entry, i, locked));
        } catch (err) {
          // The batch's first entry is its leader's own request: its error fails that request, and with it the batch.
          if (i === 0 || !(err instanceof DomainError)) throw err;
          batch[i] = { failed: err };
          continue;
        }
        for (const t of touches) touched.add(t);
        batch[i] = { done: entry.lineId };
      }

      const sequences = plans.map((p) => p.locked.promises + 1);
      const { versions, orders } = this.nextVersions(plans.map((p) => ({ locked: p.locked, after: p.after })));
      await writeLineChanges(tx.em, {
        by: ctx.caller,
        schedules: plans.map((p) => ({ lineId: p.locked.line.id, schedule: p.schedule })),
        lines: plans.map((p) => ({ lineId: p.locked.line.id, after: p.after })),
        promises: plans.map((p, i) => ({ lineId: p.locked.line.id, sequence: sequences[i], kind: 'CONFIRMED' as const, schedule: p.schedule, reason: null })),
        orders,
        history: plans.map(({ locked, schedule }, i) => {
          const { line, facts } = locked;
          const remaining = remainingSchedule(facts);
          const was = facts.rejected ? 'rejected' : facts.schedule.length ? describeSchedule(remaining) || 'nothing left of the last promise' : 'unconfirmed';
          const changed = locked.facts.acknowledgementRequired ? ', acknowledging the change' : '';
          return {
            purchaseOrderId: locked.order.id,
            lineId: line.id,
            action: sequences[i] === 1 ? 'LINE_CONFIRMED' : 'LINE_RECONFIRMED',
            details: `Line ${line.lineNumber} (${locked.sku}): ${describeSchedule(schedule)} (was: ${was})${changed}${plans[i].price.history}`,
            version: versions[i],
          };
        }),
      });
      await this.writeProposedPrices(tx, plans.filter((p) => p.price.proposed !== undefined).map((p) => ({ lineId: p.locked.line.id, proposed: p.price.proposed! })));
      for (const plan of plans) plan.locked.promises += 1;
      const slipped = plans.filter((p) => slipsFurther(p.locked.facts, p.after));
      raiseAlerts(tx, plans.flatMap(({ locked, schedule, after, price }, i) => {
        const { line, order } = locked;
        const confirmed: NewAlert = {
          organizationId: order.retailer,
          type: AlertType.PURCHASE_ORDER_CONFIRMED,
          message: `${locked.supplierName} ${sequences[i] === 1 ? 'confirmed' : 're-confirmed'} ${order.number} line ${line.lineNumber} (${locked.sku}): ${describeSchedule(schedule)}${price.alert}`,
          purchaseOrderId: order.id,
          purchaseOrderLineId: line.id,
          itemId: line.item,
          locationId: line.shipTo,
        };
        return slipsFurther(locked.facts, after) ? [confirmed, this.slipAlert(locked, after)] : [confirmed];
      }));
      // Each retailer's risk is recomputed, and every slip asks the backup-supplier selector, in the same transaction; both
      // act for the retailer (its inputs, its proposals), so the transaction switches to it once for both.
      const slippedIds = new Set(slipped.map((p) => p.locked.line.id));
      // A line promised just what it was already expected to bring changes no input of its position (the projection
      // reads it only through its inbound part): that position keeps its stored risk (RiskService.recomputeAfterChange).
      const sameInputs = new Set(plans.filter((p) => sameInbound(p.locked.facts, p.after)).map((p) => p.locked.line.id));
      // Retailer by retailer in id order, whatever order the entries came in: each takes its retailer's recompute locks,
      // and two batches (or two group-commit batches) over the same retailers must take them in one order, or deadlock.
      const byRetailer = [...groupBy(plans.map((p) => p.locked), (l) => l.line.retailer)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [retailerId, locked] of byRetailer) {
        // The retailer as read with its lines, through the caller's order rule (an order it may see is a partner's).
        const retailer = { id: retailerId, name: locked[0].retailerName, kind: OrganizationKind.RETAILER };
        const lines = locked.map((l) => l.line);
        await actingFor(tx, retailer, 'risk recompute and backup-supplier selector after a confirmation', async (as) => {
          const position = (l: (typeof lines)[number]) => ({ itemId: l.item, locationId: l.shipTo });
          await this.risk.recomputeAfterChange(as, retailerId, {
            changed: lines.filter((l) => !sameInputs.has(l.id)).map(position),
            unchanged: lines.filter((l) => sameInputs.has(l.id)).map(position),
          });
          const slips = lines.filter((l) => slippedIds.has(l.id)).map((l) => l.id);
          if (slips.length) await this.lineEvents.linesSlipped(as, retailerId, slips);
        });
      }
      return plans.map((p) => p.locked.line.id);
    });
  }

  /**
   * The orders' side of changes to the given lines (one change per line, in
   * their order): the version each line's change leaves its order at, and
   * each order's new status (rolled up from its lines as they will be) and
   * version. The shared LockedOrders move on to their new versions and line
   * states.
   */
  private nextVersions(changes: { locked: LockedLine; after: LineQuantities }[]): { versions: number[]; orders: OrderWrite[] } {
    const changed = new Map<LockedOrder, number>();
    const versions = changes.map(({ locked, after }) => {
      const order = locked.order;
      const n = (changed.get(order) ?? 0) + 1;
      changed.set(order, n);
      const state = order.lineStates.find((l) => l.id === locked.line.id);
      if (state) Object.assign(state, { status: lineStatus(after), receivedQuantity: after.receivedQuantity });
      return order.version + n;
    });
    const orders = [...changed].map(([order, n]) => {
      order.version += n;
      return { orderId: order.id, status: rollUpOrderStatus(order.lineStates), version: order.version };
    });
    return { versions, orders };
  }

  /** Sets (or clears, with null) the price each line's supplier proposed, in the caller's transaction. */
  private async writeProposedPrices(tx: AuthedContext, prices: { lineId: string; proposed: string | null }[]): Promise<void> {
    if (prices.length === 0) return;
    await sql(
      tx.em,
      `UPDATE purchase_order_line l SET proposed_unit_cost = x.cost FROM unnest($1::uuid[], $2::numeric[]) AS x(id, cost) WHERE l.id = x.id`,
      [prices.map((p) => p.lineId), prices.map((p) => p.proposed)],
    );
  }

  /**
   * A buyer's change order (EDI 860; DESIGN.md, Changes after an order is
   * issued): a new quantity and/or requestedDate for a line that is not
   * rejected, cancelled, closed or received, never below what is received
   * or in transit (open-quantity.ts, changeOrder). A promised line then
   * awaits the supplier's acknowledgement (a new confirmation or a
   * rejection). The supplier gets PURCHASE_ORDER_CHANGED naming old -> new;
   * the history keeps it; risk is recomputed.
   */
  async change(
    ctx: AuthedContext,
    input: { lineId: string; quantity?: number | null; requestedDate?: string | null; reason: string; expectedVersion?: number | null; idempotencyKey?: string | null },
  ): Promise<string> {
    const reason = input.reason.trim();
    if (!reason) throw badInput('input.reason', 'Say why the line is changed');
    if (input.quantity == null && input.requestedDate == null) throw badInput('input.quantity', 'Give a new quantity, a new requestedDate, or both');
    return inTransaction(ctx, async (tx) => {
      const replay = await this.claim(tx, 'changePurchaseOrderLine', input);
      if (replay) return replay;
      const locked = await this.lockLine(tx, input.lineId);
      const { line, order, facts } = locked;
      if (order.status === OrderStatus.CANCELLED || order.status === OrderStatus.CLOSED) {
        throw badInput('input.lineId', `${order.number} is ${order.status}: its lines cannot be changed`);
      }
      if ([LineStatus.REJECTED, LineStatus.CANCELLED, LineStatus.CLOSED, LineStatus.RECEIVED].includes(line.status) || facts.closed) {
        throw badInput('input.lineId', `Line ${line.lineNumber} of ${order.number} is ${facts.closed ? 'closed' : line.status} and cannot be changed`);
      }
      this.checkVersion(order, input.expectedVersion);
      if (input.requestedDate != null && input.requestedDate !== line.requestedDate) {
        const today = await ctx.services.localDates.todayAtOne(tx.em, line.shipTo);
        if (input.requestedDate < today) throw badInput('input.requestedDate', `Requested date cannot be in the past (today is ${today} at the ship-to location)`);
      }
      if (input.quantity != null && line.purchaseUnit && input.quantity % line.unitsPerPurchaseUnit !== 0) {
        throw badInput('input.quantity', `The line is ordered in ${line.purchaseUnit} of ${line.unitsPerPurchaseUnit}: give a multiple of ${line.unitsPerPurchaseUnit}`);
      }
      const result = changeOrder(facts, { quantity: input.quantity, requestedDate: input.requestedDate });
      if (!result.ok) throw badInput('input.quantity', result.message);
      const after = result.after;
      const what = describeChange(facts, after);
      if (!what) throw badInput(input.quantity != null ? 'input.quantity' : 'input.requestedDate', `Nothing to change: line ${line.lineNumber} already asks for ${line.quantity} on ${line.requestedDate}`);
      await saveLine(tx.em, line.id, after);
      const version = await bumpOrder(tx.em, order.id, order.version);
      order.version = version;
      const awaiting = after.acknowledgementRequired && !facts.acknowledgementRequired ? '; the supplier must acknowledge it' : after.acknowledgementRequired ? '; still awaiting the supplier\'s acknowledgement' : '';
      await recordChanges(tx.em, ctx.caller, [{
        purchaseOrderId: order.id,
        lineId: line.id,
        action: 'LINE_CHANGED',
        details: `Line ${line.lineNumber} (${locked.sku}): ${what}: ${reason}${awaiting}`,
        version,
      }]);
      const slipped = slipsFurther(facts, after);
      raiseAlerts(tx, [
        ...(order.status === OrderStatus.DRAFT ? [] : [{
          organizationId: order.supplier,
          type: AlertType.PURCHASE_ORDER_CHANGED,
          message: `${locked.retailerName} changed ${order.number} line ${line.lineNumber} (${locked.sku}): ${what}: ${reason}`
            + (after.acknowledgementRequired ? '. Confirm or reject the line again to acknowledge' : ''),
          purchaseOrderId: order.id,
          purchaseOrderLineId: line.id,
          itemId: line.item,
          locationId: line.shipTo,
        }]),
        ...(slipped ? [this.slipAlert(locked, after)] : []),
      ]);
      await this.recomputeRisk(tx, line);
      if (slipped) await this.lineEvents.linesSlipped(tx, line.retailer, [line.id]);
      return line.id;
    });
  }

  /**
   * The retailer's decision on a price the supplier proposed with its
   * confirmation: accepted, the line's unitCost becomes it; rejected (with
   * a reason), it stays as agreed. Either way the proposal is gone, the
   * history keeps the decision and the supplier gets PURCHASE_ORDER_CHANGED.
   */
  async decidePrice(ctx: AuthedContext, lineId: string, decision: { accept: true } | { accept: false; reason: string }): Promise<string> {
    const reason = decision.accept ? '' : decision.reason.trim();
    if (!decision.accept && !reason) throw badInput('reason', 'Say why the price is rejected');
    return inTransaction(ctx, async (tx) => {
      const locked = await this.lockLine(tx, lineId, 'lineId');
      const { line, order } = locked;
      if (line.proposedUnitCost == null) throw badInput('lineId', `No price change is pending on line ${line.lineNumber} of ${order.number}`);
      const agreed = fromScaled(toScaled(line.unitCost));
      const proposed = fromScaled(toScaled(line.proposedUnitCost));
      await sql(
        tx.em,
        `UPDATE purchase_order_line SET unit_cost = CASE WHEN $2 THEN proposed_unit_cost ELSE unit_cost END, proposed_unit_cost = NULL WHERE id = $1`,
        [line.id, decision.accept],
      );
      const version = await bumpOrder(tx.em, order.id, order.version);
      order.version = version;
      const subject = `${order.number} line ${line.lineNumber} (${locked.sku})`;
      await recordChanges(tx.em, ctx.caller, [{
        purchaseOrderId: order.id,
        lineId: line.id,
        action: decision.accept ? 'PRICE_CHANGE_ACCEPTED' : 'PRICE_CHANGE_REJECTED',
        details: decision.accept
          ? `Line ${line.lineNumber} (${locked.sku}): unit cost ${agreed} -> ${proposed}, as ${locked.supplierName} proposed`
          : `Line ${line.lineNumber} (${locked.sku}): proposed unit cost ${proposed} rejected, stays ${agreed}: ${reason}`,
        version,
      }]);
      raiseAlerts(tx, [{
        organizationId: order.supplier,
        type: AlertType.PURCHASE_ORDER_CHANGED,
        message: decision.accept
          ? `${locked.retailerName} accepted your price for ${subject}: unit cost ${agreed} -> ${proposed}`
          : `${locked.retailerName} rejected your proposed unit cost ${proposed} for ${subject}; it stays ${agreed}: ${reason}`,
        purchaseOrderId: order.id,
        purchaseOrderLineId: line.id,
      }]);
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
      const { line, order, facts } = locked;
      if (NOT_CONFIRMABLE.includes(order.status)) throw badInput('input.lineId', `${order.number} is ${order.status}: its lines cannot be rejected`);
      const transit = inTransitQuantity(facts);
      if (facts.receivedQuantity > 0 || transit > 0 || facts.closed || line.status === LineStatus.CANCELLED || line.status === LineStatus.REJECTED) {
        const state = facts.receivedQuantity > 0 ? 'partly or fully received' : transit > 0 ? `shipped (${transit} in transit)` : facts.closed ? 'closed' : line.status;
        throw badInput('input.lineId', `Line ${line.lineNumber} of ${order.number} is ${state} and cannot be rejected`);
      }
      const after = reject(facts);
      await replaceSchedule(tx.em, line.id, []);
      await saveLine(tx.em, line.id, after, reason);
      await writeLineChanges(tx.em, { by: tx.caller, promises: [{ lineId: line.id, sequence: locked.promises + 1, kind: 'REJECTED', schedule: [], reason }] });
      locked.promises += 1;
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
        ...(slipsFurther(facts, after) ? [this.slipAlert(locked, after)] : []),
      ]);
      await this.recomputeRisk(tx, line);
      await this.lineEvents.linesSlipped(tx, line.retailer, [line.id]);
      return line.id;
    });
  }

  /**
   * Goods arrived: recorded against the line (what is in transit on its ship
   * notices first, then its promise) and added to on-hand stock at the
   * ship-to location. Beyond the open quantity only within the sourcing
   * rule's over-delivery tolerance; on a closed line only what is in transit.
   */
  async receive(ctx: AuthedContext, input: { lineId: string; quantity: number; receivedAt?: string | null; idempotencyKey?: string | null }): Promise<string> {
    return inTransaction(ctx, async (tx) => {
      const replay = await this.claim(tx, 'receivePurchaseOrderLine', input);
      if (replay) return replay;
      const locked = await this.lockLine(tx, input.lineId);
      const receivedOn = this.receiptDate(input.receivedAt, await ctx.services.localDates.todayAtOne(tx.em, locked.line.shipTo));
      await this.receiveLocked(tx, locked, { quantity: input.quantity, receivedOn, shipNoticeId: null, field: 'input' });
      await this.recomputeRisk(tx, locked.line);
      return locked.line.id;
    });
  }

  /** The date a receipt is recorded on: today at the ship-to location by default, never after it. */
  receiptDate(receivedAt: string | null | undefined, today: CalendarDate): string {
    const receivedOn = receivedAt ?? today;
    if (receivedOn > today) throw badInput('input.receivedAt', `Goods cannot be received in the future (today is ${today})`);
    return receivedOn;
  }

  /**
   * One receipt on a locked line, in the caller's transaction (a receipt on
   * the line, or one line of a ship notice's receipt): the receipt row, the
   * notices' received quantities, the line, stock, version and audit. Risk
   * is the caller's to recompute. `field` prefixes the input paths of errors.
   */
  async receiveLocked(
    tx: AuthedContext,
    locked: LockedLine,
    receipt: { quantity: number; receivedOn: string; shipNoticeId: string | null; shipNoticeNumber?: string; field: string },
  ): Promise<void> {
    const { line, order, facts } = locked;
    if (NOT_RECEIVABLE.includes(order.status)) throw badInput(`${receipt.field}.lineId`, `${order.number} is ${order.status}: nothing can be received on it`);
    if (line.status === LineStatus.REJECTED || line.status === LineStatus.CANCELLED) {
      throw badInput(`${receipt.field}.lineId`, `Line ${line.lineNumber} of ${order.number} is ${line.status}: nothing can be received on it`);
    }
    if (order.issuedAt) {
      // The issue day as the ship-to location counted it (a store west of UTC issues in the evening of its day, not the next).
      const issuedOn = await tx.services.localDates.dateAt(tx.em, line.shipTo, new Date(order.issuedAt));
      if (receipt.receivedOn < issuedOn) throw badInput('input.receivedAt', `${order.number} was issued on ${issuedOn}; a receipt cannot be earlier`);
    }
    const index = receipt.shipNoticeId === null ? undefined : facts.inTransit.findIndex((s) => s.shipNoticeId === receipt.shipNoticeId);
    const result = receive(facts, receipt.quantity, { tolerancePercent: locked.tolerancePercent, shipment: index === undefined ? undefined : index < 0 ? null : index });
    if (!result.ok) throw badInput(`${receipt.field}.quantity`, result.message);
    const { after, fromTransit, overDelivered } = result.receipt;
    await sql(
      tx.em,
      `INSERT INTO receipt (id, line_id, quantity, received_on, actor, ship_notice_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, now())`,
      [newId(), line.id, receipt.quantity, receipt.receivedOn, tx.caller.actor, receipt.shipNoticeId],
    );
    // What came off each notice (the one received against first, then the line's others) is received on it: never more than it carries.
    const notices = facts.inTransit.flatMap((s, i) => (fromTransit[i] > 0 ? [{ id: s.shipNoticeId, quantity: fromTransit[i] }] : []));
    if (notices.length) {
      await sql(
        tx.em,
        `UPDATE ship_notice_line snl SET received_quantity = snl.received_quantity + x.quantity
           FROM unnest($2::uuid[], $3::int[]) AS x(notice, quantity) WHERE snl.ship_notice_id = x.notice AND snl.line_id = $1`,
        [line.id, notices.map((n) => n.id), notices.map((n) => n.quantity)],
      );
      await refreshNoticeStatuses(tx, notices.map((n) => n.id));
    }
    await saveLine(tx.em, line.id, after);
    await this.inventory.addReceived(tx, { itemId: line.item, locationId: line.shipTo, quantity: receipt.quantity, field: `${receipt.field}.quantity` });
    const version = await bumpOrder(tx.em, order.id, order.version);
    // Several lines of one order in one call (a ship notice): each sees the version the previous one left.
    order.version = version;
    const over = overDelivered ? `, ${overDelivered} over the ordered quantity (within tolerance)` : '';
    const against = receipt.shipNoticeNumber ? ` against ${receipt.shipNoticeNumber}` : '';
    await recordChanges(tx.em, tx.caller, [{
      purchaseOrderId: order.id,
      lineId: line.id,
      action: 'LINE_RECEIVED',
      details: `Line ${line.lineNumber} (${locked.sku}): received ${receipt.quantity} on ${receipt.receivedOn}${against} (${after.receivedQuantity} of ${line.quantity - after.cancelledQuantity} in all${over})`,
      version,
    }]);
  }

  /**
   * Closes a line short (retailer): what is open and not in transit is
   * cancelled, the promise empties, the supplier is told how much; goods in
   * transit can still be received, nothing beyond them.
   */
  async close(ctx: AuthedContext, input: { lineId: string; reason: string }): Promise<string> {
    const reason = input.reason.trim();
    if (!reason) throw badInput('input.reason', 'Say why the line is closed');
    return inTransaction(ctx, async (tx) => {
      const locked = await this.lockLine(tx, input.lineId);
      const { line, order, facts } = locked;
      if (order.status === OrderStatus.DRAFT || order.status === OrderStatus.CANCELLED) {
        throw badInput('input.lineId', `${order.number} is ${order.status}: ${order.status === OrderStatus.DRAFT ? 'change or cancel the draft instead' : 'nothing is open on it'}`);
      }
      if (facts.closed) throw badInput('input.lineId', `Line ${line.lineNumber} of ${order.number} is already closed`);
      if (unshippedQuantity(facts) === 0) {
        const transit = inTransitQuantity(facts);
        throw badInput('input.lineId', transit > 0
          ? `Nothing of line ${line.lineNumber} is left to cancel: all ${transit} still open are in transit (close their ship notice instead)`
          : `Nothing of line ${line.lineNumber} is left to cancel: it is ${line.status}`);
      }
      const closed = await this.closeLocked(tx, locked, reason);
      raiseAlerts(tx, [this.closedAlert(locked, [closed], reason)]);
      await this.lineEvents.linesClosed(tx, [line.id]);
      await this.recomputeRisk(tx, line);
      return line.id;
    });
  }

  /**
   * Closes a locked line short in the caller's transaction (closing a line
   * or a whole order): returns what was cancelled. Alerts, proposals and risk
   * are the caller's.
   */
  async closeLocked(tx: AuthedContext, locked: LockedLine, reason: string): Promise<{ lineNumber: number; sku: string; cancelled: number; inTransit: number; received: number }> {
    const { line, order, facts } = locked;
    const { cancelled, after } = closeShort(facts);
    await replaceSchedule(tx.em, line.id, []);
    await saveLine(tx.em, line.id, after);
    const version = await bumpOrder(tx.em, order.id, order.version);
    order.version = version;
    const transit = inTransitQuantity(after);
    await recordChanges(tx.em, tx.caller, [{
      purchaseOrderId: order.id,
      lineId: line.id,
      action: 'LINE_CLOSED',
      details: `Line ${line.lineNumber} (${locked.sku}) closed short: ${cancelled} cancelled (received ${after.receivedQuantity}${transit ? `, ${transit} in transit still expected` : ''}): ${reason}`,
      version,
    }]);
    return { lineNumber: line.lineNumber, sku: locked.sku, cancelled, inTransit: transit, received: after.receivedQuantity };
  }

  /** PURCHASE_ORDER_CHANGED to the supplier, naming what was cancelled on each line closed. */
  closedAlert(locked: LockedLine, lines: { lineNumber: number; sku: string; cancelled: number; inTransit: number; received: number }[], reason: string): NewAlert {
    const { order } = locked;
    const what = lines
      .filter((l) => l.cancelled > 0 || l.inTransit > 0)
      .map((l) => `line ${l.lineNumber} (${l.sku}): ${l.cancelled} units cancelled${l.received ? `, ${l.received} received` : ''}${l.inTransit ? `, the ${l.inTransit} in transit still expected` : ''}`)
      .join('; ');
    return {
      organizationId: order.supplier,
      type: AlertType.PURCHASE_ORDER_CHANGED,
      message: `${locked.retailerName} closed ${order.number} short: ${what || 'nothing was still open'}: ${reason}`,
      purchaseOrderId: order.id,
      purchaseOrderLineId: lines.length === 1 ? locked.line.id : null,
    };
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
    const { idempotencyKey, ...rest } = input;
    const replay = await this.claimMany(tx, operation, [rest], idempotencyKey ?? null, () => 'input.lineId', rest);
    return replay ? replay[0] : null;
  }

  /**
   * claim for a request about many lines: null for a first request, or the
   * lines of the first one (the same input, so the same lines), each re-read
   * under today's visibility (NOT_FOUND on the entry the caller may no
   * longer see). `fingerprint` is what identifies the request (the input
   * without its key).
   */
  private async claimMany(
    tx: AuthedContext,
    operation: string,
    entries: { lineId: string }[],
    idempotencyKey: string | null,
    field: (index: number, name: string) => string,
    fingerprint: unknown = entries,
  ): Promise<string[] | null> {
    if (idempotencyKey == null) return null;
    const replay = await claimIdempotencyKey(tx.em, tx.caller.organizationId, idempotencyKey, { operation, input: fingerprint }, entries[0].lineId);
    if (replay === null) return null;
    const ids = entries.length === 1 ? [replay] : entries.map((e) => e.lineId);
    const p = new Params();
    const visible = await sql<{ id: string }>(
      tx.em,
      `SELECT l.id FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id
        WHERE l.id = ANY(${p.add(ids)}::uuid[]) AND ${tx.scope.where('purchaseOrder', 'po', p)}`,
      p.values,
    );
    const seen = new Set(visible.map((v) => v.id));
    const missing = ids.findIndex((id) => !seen.has(id));
    if (missing >= 0) throw notFound('Purchase order line', field(missing, 'lineId'));
    return ids;
  }

  private checkVersion(order: OrderRow, expected: number | null | undefined, field = 'input.expectedVersion') {
    if (expected != null && expected !== order.version) {
      throw conflict(`${order.number} is at version ${order.version}, not ${expected}: reload it and try again`, field);
    }
  }

  /** Locks the line's order for this transaction, so concurrent changes to one order run one after another. */
  private async lockLine(tx: AuthedContext, lineId: string, field = 'input.lineId'): Promise<LockedLine> {
    if (!isUuid(lineId)) throw notFound('Purchase order line', field);
    const [locked] = await this.lockLines(tx, [lineId]);
    if (!locked) throw notFound('Purchase order line', field);
    return locked;
  }

  /**
   * Locks the orders of the lines the caller may see (in order id order, so
   * two writers never wait on each other's orders crosswise) and reads the
   * lines with their facts. Lines the caller may not see are left out. Lines
   * of one order share one OrderRow, whose version the writes keep current.
   */
  async lockLines(tx: AuthedContext, lineIds: string[]): Promise<LockedLine[]> {
    const ids = [...new Set(lineIds.filter(isUuid))];
    if (ids.length === 0) return [];
    const p = new Params();
    const visible = tx.scope.where('purchaseOrder', 'po', p);
    // The orders are locked and read in one statement (FOR UPDATE returns the rows as locked): their ids from the lines
    // (each line by primary key), in id order, then each order by its id (LATERAL: the planner cannot start from the
    // orders, whose RLS policy looks very selective to it; see LINES_AND_ORDERS_BY_ID), locked one after the other.
    // Only the locked rows themselves are current in it: whatever else it reads is as of its start, before it may have
    // waited for another writer of the order to commit. So the order's line states come with the lines, below.
    const targets = await sql<Omit<LockedOrder, 'lineStates'>>(
      tx.em,
      `WITH target AS MATERIALIZED (
         SELECT DISTINCT l.purchase_order_id AS id FROM unnest(${p.add(ids)}::uuid[]) AS wanted(id) JOIN purchase_order_line l ON l.id = wanted.id ORDER BY 1)
       SELECT po.*
         FROM target t
        CROSS JOIN LATERAL (SELECT ${ORDER_COLUMNS} FROM purchase_order po WHERE po.id = t.id AND ${visible} FOR UPDATE OF po) po`,
      p.values,
    );
    if (targets.length === 0) return [];
    const orderIds = targets.map((t) => t.id);
    // One connection per transaction: these run one after the other. This one starts once the orders are locked, so it
    // reads every line as the last writer of its order left it; each order's line states once, with its first line here.
    const lines = await sql<
      LineRow & LineStateRow & { sku: string; retailer_name: string; supplier_name: string; zone: string | null; tolerance: number; promises: number; order_line_states: LockedOrder['lineStates'] | null }
    >(
      tx.em,
      `SELECT ${LINE_COLUMNS}, ${LINE_STATE_COLUMNS}, i.sku, r.name AS retailer_name, s.name AS supplier_name,
              CASE WHEN row_number() OVER (PARTITION BY l.purchase_order_id) = 1 THEN
                (SELECT json_agg(json_build_object('id', ol.id, 'status', ol.status, 'receivedQuantity', ol.received_quantity))
                   FROM purchase_order_line ol WHERE ol.purchase_order_id = l.purchase_order_id) END AS order_line_states,
              (SELECT ${LOCATION_TIME_ZONE_SQL('loc', 'r')} FROM location loc WHERE loc.id = l.ship_to_id) AS zone,
              (SELECT coalesce(max(c.sequence), 0) FROM confirmation c WHERE c.line_id = l.id) AS promises,
              coalesce((SELECT sr.over_delivery_tolerance_percent FROM sourcing_rule sr WHERE sr.item_id = l.item_id AND sr.supplier_id = l.supplier_id), 0) AS tolerance
         FROM ${LINES_AND_ORDERS_BY_ID('$1::uuid[]')} JOIN item i ON i.id = l.item_id
         JOIN organization r ON r.id = po.retailer_id JOIN organization s ON s.id = po.supplier_id
        WHERE l.purchase_order_id = ANY($2::uuid[])`,
      [ids, orderIds],
    );
    // Each ship-to's zone came through the caller's location rule with the lines: "today" there needs no statement of its own.
    tx.services.localDates.learnZones(tx.em, lines.flatMap((l) => (l.zone ? [{ id: l.shipTo, zone: l.zone }] : [])));
    const orders = new Map<string, LockedOrder>(targets.map((o) => [o.id, { ...o, lineStates: [] }]));
    for (const line of lines) if (line.order_line_states) orders.get(line.purchaseOrder)!.lineStates = line.order_line_states;
    const byId = new Map(lines.map((line) => [line.id, line]));
    return ids.flatMap((id) => {
      const line = byId.get(id);
      if (!line) return [];
      return [{
        line,
        order: orders.get(line.purchaseOrder)!,
        facts: factsOf(line),
        sku: line.sku,
        retailerName: line.retailer_name,
        supplierName: line.supplier_name,
        tolerancePercent: line.tolerance,
        promises: line.promises,
      }];
    });
  }

  /** SUPPLIER_SLIPPED to the retailer, saying how: late (promised or shipped), short, or rejected. */
  slipAlert(locked: LockedLine, after: LineFacts): NewAlert {
    const { line, order } = locked;
    const open = openQuantity(after);
    const short = shortfall(after, line.requestedDate);
    const remaining = remainingSchedule(after);
    const latestPromise = remaining.reduce<string | null>((d, s) => (d === null || s.deliveryDate > d ? s.deliveryDate : d), null);
    const latestArrival = after.inTransit.reduce<string | null>((d, s) => (d === null || s.expectedArrival > d ? s.expectedArrival : d), null);
    const uncovered = uncoveredQuantity(after);
    const how = after.rejected
      ? `rejected all ${open} units requested for ${line.requestedDate}`
      : [
          short > 0 ? `${short} of ${open} units${open < line.quantity ? ' still owed' : ''} will not arrive by ${line.requestedDate}` : null,
          latestPromise && latestPromise > line.requestedDate ? `last delivery ${latestPromise}, ${daysBetween(line.requestedDate, latestPromise)} day(s) late` : null,
          latestArrival && latestArrival > line.requestedDate ? `shipped goods expected ${latestArrival}, ${daysBetween(line.requestedDate, latestArrival)} day(s) late` : null,
          uncovered > 0 ? `${uncovered} of ${open} not promised` : null,
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
   * A reallocation takes `by` units off a slipped line: they are cancelled
   * (the retailer reduced it), and the promise keeps what is still to come,
   * its latest deliveries cut first. The supplier is told; the history does
   * not name the backup suppliers (both parties read it).
   */
  async reduceForReallocation(tx: AuthedContext, line: ReducedLine, by: number): Promise<void> {
    const after = reduce(line.facts, by);
    const cut = after.cancelledQuantity - line.facts.cancelledQuantity;
    if (after.schedule !== line.facts.schedule) await replaceSchedule(tx.em, line.id, after.schedule);
    await saveLine(tx.em, line.id, after);
    const version = await bumpOrder(tx.em, line.orderId, line.orderVersion);
    const before = line.facts.quantity - line.facts.cancelledQuantity;
    // Both parties read this history: it must not name the other suppliers.
    await recordChanges(tx.em, tx.caller, [{
      purchaseOrderId: line.orderId,
      lineId: line.id,
      action: 'LINE_REDUCED',
      details: `Line ${line.lineNumber} (${line.sku}): quantity reduced from ${before} to ${before - cut}, reallocated by the buyer`,
      version,
    }]);
    raiseAlerts(tx, [{
      organizationId: line.supplier,
      type: AlertType.PURCHASE_ORDER_CHANGED,
      message: `${tx.caller.organizationName} reduced ${line.orderNumber} line ${line.lineNumber} (${line.sku}) from ${before} to ${before - cut}`,
      purchaseOrderId: line.orderId,
      purchaseOrderLineId: line.id,
    }]);
  }
}

/** A notice's status from its lines: RECEIVED when every line is received in full, PARTIALLY_RECEIVED once anything is. */
export async function refreshNoticeStatuses(tx: AuthedContext, noticeIds: string[]): Promise<void> {
  if (noticeIds.length === 0) return;
  await sql(
    tx.em,
    `UPDATE ship_notice sn SET status = x.status, updated_at = now()
       FROM (SELECT snl.ship_notice_id AS id,
                    CASE WHEN bool_and(snl.received_quantity >= snl.quantity) THEN 'RECEIVED'
                         WHEN bool_or(snl.received_quantity > 0) THEN 'PARTIALLY_RECEIVED' ELSE 'IN_TRANSIT' END AS status
               FROM ship_notice_line snl WHERE snl.ship_notice_id = ANY($1::uuid[]) GROUP BY snl.ship_notice_id) x
      WHERE sn.id = x.id AND sn.status IN ('IN_TRANSIT', 'PARTIALLY_RECEIVED') AND sn.status <> x.status`,
    [[...new Set(noticeIds)]],
  );
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Confirmations, rejections, receipts and closing of lines. */
    purchaseOrderLines: PurchaseOrderLineService;
  }
}
