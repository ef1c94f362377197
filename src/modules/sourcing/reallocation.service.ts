import type { AuthedContext } from '../../core/context';
import { groupBy } from '../../shared/collections';
import { inTransaction } from '../../core/transaction';
import type { CalendarDate } from '../../shared/calendar';
import type { LocalToday } from '../../core/local-dates';
import type { Page, PageArgs } from '../../shared/connection';
import { badInput, conflict, DomainError, notFound } from '../../shared/errors';
import { isUuid, newId } from '../../shared/ids';
import { keysetPage } from '../../shared/keyset';
import { fromScaled, toScaled } from '../../shared/money';
import { Params, sql } from '../../shared/sql';
import { AlertType } from '../alerts/alert-type';
import { raiseAlerts } from '../alerts/outbox';
import { factsOf, FACT_COLUMNS, INBOUND_LINE, type FactRow, type LineFacts } from '../open-orders/open-orders.queries';
import { LINES_AND_ORDERS_BY_ID } from '../purchasing/purchasing.queries';
import { PurchaseOrderLineStatus as LineStatus } from '../open-orders/line-status';
import type { LineListener } from '../purchasing/line-events';
import type { PurchaseOrderLineService } from '../purchasing/purchase-order-line.service';
import type { PurchaseOrderService } from '../purchasing/purchase-order.service';
import type { RiskService } from '../risk/risk.service';
import { systemActor } from '../../core/caller';
import { actingAs, actingFor } from '../../core/transaction';
import { ReallocationStatus, SourcingMode } from './reallocation.entities';
import type { ReallocationMoveType, ReallocationProposalType, SourcingPolicyType } from './reallocation.types';
import { select, selectorCandidates, WORK_BUDGET, type Decision, type SelectorCandidate, type SelectorInput } from './selector';

/**
 * Simulated changes a what-if applies to a copy of the selector's inputs:
 * the facts of an order line as they would be (by id and supplier), and the
 * date a supplier's delivery due on `date` would really come.
 */
export interface WhatIfChanges {
  line(lineId: string, supplierId: string, facts: LineFacts): LineFacts;
  delivery(supplierId: string, date: CalendarDate): CalendarDate;
}

interface SourceLine {
  id: string;
  retailer: string;
  supplier: string;
  item: string;
  shipTo: string;
  sku: string;
  orderId: string;
  orderNumber: string;
  orderVersion: number;
  orderStatus: string;
  lineNumber: number;
  quantity: number;
  requestedDate: string;
  unitCost: string;
  status: LineStatus;
  slipped: boolean;
  /** false when the item or the ship-to location is retired: no new orders for it (DESIGN.md, Retiring) */
  orderable: boolean;
  /** The line as the open-quantity model reads it. */
  facts: LineFacts;
  revision: string;
}

const PROPOSAL_COLUMNS = `p.id, p.status, p.shortfall_quantity AS "shortfallQuantity", p.needed_by::text AS "neededBy", p.reduce_source_by AS "reduceSourceBy",
  p.uncovered_quantity AS "uncoveredQuantity", p.added_cost AS "addedCost", p.optimal, p.created_at AS "createdAt", p.decided_at AS "decidedAt",
  p.decided_by AS "decidedBy", p.source_line_id AS "sourceLine", p.moves, p.candidates`;

/** The policy of the retailer in $1 (no row: DEFAULT_POLICY). */
const POLICY_OF_RETAILER_1 = `SELECT mode, max_cost_increase_percent AS "maxCostIncreasePercent" FROM sourcing_policy WHERE retailer_id = $1`;

/** A retailer's policy until it sets one: MANUAL, 10% (DESIGN.md, Backup-supplier selector). */
const DEFAULT_POLICY: SourcingPolicyType = { mode: SourcingMode.MANUAL, maxCostIncreasePercent: 10 };

/**
 * Reallocation of slipped lines to backup suppliers: proposals from the pure
 * selector, applied (one new order per chosen supplier, the slipped line
 * reduced) or dismissed, by a buyer or by the AUTO policy.
 */
