import { Migration } from '@mikro-orm/migrations';

export class Migration20261124235307_purchasing_forecasts_alerts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "organization_counter" ("organization_id" uuid not null, "name" text not null, "value" bigint not null, constraint "organization_counter_pkey" primary key ("organization_id", "name"));`);

    this.addSql(`create table "idempotency_key" ("organization_id" uuid not null, "key" text not null, "fingerprint" text not null, "result_id" uuid not null, "created_at" timestamptz not null, constraint "idempotency_key_pkey" primary key ("organization_id", "key"));`);

    this.addSql(`create table "forecast_version" ("id" uuid not null, "retailer_id" uuid not null, "version" int not null, "line_count" int not null, "published_by" text not null, "published_at" timestamptz not null, constraint "forecast_version_pkey" primary key ("id"));`);
    this.addSql(`alter table "forecast_version" add constraint "forecast_version_retailer_version_unique" unique ("retailer_id", "version");`);

    this.addSql(`create table "forecast_line" ("version_id" uuid not null, "item_id" uuid not null, "location_id" uuid not null, "period_start" date not null, "period_days" int not null, "quantity" int not null, constraint "forecast_line_pkey" primary key ("version_id", "item_id", "location_id", "period_start"));`);

    this.addSql(`create table "alert" ("id" uuid not null, "organization_id" uuid not null, "cursor" bigint not null, "type" text check ("type" in ('SHORTAGE_RISK_CHANGED', 'SUPPLIER_SLIPPED', 'PURCHASE_ORDER_ISSUED', 'PURCHASE_ORDER_CHANGED', 'PURCHASE_ORDER_CONFIRMED', 'REALLOCATION_PROPOSED', 'REALLOCATION_APPLIED', 'FORECAST_PUBLISHED')) not null, "message" text not null, "purchase_order_id" uuid null, "purchase_order_line_id" uuid null, "item_id" uuid null, "location_id" uuid null, "forecast_version_id" uuid null, "created_at" timestamptz not null, constraint "alert_pkey" primary key ("id"));`);
    this.addSql(`alter table "alert" add constraint "alert_organization_cursor_unique" unique ("organization_id", "cursor");`);

    this.addSql(`create table "purchase_order" ("id" uuid not null, "retailer_id" uuid not null, "supplier_id" uuid not null, "ship_to_id" uuid not null, "number" text not null, "status" text check ("status" in ('DRAFT', 'ISSUED', 'PARTIALLY_CONFIRMED', 'CONFIRMED', 'REJECTED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED', 'CLOSED')) not null, "version" int not null default 1, "issued_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "purchase_order_pkey" primary key ("id"));`);
    this.addSql(`create index "purchase_order_retailer_status_idx" on "purchase_order" ("retailer_id", "status", "id");`);
    this.addSql(`create index "purchase_order_supplier_id_idx" on "purchase_order" ("supplier_id", "id");`);
    this.addSql(`create index "purchase_order_retailer_id_idx" on "purchase_order" ("retailer_id", "id");`);
    this.addSql(`alter table "purchase_order" add constraint "purchase_order_retailer_number_unique" unique ("retailer_id", "number");`);

    this.addSql(`create table "purchase_order_line" ("id" uuid not null, "purchase_order_id" uuid not null, "line_number" int not null, "retailer_id" uuid not null, "supplier_id" uuid not null, "ship_to_id" uuid not null, "item_id" uuid not null, "quantity" int not null, "requested_date" date not null, "unit_cost" numeric(14,4) not null, "status" text check ("status" in ('OPEN', 'CONFIRMED', 'PARTIALLY_CONFIRMED', 'REJECTED', 'RECEIVED', 'CANCELLED')) not null default 'OPEN', "confirmed_quantity" int not null default 0, "latest_delivery_date" date null, "slipped" boolean not null default false, "received_quantity" int not null default 0, "rejection_reason" text null, "created_at" timestamptz not null, constraint "purchase_order_line_pkey" primary key ("id"));`);
    this.addSql(`create index "purchase_order_line_supplier_item_idx" on "purchase_order_line" ("supplier_id", "item_id");`);
    this.addSql(`create index "purchase_order_line_item_ship_to_idx" on "purchase_order_line" ("item_id", "ship_to_id");`);
    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_order_number_unique" unique ("purchase_order_id", "line_number");`);

    this.addSql(`create table "confirmation" ("id" uuid not null, "line_id" uuid not null, "sequence" int not null, "kind" text check ("kind" in ('CONFIRMED', 'REJECTED')) not null, "schedule" jsonb not null, "reason" text null, "actor" text not null, "created_at" timestamptz not null, constraint "confirmation_pkey" primary key ("id"));`);
    this.addSql(`alter table "confirmation" add constraint "confirmation_line_sequence_unique" unique ("line_id", "sequence");`);

    this.addSql(`create table "change_record" ("id" uuid not null, "purchase_order_id" uuid not null, "line_id" uuid null, "actor_type" text not null, "actor_id" uuid not null, "actor" text not null, "action" text not null, "details" text not null, "version" int not null, "at" timestamptz not null, constraint "change_record_pkey" primary key ("id"));`);
    this.addSql(`create index "change_record_order_id_idx" on "change_record" ("purchase_order_id", "id");`);

    this.addSql(`create table "receipt" ("id" uuid not null, "line_id" uuid not null, "quantity" int not null, "received_on" date not null, "actor" text not null, "created_at" timestamptz not null, constraint "receipt_pkey" primary key ("id"));`);
    this.addSql(`create index "receipt_line_id_index" on "receipt" ("line_id");`);

    this.addSql(`create table "schedule_line" ("line_id" uuid not null, "delivery_date" date not null, "quantity" int not null, constraint "schedule_line_pkey" primary key ("line_id", "delivery_date"));`);

    this.addSql(`alter table "organization_counter" add constraint "organization_counter_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "idempotency_key" add constraint "idempotency_key_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "forecast_version" add constraint "forecast_version_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "forecast_line" add constraint "forecast_line_version_id_foreign" foreign key ("version_id") references "forecast_version" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "forecast_line" add constraint "forecast_line_item_id_foreign" foreign key ("item_id") references "item" ("id") on update cascade;`);
    this.addSql(`alter table "forecast_line" add constraint "forecast_line_location_id_foreign" foreign key ("location_id") references "location" ("id") on update cascade;`);

    this.addSql(`alter table "alert" add constraint "alert_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "purchase_order" add constraint "purchase_order_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "purchase_order" add constraint "purchase_order_supplier_id_foreign" foreign key ("supplier_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "purchase_order" add constraint "purchase_order_ship_to_id_foreign" foreign key ("ship_to_id") references "location" ("id") on update cascade;`);

    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_purchase_order_id_foreign" foreign key ("purchase_order_id") references "purchase_order" ("id") on update cascade;`);
    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_supplier_id_foreign" foreign key ("supplier_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_ship_to_id_foreign" foreign key ("ship_to_id") references "location" ("id") on update cascade;`);
    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_item_id_foreign" foreign key ("item_id") references "item" ("id") on update cascade;`);

    this.addSql(`alter table "confirmation" add constraint "confirmation_line_id_foreign" foreign key ("line_id") references "purchase_order_line" ("id") on update cascade;`);

    this.addSql(`alter table "change_record" add constraint "change_record_purchase_order_id_foreign" foreign key ("purchase_order_id") references "purchase_order" ("id") on update cascade;`);
    this.addSql(`alter table "change_record" add constraint "change_record_line_id_foreign" foreign key ("line_id") references "purchase_order_line" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "receipt" add constraint "receipt_line_id_foreign" foreign key ("line_id") references "purchase_order_line" ("id") on update cascade;`);

    this.addSql(`alter table "schedule_line" add constraint "schedule_line_line_id_foreign" foreign key ("line_id") references "purchase_order_line" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "forecast_line" drop constraint "forecast_line_version_id_foreign";`);

    this.addSql(`alter table "purchase_order_line" drop constraint "purchase_order_line_purchase_order_id_foreign";`);

    this.addSql(`alter table "change_record" drop constraint "change_record_purchase_order_id_foreign";`);

    this.addSql(`alter table "confirmation" drop constraint "confirmation_line_id_foreign";`);

    this.addSql(`alter table "change_record" drop constraint "change_record_line_id_foreign";`);

    this.addSql(`alter table "receipt" drop constraint "receipt_line_id_foreign";`);

    this.addSql(`alter table "schedule_line" drop constraint "schedule_line_line_id_foreign";`);

    this.addSql(`drop table if exists "organization_counter" cascade;`);

    this.addSql(`drop table if exists "idempotency_key" cascade;`);

    this.addSql(`drop table if exists "forecast_version" cascade;`);

    this.addSql(`drop table if exists "forecast_line" cascade;`);

    this.addSql(`drop table if exists "alert" cascade;`);

    this.addSql(`drop table if exists "purchase_order" cascade;`);

    this.addSql(`drop table if exists "purchase_order_line" cascade;`);

    this.addSql(`drop table if exists "confirmation" cascade;`);

    this.addSql(`drop table if exists "change_record" cascade;`);

    this.addSql(`drop table if exists "receipt" cascade;`);

    this.addSql(`drop table if exists "schedule_line" cascade;`);
  }

}
