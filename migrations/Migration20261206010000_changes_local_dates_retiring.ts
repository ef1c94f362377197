import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 18 (DESIGN.md "Changes after an order is issued, both ways", "Local dates"):
 *
 * - organization.time_zone: an IANA name, default UTC; location.time_zone: the
 *   location's own (null: its organization's). "Today" at a location is the
 *   local date there (src/core/local-dates.ts).
 * - item.active, location.active: retired ones get no new orders, forecast
 *   lines or inventory, and leave shortageRisks unless includeInactive.
 * - purchase_order_line.acknowledgement_required: the buyer changed a promised
 *   line and the supplier has not answered since; proposed_unit_cost: a price
 *   the supplier proposed with its confirmation, awaiting the retailer.
 *
 * - The job queue 'local-date-rollover' (recompute and snapshot each location
 *   when its local date changes).
 *
 * - Row-level security: an organization may update its own row (only
 *   time_zone is granted); the other new columns sit in tables whose
 *   policies already cover them.
 *
 * No new table and no new alert type (change orders and price decisions are
 * PURCHASE_ORDER_CHANGED to the supplier; a proposed price rides on
 * PURCHASE_ORDER_CONFIRMED to the retailer).
 */
export class Migration20261206010000_changes_local_dates_retiring extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "organization" add column "time_zone" text not null default 'UTC';`);
    // An ADMIN sets its own organization's time zone (setOrganizationTimeZone): the one column the app role may update there.
    // Table-wide UPDATE goes (nothing else of an organization is ever updated), so the policy below cannot let a
    // tenant change its kind or name: only the time_zone column is granted.
    this.addSql(`revoke update on "organization" from shortstop_app;`);
    this.addSql(`grant update ("time_zone") on "organization" to shortstop_app;`);
    this.addSql(`create policy tenant_update on "organization" for update to shortstop_app using (id = (select app_org())) with check (id = (select app_org()));`);
    this.addSql(`alter table "location" add column "time_zone" text null, add column "active" boolean not null default true;`);
    this.addSql(`alter table "item" add column "active" boolean not null default true;`);
    this.addSql(`alter table "purchase_order_line" add column "acknowledgement_required" boolean not null default false, add column "proposed_unit_cost" numeric(14,4) null;`);
    // The local-date rollover's queue (src/modules/risk/risk.jobs.ts): every 15 minutes, each location's day 0 when it moves.
    this.addSql(`select pgboss.create_queue('local-date-rollover', '{"policy":"standard"}');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop policy if exists tenant_update on "organization";`);
    this.addSql(`revoke update ("time_zone") on "organization" from shortstop_app;`);
    this.addSql(`grant update on "organization" to shortstop_app;`);
    this.addSql(`select pgboss.delete_queue('local-date-rollover');`);
    this.addSql(`alter table "purchase_order_line" drop column "acknowledgement_required", drop column "proposed_unit_cost";`);
    this.addSql(`alter table "item" drop column "active";`);
    this.addSql(`alter table "location" drop column "time_zone", drop column "active";`);
    this.addSql(`alter table "organization" drop column "time_zone";`);
  }
}