export class ReallocationService implements LineListener {
  constructor(
    private readonly purchaseOrders: PurchaseOrderService,
    private readonly purchaseOrderLines: PurchaseOrderLineService,
    private readonly risk: RiskService,
    /** workBudget: the selector's work bound (Config.selector; default WORK_BUDGET). */
    private readonly options: { workBudget: number } = { workBudget: WORK_BUDGET },
  ) {}

  /** A slip asks for a proposal (LineListener). */
  linesSlipped(tx: AuthedContext, retailerId: string, lineIds: string[]): Promise<void> {
    return this.proposeFor(tx, retailerId, lineIds).then(() => undefined);
  }

  /** A closed order's open proposals are moot (LineListener). */
  async linesClosed(tx: AuthedContext, lineIds: string[]): Promise<void> {
    await sql(tx.em, `UPDATE reallocation_proposal SET status = 'SUPERSEDED', decided_at = now() WHERE status = 'PROPOSED' AND source_line_id = ANY($1::uuid[])`, [lineIds]);
  }

  /**
   * Proposes for the given lines of one retailer in the caller's transaction
   * (a slip, or a buyer asking): supersedes their open proposals, raises
   * REALLOCATION_PROPOSED, and under an AUTO policy applies what qualifies.
   */
  async proposeFor(tx: AuthedContext, retailerId: string, lineIds: string[]): Promise<string[]> {
    if (lineIds.length === 0) return [];
    // Proposals are the retailer's (they name other suppliers): a supplier's slip makes ShortStop propose for the retailer.
    return actingFor(tx, retailerId, 'backup-supplier selector', (as) => this.proposeAsRetailer(as, retailerId, lineIds));
  }

  private async proposeAsRetailer(tx: AuthedContext, retailerId: string, lineIds: string[]): Promise<string[]> {
    // A retired item or ship-to gets no new orders (DESIGN.md, Retiring): nothing to propose for its lines.
    const lines = (await this.loadLines(tx, retailerId, lineIds)).filter((l) => l.orderable);
    if (lines.length === 0) return [];
    // A backup's capacity for an item is read across locations: the item's recompute lock (RiskService.lockPositions,
    // held already after a slip's recompute) keeps two selectors for one item, and an order for it, one after the other.
    await this.risk.lockPositions(tx, retailerId, lines.map((l) => ({ itemId: l.item, locationId: l.shipTo })));
    const orderableIds = lines.map((l) => l.id);
    // The selector's "today" for a line is today at its ship-to location (DESIGN.md, Local dates).
    const todays = await tx.services.localDates.todayAt(tx.em, lines.map((l) => l.shipTo));
    const inputs = await this.buildInputs(tx, retailerId, lines, todays);
    const decisions = inputs.map(({ line, input }) => ({ line, decision: select(input, this.options.workBudget) }));
    const ids = decisions.map(() => newId());
    // The lines' open proposals superseded, the new ones written, and the policy read, in one statement.
    const [policyRow] = await sql<SourcingPolicyType>(
      tx.em,
      `WITH superseded AS (
         UPDATE reallocation_proposal SET status = 'SUPERSEDED', decided_at = now() WHERE source_line_id = ANY($14::uuid[]) AND status = 'PROPOSED'),
       proposed AS (
         INSERT INTO reallocation_proposal (id, retailer_id, source_line_id, status, source_revision, shortfall_quantity, needed_by, reduce_source_by,
                                            uncovered_quantity, on_time_coverage, added_cost, moves, candidates, optimal, created_at)
         SELECT x.id, $1, x.line, 'PROPOSED', x.revision, x.shortfall, x.needed_by, x.reduce, x.uncovered, x.on_time, x.added, x.moves, x.candidates, x.optimal, now()
           FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::date[], $7::int[], $8::int[], $9::int[], $10::numeric[], $11::jsonb[], $12::jsonb[], $13::boolean[])
                AS x(id, line, revision, shortfall, needed_by, reduce, uncovered, on_time, added, moves, candidates, optimal))
       ${POLICY_OF_RETAILER_1}`,
      [
        retailerId,
        ids,
        decisions.map((d) => d.line.id),
        decisions.map((d) => d.line.revision),
        decisions.map((d) => d.decision.shortfall),
        decisions.map((d) => d.line.requestedDate),
        decisions.map((d) => d.decision.reduceSourceBy),
        decisions.map((d) => d.decision.uncoveredQuantity),
        decisions.map((d) => d.decision.onTimeCoverage),
        decisions.map((d) => d.decision.addedCost),
        decisions.map((d) => JSON.stringify(d.decision.moves)),
        decisions.map((d) => JSON.stringify(d.decision.candidates)),
        decisions.map((d) => d.decision.optimal),
        orderableIds,
      ],
    );
    const policy = policyRow ?? DEFAULT_POLICY;
    raiseAlerts(tx,
      decisions.map(({ line, decision }, i) => ({
        organizationId: retailerId,
        type: AlertType.REALLOCATION_PROPOSED,
        message: `${line.orderNumber} line ${line.lineNumber} (${line.sku}): ${describe(decision)}`,
        purchaseOrderId: line.orderId,
        purchaseOrderLineId: line.id,
        itemId: line.item,
        locationId: line.shipTo,
        reallocationId: ids[i],
      })),
    );

    if (policy.mode === SourcingMode.AUTO) {
      const retailer = { id: tx.caller.organizationId, name: tx.caller.organizationName, kind: tx.caller.organizationKind };
      await actingAs(tx, systemActor(retailer, 'auto-reallocation (policy AUTO)'), async (auto) => {
        for (const [i, { line, decision }] of decisions.entries()) {
          const limit = (toScaled(line.unitCost) * BigInt(decision.shortfall) * BigInt(policy.maxCostIncreasePercent)) / 100n;
          // A plan not proven optimal (the search reached its work bound) waits for a buyer, whatever it covers.
          const qualifies =
            decision.optimal && decision.shortfall > 0 && decision.onTimeCoverage === decision.shortfall && toScaled(decision.addedCost) <= limit;
          if (qualifies) await this.apply(auto, ids[i]);
        }
      });
    }
    return ids;
  }

