import { Migration } from '@mikro-orm/migrations';

/**
 * A partnership's collaboration rules (DESIGN.md, Planning collaboration),
 * set by the retailer's ADMIN: how far a forecast commit may fall short of
 * the forecast (percent), how many days after publication commits are due,
 * and how many hours after issue a line must be answered. Their ranges are
 * the input's (CollaborationRulesInput), the only way they are written.
 */
export class Migration20261203020000_collaboration_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table partnership
      add column commit_tolerance_percent int not null default 10,
      add column commit_due_days int not null default 3,
      add column confirmation_due_hours int not null default 24;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table partnership drop column commit_tolerance_percent, drop column commit_due_days, drop column confirmation_due_hours;`);
  }
}
