import type { AuthedContext } from '../../core/context';
import { notFound } from '../../shared/errors';
import { isUuid } from '../../shared/ids';
import { Params, sql } from '../../shared/sql';
import { daysBetween } from '../../shared/calendar';
import type { CatalogService } from '../catalog/catalog.service';
import { isFullyReceived, isReceivedInFull } from '../open-orders/open-quantity';
import { factsOf, FACT_COLUMNS, type FactRow } from '../open-orders/open-orders.queries';
import { onTimeInFullRate, summarize } from './lead-time-stats';
import type { LeadTimeStatsType } from './lead-time.types';

/** Lead-time statistics per supplier x item, from the promise and receipt history of order lines. */
export class LeadTimeService {
  constructor(private readonly catalog: CatalogService) {}

  /** A retailer asks about its own items and its partners; a supplier about itself and the items it supplies. */
  async stats(ctx: AuthedContext, supplierId: string, itemId: string): Promise<LeadTimeStatsType> {
    // A supplier asks about itself; a retailer about an ACTIVE partner. Either only about an item it may see.
    await ctx.scope.partnersKnown(ctx.em);
    const supplierVisible = ctx.scope.isSupplier ? supplierId === ctx.caller.organizationId : isUuid(supplierId) && ctx.scope.partnerIds.includes(supplierId);
    if (!supplierVisible) throw notFound('Supplier', 'supplierId');
    if (!(await this.catalog.findItem(ctx, itemId))) throw notFound('Item', 'itemId');
    const p = new Params();
    const [rule] = await sql<{ days: number }>(
      ctx.em,
      `SELECT r.quoted_lead_time_days AS days FROM sourcing_rule r
        WHERE r.supplier_id = ${p.add(supplierId)} AND r.item_id = ${p.add(itemId)} AND ${ctx.scope.where('sourcingRule', 'r', p)}`,
      p.values,
    );
    const q = new Params();
    const lines = await sql<FactRow & { confirmed_days: number | null; issued_on: string; last_received_on: string | null }>(
      ctx.em,
      `SELECT l.latest_delivery_date - (po.issued_at AT TIME ZONE 'UTC')::date AS confirmed_days, (po.issued_at AT TIME ZONE 'UTC')::date::text AS issued_on,
              last.received_on::text AS last_received_on, ${FACT_COLUMNS}
         FROM purchase_order_line l
         JOIN purchase_order po ON po.id = l.purchase_order_id
         LEFT JOIN LATERAL (SELECT max(received_on) AS received_on FROM receipt r WHERE r.line_id = l.id) last ON true
        WHERE l.supplier_id = ${q.add(supplierId)} AND l.item_id = ${q.add(itemId)} AND po.issued_at IS NOT NULL AND l.status <> 'CANCELLED'
          AND ${ctx.scope.where('purchaseOrder', 'po', q)}`,
      q.values,
    );
    // Received in full, closed short, on time: the open-quantity model's reading of each line (over-delivery counts as in full).
    const received = lines.filter((l) => l.receivedQuantity > 0).map((l) => {
      const facts = factsOf(l);
      return {
        done: isFullyReceived(facts),
        inFull: isReceivedInFull(facts),
        onTime: l.last_received_on !== null && l.last_received_on <= l.requestedDate,
        actualDays: l.last_received_on === null ? null : daysBetween(l.issued_on, l.last_received_on),
      };
    });
    const confirmed = summarize(lines.flatMap((l) => (l.confirmed_days === null ? [] : [l.confirmed_days])));
    // Issue to the receipt that completed the line (in full or closed short).
    const actual = summarize(received.flatMap((l) => (l.done && l.actualDays !== null ? [l.actualDays] : [])));
    return {
      supplier: supplierId,
      item: itemId,
      quotedLeadTimeDays: rule?.days ?? null,
      confirmedCount: confirmed.count,
      confirmedMeanDays: confirmed.mean,
      confirmedP90Days: confirmed.p90,
      actualCount: actual.count,
      actualMeanDays: actual.mean,
      actualP90Days: actual.p90,
      onTimeInFullRate: onTimeInFullRate(received),
    };
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Lead-time statistics. */
    leadTimes: LeadTimeService;
  }
}
