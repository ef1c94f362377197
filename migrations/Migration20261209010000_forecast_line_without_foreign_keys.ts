import { Migration } from '@mikro-orm/migrations';

/**
 * forecast_line loses its three foreign keys (version, item, location), as
 * sales_day never had them (see ForecastLineEntity): a generated version of
 * 80,000 lines spent three quarters of its insert in the per-row key checks
 * (2.8 s with them, 0.7 s without, measured as shortstop_app). The one writer
 * (ForecastService.publish) checks every line's item and location against
 * the caller's own and inserts the version first in the same transaction;
 * the lines' row-level security (insert: the version is the acting
 * retailer's) is unchanged; nothing deletes versions, items or locations.
 */
export class Migration20261209010000_forecast_line_without_foreign_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "forecast_line" drop constraint "forecast_line_version_id_foreign";`);
    this.addSql(`alter table "forecast_line" drop constraint "forecast_line_item_id_foreign";`);
    this.addSql(`alter table "forecast_line" drop constraint "forecast_line_location_id_foreign";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "forecast_line" add constraint "forecast_line_version_id_foreign" foreign key ("version_id") references "forecast_version" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "forecast_line" add constraint "forecast_line_item_id_foreign" foreign key ("item_id") references "item" ("id") on update cascade;`);
    this.addSql(`alter table "forecast_line" add constraint "forecast_line_location_id_foreign" foreign key ("location_id") references "location" ("id") on update cascade;`);
  }
}
