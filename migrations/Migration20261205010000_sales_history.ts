import { Migration } from '@mikro-orm/migrations';

/**
 * Demand from sales history (issue 17, DESIGN.md "Demand: sales history, a
 * baseline forecast, forecast accuracy").
 *
 * - sales_day: what sold of an item at a location on one day, one row per
 *   item x location x day (recordSales upserts; the latest value wins). No
 *   foreign keys: see SalesDayEntity (a per-row look-up each, three quarters
 *   of a 100,000-row insert; the one writer checks item and location).
 * - forecast_line.method: the baseline method that generated a line
 *   (generateForecast); null for uploaded lines.
 * - partnership.share_sales: the retailer shares its daily sales of the
 *   items a supplier supplies with that supplier (off by default; the
 *   retailer's ADMIN sets it with setCollaborationRules).
 * - Row-level security on sales_day (enabled, forced), the same rule as the
 *   scope's 'salesDay' (src/core/scope.ts): the retailer reads and writes its
 *   own rows; a supplier reads the rows of items it actively sources, from
 *   an ACTIVE partner that shares its sales with it. Nothing deletes rows.
 */

const APP_ROLE = 'shortstop_app';
const ORG = '(select app_org())';
const PARTNERS = '(select app_partners())::uuid[]';
const SUPPLIED_ITEMS = `(select r.item_id from sourcing_rule r where r.supplier_id = ${ORG} and r.active)`;
const SHARING_RETAILERS = `(select sp.retailer_id from partnership sp where sp.supplier_id = ${ORG} and sp.share_sales)`;
const VISIBLE = `(retailer_id = ${ORG} or (retailer_id = any(${PARTNERS}) and retailer_id in ${SHARING_RETAILERS} and sales_day.item_id in ${SUPPLIED_ITEMS}))`;
const OWN = `(retailer_id = ${ORG})`;

export class Migration20261205010000_sales_history extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "sales_day" ("item_id" uuid not null, "location_id" uuid not null, "day" date not null, "retailer_id" uuid not null, "quantity" int not null, "updated_at" timestamptz not null, constraint "sales_day_pkey" primary key ("item_id", "location_id", "day"));`);
    this.addSql(`create index "sales_day_retailer_day_idx" on "sales_day" ("retailer_id", "day");`);

    this.addSql(`alter table "forecast_line" add column "method" text null;`);
    this.addSql(`alter table "partnership" add column "share_sales" boolean not null default false;`);

    this.addSql(`grant select, insert, update on table "sales_day" to ${APP_ROLE};`);
    this.addSql(`alter table "sales_day" enable row level security;`);
    this.addSql(`alter table "sales_day" force row level security;`);
    this.addSql(`create policy tenant_select on "sales_day" for select to ${APP_ROLE} using (${VISIBLE});`);
    this.addSql(`create policy tenant_insert on "sales_day" for insert to ${APP_ROLE} with check (${OWN});`);
    this.addSql(`create policy tenant_update on "sales_day" for update to ${APP_ROLE} using (${OWN}) with check (${OWN});`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sales_day" cascade;`);
    this.addSql(`alter table "forecast_line" drop column "method";`);
    this.addSql(`alter table "partnership" drop column "share_sales";`);
  }
}
