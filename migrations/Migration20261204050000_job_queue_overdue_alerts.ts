import { Migration } from '@mikro-orm/migrations';
import { PG_BOSS_SCHEMA as Q, PG_BOSS_V24_SQL } from './pg-boss-schema-v24';

/**
 * Issue 14: periodic jobs on a PostgreSQL job queue, and overdue alerts.
 *
 * The job queue (pg-boss 10, src/server/job-queue.ts) lives in its own
 * schema, "pgboss", created here by the owner (the role that runs the
 * migrations): the server runs pg-boss as the application role
 * shortstop_app, which may not create anything, with pg-boss's own
 * migrations off. So the schema, and each queue (a queue is a partition of
 * pgboss.job: DDL), are made here; shortstop_app gets only USAGE on the
 * schema and SELECT/INSERT/UPDATE/DELETE on its tables. The queue holds no
 * tenant data (job names, empty payloads, schedules), so its tables have no
 * row-level security; tenant work inside a job acts as each organization,
 * under RLS, like a request. A queue added later needs its own migration
 * (`select pgboss.create_queue(name, '{}')`).
 *
 * The daily run moves onto the queue (one job per UTC day, pg-boss's
 * singleton slot): the home-made claim (job_run, daily_job_claim,
 * daily_job_release) goes.
 *
 * overdue_alert: the key of each overdue alert raised (line, kind, date),
 * so a restart or a second instance never raises one twice. The retailer's
 * rows; written only by the overdue job acting as that retailer.
 */
const APP_ROLE = 'shortstop_app';
const ORG = '(select app_org())';

/** The queues of src/server/job-queue.ts (JOB_QUEUES) and pg-boss's own cron queue. Options are set by the server at start. */
const QUEUES = ['__pgboss__send-it', 'daily', 'overdue-alerts'];

const ALERT_TYPES = [
  'SHORTAGE_RISK_CHANGED', 'SUPPLIER_SLIPPED', 'PURCHASE_ORDER_ISSUED', 'PURCHASE_ORDER_CHANGED', 'PURCHASE_ORDER_CONFIRMED',
  'REALLOCATION_PROPOSED', 'REALLOCATION_APPLIED', 'FORECAST_PUBLISHED', 'SHIP_NOTICE_CREATED',
];
const NEW_ALERT_TYPES = ['CONFIRMATION_OVERDUE', 'DELIVERY_OVERDUE', 'FORECAST_COMMIT_EXCEPTION'];
const alertTypeCheck = (types: string[]) =>
  `alter table "alert" add constraint "alert_type_check" check("type" in (${types.map((t) => `'${t}'`).join(', ')}));`;

export class Migration20261204050000_job_queue_overdue_alerts extends Migration {
  override async up(): Promise<void> {
    // The job queue's schema and queues, owned by the migrating role.
    this.addSql(PG_BOSS_V24_SQL);
    for (const queue of QUEUES) this.addSql(`select ${Q}.create_queue('${queue}', '{"policy":"standard"}');`);
    this.addSql(`grant usage on schema ${Q} to ${APP_ROLE};`);
    this.addSql(`grant select, insert, update, delete on all tables in schema ${Q} to ${APP_ROLE};`);
    // Queues created by later migrations (new partitions) are granted too.
    this.addSql(`alter default privileges in schema ${Q} grant select, insert, update, delete on tables to ${APP_ROLE};`);

    // The home-made daily claim, replaced by the queue.
    this.addSql(`drop function if exists daily_job_claim(text);`);
    this.addSql(`drop function if exists daily_job_release(text);`);
    this.addSql(`drop table if exists "job_run" cascade;`);

    this.addSql(`alter table "alert" drop constraint if exists "alert_type_check";`);
    this.addSql(alertTypeCheck([...ALERT_TYPES, ...NEW_ALERT_TYPES]));

    this.addSql(`create table "overdue_alert" ("line_id" uuid not null, "kind" text check ("kind" in ('CONFIRMATION_OVERDUE', 'DELIVERY_OVERDUE')) not null, "for_date" date not null, "retailer_id" uuid not null, "raised_at" timestamptz not null, constraint "overdue_alert_pkey" primary key ("line_id", "kind", "for_date"));`);
    this.addSql(`alter table "overdue_alert" add constraint "overdue_alert_line_id_foreign" foreign key ("line_id") references "purchase_order_line" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "overdue_alert" add constraint "overdue_alert_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "overdue_alert" enable row level security;`);
    this.addSql(`alter table "overdue_alert" force row level security;`);
    // The retailer's own rows, read and added (never changed: the key is the point).
    this.addSql(`create policy tenant_select on "overdue_alert" for select to ${APP_ROLE} using (retailer_id = ${ORG});`);
    this.addSql(`create policy tenant_insert on "overdue_alert" for insert to ${APP_ROLE} with check (retailer_id = ${ORG});`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "overdue_alert" cascade;`);
    this.addSql(`alter table "alert" drop constraint if exists "alert_type_check";`);
    this.addSql(alertTypeCheck(ALERT_TYPES));
    this.addSql(`create table "job_run" ("name" text not null, "last_run_at" timestamptz not null, constraint "job_run_pkey" primary key ("name"));`);
    this.addSql(`drop schema if exists ${Q} cascade;`);
  }
}
