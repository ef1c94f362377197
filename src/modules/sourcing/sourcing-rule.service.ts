import type { AuthedContext } from '../../core/context';
import { inTransaction } from '../../core/transaction';
import { badInput } from '../../shared/errors';
import { isUuid, newId } from '../../shared/ids';
import type { ListPage } from '../../shared/connection';
import { keysetList, type SortKey } from '../../shared/keyset';
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
  purchaseUnit?: string | null;
  unitsPerPurchaseUnit?: number;
  overDeliveryTolerancePercent?: number;
}

export const RULE_COLUMNS = `r.id, r.item_id AS item, r.supplier_id AS supplier, r.priority, r.quoted_lead_time_days AS "quotedLeadTimeDays",
  r.unit_cost AS "unitCost", r.min_order_quantity AS "minOrderQuantity", r.order_multiple AS "orderMultiple",
  r.weekly_capacity AS "weeklyCapacity", r.active, r.purchase_unit AS "purchaseUnit", r.units_per_purchase_unit AS "unitsPerPurchaseUnit",
  r.over_delivery_tolerance_percent AS "overDeliveryTolerancePercent"`;

/**
 * Sourcing rules per item (one per supplier, inactive ones included): bounds
 * the candidates and moves of a reallocation proposal and the selector's input.
 */
export const MAX_RULES_PER_ITEM = 50;

/** Rules by item, then priority, then supplier (one rule per item x supplier: unique). */
const RULE_KEY: SortKey = [
  { sql: 'r.item_id', type: 'uuid' },
  { sql: 'r.priority', type: 'integer' },
  { sql: 'r.supplier_id', type: 'uuid' },
];

/**
 * A purchase unit holds unitsPerPurchaseUnit base units; without one the
 * rule sells in base units (1). (The selector orders whole purchase units:
 * selectorCandidates.)
 */
function checkPurchaseUnit(input: SourcingRuleInput): void {
  if (!input.purchaseUnit && (input.unitsPerPurchaseUnit ?? 1) !== 1) {
    throw badInput('input.unitsPerPurchaseUnit', 'Without a purchaseUnit a rule sells in base units: unitsPerPurchaseUnit is 1');
  }
}

/** Sourcing rules: which suppliers may supply an item, at what cost, lead time and capacity. */
export class SourcingRuleService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly risk: RiskService,
  ) {}

  /** One rule per item x supplier: a second upsert replaces the first. */
  async upsert(ctx: AuthedContext, input: SourcingRuleInput): Promise<SourcingRuleType> {
    checkPurchaseUnit(input);
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
    // One rule upsert per item at a time, so two new rules cannot both slip under the limit.
    await sql(ctx.em, `SELECT pg_advisory_xact_lock(hashtext($1))`, [`sourcing:${input.itemId}`]);
    const [existing] = await sql<{ n: number; replaces: boolean | null }>(
      ctx.em,
      `SELECT count(*)::int AS n, bool_or(supplier_id = $2) AS replaces FROM sourcing_rule WHERE item_id = $1`,
      [input.itemId, input.supplierId],
    );
    if (!existing.replaces && existing.n >= MAX_RULES_PER_ITEM) {
      throw badInput('input.supplierId', `An item has at most ${MAX_RULES_PER_ITEM} sourcing rules (one per supplier, inactive ones included): change one of its rules instead`);
    }
    const [rule] = await sql<SourcingRuleType>(
      ctx.em,
      `INSERT INTO sourcing_rule AS r (id, retailer_id, item_id, supplier_id, priority, quoted_lead_time_days, unit_cost,
                                       min_order_quantity, order_multiple, weekly_capacity, active, purchase_unit, units_per_purchase_unit,
                                       over_delivery_tolerance_percent, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())
       ON CONFLICT (item_id, supplier_id) DO UPDATE SET
         priority = EXCLUDED.priority, quoted_lead_time_days = EXCLUDED.quoted_lead_time_days, unit_cost = EXCLUDED.unit_cost,
         min_order_quantity = EXCLUDED.min_order_quantity, order_multiple = EXCLUDED.order_multiple,
         weekly_capacity = EXCLUDED.weekly_capacity, active = EXCLUDED.active, purchase_unit = EXCLUDED.purchase_unit,
         units_per_purchase_unit = EXCLUDED.units_per_purchase_unit, over_delivery_tolerance_percent = EXCLUDED.over_delivery_tolerance_percent,
         updated_at = now()
       RETURNING ${RULE_COLUMNS}`,
      [
        newId(), ctx.caller.organizationId, input.itemId, input.supplierId, input.priority, input.quotedLeadTimeDays,
        input.unitCost, input.minOrderQuantity, input.orderMultiple, input.weeklyCapacity ?? null, input.active,
        input.purchaseUnit ?? null, input.purchaseUnit ? input.unitsPerPurchaseUnit ?? 1 : 1, input.overDeliveryTolerancePercent ?? 0,
      ],
    );
    return rule;
  }

  /** A retailer sees all its rules; a supplier only the rules naming it, from active partners. */
  async list(ctx: AuthedContext, itemId: string | null | undefined, page: ListPage): Promise<SourcingRuleType[]> {
    const empty = itemId != null && !isUuid(itemId);
    const p = new Params();
    const where = [ctx.scope.where('sourcingRule', 'r', p)];
    if (itemId && !empty) where.push(`r.item_id = ${p.add(itemId)}`);
    return keysetList<SourcingRuleType>(ctx.em, { select: RULE_COLUMNS, from: 'sourcing_rule r', where, params: p, key: RULE_KEY, id: 'r.id' }, page, { empty });
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Sourcing rules and the sourcing policy. */
    sourcingRules: SourcingRuleService;
  }
}
