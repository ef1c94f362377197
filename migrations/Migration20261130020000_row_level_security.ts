import { Migration } from '@mikro-orm/migrations';

/**
 * Row-level security: PostgreSQL enforces the tenancy rule a second time,
 * behind the application's own (DESIGN.md "Tenancy and access").
 *
 * - The application acts as the role shortstop_app (NOLOGIN, no BYPASSRLS,
 *   owns nothing): the server connects as the owner and runs
 *   `SET ROLE shortstop_app` on each pooled connection (src/db/orm.ts,
 *   actAsAppRole). Migrations run as the connecting owner.
 * - Each transaction starts with `SELECT app_enter(org)` (previous
 *   migration); the policies below read app_org() and app_partners() (the
 *   acting organization's ACTIVE partners). With no acting organization no
 *   tenant row is visible or writable.
 * - Every table in public but mikro_orm_migrations has RLS enabled AND
 *   forced (so a non-superuser owner is subject to it too), and policies
 *   for shortstop_app. job_run is system-only: shortstop_app has no
 *   privilege on it; it is reached through daily_job_claim/_release.
 * - The few paths that must cross tenants before or outside any acting
 *   organization (authentication, login, the daily job, retention,
 *   invitations) are SECURITY DEFINER functions owned by the migrating role,
 *   executable by shortstop_app only. Because RLS is forced, the owner is
 *   subject to policies too: the `definer_*` policies give the owner (and so
 *   these functions) exactly the access they need and nothing on the other
 *   tables. A superuser owner (tests, the embedded server) bypasses RLS anyway.
 * - Sign-up needs no function: the application calls app_enter(newId)
 *   before inserting the organization, its first user and session. The
 *   alert bus reads an organization's alerts inside app_enter(that org).
 * - partnership_guard (a trigger) keeps the rows app_partners() is made of
 *   honest: the pair never changes, only the supplier accepts, only the
 *   retailer suspends or re-invites.
 *
 * LATER MIGRATIONS: a new table gets SELECT/INSERT/UPDATE/DELETE for
 * shortstop_app automatically (ALTER DEFAULT PRIVILEGES below), but NO
 * policy: enable and force RLS on it and add its policies in the same
 * migration. test/integration/rls-catalog.test.ts fails until you do, and
 * rls-isolation.test.ts reads every table as another tenant. A data
 * migration run as a non-superuser owner sees no rows of a forced table:
 * `ALTER TABLE t NO FORCE ROW LEVEL SECURITY` first and FORCE again at the end
 * (migrations are transactional).
 */

const APP_ROLE = 'shortstop_app';
const ORG = '(select app_org())';
// The cast keeps `= any(...)` an array expression (evaluated once, as an InitPlan) rather than `= any(subquery)`.
const PARTNERS = '(select app_partners())::uuid[]';

const own = (column: string) => `${column} = ${ORG}`;
/** The acting organization's row, or (read-only rules) a row of one of its ACTIVE partners. */
const ownOrPartner = (column: string) => `(${column} = ${ORG} or ${column} = any(${PARTNERS}))`;
/*
 * Policies that look at another table call these functions instead of holding a sub-select: a sub-select in a
 * policy is planned again in every statement that reads the table, with the other table's policies inside it
 * (measured: 9 ms of planning for the risk engine's four-table read), while a PL/pgSQL function keeps its plan
 * for the session. They run as the caller (SECURITY INVOKER), so the other table's own policy applies inside.
 */
