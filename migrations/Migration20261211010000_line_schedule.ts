import { Migration } from '@mikro-orm/migrations';

/**
 * Each line's current promise as a column of the line (`schedule`, jsonb:
 * `[{quantity, deliveryDate}]` by date), beside the schedule_line rows it
 * copies. writeLineChanges writes it with the line's other facts; the
 * open-quantity model (LINE_STATE_COLUMNS) reads it instead of a sub-select
 * of schedule_line per line, whose policy probes the line again under its
 * own: about 7 microseconds a line, half of a confirmation's risk
 * recompute. Existing lines are filled from schedule_line (as the owner:
 * the policies would hide every row).
 */
export class Migration20261211010000_line_schedule extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "purchase_order_line" add column "schedule" jsonb not null default '[]';`);
    this.addSql(`alter table "purchase_order_line" no force row level security;`);
    this.addSql(`alter table "schedule_line" no force row level security;`);
    this.addSql(`update purchase_order_line l set schedule = s.schedule
                   from (select line_id, jsonb_agg(jsonb_build_object('quantity', quantity, 'deliveryDate', delivery_date) order by delivery_date) as schedule
                           from schedule_line group by line_id) s
                  where s.line_id = l.id;`);
    this.addSql(`alter table "schedule_line" force row level security;`);
    this.addSql(`alter table "purchase_order_line" force row level security;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "purchase_order_line" drop column "schedule";`);
  }
}
