import type { AuthedContext } from '../../server/context';
import { notFound } from '../../shared/errors';
import { isUuid } from '../../shared/ids';
import { sql } from '../../shared/sql';
import type { CatalogService } from '../catalog/catalog.service';
import { OrganizationKind } from '../tenancy/tenancy.enums';
import { onTimeInFullRate, summarize } from './lead-time-stats';
import type { LeadTimeStatsType } from './lead-time.types';

/** Lead-time statistics per supplier x item, from the promise and receipt history of order lines. */
export class LeadTimeService {
  constructor(private readonly catalog: CatalogService) {}

  /** A retailer asks about its own items and its partners; a supplier about itself and the items it supplies. */
  async stats(ctx: AuthedContext, supplierId: string, itemId: string): Promise<LeadTimeStatsType> {
    const me = ctx.caller.organizationId;
    if (ctx.caller.organizationKind === OrganizationKind.SUPPLIER) {
      if (supplierId !== me) throw notFound('Supplier', 'supplierId');
      if (!(await this.catalog.findItem(ctx, itemId))) throw notFound('Item', 'itemId');
    } else {
      await this.catalog.requireOwnItem(ctx, itemId, 'itemId');
      const partner = isUuid(supplierId)
        ? await sql(ctx.em, `SELECT 1 FROM partnership WHERE retailer_id = $1 AND supplier_id = $2`, [me, supplierId])
        : [];
      if (partner.length === 0) throw notFound('Supplier', 'supplierId');
    }
    const [rule] = await sql<{ days: number }>(
      ctx.em,
      `SELECT quoted_lead_time_days AS days FROM sourcing_rule WHERE supplier_id = $1 AND item_id = $2`,
      [supplierId, itemId],
    );
    const lines = await sql<{ confirmed_days: number | null; actual_days: number | null; received: boolean; in_full: boolean; on_time: boolean }>(
      ctx.em,
      `SELECT l.latest_delivery_date - (po.issued_at AT TIME ZONE 'UTC')::date AS confirmed_days,
              CASE WHEN l.status = 'RECEIVED' THEN last.received_on - (po.issued_at AT TIME ZONE 'UTC')::date END AS actual_days,
              l.received_quantity > 0 AS received,
              l.received_quantity >= l.quantity AS in_full,
              coalesce(last.received_on <= l.requested_date, false) AS on_time
         FROM purchase_order_line l
         JOIN purchase_order po ON po.id = l.purchase_order_id
         LEFT JOIN LATERAL (SELECT max(received_on) AS received_on FROM receipt r WHERE r.line_id = l.id) last ON true
        WHERE l.supplier_id = $1 AND l.item_id = $2 AND po.issued_at IS NOT NULL AND l.status <> 'CANCELLED'`,
      [supplierId, itemId],
    );
    const confirmed = summarize(lines.flatMap((l) => (l.confirmed_days === null ? [] : [l.confirmed_days])));
    const actual = summarize(lines.flatMap((l) => (l.actual_days === null ? [] : [l.actual_days])));
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
      onTimeInFullRate: onTimeInFullRate(lines.filter((l) => l.received).map((l) => ({ inFull: l.in_full, onTime: l.on_time }))),
    };
  }
}