const POLICY_FUNCTIONS = [
  // The acting supplier has an active sourcing rule for the item.
  `create or replace function app_supplies_item(p_item uuid) returns boolean language plpgsql stable as $$
     begin return exists (select 1 from sourcing_rule r where r.item_id = p_item and r.supplier_id = app_org() and r.active); end $$;`,
  // The item is on an order line the acting organization may see, addressed to it.
  `create or replace function app_item_on_its_orders(p_item uuid) returns boolean language plpgsql stable as $$
     begin return exists (select 1 from purchase_order_line ol where ol.item_id = p_item and ol.supplier_id = app_org()); end $$;`,
  `create or replace function app_order_issued(p_order uuid) returns boolean language plpgsql stable as $$
     begin return exists (select 1 from purchase_order po where po.id = p_order and po.status <> 'DRAFT'); end $$;`,
  // The acting organization may see the order line / order (their own policies decide).
  `create or replace function app_sees_line(p_line uuid) returns boolean language plpgsql stable as $$
     begin return exists (select 1 from purchase_order_line l where l.id = p_line); end $$;`,
  `create or replace function app_sees_order(p_order uuid) returns boolean language plpgsql stable as $$
     begin return exists (select 1 from purchase_order po where po.id = p_order); end $$;`,
  `create or replace function app_retailer_of_line(p_line uuid) returns uuid language plpgsql stable as $$
     begin return (select l.retailer_id from purchase_order_line l where l.id = p_line); end $$;`,
  // A partnership of any status ties the acting organization to this one (names on orders and invitations).
  `create or replace function app_has_partnership_with(p_org uuid) returns boolean language plpgsql stable as $$
     begin return exists (select 1 from partnership p where (p.retailer_id = app_org() and p.supplier_id = p_org)
                                                      or (p.supplier_id = app_org() and p.retailer_id = p_org)); end $$;`,
];
const POLICY_FUNCTION_SIGNATURES = [
  'app_supplies_item(uuid)', 'app_item_on_its_orders(uuid)', 'app_order_issued(uuid)', 'app_sees_line(uuid)', 'app_sees_order(uuid)',
  'app_retailer_of_line(uuid)', 'app_has_partnership_with(uuid)',
];
const suppliesItem = (item: string) => `app_supplies_item(${item})`;
const onItsOrders = (item: string) => `app_item_on_its_orders(${item})`;
/** The supplier side of an order row: addressed to the acting supplier, issued, from an ACTIVE partner. */
const supplierOrder = `(supplier_id = ${ORG} and status <> 'DRAFT' and retailer_id = any(${PARTNERS}))`;
/** The supplier side of a line: addressed to the acting supplier, from an ACTIVE partner, on an order it may see. */
const supplierLine = `(supplier_id = ${ORG} and retailer_id = any(${PARTNERS}) and app_order_issued(purchase_order_line.purchase_order_id))`;

/** A child row visible when its parent is (the parent's own policy filters the sub-select). */
const through = (parent: string, alias: string, on: string, extra = '') => `exists (select 1 from ${parent} ${alias} where ${on}${extra})`;

interface TableRules {
  table: string;
  /** USING of SELECT. */
  select: string;
  /** WITH CHECK of INSERT; null: shortstop_app never inserts. */
  insert: string | null;
  /** USING and WITH CHECK of UPDATE; null: never updates. */
  update: string | null;
  /** USING of DELETE; null: never deletes. */
  delete: string | null;
}