  /** A buyer asks for a proposal for a slipped line. */
  async proposeOnDemand(ctx: AuthedContext, lineId: string): Promise<string> {
    return inTransaction(ctx, async (tx) => {
      if (!isUuid(lineId)) throw notFound('Purchase order line', 'lineId');
      // The same lock a slip takes first: proposals of one line are made one at a time.
      const p = new Params();
      await sql(
        tx.em,
        `SELECT po.id FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id
          WHERE l.id = ${p.add(lineId)} AND ${tx.scope.where('purchaseOrder', 'po', p)} FOR UPDATE OF po`,
        p.values,
      );
      const [line] = await this.loadLines(tx, tx.caller.organizationId, [lineId]);
      if (!line) throw notFound('Purchase order line', 'lineId');
      if (!line.slipped) throw badInput('lineId', `Line ${line.lineNumber} of ${line.orderNumber} has not slipped: it is confirmed in full and on time`);
      if (['CANCELLED', 'CLOSED'].includes(line.orderStatus) || line.status === LineStatus.CANCELLED || line.facts.closed) {
        throw badInput('lineId', `${line.orderNumber} is ${line.orderStatus}: nothing to reallocate`);
      }
      if (!line.orderable) throw badInput('lineId', `${line.sku} or the ship-to location of ${line.orderNumber} is retired: it gets no new orders`);
      const [id] = await this.proposeFor(tx, tx.caller.organizationId, [lineId]);
      return id;
    });
  }

