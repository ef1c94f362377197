import { Migration } from '@mikro-orm/migrations';

const APP_ROLE = 'shortstop_app';
const ORG = '(select app_org())';
const PARTNERS = '(select app_partners())::uuid[]';

/**
 * The daily risk snapshot (DESIGN.md, "KPIs"): one row per retailer item x
 * location per day, written by the daily job (src/modules/risk/risk-snapshot.jobs.ts),
 * kept 400 days, read by kpis and riskTrend.
 *
 * Row-level security as shortage_risk's (a snapshot is a past risk): the
 * retailer reads and writes its own rows; a supplier reads the rows of the
 * items it actively sources, of its ACTIVE partners. Rows are never updated
 * (a day is written once: INSERT ... ON CONFLICT DO NOTHING); the retailer's
 * own transaction deletes those past the retention.
 */
export class Migration20261204040000_risk_snapshot extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "risk_snapshot" ("item_id" uuid not null, "location_id" uuid not null, "day" date not null, "retailer_id" uuid not null, "level" text check ("level" in ('OK', 'AT_RISK', 'STOCKOUT')) not null, "opening_balance" int not null, "projected_stockout_date" date null, "shortage_quantity" int not null, "revenue_at_risk" numeric(38,4) not null, constraint "risk_snapshot_pkey" primary key ("item_id", "location_id", "day"));`);
    this.addSql(`create index "risk_snapshot_retailer_day_idx" on "risk_snapshot" ("retailer_id", "day");`);

    this.addSql(`alter table "risk_snapshot" add constraint "risk_snapshot_item_id_foreign" foreign key ("item_id") references "item" ("id") on update cascade;`);
    this.addSql(`alter table "risk_snapshot" add constraint "risk_snapshot_location_id_foreign" foreign key ("location_id") references "location" ("id") on update cascade;`);
    this.addSql(`alter table "risk_snapshot" add constraint "risk_snapshot_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);

    this.addSql(`revoke update on table "risk_snapshot" from ${APP_ROLE};`);
    this.addSql(`alter table "risk_snapshot" enable row level security;`);
    this.addSql(`alter table "risk_snapshot" force row level security;`);
    this.addSql(`create policy tenant_select on "risk_snapshot" for select to ${APP_ROLE}
                   using ((retailer_id = ${ORG} or (retailer_id = any(${PARTNERS}) and app_supplies_item(risk_snapshot.item_id))));`);
    this.addSql(`create policy tenant_insert on "risk_snapshot" for insert to ${APP_ROLE} with check (retailer_id = ${ORG});`);
    this.addSql(`create policy tenant_delete on "risk_snapshot" for delete to ${APP_ROLE} using (retailer_id = ${ORG});`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "risk_snapshot" cascade;`);
  }
}
