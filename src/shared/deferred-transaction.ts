import { EntityManager, type PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Knex } from 'knex';
import { CUSTOM_PLANS, ENTER_STATEMENT, GENERIC_PLANS, onlyReads, partnersFromText, scopedStatement, type Prelude, type ScopeSettings } from './scoped-statement';

/** What a transaction sends with its BEGIN, in the same round trip (e.g. entering the caller's scope). */
export interface Opening {
  /** SQL with its values written in (a simple-query message takes no parameters). */
  sql: string;
  /** The same statement with $n placeholders: what the statement log shows (values never reach a log). */
  logged: string;
  /** Called with the opening statement's result once PostgreSQL has answered. */
  opened?(rows: Record<string, unknown>[]): void;
  /**
   * The settings that enter the scope (ENTER_STATEMENT's values), once known
   * (after `opened` for a scope entered the first time): what a pipelined
   * connection sends with each statement.
   */
  settings?(): ScopeSettings | null;
  /** Entering again, for a pipelined connection that turns into a transaction (the scope's opening once its partners are known). */
  again?(): Opening;
  /**
   * The same statement as a named prepared one with its values (APP_ENTER_STATEMENT): what a pipelined connection
   * sends, prepared once per pooled connection, instead of `sql` parsed and planned every time.
   */
  prepared?: { name: string; text: string; values: unknown[] };
  /**
   * The scope's statements need no partners written into them (a retailer's rules): a pipelined connection may learn
   * them with its first statement that only reads, as that statement's prelude, in its round trip (`opened` is told
   * then). Until then `settings()` answers null.
   */
  withFirstRead?: boolean;
}

type Callback = (err: Error | null, result?: unknown) => void;
/** The settings a statement is sent under: its scope's, read when it goes out. */
type Settings = () => ScopeSettings | null | undefined;
interface QueryConfig {
  text: string;
  values?: unknown[];
  name?: string;
  /** Plan this statement for its values (a long list): custom plans for it alone. */
  customPlan?: boolean;
}
/** The part of a pg Client this file uses. */
interface PgClient {
  query(config: QueryConfig | object, callback: Callback): void;
  connection?: { parsedStatements?: Record<string, string> };
}
interface KnexClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
}
interface LoggingConnection {
  executeQuery<R>(query: string, cb: () => Promise<R>, context?: { query: string; params: unknown[] }): Promise<R>;
}

const EMPTY = { rows: [], rowCount: 0, fields: [] };

/** app_enter's row as an opening's `opened` takes it, from the text fields of a prelude's row. */
const partnersRows = (fields: (string | null)[]) => [{ partners: partnersFromText(fields[0] ?? null) }];

/**
 * A statement waiting to go in front of the next one (DeferredConnection's pending): `rows` gets its rows when it
 * runs on its own instead (not prepared on the connection yet); `settle` is told once the statement it went with has
 * answered, or once it was dropped unsent (nothing followed it, or the transaction rolled back).
 */
type Pending = Prelude & { text: string; enter?: true; rows?: (rows: Record<string, unknown>[]) => void; settle?: () => void };

/** BEGIN as a named prepared statement: a prelude of the statement that turns a pipelined connection into a transaction. */
const BEGIN_STATEMENT = { name: 'ss_begin', text: 'BEGIN' };

/** Whether this named statement, with this text, is prepared on the connection (so it can go as a prelude). */
function isPrepared(client: PgClient, statement: { name: string; text: string }): boolean {
  return client.connection?.parsedStatements?.[statement.name] === statement.text;
}

/**
 * A transaction's connection, taken from the pool and begun on first use. It
 * stands in for the pg client knex's transaction runs on (knex's
 * `transaction({ connection })`): knex's `BEGIN` is answered here without
 * a round trip; the first statement (or an explicit open()) takes a pooled
 * connection and sends `BEGIN; <opening>` as one simple-query message, then
 * the statement. COMMIT and ROLLBACK of a transaction that never opened send
 * nothing. Statements queued while it opens go out in the order they came.
 *
 * Why: on the 2-core VM every round trip costs a writev system call, knex's
 * and MikroORM's wrappers and PostgreSQL's own CPU; a request used to pay
 * `begin`, `app_enter` and `commit` as three, and an empty
 * begin/enter/commit after each mutation.
 *
 * Pipelined (a read-only operation, or a mutation field that asks for it:
 * READS_BEFORE_BEGIN): no BEGIN and no COMMIT until a statement writes. Each
 * statement that only reads goes out with the settings that enter the scope
 * in one write, the two in one implicit transaction (scopedStatement), so
 * every statement still runs in a transaction that entered the caller's
 * scope; under READ COMMITTED each statement of a transaction took its own
 * snapshot anyway. A scope entered the first time learns its partners first
 * (`SELECT app_enter($1)` on its own), or, when its statements need no
 * partners written in (Opening.withFirstRead: a retailer's), with its first
 * statement that only reads, app_enter going as that statement's prelude in
 * its message and implicit transaction. A statement that may write or lock
 * turns the connection into a transaction (`BEGIN` with the settings) for
 * the rest of the request; when it is the first statement and the partners
 * are not known yet, BEGIN and app_enter go in front of it, in its message
 * (its rules read the partners from the settings: Scope's partnersOf).
 */
