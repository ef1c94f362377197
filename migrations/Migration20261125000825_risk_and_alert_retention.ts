import { Migration } from '@mikro-orm/migrations';

export class Migration20261125000825_risk_and_alert_retention extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "job_run" ("name" text not null, "last_run_at" timestamptz not null, constraint "job_run_pkey" primary key ("name"));`);

    this.addSql(`create table "shortage_risk" ("item_id" uuid not null, "location_id" uuid not null, "retailer_id" uuid not null, "level" text check ("level" in ('OK', 'AT_RISK', 'STOCKOUT')) not null, "level_rank" smallint not null, "available_now" int not null, "safety_stock" int not null, "projected_stockout_date" date null, "shortage_quantity" int not null, "days_of_cover" int not null, "revenue_at_risk" numeric(18,4) not null, "computed_for" date not null, "computed_at" timestamptz not null, constraint "shortage_risk_pkey" primary key ("item_id", "location_id"));`);
    this.addSql(`create index "shortage_risk_urgency_idx" on "shortage_risk" ("retailer_id", "level_rank", "projected_stockout_date", "revenue_at_risk");`);

    this.addSql(`alter table "shortage_risk" add constraint "shortage_risk_item_id_foreign" foreign key ("item_id") references "item" ("id") on update cascade;`);
    this.addSql(`alter table "shortage_risk" add constraint "shortage_risk_location_id_foreign" foreign key ("location_id") references "location" ("id") on update cascade;`);
    this.addSql(`alter table "shortage_risk" add constraint "shortage_risk_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);

    this.addSql(`create index "alert_created_at_idx" on "alert" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "job_run" cascade;`);

    this.addSql(`drop table if exists "shortage_risk" cascade;`);

    this.addSql(`drop index "alert_created_at_idx";`);
  }

}
