import { Query } from 'pg';

/**
 * Entering a scope per statement: the settings row-level security reads,
 * as a named prepared statement ($1 the acting organization, $2 its
 * partners, comma-separated).
 */
export const ENTER_STATEMENT = {
  name: 'ss_enter',
  text: `SELECT set_config('app.organization_id', $1, true), set_config('app.partner_ids', $2, true)`,
};

/**
 * Entering a scope and learning its ACTIVE partners (app_enter, which sets
 * the same settings as ENTER_STATEMENT), as a named prepared statement ($1
 * the acting organization): a read's first statement can carry it as its
 * prelude (DeferredConnection), so the partners come back in that statement's
 * round trip instead of one of their own.
 */
export const APP_ENTER_STATEMENT = { name: 'ss_app_enter', text: 'SELECT app_enter($1) AS partners' };

/** app_enter's answer as PostgreSQL sends it in text (a uuid[] literal such as `{a,b}`), as ids. */
export function partnersFromText(text: string | null): string[] {
  if (!text || text === '{}') return [];
  return text.slice(1, -1).split(',');
}

/** The settings ENTER_STATEMENT takes: [organization id, partner ids joined by commas]. */
export type ScopeSettings = [string, string];

/**
 * The transaction's plan choice (every connection plans with
 * force_generic_plan, src/db/orm.ts), switched around a statement given a
 * long list, and back. Switched to 'auto', not 'force_custom_plan': the
 * statement goes unnamed, a fresh plan source, which 'auto' always plans
 * for its values; but the setting also governs the plans PostgreSQL keeps
 * for the statement's triggers, and under force_custom_plan each foreign
 * key check was planned anew for every row (80,000 forecast lines: 3 x 2.2 s
 * of key checks instead of 3 x 0.7 s; 'auto' plans a kept plan for its
 * values 5 times, then keeps the generic one).
 */
export const CUSTOM_PLANS = { text: `SELECT set_config('plan_cache_mode', 'auto', true)`, name: 'ss_plan_custom' };
export const GENERIC_PLANS = { text: `SELECT set_config('plan_cache_mode', 'force_generic_plan', true)`, name: 'ss_plan_generic' };

/** A prepared statement run before another in the same message, its result discarded (but for `row`). */
export interface Prelude {
  name: string;
  values: unknown[];
  /** Given the prelude's first row, as PostgreSQL sent it (text values), when it returns one. */
  row?(fields: (string | null)[]): void;
}

interface Message {
  fields?: unknown;
}
interface PgConnection {
  bind(config: { portal: string; statement: string; values: unknown[] }): void;
  execute(config: { portal: string }): void;
}
interface QueryInternals {
  prepare(connection: PgConnection): void;
  handleDataRow(message: Message): void;
  handleCommandComplete(message: Message, connection: PgConnection): void;
}
type QueryClass = new (config: object, values: undefined, callback: (err: Error | null, result?: unknown) => void) => QueryInternals;

const Base = Query as unknown as QueryClass;

/**
 * One statement sent with the settings that enter the caller's scope, in
 * one write and one round trip: Bind and Execute of each prelude (prepared
 * statements already parsed on the connection: ENTER_STATEMENT, and
 * CUSTOM_PLANS for a long list), then the statement's own Parse, Bind,
 * Describe, Execute, and one Sync. Between two Syncs PostgreSQL runs the
 * messages in one implicit transaction (protocol "Pipelining"), so the
 * settings, set with is_local, hold for exactly this statement and end with
 * it: no BEGIN, no COMMIT. The preludes' rows and completions are not part
 * of the result.
 */
class ScopedStatement extends Base {
  private pending: number;

  constructor(config: object, private readonly preludes: Prelude[], callback: (err: Error | null, result?: unknown) => void) {
    // Always the extended protocol (a statement without values would go as a simple query otherwise).
    super({ ...config, queryMode: 'extended' }, undefined, callback);
    this.pending = preludes.length;
  }

  override prepare(connection: PgConnection): void {
    for (const prelude of this.preludes) {
      connection.bind({ portal: '', statement: prelude.name, values: prelude.values });
      connection.execute({ portal: '' });
    }
    super.prepare(connection);
  }

  override handleDataRow(message: Message): void {
    if (this.pending === 0) return super.handleDataRow(message);
    this.preludes[this.preludes.length - this.pending].row?.(message.fields as (string | null)[]);
  }

  override handleCommandComplete(message: Message, connection: PgConnection): void {
    if (this.pending > 0) this.pending--;
    else super.handleCommandComplete(message, connection);
  }
}

/** A pg Submittable for `config` with its preludes in front (ScopedStatement); `callback` gets the statement's own result. */
export function scopedStatement(config: object, preludes: Prelude[], callback: (err: Error | null, result?: unknown) => void): object {
  return new ScopedStatement(config, preludes, callback);
}

/**
 * Whether a statement only reads, so it may run on its own in an implicit
 * transaction: SELECT or WITH, with no data-modifying or locking clause, and
 * no change of settings (entering another scope must last beyond the
 * statement: acting for a retailer inside a supplier's read).
 * Conservative: a false "no" only costs a real transaction.
 */
export function onlyReads(text: string): boolean {
  return /^\s*(select|with)\b/i.test(text)
    && !/\b(insert|update|delete|merge|truncate|for\s+(no\s+key\s+)?update|for\s+(key\s+)?share|nextval|setval|set_config|app_enter|pg_notify|pg_advisory\w*)\b/i.test(text);
}