export class DeferredConnection {
  private client: PgClient | null = null;
  private opening: Promise<PgClient> | null = null;
  private waiting: [QueryConfig, Callback, Settings | undefined][] = [];
  private ended = false;
  private busy = false;
  private queued: [QueryConfig, Callback, (relay: Callback) => object][] = [];
  private idleWaiters: (() => void)[] = [];
  /** Pipelined, opening.withFirstRead: the opening goes in front of the first statement that only reads (forward). */
  private enterWithFirstRead = false;
  /** Statements sent in this transaction after its opening (savepoints included). */
  sent = 0;
  /**
   * Statements that go in front of the next one, in the same message (Bind and Execute of statements already
   * prepared on this connection): writes nobody reads the result of (later) and a scope to enter (enterBeforeNext).
   */
  private pending: Pending[] = [];

  constructor(
    private readonly pool: KnexClient,
    private readonly log: LoggingConnection,
    private first: Opening,
    private pipelined = false,
  ) {}

  /** True while statements that only read go out on their own, with no BEGIN (pipelined). */
  get pipelinedReads(): boolean {
    return this.pipelined;
  }

  /** True once BEGIN has been sent (or is on its way). */
  get started(): boolean {
    return this.opening !== null;
  }

  /** Replaces what the transaction will send with its BEGIN; only before it has started. */
  reopenAs(opening: Opening): void {
    if (this.started) throw new Error('the transaction has already begun');
    this.first = opening;
  }

  /**
   * Before it has started: statements that only read go out on their own
   * (pipelined, each in an implicit transaction with the scope's settings,
   * as a query operation's), and the first that may write begins the
   * transaction (BEGIN and the scope's settings in front of it, see
   * forward). A transaction that
   * never writes then sends neither BEGIN nor COMMIT.
   */
  pipelineUntilWrite(): void {
    if (this.started) throw new Error('the transaction has already begun');
    this.pipelined = true;
  }

  /** Takes a pooled connection and sends `BEGIN; <opening>` now (once). */
  open(): Promise<PgClient> {
    if (this.ended) return Promise.reject(new Error('Transaction query already complete'));
    this.opening ??= this.begin();
    return this.opening;
  }

  private async begin(): Promise<PgClient> {
    const client = await this.pool.acquireConnection();
    const { sql, logged, opened } = this.first;
    try {
      if (!this.pipelined) {
        const results = await this.log.executeQuery(`begin; ${logged}`, () => send(client, { text: `BEGIN; ${sql}` }), { query: `begin; ${logged}`, params: [] });
        opened?.((lastResult(results) as { rows: Record<string, unknown>[] }).rows);
      } else if (opened) {
        // Pipelined: only a scope that does not know its partners yet needs them first: with its first read, when the
        // scope allows and the prepared statement is ready on this connection; else in a round trip of its own, which
        // prepares it for the next request on this connection.
        const prepared = this.first.prepared;
        const ready = prepared !== undefined && isPrepared(client, prepared);
        if (ready && this.first.withFirstRead) {
          this.enterWithFirstRead = true;
        } else if (!(ready && this.firstBeginsReady(client))) {
          await this.learnPartnersAlone(client);
        }
        // else: the first statement may write or lock: BEGIN and the opening go in front of it, in its message, and
        // learn the partners there (forward); the statement reads them from the settings (Scope's rules, app_partners()).
      }
    } catch (err) {
      // A failed opening leaves nothing to commit: give the connection back (rolled back, so it is clean).
      if (!this.pipelined) await send(client, { text: 'ROLLBACK' }).catch(() => undefined);
      await this.pool.releaseConnection(client);
      this.ended = true;
      for (const [, callback] of this.waiting.splice(0)) callback(err as Error);
      throw err;
    }
    this.client = client;
    for (const [config, callback, as] of this.waiting.splice(0)) this.forward(client, config, callback, as);
    return client;
  }