  /**
   * Issues one order per chosen supplier, takes reduceSourceBy off the slipped
   * line, raises the alerts and recomputes risk, in one transaction.
   * Applying an applied proposal returns it unchanged.
   */
  async apply(ctx: AuthedContext, id: string): Promise<string> {
    return inTransaction(ctx, async (tx) => {
      const proposal = await this.lockProposal(tx, id);
      if (proposal.status === ReallocationStatus.APPLIED) return proposal.id;
      if (proposal.status === ReallocationStatus.SUPERSEDED) {
        throw conflict('The slipped line changed since this proposal was made and a newer proposal replaced it', 'id');
      }
      if (proposal.status !== ReallocationStatus.PROPOSED) throw badInput('id', `This proposal is ${proposal.status} and cannot be applied`);
      const [line] = await this.loadLines(tx, proposal.retailer, [proposal.sourceLine]);
      if (['CANCELLED', 'CLOSED'].includes(line.orderStatus)) throw conflict(`${line.orderNumber} is ${line.orderStatus} now: nothing to reallocate`, 'id');
      if (line.revision !== proposal.sourceRevision) {
        throw conflict(`${line.orderNumber} line ${line.lineNumber} changed since this proposal was made; ask for a new proposal`, 'id');
      }
      if (!line.orderable) throw conflict(`${line.sku} or the ship-to location of ${line.orderNumber} was retired since this proposal was made: it gets no new orders`, 'id');
      const moves = proposal.moves as (ReallocationMoveType & { supplierId: string })[];
      for (const move of moves) {
        try {
          const orderId = await this.purchaseOrders.create(tx, {
            supplierId: move.supplierId,
            shipToId: line.shipTo,
            issue: true,
            lines: [{ itemId: line.item, quantity: move.quantity, requestedDate: move.expectedDate, unitCost: move.unitCost }],
          });
          const [created] = await sql<{ id: string }>(tx.em, `SELECT id FROM purchase_order_line WHERE purchase_order_id = $1`, [orderId]);
          move.purchaseOrderLineId = created.id;
        } catch (err) {
          if (err instanceof DomainError && err.code === 'BAD_USER_INPUT') {
            throw conflict(`A chosen supplier can no longer take this order (${err.message}); ask for a new proposal`, 'id');
          }
          throw err;
        }
      }
      if (proposal.reduceSourceBy > 0) await this.purchaseOrderLines.reduceForReallocation(tx, line, proposal.reduceSourceBy);
      await sql(
        tx.em,
        `UPDATE reallocation_proposal SET status = 'APPLIED', moves = $2::jsonb, decided_at = now(), decided_by = $3 WHERE id = $1`,
        [proposal.id, JSON.stringify(moves), tx.caller.actor],
      );
      raiseAlerts(tx, [{
        organizationId: proposal.retailer,
        type: AlertType.REALLOCATION_APPLIED,
        message: `${line.orderNumber} line ${line.lineNumber} (${line.sku}): ${moves.reduce((s, m) => s + m.quantity, 0)} units moved to ${moves.length} backup supplier(s)${proposal.reduceSourceBy ? `, line reduced by ${proposal.reduceSourceBy}` : ''}`,
        purchaseOrderId: line.orderId,
        purchaseOrderLineId: line.id,
        itemId: line.item,
        locationId: line.shipTo,
        reallocationId: proposal.id,
      }]);
      await this.risk.recompute(tx, proposal.retailer, [{ itemId: line.item, locationId: line.shipTo }]);
      return proposal.id;
    });
  }

  async dismiss(ctx: AuthedContext, id: string): Promise<string> {
    return inTransaction(ctx, async (tx) => {
      const proposal = await this.lockProposal(tx, id);
      if (proposal.status === ReallocationStatus.DISMISSED) return proposal.id;
      if (proposal.status !== ReallocationStatus.PROPOSED) throw badInput('id', `This proposal is ${proposal.status} and cannot be dismissed`);
      await sql(tx.em, `UPDATE reallocation_proposal SET status = 'DISMISSED', decided_at = now(), decided_by = $2 WHERE id = $1`, [proposal.id, tx.caller.actor]);
      return proposal.id;
    });
  }

  /** A retailer's proposals, newest first. Suppliers never see proposals (they would name other suppliers). */
  async list(
    ctx: AuthedContext,
    status: ReallocationStatus | null,
    args: PageArgs,
    source: { itemId?: string | null; locationId?: string | null } = {},
  ): Promise<Page<ReallocationProposalType>> {
    const p = new Params();
    const where = [ctx.scope.where('reallocationProposal', 'p', p)];
    if (status) where.push(`p.status = ${p.add(status)}`);
    // The slipped line's item and ship-to (a risk's page shows the proposals of its item x location).
    const ids = [source.itemId, source.locationId].filter((v): v is string => v != null);
    const impossible = ids.some((v) => !isUuid(v));
    if (ids.length && !impossible) {
      const conditions = [
        ...(source.itemId ? [`sl.item_id = ${p.add(source.itemId)}`] : []),
        ...(source.locationId ? [`sl.ship_to_id = ${p.add(source.locationId)}`] : []),
      ];
      where.push(`EXISTS (SELECT 1 FROM purchase_order_line sl WHERE sl.id = p.source_line_id AND ${conditions.join(' AND ')})`);
    }
    return keysetPage<ReallocationProposalType>(
      ctx.em,
      { select: PROPOSAL_COLUMNS, from: 'reallocation_proposal p', where, params: p, key: [{ sql: 'p.id', type: 'uuid', desc: true }] },
      args,
      { empty: !ctx.scope.isRetailer || impossible },
    );
  }

