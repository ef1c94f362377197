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
    // The daily job's cross-tenant steps, as narrow functions that run as their owner (row-level security does not apply inside).
    this.addSql(`create or replace function system_retailers() returns table (id uuid, name text, kind text)
      language sql stable security definer set search_path = public, pg_temp as
      $$ select o.id, o.name::text, o.kind::text from organization o where o.kind = 'RETAILER' order by o.id $$;`);
    this.addSql(`create or replace function system_prune_alerts(retention_days int) returns bigint
      language sql volatile security definer set search_path = public, pg_temp as $$
      with cut as (
        select organization_id, max(cursor) as upto from alert where created_at < now() - make_interval(days => retention_days) group by organization_id),
      deleted as (
        delete from alert a using cut where a.organization_id = cut.organization_id and a.cursor <= cut.upto returning 1),
      marked as (
        insert into organization_counter (organization_id, name, value) select organization_id, 'alert_pruned', upto from cut
        on conflict (organization_id, name) do update set value = greatest(organization_counter.value, excluded.value) returning 1)
      select (select count(*) from deleted) + 0 * (select count(*) from marked) $$;`);
    this.addSql(`create or replace function system_prune_sessions() returns bigint
      language sql volatile security definer set search_path = public, pg_temp as $$
      with deleted as (delete from session where expires_at < now() - interval '7 days' returning 1) select count(*) from deleted $$;`);
    // Log-in finds the user by email before anyone is signed in.
    this.addSql(`create or replace function auth_login_user(login_email text)
      returns table (id uuid, email text, role text, password_hash text, organization_id uuid, organization_name text, kind text)
      language sql stable security definer set search_path = public, pg_temp as
      $$ select u.id, u.email::text, u.role::text, u.password_hash::text, o.id, o.name::text, o.kind::text
           from app_user u join organization o on o.id = u.organization_id where u.email = login_email $$;`);
    this.addSql(`revoke all on function auth_login_user(text) from public;`);
    this.addSql(`revoke all on function system_retailers(), system_prune_alerts(int), system_prune_sessions() from public;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists auth_login_user(text);`);
    this.addSql(`drop function if exists system_prune_sessions();`);
    this.addSql(`drop function if exists system_prune_alerts(int);`);
    this.addSql(`drop function if exists system_retailers();`);
    this.addSql(`drop function if exists app_enter(uuid);`);
    this.addSql(`drop function if exists app_partners();`);
    this.addSql(`drop function if exists app_org();`);
  }
}