  /**
   * The first statement waiting to go is the scope's own and may write or lock (it turns the connection into a
   * transaction), and BEGIN is prepared on the connection: that statement can carry BEGIN and the opening in front.
   */
  private firstBeginsReady(client: PgClient): boolean {
    const [first] = this.waiting;
    return first !== undefined && first[2] === undefined && !onlyReads(first[0].text) && isPrepared(client, BEGIN_STATEMENT);
  }

  /** pg's Client.query(config, callback), as knex's pg dialect and sql() call it. */
  query(config: QueryConfig | string, callback: Callback): void {
    const query = typeof config === 'string' ? { text: config } : config;
    const text = query.text;
    if (text === 'BEGIN;') return callback(null, EMPTY);
    if (text === 'COMMIT;' || text === 'ROLLBACK') {
      void this.end(text === 'COMMIT;' ? 'commit' : 'rollback').then((result) => callback(null, result), (err: Error) => callback(err));
      return;
    }
    this.queryAs(query, callback, undefined);
  }

  /** A statement of this connection's own scope, or (as) of a scope acting beside it (ScopedView). */
  queryAs(query: QueryConfig, callback: Callback, as: Settings | undefined): void {
    if (this.ended) return callback(new Error('Transaction query already complete'));
    if (this.client) return this.forward(this.client, query, callback, as);
    this.waiting.push([query, callback, as]);
    this.open().catch(() => undefined);
  }

  /**
   * A connection for statements of another scope (acting for another
   * organization) on this one, side by side with its own statements: each
   * statement runs under the scope it was sent for, whatever else the
   * operation's fields send meanwhile. Pipelined, a view's statement goes
   * with its scope's settings instead of this connection's; in a
   * transaction, with its settings in front of it and this connection's own
   * in front of whatever follows. `opening` enters the scope (app_enter:
   * it learns its partners; see enterView); its `settings` are then those
   * sent.
   */
  view(opening: Opening): ScopedView {
    return new ScopedView(this, opening);
  }

  /**
   * Enters a view's scope (its opening's statement, which learns its
   * partners) as a statement of its own: pipelined, in an implicit
   * transaction of its own, which sets nothing that lasts; in a
   * transaction, after anything waiting to go first, with this connection's
   * own scope entered again in front of the next statement.
   */
  async enterView(opening: Opening): Promise<void> {
    const client = await this.open();
    // This connection's own scope must be known before another's is entered: in a transaction its settings go back in
    // front of its next statement when the view's statement is queued (enterOwnAfter), which cannot wait for the answer
    // of a first read that would have learned them.
    if (this.enterWithFirstRead) await this.learnPartnersAlone(client);
    const run = () =>
      new Promise<unknown>((resolve, reject) => {
        const done: Callback = (err, result) => (err ? reject(err) : resolve(result));
        if (this.pipelined) return this.enqueue(client, { text: opening.sql }, done);
        this.sent++;
        this.sendWithPending(client, { text: opening.sql }, done);
        this.enterOwnAfter();
      });
    const result = (await this.log.executeQuery(opening.logged, run, { query: opening.logged, params: [] })) as { rows: Record<string, unknown>[] };
    opening.opened?.(result.rows);
  }

  /**
   * Pipelined: the opening on its own (its prepared statement, else its SQL; it sets nothing that lasts), its row
   * telling the scope its partners; after statements already queued.
   */
  private async learnPartnersAlone(client: PgClient): Promise<void> {
    this.enterWithFirstRead = false;
    const { prepared, sql, logged, opened } = this.first;
    const run = () => new Promise<unknown>((resolve, reject) => this.enqueue(client, prepared ?? { text: sql }, (err, result) => (err ? reject(err) : resolve(result))));
    const result = (await this.log.executeQuery(logged, run, { query: logged, params: [] })) as { rows: Record<string, unknown>[] };
    opened?.(result.rows);
  }

  /** In a transaction: the scope with these settings entered in front of the next statement (ENTER_STATEMENT). */
  private enterNext(settings: ScopeSettings): void {
    this.pending.push({ name: ENTER_STATEMENT.name, text: ENTER_STATEMENT.text, values: settings, enter: true });
  }

  /** In a transaction, after a view's statement: this connection's own scope again, in front of the next statement. */
  private enterOwnAfter(): void {
    const own = this.first.settings?.();
    if (own) this.enterNext(own);
  }

  /**
   * Enters a scope whose settings are known (its partners learned in this
   * transaction: switching back after acting for another organization) with
   * the next statement, in front of it in the same message (ENTER_STATEMENT,
   * set_config for the rest of the transaction), instead of a round trip of
   * its own; nothing if no statement follows. False (nothing done) when the
   * transaction is not under way as one: the caller enters it itself.
   */
  enterBeforeNext(settings: ScopeSettings): boolean {
    if (this.pipelined || !this.client || this.ended) return false;
    this.enterNext(settings);
    return true;
  }