/** The rule of each tenant table. */
const RULES: TableRules[] = [
  // Own organization; a partner's name (any partnership status: Partnership.retailer/supplier are non-null, and an
  // invited supplier must see who invites it). Sign-up inserts after app_enter(newOrganizationId).
  {
    table: 'organization',
    select: `(id = ${ORG} or id = any(${PARTNERS}) or app_has_partnership_with(organization.id))`,
    insert: `id = ${ORG}`,
    update: null,
    delete: null,
  },
  { table: 'app_user', select: own('organization_id'), insert: own('organization_id'), update: own('organization_id'), delete: own('organization_id') },
  { table: 'api_key', select: own('organization_id'), insert: own('organization_id'), update: own('organization_id'), delete: own('organization_id') },
  // Through the user (whose own policy is "own organization").
  {
    table: 'session',
    select: through('app_user', 'u', `u.id = session.user_id and u.organization_id = ${ORG}`),
    insert: through('app_user', 'u', `u.id = session.user_id and u.organization_id = ${ORG}`),
    update: through('app_user', 'u', `u.id = session.user_id and u.organization_id = ${ORG}`),
    delete: through('app_user', 'u', `u.id = session.user_id and u.organization_id = ${ORG}`),
  },
  // Both parties, any status; the retailer invites (PENDING); either side changes the status, as partnership_guard allows.
  {
    table: 'partnership',
    select: `(retailer_id = ${ORG} or supplier_id = ${ORG})`,
    insert: `(retailer_id = ${ORG} and status = 'PENDING')`,
    update: `(retailer_id = ${ORG} or supplier_id = ${ORG})`,
    delete: null,
  },
  // The same rules as the application's scope (src/core/scope.ts), a second time: a supplier sees the items it actively
  // sources or that are on its orders, the risk and forecast lines of the items it sources; written by the retailer only.
  {
    table: 'item',
    select: `(retailer_id = ${ORG} or (retailer_id = any(${PARTNERS}) and (${suppliesItem('item.id')} or ${onItsOrders('item.id')})))`,
    insert: own('retailer_id'),
    update: own('retailer_id'),
    delete: own('retailer_id'),
  },
  {
    table: 'shortage_risk',
    select: `(retailer_id = ${ORG} or (retailer_id = any(${PARTNERS}) and ${suppliesItem('shortage_risk.item_id')}))`,
    insert: own('retailer_id'),
    update: own('retailer_id'),
    delete: own('retailer_id'),
  },
  // Locations (where a supplier ships) and forecast versions of its ACTIVE partners.
  ...['location', 'forecast_version'].map((table) => ({
    table,
    select: ownOrPartner('retailer_id'),
    insert: own('retailer_id'),
    update: own('retailer_id'),
    delete: own('retailer_id'),
  })),
  {
    table: 'forecast_line',
    select: through(
      'forecast_version',
      'v',
      'v.id = forecast_line.version_id',
      ` and (v.retailer_id = ${ORG} or ${suppliesItem('forecast_line.item_id')})`,
    ),
    insert: through('forecast_version', 'v', 'v.id = forecast_line.version_id', ` and v.retailer_id = ${ORG}`),
    update: through('forecast_version', 'v', 'v.id = forecast_line.version_id', ` and v.retailer_id = ${ORG}`),
    delete: through('forecast_version', 'v', 'v.id = forecast_line.version_id', ` and v.retailer_id = ${ORG}`),
  },
  // The retailer's; a supplier sees its own active rules, never another supplier's.
  {
    table: 'sourcing_rule',
    select: `(retailer_id = ${ORG} or (supplier_id = ${ORG} and active and retailer_id = any(${PARTNERS})))`,
    insert: own('retailer_id'),
    update: own('retailer_id'),
    delete: own('retailer_id'),
  },
  // Retailer only: a proposal lists other suppliers; a supplier never sees stock positions (its projectedInventory is
  // computed by ShortStop acting for the retailer, counting only that supplier's inbound).
  ...['sourcing_policy', 'reallocation_proposal', 'inventory_position', 'safety_stock'].map((table) => ({
    table,
    select: own('retailer_id'),
    insert: own('retailer_id'),
    update: own('retailer_id'),
    delete: own('retailer_id'),
  })),
  // Orders and lines: the retailer's, and the supplier's once issued while ACTIVE; the supplier updates the status and
  // version of its orders and the promise columns of its lines (supplier_guard keeps the terms: quantity, price, dates).
  { table: 'purchase_order', select: `(retailer_id = ${ORG} or ${supplierOrder})`, insert: own('retailer_id'), update: `(retailer_id = ${ORG} or ${supplierOrder})`, delete: own('retailer_id') },
  { table: 'purchase_order_line', select: `(retailer_id = ${ORG} or ${supplierLine})`, insert: own('retailer_id'), update: `(retailer_id = ${ORG} or ${supplierLine})`, delete: own('retailer_id') },
  // The promised schedule: replaced (deleted and inserted) by whoever may see the line, never updated in place.
  (() => {
    const parent = 'app_sees_line(schedule_line.line_id)';
    return { table: 'schedule_line', select: parent, insert: parent, update: null, delete: parent };
  })(),
  // The promise history and the audit trail are append-only: read and added to by both parties, never changed or deleted.
  { table: 'confirmation', select: 'app_sees_line(confirmation.line_id)', insert: 'app_sees_line(confirmation.line_id)', update: null, delete: null },
  {
    table: 'change_record',
    select: 'app_sees_order(change_record.purchase_order_id)',
    insert: 'app_sees_order(change_record.purchase_order_id)',
    update: null,
    delete: null,
  },
  // Receipts: read by both parties, added by the retailer, never changed.
  {
    table: 'receipt',
    select: 'app_sees_line(receipt.line_id)',
    insert: `app_retailer_of_line(receipt.line_id) = ${ORG}`,
    update: null,
    delete: null,
  },
  // Own counters; a partner's alert cursor too (alerts are written to the recipient's counter in the sender's transaction);
  // counters only grow (counter_guard), so nobody can rewind a partner's stream.
  {
    table: 'organization_counter',
    select: `(organization_id = ${ORG} or (name = 'alert' and organization_id = any(${PARTNERS})))`,
    insert: `(organization_id = ${ORG} or (name = 'alert' and organization_id = any(${PARTNERS})))`,
    update: `(organization_id = ${ORG} or (name = 'alert' and organization_id = any(${PARTNERS})))`,
    delete: null,
  },
  { table: 'idempotency_key', select: own('organization_id'), insert: own('organization_id'), update: null, delete: null },
  // Read by the recipient only; written for oneself or an ACTIVE partner (the outbox, in the sender's transaction);
  // pruned only by the retention function.
  { table: 'alert', select: own('organization_id'), insert: ownOrPartner('organization_id'), update: null, delete: null },
];