  /** A proposal the caller may see (its retailer's), or null. */
  async find(ctx: AuthedContext, id: string): Promise<ReallocationProposalType | null> {
    if (!isUuid(id)) return null;
    const p = new Params();
    const [row] = await sql<ReallocationProposalType>(
      ctx.em,
      `SELECT ${PROPOSAL_COLUMNS} FROM reallocation_proposal p WHERE p.id = ${p.add(id)} AND ${ctx.scope.where('reallocationProposal', 'p', p)}`,
      p.values,
    );
    return row ?? null;
  }

  async setPolicy(ctx: AuthedContext, input: { mode: SourcingMode; maxCostIncreasePercent: number }): Promise<SourcingMode> {
    await sql(
      ctx.em,
      `INSERT INTO sourcing_policy (retailer_id, mode, max_cost_increase_percent, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (retailer_id) DO UPDATE SET mode = EXCLUDED.mode, max_cost_increase_percent = EXCLUDED.max_cost_increase_percent, updated_at = now()`,
      [ctx.caller.organizationId, input.mode, input.maxCostIncreasePercent],
    );
    return input.mode;
  }

  async policyOf(ctx: AuthedContext, retailerId: string): Promise<SourcingPolicyType> {
    const [row] = await sql<SourcingPolicyType>(
      ctx.em,
      POLICY_OF_RETAILER_1,
      [retailerId],
    );
    return row ?? DEFAULT_POLICY;
  }

  /**
   * Locks the proposal, after its source line's order: a slip on that order
   * locks the order and then supersedes the proposal, so taking the two locks
   * in the other order could deadlock.
   */
  private async lockProposal(tx: AuthedContext, id: string) {
    if (!isUuid(id)) throw notFound('Reallocation proposal', 'id');
    const lock = new Params();
    await sql(
      tx.em,
      `SELECT po.id FROM reallocation_proposal p JOIN purchase_order_line l ON l.id = p.source_line_id JOIN purchase_order po ON po.id = l.purchase_order_id
        WHERE p.id = ${lock.add(id)} AND ${tx.scope.where('reallocationProposal', 'p', lock)} FOR UPDATE OF po`,
      lock.values,
    );
    const p = new Params();
    const [row] = await sql<{ id: string; retailer: string; status: ReallocationStatus; sourceLine: string; sourceRevision: string; reduceSourceBy: number; moves: unknown[] }>(
      tx.em,
      `SELECT p.id, p.retailer_id AS retailer, p.status, p.source_line_id AS "sourceLine", p.source_revision AS "sourceRevision",
              p.reduce_source_by AS "reduceSourceBy", p.moves
         FROM reallocation_proposal p WHERE p.id = ${p.add(id)} AND ${tx.scope.where('reallocationProposal', 'p', p)} FOR UPDATE`,
      p.values,
    );
    if (!row) throw notFound('Reallocation proposal', 'id');
    return row;
  }