  /**
   * In a transaction: enters a scope whose partners are not known yet
   * (acting for a retailer, whose rules name only itself: Opening.withFirstRead)
   * in front of the next statement, in its message, the opening's row telling
   * the scope its partners once that statement answers, instead of a round
   * trip of its own. False (nothing done) when it cannot: not a transaction
   * under way, the opening not a prepared statement ready on this connection,
   * or a scope that must know its partners before its first statement.
   */
  enterLearningBeforeNext(opening: Opening): boolean {
    const { prepared, withFirstRead } = opening;
    if (this.pipelined || !this.client || this.ended || !prepared || !withFirstRead || !isPrepared(this.client, prepared)) return false;
    this.pending.push(this.learning(opening, prepared));
    return true;
  }

  /**
   * An opening (its prepared statement) as a statement waiting to go in front of the next one: its row tells the scope
   * its partners; it is logged as the statement it is once the statement it went with has answered.
   */
  private learning(opening: Opening, prepared: NonNullable<Opening['prepared']>): Pending {
    const answered = this.logWhenAnswered(opening.logged);
    return {
      name: prepared.name,
      text: prepared.text,
      values: prepared.values,
      enter: true,
      row: (fields) => opening.opened?.(partnersRows(fields)),
      rows: (rows) => opening.opened?.(rows),
      settle: () => answered(),
    };
  }

  /**
   * Sends a statement whose result nobody reads (a write whose input was
   * checked, a lock) in front of the transaction's next statement, in the
   * same message, or with its COMMIT: one round trip fewer. It runs in its
   * place in the transaction's order; if it fails, the statement it went
   * with fails with its error (and the transaction with it). False (nothing
   * done) when it cannot: not a transaction under way, or the statement not
   * prepared on this connection yet; then send it as usual.
   */
  later(config: { name: string; text: string; values: unknown[] }): boolean {
    if (this.pipelined || !this.client || this.ended || !isPrepared(this.client, config)) return false;
    this.sent++;
    this.pending.push({ name: config.name, text: config.text, values: config.values });
    return true;
  }

  /** Sends one statement (sql() in a request's transaction) and resolves with its rows. */
  run<T>(config: QueryConfig): Promise<T[]> {
    return new Promise((resolve, reject) => this.query(config, (err, result) => (err ? reject(err) : resolve((result as { rows: T[] }).rows))));
  }

  private forward(client: PgClient, config: QueryConfig, callback: Callback, as?: Settings): void {
    this.sent++;
    const { customPlan, ...statement } = config;
    if (this.pipelined) {
      const settings = as ? as() : this.first.settings?.();
      if ((settings || (!as && this.enterWithFirstRead)) && onlyReads(statement.text)) {
        // Once per pooled connection: prepare each prelude (run on its own, it sets nothing that lasts).
        for (const prepared of customPlan ? [ENTER_STATEMENT, CUSTOM_PLANS] : [ENTER_STATEMENT]) {
          if (!client.connection?.parsedStatements?.[prepared.name]) {
            this.enqueue(client, { ...prepared, values: prepared === ENTER_STATEMENT ? (settings ?? ['', '']) : [] }, () => undefined);
          }
        }
        // The preludes are chosen when the statement goes out: the scope's settings once its partners are known (a
        // statement queued behind the one that learns them goes after it), else the opening that learns them.
        this.enqueue(client, statement, callback, (relay) => {
          const now = as ? as() : this.first.settings?.();
          // The first of the scope's own reads learns its partners (afresh, even if the scope knew some), as the
          // opening would have; any read after it that goes out without them known (the first failed) tries again.
          const learn = !as && (this.enterWithFirstRead || !now);
          if (learn) this.enterWithFirstRead = false;
          // (A view's settings are known once enterView has answered; were they not, the statement fails, unscoped.)
          const [enter, done] = learn ? this.enteringWith(relay) : [{ name: ENTER_STATEMENT.name, values: now! }, relay];
          return scopedStatement(statement, customPlan ? [enter, { name: CUSTOM_PLANS.name, values: [] }] : [enter], done);
        });
        return;
      }
      // A statement that may write, lock or change settings: from here on, a transaction that entered the scope.
      this.pipelined = false;
      const known = !this.enterWithFirstRead && !as ? this.first.settings?.() : null;
      if (known) {
        // The partners are known (learned on their own or with a read): BEGIN and the scope's settings go in front of
        // the statement, in its message (BEGIN on its own the first time on this connection, which prepares it for the
        // next). Nothing is pending while pipelined (later and enterBeforeNext refuse). The transaction acts with the
        // partners its reads had (row-level security and the services' checks read the same list), not with a list
        // learned again at BEGIN.
        const begin = { ...BEGIN_STATEMENT, values: [] };
        if (isPrepared(client, BEGIN_STATEMENT)) this.pending.push(begin);
        else this.enqueue(client, begin, () => undefined);
        this.enterNext(known);
      } else {
        const learn = this.enterWithFirstRead || !this.first.settings?.();
        const again = this.first.again?.() ?? this.first;
        this.enterWithFirstRead = false;
        const prepared = again.prepared;
        if (learn && !as && prepared && isPrepared(client, prepared) && isPrepared(client, BEGIN_STATEMENT)) {
          // Both prepared on this connection: BEGIN and the opening in front of the statement, in its message; the
          // opening's row tells the scope its partners before the statement answers.
          this.pending.push({ ...BEGIN_STATEMENT, values: [] }, this.learning(again, prepared));
        } else {
          this.enqueue(client, { text: `BEGIN; ${again.sql}` }, (err, results) => {
            // Partners not learned yet by a read (withFirstRead): they come with this BEGIN.
            if (!err && learn) again.opened?.((lastResult(results) as { rows: Record<string, unknown>[] }).rows);
          });
        }
      }
    }
    const settings = as?.();
    if (!settings) return this.sendWithPending(client, config, callback);
    // A view's statement in a transaction: its scope in front of it, the connection's own in front of the next one.
    this.enterNext(settings);
    this.sendWithPending(client, config, callback);
    this.enterOwnAfter();
  }

