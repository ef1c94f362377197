import { Migration } from '@mikro-orm/migrations';

/**
 * Forecast commits (issue 14, DESIGN.md "Planning collaboration"): a
 * supplier's committed quantity per forecast line (item x location x period)
 * of a retailer's version, and FORECAST_COMMIT_EXCEPTION alerts that link to
 * the commit they are about.
 *
 * - forecast_commit: one row per version x supplier x item x location x
 *   period once the supplier commits, or once a missing-commit exception is
 *   raised for it (committed_quantity null). exception_raised_at makes the
 *   exception once per key. The id is derived from the key by the service.
 * - Row-level security (enabled, forced): the retailer sees its own rows; a
 *   supplier its own, from ACTIVE partners, for items it actively sources
 *   (the scope rule 'forecastCommit' of src/core/scope.ts). The supplier
 *   writes its commits; the retailer (the daily missing-commit check acts as
 *   it) writes exception rows for its ACTIVE partners. Nothing deletes rows
 *   (they go with their version).
 * - alert.forecast_commit_id and the FORECAST_COMMIT_EXCEPTION alert type.
 */

const APP_ROLE = 'shortstop_app';
const ORG = '(select app_org())';
const PARTNERS = '(select app_partners())::uuid[]';
const SUPPLIED_ITEMS = `(select r.item_id from sourcing_rule r where r.supplier_id = ${ORG} and r.active)`;
const SUPPLIER_OWN = `(supplier_id = ${ORG} and retailer_id = any(${PARTNERS}) and forecast_commit.item_id in ${SUPPLIED_ITEMS})`;
const VISIBLE = `(retailer_id = ${ORG} or ${SUPPLIER_OWN})`;
const WRITABLE = `((retailer_id = ${ORG} and supplier_id = any(${PARTNERS})) or ${SUPPLIER_OWN})`;

// Every type before this migration (the job-queue migration, 20261204050000, already admits all of the contract's).
const TYPES_BEFORE = `'SHORTAGE_RISK_CHANGED', 'SUPPLIER_SLIPPED', 'PURCHASE_ORDER_ISSUED', 'PURCHASE_ORDER_CHANGED', 'PURCHASE_ORDER_CONFIRMED', 'REALLOCATION_PROPOSED', 'REALLOCATION_APPLIED', 'FORECAST_PUBLISHED', 'SHIP_NOTICE_CREATED', 'CONFIRMATION_OVERDUE', 'DELIVERY_OVERDUE'`;

export class Migration20261204060000_forecast_commits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "forecast_commit" ("id" uuid not null, "retailer_id" uuid not null, "supplier_id" uuid not null, "version_id" uuid not null, "item_id" uuid not null, "location_id" uuid not null, "period_start" date not null, "committed_quantity" int null, "committed_at" timestamptz null, "committed_by" text null, "exception_raised_at" timestamptz null, constraint "forecast_commit_pkey" primary key ("id"));`);
    this.addSql(`alter table "forecast_commit" add constraint "forecast_commit_key_unique" unique ("version_id", "supplier_id", "item_id", "location_id", "period_start");`);
    this.addSql(`alter table "forecast_commit" add constraint "forecast_commit_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "forecast_commit" add constraint "forecast_commit_supplier_id_foreign" foreign key ("supplier_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "forecast_commit" add constraint "forecast_commit_version_id_foreign" foreign key ("version_id") references "forecast_version" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "forecast_commit" add constraint "forecast_commit_item_id_foreign" foreign key ("item_id") references "item" ("id") on update cascade;`);
    this.addSql(`alter table "forecast_commit" add constraint "forecast_commit_location_id_foreign" foreign key ("location_id") references "location" ("id") on update cascade;`);

    this.addSql(`alter table "alert" drop constraint if exists "alert_type_check";`);
    this.addSql(`alter table "alert" add column "forecast_commit_id" uuid null;`);
    this.addSql(`alter table "alert" add constraint "alert_type_check" check("type" in (${TYPES_BEFORE}, 'FORECAST_COMMIT_EXCEPTION'));`);

    this.addSql(`grant select, insert, update on table "forecast_commit" to ${APP_ROLE};`);
    this.addSql(`alter table "forecast_commit" enable row level security;`);
    this.addSql(`alter table "forecast_commit" force row level security;`);
    this.addSql(`create policy tenant_select on "forecast_commit" for select to ${APP_ROLE} using (${VISIBLE});`);
    this.addSql(`create policy tenant_insert on "forecast_commit" for insert to ${APP_ROLE} with check (${WRITABLE});`);
    this.addSql(`create policy tenant_update on "forecast_commit" for update to ${APP_ROLE} using (${WRITABLE}) with check (${WRITABLE});`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "alert" where "type" = 'FORECAST_COMMIT_EXCEPTION';`);
    this.addSql(`alter table "alert" drop constraint if exists "alert_type_check";`);
    this.addSql(`alter table "alert" drop column "forecast_commit_id";`);
    this.addSql(`alter table "alert" add constraint "alert_type_check" check("type" in (${TYPES_BEFORE}, 'FORECAST_COMMIT_EXCEPTION'));`);
    this.addSql(`drop table if exists "forecast_commit" cascade;`);
  }
}
