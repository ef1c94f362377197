import DataLoader from 'dataloader';
import { perRequest, type RequestContext } from '../../core/context';
import { Params, sql } from '../../shared/sql';
import { RISK_COLUMNS } from './risk.service';
import type { ShortageRiskType } from './shortage-risk.type';

/** Stored risks by "itemId/locationId" through the caller's risk rule, one query per request tick; null when not visible. */
function createRiskLoader(ctx: RequestContext) {
  return new DataLoader<string, ShortageRiskType | null>(async (keys) => {
    const pairs = keys.map((k) => k.split('/'));
    const p = new Params();
    const rows = await sql<ShortageRiskType>(
      ctx.em,
      `SELECT ${RISK_COLUMNS} FROM shortage_risk r JOIN unnest(${p.add(pairs.map((x) => x[0]))}::uuid[], ${p.add(pairs.map((x) => x[1]))}::uuid[]) AS p(item_id, location_id)
         ON p.item_id = r.item_id AND p.location_id = r.location_id
        WHERE ${ctx.scope.where('shortageRisk', 'r', p)}`,
      p.values,
    );
    const byKey = new Map(rows.map((r) => [`${r.item}/${r.location}`, r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** The request's risk loader. */
export const riskLoader = (ctx: RequestContext) => perRequest(ctx, createRiskLoader);