  /**
   * The opening as a prelude of a read (withFirstRead): its row tells the scope its partners; it is logged as a
   * statement of its own (it is one), once the statement it went with has answered. `callback` wrapped to log it.
   */
  private enteringWith(callback: Callback): [Prelude, Callback] {
    const { prepared, logged, opened } = this.first;
    const answered = this.logWhenAnswered(logged);
    let learned = false;
    const prelude: Prelude = {
      name: prepared!.name,
      values: prepared!.values,
      row: (fields) => {
        learned = true;
        opened?.(partnersRows(fields));
      },
    };
    return [prelude, (err, result) => {
      answered(learned ? null : (err ?? new Error('app_enter answered no row')));
      callback(err, result);
    }];
  }

  /**
   * Logs an opening sent as a prelude as the statement it is, once the statement it went with has answered (or it
   * was dropped unsent): call the function returned then, with the error that kept it from answering, if any.
   */
  private logWhenAnswered(logged: string): (err?: Error | null) => void {
    let answered: (err?: Error | null) => void = () => undefined;
    const logging = new Promise<unknown[]>((resolve, reject) => (answered = (err) => (err ? reject(err) : resolve([]))));
    this.log.executeQuery(logged, () => logging, { query: logged, params: [] }).catch(() => undefined);
    return answered;
  }

  /** Sends a statement in a transaction, with the statements waiting to go in front of it (pending). */
  private sendWithPending(client: PgClient, config: QueryConfig, callback: Callback): void {
    const { customPlan, ...statement } = config;
    const pending = this.pending.splice(0);
    if (pending.some((p) => p.settle)) {
      const given = callback;
      callback = (err, result) => {
        given(err, result);
        for (const p of pending) p.settle?.();
      };
    }
    if (pending.length) {
      if (!customPlan && pending.every((p) => isPrepared(client, p))) {
        return this.enqueue(client, statement, callback, (relay) => scopedStatement(statement, pending, relay));
      }
      // A long list's plan switch goes first, or ENTER_STATEMENT is not prepared on this connection yet: each on its
      // own, in order; the first error fails the statement after them.
      let failed: Error | null = null;
      for (const p of pending) {
        this.enqueue(client, { name: p.name, text: p.text, values: p.values }, (err, result) => {
          failed ??= err;
          if (!err) p.rows?.((result as { rows: Record<string, unknown>[] }).rows);
        });
      }
      const given = callback;
      callback = (err, result) => given(failed ?? err, result);
    }
    if (!customPlan) return this.enqueue(client, statement, callback);
    // Queued at once, so no other statement of the transaction runs between them.
    this.enqueue(client, CUSTOM_PLANS, () => undefined);
    this.enqueue(client, statement, callback);
    this.enqueue(client, GENERIC_PLANS, () => undefined);
  }

  /** One statement at a time (pg 8 warns when asked while busy, and pg 9 will refuse): the rest wait here, in order. */
  private enqueue(client: PgClient, config: QueryConfig, callback: Callback, make: (relay: Callback) => object = () => config): void {
    if (this.busy) {
      this.queued.push([config, callback, make]);
      return;
    }
    this.busy = true;
    const relay = this.relay(client, callback);
    client.query(make(relay), relay);
  }

