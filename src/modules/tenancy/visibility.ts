import { memoize, type AuthedContext } from '../../server/context';
import { sql } from '../../shared/sql';
import { isUuid } from '../../shared/ids';
import { OrganizationKind } from './tenancy.enums';

/**
 * What a caller may see of other organizations, written once. A retailer
 * sees its own data; a supplier sees a retailer's shared data only through an
 * ACTIVE partnership.
 */

/** Retailers whose shared data the caller may see: itself, or a supplier's active partners. */
export function visibleRetailerIds(ctx: AuthedContext): Promise<string[]> {
  if (ctx.caller.organizationKind === OrganizationKind.RETAILER) return Promise.resolve([ctx.caller.organizationId]);
  return memoize(ctx, 'visibleRetailerIds', async () => {
    const rows = await sql<{ retailer_id: string }>(
      ctx.em,
      `SELECT retailer_id FROM partnership WHERE supplier_id = $1 AND status = 'ACTIVE'`,
      [ctx.caller.organizationId],
    );
    return rows.map((r) => r.retailer_id);
  });
}

/** True when the supplier is an ACTIVE partner of the retailer. */
export async function isActivePartner(ctx: AuthedContext, retailerId: string, supplierId: string): Promise<boolean> {
  if (!isUuid(supplierId) || !isUuid(retailerId)) return false;
  const rows = await sql(
    ctx.em,
    `SELECT 1 FROM partnership WHERE retailer_id = $1 AND supplier_id = $2 AND status = 'ACTIVE'`,
    [retailerId, supplierId],
  );
  return rows.length > 0;
}