/** Tables with RLS enabled and forced but no shortstop_app policy and no privilege for it (the catalog test lists them). */
const SYSTEM_ONLY_TABLES = ['job_run'];

/**
 * What the SECURITY DEFINER functions touch, per table: `definer_<command>`
 * policies for the owner. Nothing else is open to the owner under FORCE.
 */
const DEFINER_ACCESS: Record<string, string[]> = {
  session: ['select', 'delete'],
  app_user: ['select'],
  organization: ['select'],
  api_key: ['select', 'update'],
  alert: ['select', 'delete'],
  organization_counter: ['select', 'insert', 'update'],
  job_run: ['select', 'insert', 'update'],
};

const DEFINER = 'language sql security definer set search_path = public, pg_temp';

/** name(signature) -> definition; each documented where the application calls it. */
const FUNCTIONS: { signature: string; sql: string }[] = [
  {
    // Authentication of a session token (replaces the session/app_user/organization join in AuthService.authenticateSession).
    signature: 'auth_session(text)',
    sql: `create or replace function auth_session(p_token_hash text)
      returns table (session_id uuid, expires_at timestamptz, revoked_at timestamptz, user_id uuid, email text, role text,
                     organization_id uuid, organization_name text, kind text)
      ${DEFINER} stable as $$
        select s.id, s.expires_at, s.revoked_at, u.id, u.email, u.role, o.id, o.name, o.kind
          from session s join app_user u on u.id = s.user_id join organization o on o.id = u.organization_id
         where s.token_hash = p_token_hash $$;`,
  },
  {
    // Authentication of an API key secret (replaces the api_key/organization join in AuthService.authenticateApiKey).
    signature: 'auth_api_key(text)',
    sql: `create or replace function auth_api_key(p_secret_hash text)
      returns table (id uuid, name text, scopes text[], revoked_at timestamptz, last_used_at timestamptz,
                     organization_id uuid, organization_name text, kind text)
      ${DEFINER} stable as $$
        select k.id, k.name, k.scopes, k.revoked_at, k.last_used_at, o.id, o.name, o.kind
          from api_key k join organization o on o.id = k.organization_id
         where k.secret_hash = p_secret_hash $$;`,
  },
  {
    // The lastUsedAt touch after an API key authenticated, at most once per p_resolution; true when written.
    signature: 'auth_api_key_touch(uuid, interval)',
    sql: `create or replace function auth_api_key_touch(p_key_id uuid, p_resolution interval default interval '60 seconds')
      returns boolean ${DEFINER} volatile as $$
        with touched as (
          update api_key set last_used_at = now()
           where id = p_key_id and revoked_at is null and (last_used_at is null or last_used_at < now() - p_resolution)
          returning 1)
        select exists (select 1 from touched) $$;`,
  },
  {
    // Log-in: the user with this (normalised) email, whatever its organization; the caller checks the password,
    // then app_enter(organization_id) before inserting the session.
    signature: 'auth_user_by_email(text)',
    sql: `create or replace function auth_user_by_email(p_email text)
      returns table (id uuid, organization_id uuid, email text, password_hash text, role text, organization_name text, kind text)
      ${DEFINER} stable as $$
        select u.id, u.organization_id, u.email, u.password_hash, u.role, o.name, o.kind
          from app_user u join organization o on o.id = u.organization_id where u.email = p_email $$;`,
  },
  {
    // CredentialWatch.check: which of these sessions / API keys are revoked or expired (credential 'session:<id>' | 'apiKey:<id>').
    signature: 'auth_invalid_credentials(uuid[], uuid[])',
    sql: `create or replace function auth_invalid_credentials(p_session_ids uuid[], p_api_key_ids uuid[])
      returns table (credential text, revoked boolean)
      ${DEFINER} stable as $$
        select 'session:' || s.id, s.revoked_at is not null from session s
         where s.id = any(p_session_ids) and (s.revoked_at is not null or s.expires_at <= now())
        union all
        select 'apiKey:' || k.id, true from api_key k where k.id = any(p_api_key_ids) and k.revoked_at is not null $$;`,
  },
  {
    // invitePartner: whether an organization id names a SUPPLIER (before any partnership makes it visible).
    signature: 'organization_is_supplier(uuid)',
    sql: `create or replace function organization_is_supplier(p_id uuid)
      returns boolean ${DEFINER} stable as $$
        select exists (select 1 from organization o where o.id = p_id and o.kind = 'SUPPLIER') $$;`,
  },
  {
    // Demo seeding: whether the database holds any organization (replaces SELECT count(*) FROM organization).
    signature: 'organizations_exist()',
    sql: `create or replace function organizations_exist()
      returns boolean ${DEFINER} stable as $$ select exists (select 1 from organization) $$;`,
  },
  {
    // The daily job: every retailer (id, and name and kind for the system actor's audit name), to recompute each inside app_enter(retailer).
    signature: 'daily_job_retailers()',
    sql: `create or replace function daily_job_retailers()
      returns table (id uuid, name text, kind text) ${DEFINER} stable as $$
        select o.id, o.name, o.kind from organization o where o.kind = 'RETAILER' order by o.id $$;`,
  },
  {
    // The daily job's claim: true for exactly one caller per UTC day (replaces the INSERT .. ON CONFLICT on job_run).
    signature: 'daily_job_claim(text)',
    sql: `create or replace function daily_job_claim(p_name text)
      returns boolean ${DEFINER} volatile as $$
        with claimed as (
          insert into job_run as j (name, last_run_at) values (p_name, now())
          on conflict (name) do update set last_run_at = now()
           where (j.last_run_at at time zone 'UTC')::date < (now() at time zone 'UTC')::date
          returning 1)
        select exists (select 1 from claimed) $$;`,
  },
  {
    // Gives a failed run's claim back so the next check (or another instance) runs it again today.
    signature: 'daily_job_release(text)',
    sql: `create or replace function daily_job_release(p_name text)
      returns void ${DEFINER} volatile as $$
        update job_run set last_run_at = now() - interval '1 day' where name = p_name $$;`,
  },
  {
    // Alert retention (replaces AlertService.prune's statement): per organization, deletes the prefix of its stream
    // up to the newest alert older than p_retention_days and records it as 'alert_pruned'; returns the alerts deleted.
    signature: 'prune_alerts(integer)',
    sql: `create or replace function prune_alerts(p_retention_days integer)
      returns bigint ${DEFINER} volatile as $$
        with cut as (
          select organization_id, max(cursor) as upto from alert where created_at < now() - make_interval(days => p_retention_days)
           group by organization_id),
        deleted as (
          delete from alert a using cut where a.organization_id = cut.organization_id and a.cursor <= cut.upto returning 1),
        marked as (
          insert into organization_counter (organization_id, name, value) select organization_id, 'alert_pruned', upto from cut
          on conflict (organization_id, name) do update set value = greatest(organization_counter.value, excluded.value))
        select count(*) from deleted $$;`,
  },
  {
    // Session clean-up in the daily job: deletes sessions expired more than p_grace ago; returns how many.
    signature: 'prune_sessions(interval)',
    sql: `create or replace function prune_sessions(p_grace interval default interval '7 days')
      returns bigint ${DEFINER} volatile as $$
        with deleted as (delete from session where expires_at < now() - p_grace returning 1) select count(*) from deleted $$;`,
  },
];

