import { Migration } from '@mikro-orm/migrations';
import { PG_BOSS_SCHEMA as Q } from './pg-boss-schema-v24';

/**
 * Issue 15, point 2: signed webhooks (src/modules/webhooks).
 *
 * webhook_endpoint and webhook_delivery: the organization's own rows
 * (row-level security on organization_id), written only by the webhooks
 * module. Deliveries run on the job queue: the queue "webhooks" (a pg-boss
 * partition, made here like the periodic jobs' queues). The new alert type
 * WEBHOOK_ENDPOINT_DEACTIVATED tells the organization an endpoint was turned
 * off after 24 hours of failures.
 *
 * Two SECURITY DEFINER functions let the delivery job, which starts knowing
 * only an endpoint id, find whose it is (webhook_endpoint_owner) and the
 * endpoints with work (webhook_endpoints_due); all else runs as the
 * organization, under row-level security.
 */
const APP_ROLE = 'shortstop_app';
const ORG = '(select app_org())';
const DEFINER = 'language sql security definer set search_path = public, pg_temp';
const TYPES_BEFORE = [
  'SHORTAGE_RISK_CHANGED', 'SUPPLIER_SLIPPED', 'PURCHASE_ORDER_ISSUED', 'PURCHASE_ORDER_CHANGED', 'PURCHASE_ORDER_CONFIRMED',
  'REALLOCATION_PROPOSED', 'REALLOCATION_APPLIED', 'FORECAST_PUBLISHED', 'SHIP_NOTICE_CREATED',
  'CONFIRMATION_OVERDUE', 'DELIVERY_OVERDUE', 'FORECAST_COMMIT_EXCEPTION',
].map((t) => `'${t}'`).join(', ');

export class Migration20261204070000_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "webhook_endpoint" ("id" uuid not null, "organization_id" uuid not null, "url" text not null, "types" text[] null, "secret" text not null, "active" boolean not null default true, "queued_through" bigint not null, "created_at" timestamptz not null, "last_delivery_at" timestamptz null, "last_error" text null, constraint "webhook_endpoint_pkey" primary key ("id"));`);
    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);
    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "endpoint_id" uuid not null, "organization_id" uuid not null, "alert_id" uuid not null, "alert_cursor" bigint not null, "status" text check ("status" in ('PENDING', 'DELIVERED', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "first_failed_at" timestamptz null, "last_attempt_at" timestamptz null, "response_status" int null, "next_attempt_at" timestamptz null, constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_endpoint_cursor_idx" on "webhook_delivery" ("endpoint_id", "alert_cursor");`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_alert_unique" unique ("endpoint_id", "alert_id");`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_alert_id_foreign" foreign key ("alert_id") references "alert" ("id") on update cascade on delete cascade;`);
    for (const table of ['webhook_endpoint', 'webhook_delivery']) {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
      this.addSql(`create policy tenant_select on "${table}" for select to ${APP_ROLE} using (organization_id = ${ORG});`);
      this.addSql(`create policy tenant_insert on "${table}" for insert to ${APP_ROLE} with check (organization_id = ${ORG});`);
      this.addSql(`create policy tenant_update on "${table}" for update to ${APP_ROLE} using (organization_id = ${ORG}) with check (organization_id = ${ORG});`);
      this.addSql(`create policy tenant_delete on "${table}" for delete to ${APP_ROLE} using (organization_id = ${ORG});`);
    }

    this.addSql(`alter table "alert" drop constraint if exists "alert_type_check";`);
    this.addSql(`alter table "alert" add constraint "alert_type_check" check("type" in (${TYPES_BEFORE}, 'WEBHOOK_ENDPOINT_DEACTIVATED'));`);

    // The delivery job's only ways around row-level security: whose an endpoint is, and which endpoints have work.
    this.addSql(`create or replace function webhook_endpoint_owner(p_endpoint uuid)
      returns table (id uuid, name text, kind text) ${DEFINER} stable as $$
        select o.id, o.name, o.kind from webhook_endpoint e join organization o on o.id = e.organization_id where e.id = p_endpoint $$;`);
    this.addSql(`create or replace function webhook_endpoints_due()
      returns table (endpoint_id uuid) ${DEFINER} stable as $$
        select e.id from webhook_endpoint e
         where e.active and (
           exists (select 1 from webhook_delivery d where d.endpoint_id = e.id and d.status = 'PENDING')
           or exists (select 1 from organization_counter c where c.organization_id = e.organization_id and c.name = 'alert' and c.value > e.queued_through))
         order by e.id $$;`);
    for (const fn of ['webhook_endpoint_owner(uuid)', 'webhook_endpoints_due()']) {
      this.addSql(`revoke all on function ${fn} from public;`);
      this.addSql(`grant execute on function ${fn} to ${APP_ROLE};`);
    }

    this.addSql(`select ${Q}.create_queue('webhooks', '{"policy":"standard"}');`);
  }

  override async down(): Promise<void> {
    this.addSql(`select ${Q}.delete_queue('webhooks');`);
    this.addSql(`drop function if exists webhook_endpoints_due();`);
    this.addSql(`drop function if exists webhook_endpoint_owner(uuid);`);
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);
    this.addSql(`delete from "alert" where "type" = 'WEBHOOK_ENDPOINT_DEACTIVATED';`);
    this.addSql(`alter table "alert" drop constraint if exists "alert_type_check";`);
    this.addSql(`alter table "alert" add constraint "alert_type_check" check("type" in (${TYPES_BEFORE}));`);
  }
}
