import type { AuthedContext } from '../../core/context';
import { inTransaction } from '../../core/transaction';
import { badInput } from '../../shared/errors';
import { isUuid, newId } from '../../shared/ids';
import { Params, sql } from '../../shared/sql';
import type { CatalogService } from '../catalog/catalog.service';
import type { RiskService } from '../risk/risk.service';
import type { SourcingRuleType } from './sourcing-rule.type';

export interface SourcingRuleInput {
  itemId: string;
  supplierId: string;
  priority: number;
  quotedLeadTimeDays: number;
  unitCost: string;
  minOrderQuantity: number;
  orderMultiple: number;
  weeklyCapacity?: number | null;
  active: boolean;
}

const RULE_COLUMNS = `r.id, r.item_id AS item, r.supplier_id AS supplier, r.priority, r.quoted_lead_time_days AS "quotedLeadTimeDays",
  r.unit_cost AS "unitCost", r.min_order_quantity AS "minOrderQuantity", r.order_multiple AS "orderMultiple",
  r.weekly_capacity AS "weeklyCapacity", r.active`;

/** Sourcing rules: which suppliers may supply an item, at what cost, lead time and capacity. */
export class SourcingRuleService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly risk: RiskService,
  ) {}

  /** One rule per item x supplier: a second upsert replaces the first. */
  async upsert(ctx: AuthedContext, input: SourcingRuleInput): Promise<SourcingRuleType> {
    await this.catalog.requireOwnItem(ctx, input.itemId, 'input.itemId');
    if (!isUuid(input.supplierId) || !ctx.scope.partnerIds.includes(input.supplierId)) {
      throw badInput('input.supplierId', 'This supplier is not an active partner; invite it and wait for it to accept');
    }
    return inTransaction(ctx, async (tx) => {
      const rule = await this.write(tx, input);
      // Who hears of the item's risk changes depends on the rules; the numbers do not, so this usually raises nothing.
      const pairs = await sql<{ itemId: string; locationId: string }>(
        tx.em,
        `SELECT item_id AS "itemId", location_id AS "locationId" FROM shortage_risk WHERE item_id = $1`,
        [input.itemId],
      );
      await this.risk.recompute(tx, tx.caller.organizationId, pairs);
      return rule;
    });
  }

  private async write(ctx: AuthedContext, input: SourcingRuleInput): Promise<SourcingRuleType> {
    const [rule] = await sql<SourcingRuleType>(
      ctx.em,
      `INSERT INTO sourcing_rule AS r (id, retailer_id, item_id, supplier_id, priority, quoted_lead_time_days, unit_cost,
                                       min_order_quantity, order_multiple, weekly_capacity, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
       ON CONFLICT (item_id, supplier_id) DO UPDATE SET
         priority = EXCLUDED.priority, quoted_lead_time_days = EXCLUDED.quoted_lead_time_days, unit_cost = EXCLUDED.unit_cost,
         min_order_quantity = EXCLUDED.min_order_quantity, order_multiple = EXCLUDED.order_multiple,
         weekly_capacity = EXCLUDED.weekly_capacity, active = EXCLUDED.active, updated_at = now()
       RETURNING ${RULE_COLUMNS}`,
      [
        newId(), ctx.caller.organizationId, input.itemId, input.supplierId, input.priority, input.quotedLeadTimeDays,
        input.unitCost, input.minOrderQuantity, input.orderMultiple, input.weeklyCapacity ?? null, input.active,
      ],
    );
    return rule;
  }

  /** A retailer sees all its rules; a supplier only the rules naming it, from active partners. */
  async list(ctx: AuthedContext, itemId?: string | null): Promise<SourcingRuleType[]> {
    if (itemId != null && !isUuid(itemId)) return [];
    const p = new Params();
    const where = [ctx.scope.where('sourcingRule', 'r', p)];
    if (itemId) where.push(`r.item_id = ${p.add(itemId)}`);
    return sql<SourcingRuleType>(
      ctx.em,
      `SELECT ${RULE_COLUMNS} FROM sourcing_rule r WHERE ${where.join(' AND ')} ORDER BY r.item_id, r.priority, r.supplier_id`,
      p.values,
    );
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Sourcing rules and the sourcing policy. */
    sourcingRules: SourcingRuleService;
  }
}
