import { Migration } from '@mikro-orm/migrations';

/**
 * Forecast versions have a scope (FULL replaces the whole forecast, LISTED
 * only the item x locations it lists) and report positionsDropped: item x
 * locations that had demand in the previous version and have none in this
 * one. Existing versions were all FULL; what they dropped was not counted.
 */
export class Migration20261203010000_forecast_scope extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table forecast_version add column scope text not null default 'FULL', add column positions_dropped int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table forecast_version drop column scope, drop column positions_dropped;`);
  }
}
