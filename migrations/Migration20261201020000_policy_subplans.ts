import { Migration } from '@mikro-orm/migrations';

/**
 * Policies that look at another table hold a sub-select instead of calling a
 * PL/pgSQL function per row (app_supplies_item, app_item_on_its_orders,
 * app_order_issued, app_sees_line, app_sees_order, app_retailer_of_line,
 * app_has_partnership_with).
 *
 * Why: policy quals run before the query's own (security barrier), on every
 * row the scan meets, and each PL/pgSQL call costs 7-18 µs: a supplier's
 * count over 3,000 order lines took 22 ms (owner, no policies: 0.4 ms). A
 * sub-select is planned into the statement instead: an uncorrelated one
 * ("items the supplier sources") as a hashed SubPlan run once, a correlated
 * one ("the line's order is issued") as an index probe; the same count takes
 * 0.8 ms. The price is planning (the other table's policy is planned in too),
 * which the function form avoided; it is paid once per connection and
 * statement since src/shared/sql.ts sends statements prepared.
 *
 * The referenced tables' own policies apply inside each sub-select (they run
 * as the caller), exactly as they did inside the functions. No policy refers
 * back to a table that refers to it (item -> sourcing_rule, line;
 * line -> order; schedule, confirmation, receipt -> line; change record ->
 * order; organization -> partnership), so there is no recursion. The
 * functions stay (the earlier migration's down drops them).
 */

const ORG = '(select app_org())';
const PARTNERS = '(select app_partners())::uuid[]';

const SUPPLIED_ITEMS = `(select r.item_id from sourcing_rule r where r.supplier_id = ${ORG} and r.active)`;
const ON_ITS_ORDERS = (item: string) =>
  `exists (select 1 from purchase_order_line ol where ol.item_id = ${item} and ol.supplier_id = ${ORG})`;
const ORDER_ISSUED = `exists (select 1 from purchase_order po where po.id = purchase_order_line.purchase_order_id and po.status <> 'DRAFT')`;
const SEES_LINE = (line: string) => `exists (select 1 from purchase_order_line sl where sl.id = ${line})`;
const SEES_ORDER = (order: string) => `exists (select 1 from purchase_order so where so.id = ${order})`;
const SUPPLIER_LINE = (issued: string) => `(supplier_id = ${ORG} and retailer_id = any(${PARTNERS}) and ${issued})`;

interface PolicyChange {
  table: string;
  policy: 'tenant_select' | 'tenant_insert' | 'tenant_update' | 'tenant_delete';
  up: string;
  down: string;
}

const using = (table: string, up: string, down: string, policies: PolicyChange['policy'][]): PolicyChange[] =>
  policies.map((policy) => ({ table, policy, up, down }));

const CHANGES: PolicyChange[] = [
  ...using(
    'organization',
    `(id = ${ORG} or id = any(${PARTNERS}) or exists (select 1 from partnership p where (p.retailer_id = ${ORG} and p.supplier_id = organization.id)
                                                                                 or (p.supplier_id = ${ORG} and p.retailer_id = organization.id)))`,
    `(id = ${ORG} or id = any(${PARTNERS}) or app_has_partnership_with(organization.id))`,
    ['tenant_select'],
  ),
  ...using(
    'item',
    `(retailer_id = ${ORG} or (retailer_id = any(${PARTNERS}) and (item.id in ${SUPPLIED_ITEMS} or ${ON_ITS_ORDERS('item.id')})))`,
    `(retailer_id = ${ORG} or (retailer_id = any(${PARTNERS}) and (app_supplies_item(item.id) or app_item_on_its_orders(item.id))))`,
    ['tenant_select'],
  ),
  ...using(
    'shortage_risk',
    `(retailer_id = ${ORG} or (retailer_id = any(${PARTNERS}) and shortage_risk.item_id in ${SUPPLIED_ITEMS}))`,
    `(retailer_id = ${ORG} or (retailer_id = any(${PARTNERS}) and app_supplies_item(shortage_risk.item_id)))`,
    ['tenant_select'],
  ),
  ...using(
    'forecast_line',
    `exists (select 1 from forecast_version v where v.id = forecast_line.version_id and (v.retailer_id = ${ORG} or forecast_line.item_id in ${SUPPLIED_ITEMS}))`,
    `exists (select 1 from forecast_version v where v.id = forecast_line.version_id and (v.retailer_id = ${ORG} or app_supplies_item(forecast_line.item_id)))`,
    ['tenant_select'],
  ),
  ...using(
    'purchase_order_line',
    `(retailer_id = ${ORG} or ${SUPPLIER_LINE(ORDER_ISSUED)})`,
    `(retailer_id = ${ORG} or ${SUPPLIER_LINE('app_order_issued(purchase_order_line.purchase_order_id)')})`,
    ['tenant_select', 'tenant_update'],
  ),
  ...using('schedule_line', SEES_LINE('schedule_line.line_id'), 'app_sees_line(schedule_line.line_id)', ['tenant_select', 'tenant_insert', 'tenant_delete']),
  ...using('confirmation', SEES_LINE('confirmation.line_id'), 'app_sees_line(confirmation.line_id)', ['tenant_select', 'tenant_insert']),
  ...using('receipt', SEES_LINE('receipt.line_id'), 'app_sees_line(receipt.line_id)', ['tenant_select']),
  ...using(
    'receipt',
    `exists (select 1 from purchase_order_line rl where rl.id = receipt.line_id and rl.retailer_id = ${ORG})`,
    `app_retailer_of_line(receipt.line_id) = ${ORG}`,
    ['tenant_insert'],
  ),
  ...using('change_record', SEES_ORDER('change_record.purchase_order_id'), 'app_sees_order(change_record.purchase_order_id)', ['tenant_select', 'tenant_insert']),
];

/** INSERT has only WITH CHECK; UPDATE keeps USING and WITH CHECK equal (as the first migration made them). */
function alter(change: PolicyChange, expression: string): string {
  const clause =
    change.policy === 'tenant_insert'
      ? `with check (${expression})`
      : change.policy === 'tenant_update'
        ? `using (${expression}) with check (${expression})`
        : `using (${expression})`;
  return `alter policy ${change.policy} on "${change.table}" ${clause};`;
}

export class Migration20261201020000_policy_subplans extends Migration {
  override async up(): Promise<void> {
    for (const change of CHANGES) this.addSql(alter(change, change.up));
  }

  override async down(): Promise<void> {
    for (const change of CHANGES) this.addSql(alter(change, change.down));
  }
}
