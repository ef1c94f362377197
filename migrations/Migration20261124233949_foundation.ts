import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233949_foundation extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "organization" ("id" uuid not null, "name" text not null, "kind" text check ("kind" in ('RETAILER', 'SUPPLIER')) not null, "created_at" timestamptz not null, constraint "organization_pkey" primary key ("id"));`);

    this.addSql(`create table "location" ("id" uuid not null, "retailer_id" uuid not null, "code" text not null, "name" text not null, "created_at" timestamptz not null, constraint "location_pkey" primary key ("id"));`);
    this.addSql(`alter table "location" add constraint "location_retailer_code_unique" unique ("retailer_id", "code");`);

    this.addSql(`create table "item" ("id" uuid not null, "retailer_id" uuid not null, "sku" text not null, "name" text not null, "unit_price" numeric(14,4) not null, "created_at" timestamptz not null, constraint "item_pkey" primary key ("id"));`);
    this.addSql(`create index "item_retailer_id_idx" on "item" ("retailer_id", "id");`);
    this.addSql(`alter table "item" add constraint "item_retailer_sku_unique" unique ("retailer_id", "sku");`);

    this.addSql(`create table "inventory_position" ("id" uuid not null, "retailer_id" uuid not null, "item_id" uuid not null, "location_id" uuid not null, "on_hand" int not null, "reserved" int not null default 0, "quality_hold" int not null default 0, "as_of" timestamptz not null, "updated_at" timestamptz not null, constraint "inventory_position_pkey" primary key ("id"));`);
    this.addSql(`create index "inventory_position_location_id_idx" on "inventory_position" ("location_id", "id");`);
    this.addSql(`create index "inventory_position_retailer_id_idx" on "inventory_position" ("retailer_id", "id");`);
    this.addSql(`alter table "inventory_position" add constraint "inventory_position_item_location_unique" unique ("item_id", "location_id");`);

    this.addSql(`create table "partnership" ("id" uuid not null, "retailer_id" uuid not null, "supplier_id" uuid not null, "status" text check ("status" in ('PENDING', 'ACTIVE', 'SUSPENDED')) not null default 'PENDING', "invited_at" timestamptz not null, "accepted_at" timestamptz null, constraint "partnership_pkey" primary key ("id"));`);
    this.addSql(`create index "partnership_supplier_id_index" on "partnership" ("supplier_id");`);
    this.addSql(`alter table "partnership" add constraint "partnership_retailer_supplier_unique" unique ("retailer_id", "supplier_id");`);

    this.addSql(`create table "safety_stock" ("item_id" uuid not null, "location_id" uuid not null, "retailer_id" uuid not null, "quantity" int not null, "updated_at" timestamptz not null, constraint "safety_stock_pkey" primary key ("item_id", "location_id"));`);

    this.addSql(`create table "sourcing_rule" ("id" uuid not null, "retailer_id" uuid not null, "item_id" uuid not null, "supplier_id" uuid not null, "priority" int not null, "quoted_lead_time_days" int not null, "unit_cost" numeric(14,4) not null, "min_order_quantity" int not null default 1, "order_multiple" int not null default 1, "weekly_capacity" int null, "active" boolean not null default true, "updated_at" timestamptz not null, constraint "sourcing_rule_pkey" primary key ("id"));`);
    this.addSql(`create index "sourcing_rule_supplier_retailer_idx" on "sourcing_rule" ("supplier_id", "retailer_id");`);
    this.addSql(`create index "sourcing_rule_retailer_item_idx" on "sourcing_rule" ("retailer_id", "item_id");`);
    this.addSql(`alter table "sourcing_rule" add constraint "sourcing_rule_item_supplier_unique" unique ("item_id", "supplier_id");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "organization_id" uuid not null, "email" text not null, "password_hash" text not null, "role" text check ("role" in ('ADMIN', 'BUYER', 'PLANNER', 'SUPPLIER_REP', 'INTEGRATION')) not null, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`create index "app_user_organization_id_index" on "app_user" ("organization_id");`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(`create table "session" ("id" uuid not null, "user_id" uuid not null, "token_hash" text not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "created_at" timestamptz not null, constraint "session_pkey" primary key ("id"));`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "api_key" ("id" uuid not null, "organization_id" uuid not null, "name" text not null, "scopes" text[] not null, "secret_hash" text not null, "created_by_id" uuid null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`create index "api_key_organization_id_index" on "api_key" ("organization_id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`alter table "location" add constraint "location_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "item" add constraint "item_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "inventory_position" add constraint "inventory_position_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "inventory_position" add constraint "inventory_position_item_id_foreign" foreign key ("item_id") references "item" ("id") on update cascade;`);
    this.addSql(`alter table "inventory_position" add constraint "inventory_position_location_id_foreign" foreign key ("location_id") references "location" ("id") on update cascade;`);

    this.addSql(`alter table "partnership" add constraint "partnership_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "partnership" add constraint "partnership_supplier_id_foreign" foreign key ("supplier_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "safety_stock" add constraint "safety_stock_item_id_foreign" foreign key ("item_id") references "item" ("id") on update cascade;`);
    this.addSql(`alter table "safety_stock" add constraint "safety_stock_location_id_foreign" foreign key ("location_id") references "location" ("id") on update cascade;`);
    this.addSql(`alter table "safety_stock" add constraint "safety_stock_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "sourcing_rule" add constraint "sourcing_rule_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "sourcing_rule" add constraint "sourcing_rule_item_id_foreign" foreign key ("item_id") references "item" ("id") on update cascade;`);
    this.addSql(`alter table "sourcing_rule" add constraint "sourcing_rule_supplier_id_foreign" foreign key ("supplier_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "app_user" add constraint "app_user_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "api_key" add constraint "api_key_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "api_key" add constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "location" drop constraint "location_retailer_id_foreign";`);

    this.addSql(`alter table "item" drop constraint "item_retailer_id_foreign";`);

    this.addSql(`alter table "inventory_position" drop constraint "inventory_position_retailer_id_foreign";`);

    this.addSql(`alter table "partnership" drop constraint "partnership_retailer_id_foreign";`);

    this.addSql(`alter table "partnership" drop constraint "partnership_supplier_id_foreign";`);

    this.addSql(`alter table "safety_stock" drop constraint "safety_stock_retailer_id_foreign";`);

    this.addSql(`alter table "sourcing_rule" drop constraint "sourcing_rule_retailer_id_foreign";`);

    this.addSql(`alter table "sourcing_rule" drop constraint "sourcing_rule_supplier_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_organization_id_foreign";`);

    this.addSql(`alter table "api_key" drop constraint "api_key_organization_id_foreign";`);

    this.addSql(`alter table "inventory_position" drop constraint "inventory_position_location_id_foreign";`);

    this.addSql(`alter table "safety_stock" drop constraint "safety_stock_location_id_foreign";`);

    this.addSql(`alter table "inventory_position" drop constraint "inventory_position_item_id_foreign";`);

    this.addSql(`alter table "safety_stock" drop constraint "safety_stock_item_id_foreign";`);

    this.addSql(`alter table "sourcing_rule" drop constraint "sourcing_rule_item_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);

    this.addSql(`alter table "api_key" drop constraint "api_key_created_by_id_foreign";`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "location" cascade;`);

    this.addSql(`drop table if exists "item" cascade;`);

    this.addSql(`drop table if exists "inventory_position" cascade;`);

    this.addSql(`drop table if exists "partnership" cascade;`);

    this.addSql(`drop table if exists "safety_stock" cascade;`);

    this.addSql(`drop table if exists "sourcing_rule" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`drop table if exists "api_key" cascade;`);
  }

}
