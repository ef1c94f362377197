import { Migration } from '@mikro-orm/migrations';

export class Migration20261125003608_reallocation extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "reallocation_proposal" ("id" uuid not null, "retailer_id" uuid not null, "source_line_id" uuid not null, "status" text check ("status" in ('PROPOSED', 'APPLIED', 'DISMISSED', 'SUPERSEDED')) not null, "source_revision" text not null, "shortfall_quantity" int not null, "needed_by" date not null, "reduce_source_by" int not null, "uncovered_quantity" int not null, "on_time_coverage" int not null, "added_cost" numeric(18,4) not null, "moves" jsonb not null, "candidates" jsonb not null, "created_at" timestamptz not null, "decided_at" timestamptz null, "decided_by" text null, constraint "reallocation_proposal_pkey" primary key ("id"));`);
    this.addSql(`create index "reallocation_proposal_line_status_idx" on "reallocation_proposal" ("source_line_id", "status");`);
    this.addSql(`create index "reallocation_proposal_retailer_id_idx" on "reallocation_proposal" ("retailer_id", "id");`);

    this.addSql(`create table "sourcing_policy" ("retailer_id" uuid not null, "mode" text check ("mode" in ('MANUAL', 'AUTO')) not null, "max_cost_increase_percent" int not null, "updated_at" timestamptz not null, constraint "sourcing_policy_pkey" primary key ("retailer_id"));`);

    this.addSql(`alter table "reallocation_proposal" add constraint "reallocation_proposal_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "reallocation_proposal" add constraint "reallocation_proposal_source_line_id_foreign" foreign key ("source_line_id") references "purchase_order_line" ("id") on update cascade;`);

    this.addSql(`alter table "sourcing_policy" add constraint "sourcing_policy_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "alert" add column "reallocation_id" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reallocation_proposal" cascade;`);

    this.addSql(`drop table if exists "sourcing_policy" cascade;`);

    this.addSql(`alter table "alert" drop column "reallocation_id";`);
  }

}