export class Migration20261130020000_row_level_security extends Migration {
  override async up(): Promise<void> {
    // Roles are cluster-wide and many databases of one cluster migrate (tests): create once, tolerate a concurrent creator.
    this.addSql(`do $$
      begin
        if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
          begin
            create role ${APP_ROLE} nologin nosuperuser nobypassrls nocreatedb nocreaterole inherit;
          exception when duplicate_object or unique_violation then null;
          end;
        end if;
        -- The owner (the role the server connects as) must be able to SET ROLE ${APP_ROLE}.
        if not pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') then
          execute format('grant ${APP_ROLE} to %I', current_user);
        end if;
      end $$;`);

    this.addSql(`grant usage on schema public to ${APP_ROLE};`);
    this.addSql(`grant select, insert, update, delete on all tables in schema public to ${APP_ROLE};`);
    this.addSql(`grant usage, select on all sequences in schema public to ${APP_ROLE};`);
    this.addSql(`revoke all on table mikro_orm_migrations from ${APP_ROLE};`);
    for (const table of SYSTEM_ONLY_TABLES) this.addSql(`revoke all on table ${table} from ${APP_ROLE};`);
    this.addSql(`grant execute on function app_enter(uuid), app_org(), app_partners() to ${APP_ROLE};`);
    // Tables of later migrations are granted too; their POLICIES are not: add them in that migration (the catalog test enforces it).
    this.addSql(`alter default privileges in schema public grant select, insert, update, delete on tables to ${APP_ROLE};`);
    this.addSql(`alter default privileges in schema public grant usage, select on sequences to ${APP_ROLE};`);

    for (const table of [...RULES.map((r) => r.table), ...SYSTEM_ONLY_TABLES]) {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
    }
    for (const fn of POLICY_FUNCTIONS) this.addSql(fn);
    for (const signature of POLICY_FUNCTION_SIGNATURES) this.addSql(`grant execute on function ${signature} to ${APP_ROLE};`);
    for (const rule of RULES) {
      const t = rule.table;
      this.addSql(`create policy tenant_select on "${t}" for select to ${APP_ROLE} using (${rule.select});`);
      if (rule.insert) this.addSql(`create policy tenant_insert on "${t}" for insert to ${APP_ROLE} with check (${rule.insert});`);
      if (rule.update) this.addSql(`create policy tenant_update on "${t}" for update to ${APP_ROLE} using (${rule.update}) with check (${rule.update});`);
      if (rule.delete) this.addSql(`create policy tenant_delete on "${t}" for delete to ${APP_ROLE} using (${rule.delete});`);
    }
    for (const [table, commands] of Object.entries(DEFINER_ACCESS)) {
      for (const command of commands) {
        const clause = command === 'insert' ? 'with check (true)' : command === 'update' ? 'using (true) with check (true)' : 'using (true)';
        this.addSql(`create policy definer_${command} on "${table}" for ${command} to current_user ${clause};`);
      }
    }

    // Partnerships decide app_partners(), so their changes are checked here too: the pair never changes, only the
    // supplier accepts (PENDING -> ACTIVE), only the retailer suspends or re-invites (-> SUSPENDED, SUSPENDED -> PENDING).
    this.addSql(`create or replace function partnership_guard() returns trigger language plpgsql as $$
      begin
        if new.id <> old.id or new.retailer_id <> old.retailer_id or new.supplier_id <> old.supplier_id then
          raise exception 'a partnership''s retailer and supplier never change' using errcode = '42501';
        end if;
        if new.status <> old.status and app_org() is not null and not (
             (app_org() = old.supplier_id and old.status = 'PENDING' and new.status = 'ACTIVE')
          or (app_org() = old.retailer_id and (new.status = 'SUSPENDED' or (old.status = 'SUSPENDED' and new.status = 'PENDING')))) then
          raise exception 'partnership status % -> % is not for this organization to make', old.status, new.status using errcode = '42501';
        end if;
        -- The dates record those moves and nothing else: an invitation (retailer) and an acceptance (supplier).
        if app_org() is not null and (
             (new.invited_at is distinct from old.invited_at and not (app_org() = old.retailer_id and new.status = 'PENDING'))
          or (new.accepted_at is distinct from old.accepted_at and not (app_org() = old.supplier_id and new.status = 'ACTIVE'))) then
          raise exception 'a partnership''s dates change only with an invitation or an acceptance' using errcode = '42501';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger partnership_guard before update on partnership for each row execute function partnership_guard();`);
    // What a supplier may change of the orders addressed to it: the promise and the status roll-up, never the terms.
    this.addSql(`create or replace function supplier_guard() returns trigger language plpgsql as $$
      begin
        if app_org() is null or app_org() <> old.supplier_id or app_org() = old.retailer_id then return new; end if;
        if tg_table_name = 'purchase_order_line' then
          if (new.purchase_order_id, new.line_number, new.retailer_id, new.supplier_id, new.ship_to_id, new.item_id, new.quantity,
              new.requested_date, new.unit_cost, new.received_quantity)
             is distinct from
             (old.purchase_order_id, old.line_number, old.retailer_id, old.supplier_id, old.ship_to_id, old.item_id, old.quantity,
              old.requested_date, old.unit_cost, old.received_quantity) then
            raise exception 'a supplier may not change the terms of an order line' using errcode = '42501';
          end if;
        else
          if (new.number, new.retailer_id, new.supplier_id, new.ship_to_id, new.issued_at, new.created_at)
             is distinct from (old.number, old.retailer_id, old.supplier_id, old.ship_to_id, old.issued_at, old.created_at)
             or new.status in ('DRAFT', 'CANCELLED', 'CLOSED') then
            raise exception 'a supplier may not change the terms or close an order' using errcode = '42501';
          end if;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger supplier_guard before update on purchase_order for each row execute function supplier_guard();`);
    this.addSql(`create trigger supplier_guard before update on purchase_order_line for each row execute function supplier_guard();`);
    this.addSql(`create or replace function counter_guard() returns trigger language plpgsql as $$
      begin
        if new.value < old.value or new.organization_id <> old.organization_id or new.name <> old.name then
          raise exception 'counters only grow' using errcode = '42501';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger counter_guard before update on organization_counter for each row execute function counter_guard();`);

    for (const fn of FUNCTIONS) {
      this.addSql(fn.sql);
      this.addSql(`revoke all on function ${fn.signature} from public;`);
      this.addSql(`grant execute on function ${fn.signature} to ${APP_ROLE};`);
    }
  }

