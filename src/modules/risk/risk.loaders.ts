import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';
import { RISK_COLUMNS } from './risk.service';
import type { ShortageRiskType } from './shortage-risk.type';

/** Stored risks by "itemId/locationId", one query per request tick. Serves pairs a parent (an alert) already named. */
export function createRiskLoader(em: EntityManager) {
  return new DataLoader<string, ShortageRiskType | null>(async (keys) => {
    const pairs = keys.map((k) => k.split('/'));
    const rows = await sql<ShortageRiskType>(
      em,
      `SELECT ${RISK_COLUMNS} FROM shortage_risk r JOIN unnest($1::uuid[], $2::uuid[]) AS p(item_id, location_id)
         ON p.item_id = r.item_id AND p.location_id = r.location_id`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    const byKey = new Map(rows.map((r) => [`${r.item}/${r.location}`, r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}