  /** Resolves when no statement is in flight or queued. */
  private idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private relay(client: PgClient, callback: Callback): Callback {
    let done = false;
    return (err, result) => {
      if (done) return;
      done = true;
      const next = this.queued.shift();
      if (next) {
        const relay = this.relay(client, next[1]);
        client.query(next[2](relay), relay);
      } else {
        this.busy = false;
        for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
      callback(err, result);
    };
  }

  /** COMMIT or ROLLBACK, when the transaction began; the connection goes back to the pool either way. */
  private async end(how: 'commit' | 'rollback'): Promise<unknown> {
    if (this.ended) return EMPTY;
    this.ended = true;
    // Writes still waiting go with COMMIT, each after the scope entered before it (a scope entered after the last one is
    // moot: nothing follows); with ROLLBACK, nothing.
    const last = this.pending.findLastIndex((p) => !p.enter);
    const writes = how === 'commit' ? this.pending.slice(0, last + 1) : [];
    for (const p of this.pending) if (!writes.includes(p)) p.settle?.();
    this.pending = [];
    if (!this.opening) return EMPTY;
    const client = await this.opening.catch(() => null);
    if (!client) return EMPTY;
    if (this.pipelined) {
      // Each statement ended its own implicit transaction: nothing to commit or roll back.
      await this.idle();
      await this.pool.releaseConnection(client);
      return EMPTY;
    }
    try {
      const text = how === 'commit' ? 'COMMIT' : 'ROLLBACK';
      const run = () =>
        new Promise((resolve, reject) => {
          const done: Callback = (err, result) => (err ? reject(err) : resolve(result));
          if (writes.length === 0) return this.enqueue(client, { text }, done);
          this.enqueue(client, { text }, done, (relay) => scopedStatement({ text }, writes, relay));
        });
      try {
        return await this.log.executeQuery(how, run, { query: how, params: [] });
      } catch (err) {
        // A write that went with COMMIT failed before it: the transaction is still open (aborted). Roll it back, so the
        // connection goes back to the pool clean.
        if (writes.length) await new Promise((resolve) => this.enqueue(client, { text: 'ROLLBACK' }, resolve));
        throw err;
      }
    } finally {
      for (const p of writes) p.settle?.();
      await this.pool.releaseConnection(client);
    }
  }
}

/**
 * Statements of another scope on a DeferredConnection (DeferredConnection.view):
 * what knex's transaction and sql() run on for an EntityManager acting for
 * another organization. BEGIN, COMMIT and ROLLBACK are the connection's own:
 * a view sends none (a savepoint is a statement like any other).
 */
export class ScopedView {
  constructor(
    private readonly connection: DeferredConnection,
    private readonly opening: Opening,
  ) {}

  /** pg's Client.query(config, callback), as knex's pg dialect and sql() call it. */
  query(config: QueryConfig | string, callback: Callback): void {
    const query = typeof config === 'string' ? { text: config } : config;
    if (query.text === 'BEGIN;' || query.text === 'COMMIT;' || query.text === 'ROLLBACK') return callback(null, EMPTY);
    this.connection.queryAs(query, callback, () => this.opening.settings?.());
  }

  /** Sends one statement (sql()) and resolves with its rows. */
  run<T>(config: QueryConfig): Promise<T[]> {
    return new Promise((resolve, reject) => this.query(config, (err, result) => (err ? reject(err) : resolve((result as { rows: T[] }).rows))));
  }
}

/** The last result of a simple-query message of several statements (pg answers an array), or its only one. */
function lastResult(results: unknown): unknown {
  return Array.isArray(results) ? results[results.length - 1] : results;
}

function send(client: PgClient, config: QueryConfig): Promise<unknown> {
  return new Promise((resolve, reject) => client.query(config, (err, result) => (err ? reject(err) : resolve(result))));
}

const deferred = new WeakMap<object, DeferredConnection>();

/**
 * Opens a transaction on em that begins on first use, sending `opening` with
 * its BEGIN (no round trip until then). MikroORM's operations, knex and sql()
 * all run in it; end it with endDeferred.
 *
 * knex's transaction object is made only when MikroORM first reaches the
 * database through em (LazyTransaction, RequestEntityManager), not at the
 * start: sql() needs only the connection, and most requests never use the
 * ORM. Making knex's object (a knex instance of its own: about a hundred
 * method closures and an event emitter) was most of `{ __typename }`'s CPU
 * time and, in interleaved runs, 8 to 30% of a 100-row list's.
 */
export function beginDeferred(em: EntityManager, opening: Opening, options: { pipelined?: boolean } = {}): DeferredConnection {
  const orm = em.getConnection();
  const connection = new DeferredConnection(orm.getKnex().client as unknown as KnexClient, orm as unknown as LoggingConnection, opening, options.pipelined ?? false);
  const trx = new LazyTransaction(orm.getKnex(), connection);
  deferred.set(trx, connection);
  em.setTransactionContext(trx);
  return connection;
}

/** Statements of one transaction, whichever object stands for it (sql()'s order of statements): a made knex transaction -> its LazyTransaction. */
const madeFrom = new WeakMap<object, LazyTransaction>();

/**
 * A request transaction (beginDeferred), or a view of one (beginView), whose
 * knex transaction is not made yet: what em's transaction context holds
 * until then. sql() and write() send through its connection;
 * RequestEntityManager makes knex's transaction (make) before any
 * EntityManager method that reaches the database and puts it in em's place;
 * endDeferred commits through the connection when none was made.
 */
export class LazyTransaction {
  private made: Promise<Knex.Transaction & { executionPromise: Promise<unknown> }> | undefined;
  /** knex's transaction, once made. */
  trx: (Knex.Transaction & { executionPromise: Promise<unknown> }) | undefined;

