import { Migration } from '@mikro-orm/migrations';

/**
 * The acting organization of a transaction, for row-level security: the
 * application calls app_enter(org) as the first statement of every
 * transaction; policies read app_org() and app_partners(). The settings are
 * transaction-local (set_config(..., true)), so a pooled connection never
 * carries one caller's scope into another's transaction.
 */
export class Migration20261130010000_tenancy_scope extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function app_org() returns uuid language sql stable as
      $$ select nullif(current_setting('app.organization_id', true), '')::uuid $$;`);
    this.addSql(`create or replace function app_partners() returns uuid[] language sql stable as
      $$ select coalesce(string_to_array(nullif(current_setting('app.partner_ids', true), ''), ',')::uuid[], '{}'::uuid[]) $$;`);
    // Sets the acting organization and its ACTIVE partners (suppliers of a retailer, retailers of a supplier); returns the partners.
    this.addSql(`create or replace function app_enter(org uuid) returns uuid[] language plpgsql volatile as $$
      declare partners uuid[];
      begin
        perform set_config('app.organization_id', coalesce(org::text, ''), true);
        perform set_config('app.partner_ids', '', true);
        if org is null then return '{}'::uuid[]; end if;
        select coalesce(array_agg(case when p.retailer_id = org then p.supplier_id else p.retailer_id end), '{}'::uuid[])
          into partners
          from partnership p
         where (p.retailer_id = org or p.supplier_id = org) and p.status = 'ACTIVE';
        perform set_config('app.partner_ids', array_to_string(partners, ','), true);
        return partners;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists app_enter(uuid);`);
    this.addSql(`drop function if exists app_partners();`);
    this.addSql(`drop function if exists app_org();`);
  }
}
