import { Migration } from '@mikro-orm/migrations';

/**
 * Whether a reallocation proposal's moves are proven optimal (false: the
 * selector's work bound stopped the search; the AUTO policy leaves such a
 * proposal to a buyer). Existing proposals were all searched to the end.
 */
export class Migration20261201030000_proposal_optimal extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table reallocation_proposal add column optimal boolean not null default true;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table reallocation_proposal drop column optimal;`);
  }
}