  constructor(
    private readonly knex: Knex,
    /** The request's connection, or a view of it (beginView). */
    readonly connection: DeferredConnection | ScopedView,
  ) {}

  /** knex's transaction on the connection, made on the first call (the same one for every caller). */
  make(): Promise<Knex.Transaction> {
    this.made ??= this.knex.transaction({ connection: this.connection } as Knex.TransactionConfig).then((trx) => {
      const connection = deferred.get(this);
      if (connection) deferred.set(trx, connection);
      madeFrom.set(trx, this);
      return (this.trx = trx as Knex.Transaction & { executionPromise: Promise<unknown> });
    });
    return this.made;
  }

  private sending: object | undefined;

  /**
   * What knex reads from a transaction it is given (`transacting`, MikroORM's query builder and
   * `getConnection().execute(..., ctx)`): the made transaction's client, or until then knex's client with every
   * statement on this connection, never released to the pool, as knex's own transaction client has it. So a query
   * builder or a raw statement given this transaction runs in it, whether or not knex's transaction was made.
   */
  get client(): object {
    if (this.trx) return (this.trx as unknown as { client: object }).client;
    if (!this.sending) {
      const connection = this.connection;
      const client = Object.create((this.knex as unknown as { client: object }).client) as Record<string, unknown>;
      client.transacting = true;
      client.acquireConnection = () => Promise.resolve(connection);
      client.releaseConnection = () => Promise.resolve();
      this.sending = client;
    }
    return this.sending;
  }

