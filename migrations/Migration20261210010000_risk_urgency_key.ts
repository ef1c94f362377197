import { Migration } from '@mikro-orm/migrations';

/**
 * shortageRisks' order as one column: `urgency_key`, generated from the five
 * columns of the contract's urgency order (level rank, earliest stockout
 * date with none last, largest revenue at risk, item, location) as
 * fixed-width text that sorts in that order byte by byte (collation "C"):
 * - the level rank, 5 digits;
 * - the stockout date as days since 0001-01-01, 10 digits; none: 9999999999;
 * - the revenue at risk, descending: '0' and its 38 digits (numeric(38,4)
 *   without the point, zero-padded) each complemented to 9, so larger sorts
 *   first; a negative amount (none is written today) '1' and its absolute
 *   value's digits, after every non-negative one;
 * - the item and location ids as text (fixed-format hex: their uuid order).
 *
 * Sorting a page by the five columns compared numeric and uuid values for
 * each pair of rows (100 risks: about 0.25 ms of PostgreSQL's CPU, a third
 * of the list's statement); one byte string compares as fast as a memcmp.
 * The encoding holds the values the risk engine writes: a stockout date
 * from 0001-01-01 on (an infinite date would fail the write), an amount of
 * at most 34 integer digits (numeric(38,4) allows no more), never NaN.
 * Cursors still carry the five values (src/modules/risk/urgency-key.ts
 * turns them into the key, as this expression does).
 *
 * Not indexed: with an index on (retailer_id, urgency_key) the planner
 * walked it and joined each risk's item by scanning a materialized item list
 * (100 risks x 50 items compared), slower than sorting the retailer's rows.
 */
const URGENCY_KEY = `lpad(level_rank::text, 5, '0')
  || coalesce(lpad((projected_stockout_date - '0001-01-01'::date)::text, 10, '0'), '9999999999')
  || CASE WHEN revenue_at_risk < 0 THEN '1' || lpad(replace((-revenue_at_risk)::text, '.', ''), 38, '0')
          ELSE '0' || translate(lpad(replace(revenue_at_risk::text, '.', ''), 38, '0'), '0123456789', '9876543210') END
  || item_id::text || location_id::text`;

export class Migration20261210010000_risk_urgency_key extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "shortage_risk" add column "urgency_key" text collate "C" generated always as (${URGENCY_KEY}) stored;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "shortage_risk" drop column "urgency_key";`);
  }
}