  /** Lines with what the selector needs (callers that write hold their orders' locks already). */
  private async loadLines(tx: AuthedContext, retailerId: string, lineIds: string[]): Promise<SourceLine[]> {
    const rows = await sql<Omit<SourceLine, 'revision' | 'facts'> & FactRow & { confirmations: number }>(
      tx.em,
      `SELECT l.id, l.retailer_id AS retailer, l.supplier_id AS supplier, l.item_id AS item, l.ship_to_id AS "shipTo", i.sku,
              po.id AS "orderId", po.number AS "orderNumber", po.version AS "orderVersion", po.status AS "orderStatus", l.line_number AS "lineNumber",
              l.unit_cost AS "unitCost", l.status, l.slipped, ${FACT_COLUMNS},
              (SELECT count(*) FROM confirmation c WHERE c.line_id = l.id)::int AS confirmations,
              i.active AND coalesce((SELECT lo.active FROM location lo WHERE lo.id = l.ship_to_id), true) AS orderable
         FROM ${LINES_AND_ORDERS_BY_ID('$1::uuid[]')} JOIN item i ON i.id = l.item_id
        WHERE l.retailer_id = $2`,
      [lineIds, retailerId],
    );
    return rows.map((r) => {
      const facts = factsOf(r);
      return {
        ...r,
        facts,
        // Everything a change to the line touches: quantities, promises, receipts, shipments, status.
        revision: [
          r.quantity, r.status, r.receivedQuantity, r.cancelledQuantity, r.scheduleTaken, r.confirmations,
          JSON.stringify(r.schedule), JSON.stringify(r.inTransit.map((t) => [t.shipNoticeId, t.quantity])),
        ].join('|'),
      };
    });
  }

  /**
   * What the selector would propose for the given lines of the caller (a
   * retailer) if `changes` happened: each line, and every other open line of
   * the item (whose deliveries count against the backups' weekly capacity),
   * as changes.line makes it, and each backup's delivery moved by
   * changes.delivery (an outage). Computed, never stored, no alert; the
   * decisions come in the order of lineIds (a line not found is left out).
   * Each selector run is bounded (the work budget, about 10 ms), and
   * `between` runs between two of them (a what-if yields the event loop there).
   */
  async planFor(
    ctx: AuthedContext,
    lineIds: string[],
    changes: WhatIfChanges,
    todays: LocalToday,
    between: () => Promise<void> = async () => undefined,
  ): Promise<{ lineId: string; neededBy: CalendarDate; decision: Decision }[]> {
    if (lineIds.length === 0) return [];
    const retailerId = ctx.caller.organizationId;
    const lines = await this.loadLines(ctx, retailerId, lineIds);
    const changed = lines.map((line) => ({ ...line, facts: changes.line(line.id, line.supplier, line.facts) }));
    const inputs = await this.buildInputs(ctx, retailerId, changed, todays, changes);
    const byId = new Map(inputs.map((i) => [i.line.id, i]));
    const plans: { lineId: string; neededBy: CalendarDate; decision: Decision }[] = [];
    for (const id of lineIds) {
      const found = byId.get(id);
      if (!found) continue;
      await between();
      plans.push({ lineId: id, neededBy: found.input.neededBy, decision: select(found.input, this.options.workBudget) });
    }
    return plans;
  }