  isCompleted(): boolean {
    return this.trx?.isCompleted() ?? false;
  }
}

/** The knex transaction for em's transaction context, made if it is a LazyTransaction; undefined outside a transaction. */
export async function knexTransactionOf(em: EntityManager): Promise<Knex.Transaction | undefined> {
  const ctx = em.getTransactionContext<object>();
  if (!(ctx instanceof LazyTransaction)) return ctx as Knex.Transaction | undefined;
  const trx = await ctx.make();
  // A fork, or a savepoint's EntityManager, may share the lazy one: each takes the made one when it first needs it.
  if (em.getTransactionContext() === ctx) em.setTransactionContext(trx);
  return trx;
}

/**
 * The EntityManager class every fork is made of (src/db/orm.ts,
 * `entityManager`): each method that reaches the database makes the request's
 * knex transaction first (knexTransactionOf) when it is still a
 * LazyTransaction. Methods that only build (create, persist, assign,
 * getReference, createQueryBuilder) need none; a query builder runs on the
 * request's connection either way (LazyTransaction.client).
 */
export class RequestEntityManager extends EntityManager<PostgreSqlDriver> {}

/**
 * EntityManager's methods that send statements, directly or through the unit of work or an entity loader, or end
 * a transaction. What reaches knex otherwise (a query builder, `getConnection().execute` given the transaction
 * context) runs on the connection through LazyTransaction.client.
 */
export const ORM_QUERYING_METHODS = [
  'find', 'findAll', 'findOne', 'findOneOrFail', 'findAndCount', 'findByCursor', 'count', 'refresh', 'refreshOrFail', 'populate',
  'upsert', 'upsertMany', 'insert', 'insertMany', 'nativeUpdate', 'nativeDelete', 'lock',
  'flush', 'persistAndFlush', 'removeAndFlush', 'transactional', 'begin', 'commit', 'rollback', 'execute',
] as const;

for (const name of ORM_QUERYING_METHODS) {
  const base = EntityManager.prototype[name] as (this: EntityManager, ...args: unknown[]) => Promise<unknown>;
  Object.defineProperty(RequestEntityManager.prototype, name, {
    configurable: true,
    writable: true,
    value: async function (this: EntityManager, ...args: unknown[]) {
      if (this.getTransactionContext() instanceof LazyTransaction) await knexTransactionOf(this);
      return base.apply(this, args);
    },
  });
}

/**
 * An EntityManager for another scope (acting for another organization) on
 * em's deferred connection (`connection`: em may be a savepoint's or
 * another view's), side by side with em's own statements
 * (DeferredConnection.view): its scope entered first (it learns its
 * partners); nothing it reads or writes depends on what em's other users
 * send meanwhile. Its own identity map; end it with `end` (commit flushes
 * it first).
 */
export async function beginView(
  em: EntityManager,
  connection: DeferredConnection,
  opening: Opening,
): Promise<{ em: EntityManager; end(how: 'commit' | 'rollback'): Promise<void> }> {
  const view = connection.view(opening);
  await connection.enterView(opening);
  const lazy = new LazyTransaction(em.getConnection().getKnex(), view);
  const fork = em.fork();
  fork.setTransactionContext(lazy);
  return {
    em: fork,
    async end(how) {
      if (how === 'commit') await flushUnlessPristine(fork);
      fork.resetTransactionContext();
      // The view answers knex's COMMIT or ROLLBACK without sending it: the transaction is em's. Nothing to end when
      // no knex transaction was made.
      const trx = lazy.trx;
      if (!trx) return;
      void (how === 'commit' ? trx.commit() : trx.rollback());
      await trx.executionPromise.catch(() => undefined);
    },
  };
}

/** The deferred connection of em's transaction (not of a savepoint inside it), if it has one. */
export function deferredOf(em: EntityManager): DeferredConnection | undefined {
  const trx = em.getTransactionContext<object>();
  return trx ? deferred.get(trx) : undefined;
}

/**
 * What stands for the transaction `ctx` is in sql()'s order of statements: its request connection, or its
 * LazyTransaction (the same before and after knex's transaction is made), else ctx itself (a savepoint's).
 */
export function orderKeyOf(ctx: object): object {
  return deferred.get(ctx) ?? madeFrom.get(ctx) ?? ctx;
}

/** Commits or rolls back em's deferred transaction (flushing first on commit); sends nothing if it never began. */
export async function endDeferred(em: EntityManager, how: 'commit' | 'rollback'): Promise<void> {
  if (!deferredOf(em)) throw new Error('no deferred transaction on this EntityManager');
  if (how === 'commit') await flushUnlessPristine(em);
  // Read after the flush, which may have made knex's transaction.
  const ctx = em.getTransactionContext<object>();
  em.resetTransactionContext();
  if (how === 'rollback') em.getUnitOfWork().clearActionsQueue();
  const trx = (ctx instanceof LazyTransaction ? ctx.trx : ctx) as (Knex.Transaction & { executionPromise: Promise<unknown> }) | undefined;
  if (!trx) {
    // No knex transaction was made: end it on the connection, as knex's COMMIT or ROLLBACK would.
    const connection = deferred.get(ctx!)!;
    await new Promise((resolve, reject) => connection.query({ text: how === 'commit' ? 'COMMIT;' : 'ROLLBACK' }, (err) => (err ? reject(err) : resolve(undefined))));
    return;
  }
  // knex sends COMMIT/ROLLBACK through the deferred connection, which answers without a round trip when nothing began.
  void (how === 'commit' ? trx.commit() : trx.rollback());
  await trx.executionPromise;
}

/**
 * Flushes em's unit of work unless it holds nothing: no managed entity, nothing persisted or removed. A read that
 * loaded no entity (its rows came through sql()) then needs no knex transaction to commit.
 */
export async function flushUnlessPristine(em: EntityManager): Promise<void> {
  const uow = em.getUnitOfWork();
  const pristine = uow.getPersistStack().size === 0 && uow.getRemoveStack().size === 0 && uow.getOrphanRemoveStack().size === 0
    && isEmpty(uow.getIdentityMap());
  if (!pristine) await em.flush();
}

function isEmpty(entities: Iterable<unknown>): boolean {
  for (const _entity of entities) return false;
  return true;
}

/**
 * Writes a value into SQL text as a string literal (pg's escapeLiteral rule):
 * quotes doubled; a value with a backslash as E'...' with backslashes doubled,
 * so it reads the same whatever standard_conforming_strings says.
 */
export function literal(value: string | null): string {
  if (value === null) return 'NULL';
  const quoted = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}
