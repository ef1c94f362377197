import type { AuthedContext } from '../../core/context';
import type { LocalToday } from '../../core/local-dates';
import { badInput, DuplicateCheck, forbidden, notFound } from '../../shared/errors';
import { isUuid } from '../../shared/ids';
import { fromScaled, toScaled } from '../../shared/money';
import { Slicer } from '../../shared/slices';
import { Params, sql } from '../../shared/sql';
import { expectedSchedule, inTransitQuantity, total } from '../open-orders/open-quantity';
import { factsOf, FACT_COLUMNS, type FactRow } from '../open-orders/open-orders.queries';
import { LINES_AND_ORDERS_BY_ID } from '../purchasing/purchasing.queries';
import { riskChanged } from '../risk/projection';
import { LEVEL_RANK } from '../risk/risk-level';
import type { RiskService } from '../risk/risk.service';
import type { ReallocationService } from '../sourcing/reallocation.service';
import { Scenario, type SimulatedOutage, type SimulatedSlip } from './scenario';
import { MAX_SIMULATED_CHANGES, type ReallocationPlanType, type RiskChangeType, type SimulationResultType } from './what-if.types';

/** Orders whose lines count as inbound: issued or later, not cancelled (the projection's rule). */
const NOT_INBOUND_ORDERS = ['DRAFT', 'CANCELLED'];

/**
 * The what-if (DESIGN.md, Planning collaboration): slips and supplier
 * outages applied to a copy of the risk engine's inputs; the item x
 * locations whose risk would change, the revenue at risk before and after,
 * and the backup-supplier selector's plan for each slipped line. Nothing is
 * written: no row, no alert, no cursor.
 *
 * Who: a retailer, over all of its own positions (read under its scope). A
 * supplier may not simulate (FORBIDDEN): a what-if projects the retailer's
 * stock against every supplier's inbound, so answering any slip a supplier
 * cares to try would show it the other suppliers' delivery plans as a total
 * (DESIGN.md, Tenancy and access: never, not even as a total), and the plans
 * name other suppliers and their costs, which suppliers never see.
 *
 * Event loop: the projection of each position and each selector run are
 * bounded steps; the loop is given back every 10 ms between them (Slicer),
 * so no simulation holds it longer, whatever the number of positions.
 */
export class WhatIfService {
  constructor(
    private readonly risk: RiskService,
    private readonly reallocations: ReallocationService,
  ) {}

  async simulate(
    ctx: AuthedContext,
    input: { slips?: SimulatedSlip[] | null; outages?: SimulatedOutage[] | null },
    at?: Date,
  ): Promise<SimulationResultType> {
    if (!ctx.scope.isRetailer) throw forbidden('Only a retailer can run a what-if: it projects every supplier\'s inbound');
    const slips = input.slips ?? [];
    const outages = input.outages ?? [];
    // Day 0 of each position, and "the past" of each slipped line, is today at its location (DESIGN.md, Local dates).
    const todays = await ctx.services.localDates.todayAtLocationsOf(ctx.em, ctx.caller.organizationId, at);
    await this.check(ctx, slips, outages, todays);

    const scenario = new Scenario(slips, outages);
    const slicer = new Slicer();
    let before = 0n;
    let after = 0n;
    const changes: RiskChangeType[] = [];
    const { loaded, untouched } = await this.risk.inputsForWhatIf(
      ctx,
      todays,
      { lineIds: slips.map((s) => s.lineId), supplierIds: outages.map((o) => o.supplierId) },
      async (pair) => {
        await slicer.pause();
        const outcome = scenario.project(pair);
        before += toScaled(outcome.before.revenueAtRisk);
        after += toScaled(outcome.after.revenueAtRisk);
        if (outcome.after !== outcome.before && riskChanged(outcome.before, outcome.after)) {
          changes.push({
            item: pair.itemId,
            location: pair.locationId,
            levelBefore: outcome.before.level,
            levelAfter: outcome.after.level,
            stockoutDateBefore: outcome.before.projectedStockoutDate,
            stockoutDateAfter: outcome.after.projectedStockoutDate,
            shortageBefore: outcome.before.shortageQuantity,
            shortageAfter: outcome.after.shortageQuantity,
            revenueAtRiskBefore: outcome.before.revenueAtRisk,
            revenueAtRiskAfter: outcome.after.revenueAtRisk,
          });
        }
      },
    );
    // Positions the scenario leaves alone keep their risk: the same revenue at risk before and after.
    before += toScaled(untouched.revenueAtRisk);
    after += toScaled(untouched.revenueAtRisk);
    changes.sort(mostUrgentAfter);

    const decisions = await this.reallocations.planFor(ctx, slips.map((s) => s.lineId), scenario, todays, () => slicer.pause());
    const plans: ReallocationPlanType[] = decisions.map(({ lineId, neededBy, decision }) => ({
      sourceLine: lineId,
      shortfallQuantity: decision.shortfall,
      neededBy,
      uncoveredQuantity: decision.uncoveredQuantity,
      addedCost: decision.addedCost,
      optimal: decision.optimal,
      moves: decision.moves,
      candidates: decision.candidates,
    }));
    return {
      changes: changes.slice(0, MAX_SIMULATED_CHANGES),
      changeCount: changes.length,
      positionCount: loaded + untouched.count,
      revenueAtRiskBefore: fromScaled(before),
      revenueAtRiskAfter: fromScaled(after),
      plans,
    };
  }