  override async down(): Promise<void> {
    for (const fn of FUNCTIONS) this.addSql(`drop function if exists ${fn.signature};`);
    // (policy functions are dropped after the policies that use them, below)
    this.addSql(`drop trigger if exists counter_guard on organization_counter;`);
    this.addSql(`drop function if exists counter_guard();`);
    this.addSql(`drop trigger if exists supplier_guard on purchase_order_line;`);
    this.addSql(`drop trigger if exists supplier_guard on purchase_order;`);
    this.addSql(`drop function if exists supplier_guard();`);
    this.addSql(`drop trigger if exists partnership_guard on partnership;`);
    this.addSql(`drop function if exists partnership_guard();`);
    for (const [table, commands] of Object.entries(DEFINER_ACCESS)) {
      for (const command of commands) this.addSql(`drop policy if exists definer_${command} on "${table}";`);
    }
    for (const rule of RULES) {
      for (const command of ['select', 'insert', 'update', 'delete']) this.addSql(`drop policy if exists tenant_${command} on "${rule.table}";`);
    }
    for (const signature of POLICY_FUNCTION_SIGNATURES) this.addSql(`drop function if exists ${signature};`);
    for (const table of [...RULES.map((r) => r.table), ...SYSTEM_ONLY_TABLES]) {
      this.addSql(`alter table "${table}" no force row level security;`);
      this.addSql(`alter table "${table}" disable row level security;`);
    }
    this.addSql(`alter default privileges in schema public revoke usage, select on sequences from ${APP_ROLE};`);
    this.addSql(`alter default privileges in schema public revoke select, insert, update, delete on tables from ${APP_ROLE};`);
    this.addSql(`revoke all on all tables in schema public from ${APP_ROLE};`);
    this.addSql(`revoke all on all sequences in schema public from ${APP_ROLE};`);
    this.addSql(`revoke usage on schema public from ${APP_ROLE};`);
    // The role itself stays: it is cluster-wide and other databases of the cluster may use it.
  }
}
