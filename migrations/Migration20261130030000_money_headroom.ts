import { Migration } from '@mikro-orm/migrations';

/**
 * Room for the products the bounds allow (DESIGN.md "Bounds"): a unit price
 * up to 1,000,000,000 times a shortage up to 2,147,483,647 units (an int, as
 * the projection reports it) is about 2.1e18, and added cost sums such
 * products over the moves of a proposal. numeric(18,4) held less than 1e14,
 * so raising an item's price could make every later recompute of it fail.
 */
export class Migration20261130030000_money_headroom extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "shortage_risk" alter column "revenue_at_risk" type numeric(38,4);`);
    this.addSql(`alter table "reallocation_proposal" alter column "added_cost" type numeric(38,4);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "shortage_risk" alter column "revenue_at_risk" type numeric(18,4);`);
    this.addSql(`alter table "reallocation_proposal" alter column "added_cost" type numeric(18,4);`);
  }
}