  /**
   * Each slip names a line of the caller's (the purchaseOrder visibility
   * rule; NOT_FOUND otherwise) on an issued order that still brings something
   * besides what is in transit, once; a quantity at most what it brings
   * (a slip delivers less, never more); a date not in the past. Each outage
   * names a supplier the caller knows, with from <= to.
   */
  private async check(ctx: AuthedContext, slips: SimulatedSlip[], outages: SimulatedOutage[], todays: LocalToday): Promise<void> {
    const duplicates = new DuplicateCheck('input.slips', 'lineId', ': one slip per order line');
    slips.forEach((s, i) => {
      duplicates.check(s.lineId, i);
    });
    outages.forEach((o, i) => {
      if (o.to < o.from) throw badInput(`input.outages[${i}].to`, `The outage ends (${o.to}) before it starts (${o.from})`);
    });

    const lines = await this.visibleLines(ctx, slips.map((s) => s.lineId));
    slips.forEach((s, i) => {
      const line = lines.get(s.lineId);
      if (!line) throw notFound('Purchase order line', `input.slips[${i}].lineId`);
      const name = `Line ${line.lineNumber} of ${line.orderNumber}`;
      if (NOT_INBOUND_ORDERS.includes(line.orderStatus)) throw badInput(`input.slips[${i}].lineId`, `${line.orderNumber} is ${line.orderStatus}: its lines bring nothing to slip`);
      const facts = factsOf(line);
      const expected = total(expectedSchedule(facts));
      const transit = inTransitQuantity(facts);
      if (expected === 0) {
        throw badInput(`input.slips[${i}].lineId`, `${name} is expected to bring nothing more${transit ? ` besides the ${transit} in transit` : ''}: nothing to slip`);
      }
      if (s.quantity != null && s.quantity > expected) {
        throw badInput(`input.slips[${i}].quantity`, `${name} is expected to bring ${expected}${transit ? ` besides the ${transit} in transit` : ''}: a slip delivers at most that`);
      }
      const today = todays.get(line.shipTo);
      if (s.deliveryDate != null && today !== undefined && s.deliveryDate < today) {
        throw badInput(`input.slips[${i}].deliveryDate`, `${s.deliveryDate} is in the past: a delivery comes today (${today} at the ship-to location) or later`);
      }
    });

    const suppliers = await this.visibleSuppliers(ctx, outages.map((o) => o.supplierId));
    outages.forEach((o, i) => {
      if (!suppliers.has(o.supplierId)) throw notFound('Supplier', `input.outages[${i}].supplierId`);
    });
  }

  private async visibleLines(ctx: AuthedContext, ids: string[]) {
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return new Map<string, never>();
    const p = new Params();
    const rows = await sql<FactRow & { id: string; lineNumber: number; orderNumber: string; orderStatus: string; shipTo: string }>(
      ctx.em,
      `SELECT l.id, l.ship_to_id AS "shipTo", l.line_number AS "lineNumber", po.number AS "orderNumber", po.status AS "orderStatus", ${FACT_COLUMNS}
         FROM ${LINES_AND_ORDERS_BY_ID(`${p.add(wanted)}::uuid[]`)}
        WHERE ${ctx.scope.where('purchaseOrder', 'po', p)}`,
      p.values,
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async visibleSuppliers(ctx: AuthedContext, ids: string[]): Promise<Set<string>> {
    const wanted = [...new Set(ids.filter(isUuid))];
    if (wanted.length === 0) return new Set();
    const p = new Params();
    const rows = await sql<{ id: string }>(
      ctx.em,
      `SELECT o.id FROM organization o WHERE o.id = ANY(${p.add(wanted)}::uuid[]) AND o.kind = 'SUPPLIER' AND ${ctx.scope.where('organization', 'o', p)}`,
      p.values,
    );
    return new Set(rows.map((r) => r.id));
  }
}

/** STOCKOUT before AT_RISK before OK after the change, then the earliest stockout, the largest revenue at risk, item, location. */
function mostUrgentAfter(a: RiskChangeType, b: RiskChangeType): number {
  return LEVEL_RANK[a.levelAfter] - LEVEL_RANK[b.levelAfter]
    || (a.stockoutDateAfter ?? '9999-12-31').localeCompare(b.stockoutDateAfter ?? '9999-12-31')
    || compareBig(toScaled(b.revenueAtRiskAfter), toScaled(a.revenueAtRiskAfter))
    || a.item.localeCompare(b.item)
    || a.location.localeCompare(b.location);
}

const compareBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

declare module '../../core/context' {
  interface ServiceRegistry {
    /** What-if simulations (nothing stored). */
    whatIf: WhatIfService;
  }
}