  /** The selector's input for each line, from a handful of set-based queries whatever the number of lines. */
  private async buildInputs(tx: AuthedContext, retailerId: string, lines: SourceLine[], todays: LocalToday, changes?: WhatIfChanges) {
    const items = [...new Set(lines.map((l) => l.item))];
    const rules = await sql<{
      item_id: string; supplier_id: string; priority: number; quoted: number; unit_cost: string; moq: number; multiple: number;
      capacity: number | null; active: boolean; partnership: string | null; units: number;
    }>(
      tx.em,
      `SELECT r.item_id, r.supplier_id, r.priority, r.quoted_lead_time_days AS quoted, r.unit_cost, r.min_order_quantity AS moq,
              r.order_multiple AS multiple, r.weekly_capacity AS capacity, r.active, p.status AS partnership, r.units_per_purchase_unit AS units
         FROM sourcing_rule r LEFT JOIN partnership p ON p.retailer_id = r.retailer_id AND p.supplier_id = r.supplier_id
        WHERE r.retailer_id = $1 AND r.item_id = ANY($2::uuid[])
        ORDER BY r.priority, r.supplier_id`,
      [retailerId, items],
    );
    const leadTimes = await sql<{ supplier_id: string; item_id: string; days: number[] }>(
      tx.em,
      // The lines first (MATERIALIZED), then their orders: a prepared statement's generic plan otherwise starts from every
      // order of the retailer (the orders' RLS policy looks selective to it) and probes the lines once per order.
      `WITH l AS MATERIALIZED (
         SELECT l.supplier_id, l.item_id, l.latest_delivery_date, l.purchase_order_id FROM purchase_order_line l
          WHERE l.retailer_id = $1 AND l.item_id = ANY($2::uuid[]) AND l.latest_delivery_date IS NOT NULL AND l.status <> 'CANCELLED')
       SELECT l.supplier_id, l.item_id, array_agg(l.latest_delivery_date - (po.issued_at AT TIME ZONE 'UTC')::date) AS days
         FROM l JOIN purchase_order po ON po.id = l.purchase_order_id
        WHERE po.issued_at IS NOT NULL
        GROUP BY l.supplier_id, l.item_id`,
      [retailerId, items],
    );
    // The lines that still bring something, of every supplier: what each brings in which week is the open-quantity model's.
    const open = await sql<FactRow & { id: string; supplier_id: string; item_id: string }>(
      tx.em,
      `WITH l AS MATERIALIZED (
         SELECT l.* FROM purchase_order_line l
          WHERE l.retailer_id = $1 AND l.item_id = ANY($2::uuid[]) AND ${INBOUND_LINE})
       SELECT l.id, l.supplier_id, l.item_id, ${FACT_COLUMNS} FROM l`,
      [retailerId, items],
    );
    const rulesOf = groupBy(rules, (r) => r.item_id);
    const leadTimesOf = groupBy(leadTimes, (l) => l.item_id);
    const openOf = groupBy(open, (o) => o.item_id);
    // The candidates depend on the item, the slipped supplier and today at the line's location only: computed once for every line that shares them.
    const candidatesOf = new Map<string, SelectorCandidate[]>();
    const candidatesFor = (item: string, supplier: string, today: CalendarDate) => {
      const key = `${item}/${supplier}/${today}`;
      let candidates = candidatesOf.get(key);
      if (!candidates) {
        candidates = selectorCandidates({
          slippedSupplierId: supplier,
          rules: (rulesOf.get(item) ?? []).map((r) => ({
            supplierId: r.supplier_id,
            priority: r.priority,
            quotedLeadTimeDays: r.quoted,
            unitCost: r.unit_cost,
            minOrderQuantity: r.moq,
            orderMultiple: r.multiple,
            weeklyCapacity: r.capacity,
            active: r.active,
            partnershipActive: r.partnership === 'ACTIVE',
            unitsPerPurchaseUnit: r.units,
          })),
          leadTimes: (leadTimesOf.get(item) ?? []).map((l) => ({ supplierId: l.supplier_id, confirmedDays: l.days.map(Number) })),
          openLines: (openOf.get(item) ?? []).map((o) => ({ supplierId: o.supplier_id, ...(changes ? changes.line(o.id, o.supplier_id, factsOf(o)) : factsOf(o)) })),
          today,
          moveDelivery: changes?.delivery,
        });
        candidatesOf.set(key, candidates);
      }
      return candidates.map((c) => ({ ...c }));
    };
    return lines.map((line) => {
      const today = todays.get(line.shipTo);
      if (today === undefined) throw new Error(`no local date for location ${line.shipTo}`);
      const candidates = candidatesFor(line.item, line.supplier, today);
      const input: SelectorInput = {
        neededBy: line.requestedDate,
        line: { ...line.facts, unitCost: line.unitCost },
        candidates,
      };
      return { line, input };
    });
  }

}

function describe(decision: Decision): string {
  if (decision.shortfall === 0) return 'nothing short';
  const suppliers = decision.moves.length;
  if (suppliers === 0) return `${decision.shortfall} short; no backup supplier can cover it`;
  const onTime = decision.onTimeCoverage === decision.shortfall ? 'all on time' : `${decision.onTimeCoverage} on time`;
  const uncovered = decision.uncoveredQuantity ? `, ${decision.uncoveredQuantity} uncovered` : '';
  const unproven = decision.optimal ? '' : '; the best plan found within the search bound, not proven optimal: review before applying';
  return `${decision.shortfall} short; ${suppliers} backup supplier(s) can cover ${decision.usefulCoverage} (${onTime})${uncovered}, added cost ${fromScaled(toScaled(decision.addedCost))}${unproven}`;
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Reallocation proposals to backup suppliers. */
    reallocations: ReallocationService;
  }
}
