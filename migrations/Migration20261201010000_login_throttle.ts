import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in throttling state, shared by every instance (DESIGN.md "Bounds"):
 * one row per throttled key, "login_account:<sha256 of the email>" or
 * "login_address:<sha256 of the client address>", counting failures within a
 * window (or the lock) that ends at expires_at, on the database's clock.
 *
 * It is no tenant's data (an attempt may name no account at all), so the
 * table is system-only like job_run: RLS enabled and forced, no privilege and
 * no policy for shortstop_app, reached only through the SECURITY DEFINER
 * functions below (whose owner gets `definer_*` policies). Keys are hashes:
 * the table never holds an email someone typed, nor an address.
 *
 * The functions are the storage of rate-limiter-flexible's limiters
 * (src/modules/tenancy/login-throttle.ts): login_throttle_upsert has the
 * semantics of that library's RateLimiterPostgres upsert.
 */

const APP_ROLE = 'shortstop_app';
const DEFINER = 'language sql security definer set search_path = public, pg_temp';
const MS_BEFORE_NEXT = (alias: string) =>
  `case when ${alias}.expires_at is null then -1::bigint else greatest(0, ceil(extract(epoch from ${alias}.expires_at - now()) * 1000))::bigint end`;

const FUNCTIONS: { signature: string; sql: string }[] = [
  {
    // Adds p_points to the key (a negative number gives points back; the count never goes below 0). A key whose
    // window has passed starts again from p_points with a new window of p_ms_duration; p_force_expire sets points
    // and window whatever they were (a lock). Returns the points now counted and the milliseconds left in the
    // window (-1: no expiry).
    signature: 'login_throttle_upsert(text, integer, bigint, boolean)',
    sql: `create or replace function login_throttle_upsert(p_key text, p_points integer, p_ms_duration bigint, p_force_expire boolean)
      returns table (points integer, ms_before_next bigint)
      ${DEFINER} volatile as $$
        insert into login_throttle as t (key, points, expires_at)
        values (p_key, greatest(p_points, 0), case when p_ms_duration > 0 then now() + p_ms_duration * interval '1 millisecond' end)
        on conflict (key) do update set
          points = case when p_force_expire or t.expires_at <= now() then excluded.points else greatest(t.points + p_points, 0) end,
          expires_at = case when p_force_expire or t.expires_at <= now() then excluded.expires_at else t.expires_at end
        returning t.points, ${MS_BEFORE_NEXT('t')} $$;`,
  },
  {
    // The key's points and milliseconds left, unless its window has passed.
    signature: 'login_throttle_get(text)',
    sql: `create or replace function login_throttle_get(p_key text)
      returns table (points integer, ms_before_next bigint)
      ${DEFINER} stable as $$
        select t.points, ${MS_BEFORE_NEXT('t')} from login_throttle t
         where t.key = p_key and (t.expires_at is null or t.expires_at > now()) $$;`,
  },
  {
    // Forgets a key (an account's failures after a successful sign-in); true when there was one.
    signature: 'login_throttle_delete(text)',
    sql: `create or replace function login_throttle_delete(p_key text)
      returns boolean ${DEFINER} volatile as $$
        with deleted as (delete from login_throttle where key = p_key returning 1) select exists (select 1 from deleted) $$;`,
  },
  {
    // The daily job: keys whose window or lock has passed; returns how many were deleted.
    signature: 'prune_login_throttle()',
    sql: `create or replace function prune_login_throttle()
      returns bigint ${DEFINER} volatile as $$
        with deleted as (delete from login_throttle where expires_at <= now() returning 1) select count(*) from deleted $$;`,
  },
];

const DEFINER_ACCESS = ['select', 'insert', 'update', 'delete'];

export class Migration20261201010000_login_throttle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "login_throttle" ("key" text not null, "points" int not null, "expires_at" timestamptz null, constraint "login_throttle_pkey" primary key ("key"));`);
    this.addSql(`create index "login_throttle_expires_at_index" on "login_throttle" ("expires_at");`);

    // System-only: the default privileges of the row-level-security migration granted it to the app role; take them back.
    this.addSql(`revoke all on table "login_throttle" from ${APP_ROLE};`);
    this.addSql(`alter table "login_throttle" enable row level security;`);
    this.addSql(`alter table "login_throttle" force row level security;`);
    for (const command of DEFINER_ACCESS) {
      const clause = command === 'insert' ? 'with check (true)' : command === 'update' ? 'using (true) with check (true)' : 'using (true)';
      this.addSql(`create policy definer_${command} on "login_throttle" for ${command} to current_user ${clause};`);
    }

    for (const fn of FUNCTIONS) {
      this.addSql(fn.sql);
      this.addSql(`revoke all on function ${fn.signature} from public;`);
      this.addSql(`grant execute on function ${fn.signature} to ${APP_ROLE};`);
    }
  }

  override async down(): Promise<void> {
    for (const fn of FUNCTIONS) this.addSql(`drop function if exists ${fn.signature};`);
    this.addSql(`drop table if exists "login_throttle" cascade;`);
  }
}
