import type { EntityManager } from '@mikro-orm/postgresql';
import type { OperationTypeNode } from 'graphql';
import { beginDeferred, beginView, deferredOf, endDeferred, flushUnlessPristine, literal, type DeferredConnection } from '../shared/deferred-transaction';
import { Params, sql } from '../shared/sql';
import { systemActor, type ActingOrganization, type Caller } from './caller';
import type { AuthedContext, RequestContext } from './context';
import { Scope } from './scope';

/**
 * A unit of work: one database transaction (or a savepoint inside the
 * request's), with work to do just before it commits (the outbox writes its
 * alerts there) and after it has committed (announcements).
 */
interface Unit {
  /** The request-level transaction; inTransaction opens a savepoint inside it (but in a mutation's own, see `mutation`). */
  request: boolean;
  /**
   * A request-level transaction that is one mutation field's own (makeMutationsAtomic): it rolls back whole if
   * the field fails, so inTransaction needs no savepoint in it. 'joined' while an inTransaction runs in it.
   */
  mutation?: 'own' | 'joined';
  /**
   * A mutation field has run in this transaction: its partners are as of that field's start, so the next field
   * (restartRequest's `fresh`) does not go on in it even when nothing was sent (a batch member answered without a
   * statement).
   */
  served?: true;
  /** Values that live as long as this transaction (or savepoint) holds what they describe: its locks, say. */
  held: Map<unknown, unknown>;
  before: Map<unknown, () => Promise<void>>;
  after: (() => void)[];
  /** Told once the outermost transaction has ended, whichever way: true when it committed (transactionEnded). */
  ended: ((committed: boolean) => void)[];
  /** The scope PostgreSQL currently acts for in this transaction. */
  scope: Scope;
  /**
   * A query operation's (and its savepoints' and views'), with the request's connection: its fields run side by
   * side, so actingAs gives fn a view of its own on that connection (see there).
   */
  readOnly?: { connection: DeferredConnection };
}

const units = new WeakMap<EntityManager, Unit>();

/**
 * Opens the request's transaction on ctx.em, entering its scope (PostgreSQL's
 * row-level security reads the acting organization) in the same round trip as
 * BEGIN. A scope entered for the first time asks for its partners
 * (app_enter) at once, because the rules of the first statement need them
 * (a retailer's read, whose rules name only itself, asks with its first
 * statement instead: Scope.partnersKnown before reading partnerIds); a
 * scope already entered in this request (after a mutation committed) begins
 * on first use, so a transaction nothing uses sends nothing. Every GraphQL
 * operation, subscription event and job step runs between beginRequest and
 * endRequest. readOnly (a query operation): no BEGIN or COMMIT; each
 * statement goes out with the scope's settings in one implicit transaction
 * (DeferredConnection's pipelined mode), a writing one turning it into a
 * transaction. pipelined (a mutation that asks for it, see
 * restartRequest): the same mode, with a mutation's way of acting for
 * another organization (its statements one after another). byFields (a
 * mutation operation): nothing is sent at once, even for a scope not entered
 * yet, because each of its fields opens its own transaction before it runs
 * (makeMutationsAtomic, restartRequest's `fresh`).
 */
export async function beginRequest(ctx: RequestContext, options: { readOnly?: boolean; pipelined?: boolean; byFields?: boolean; onFirstUse?: boolean } = {}): Promise<void> {
  if (units.has(ctx.em)) return;
  const unit: Unit = { request: true, before: new Map(), after: [], ended: [], scope: ctx.scope, held: new Map() };
  units.set(ctx.em, unit);
  try {
    const opening = ctx.scope.opening();
    const connection = beginDeferred(ctx.em, opening, { pipelined: options.readOnly === true || options.pipelined === true });
    if (options.readOnly) unit.readOnly = { connection };
    // A scope that must know its partners before its first statement learns them now; a retailer's read, with that
    // statement (Opening.withFirstRead).
    // onFirstUse (pipelined, see restartRequest): not before something asks (learnPartners, or the first statement).
    if (!ctx.scope.entered && !(options.readOnly && opening.withFirstRead) && !options.byFields && !options.onFirstUse) await connection.open();
  } catch (err) {
    units.delete(ctx.em);
    if (deferredOf(ctx.em)) await endDeferred(ctx.em, 'rollback').catch(() => undefined);
    throw err;
  }
}

/**
 * The request transaction of a GraphQL operation, over HTTP and WebSocket alike: a query's reads go out pipelined
 * (readOnly), a mutation's fields each open their own (byFields); anything else begins as a plain transaction.
 */
export function beginOperation(ctx: RequestContext, kind: OperationTypeNode | undefined): Promise<void> {
  return beginRequest(ctx, { readOnly: kind === 'query', byFields: kind === 'mutation' });
}

/** Commits (or rolls back) the request's transaction, then runs what waited for the commit. */
export async function endRequest(ctx: RequestContext, options: { commit: boolean } = { commit: true }): Promise<void> {
  const unit = units.get(ctx.em);
  if (!unit) return;
  try {
    // What waits for the commit runs in the unit (a mutation's alerts are written as its last statements).
    if (options.commit) await runBeforeCommit(unit);
    units.delete(ctx.em);
    await endDeferred(ctx.em, options.commit ? 'commit' : 'rollback');
  } catch (err) {
    units.delete(ctx.em);
    if (deferredOf(ctx.em)) await endDeferred(ctx.em, 'rollback').catch(() => undefined);
    tellEnded(unit, false);
    throw err;
  }
  tellEnded(unit, options.commit);
  if (options.commit) for (const hook of unit.after) hook();
}

function tellEnded(unit: Unit, committed: boolean): void {
  for (const hook of unit.ended.splice(0)) hook(committed);
}

/**
 * Ends the request's transaction (commit or roll back) and opens the next one, in the same scope, on the same
 * context. When nothing has run in it since it was entered and no mutation field has run in it (a document's first
 * mutation), there is nothing to commit, roll back or unlock: it goes on as the next one. `fresh` (before a
 * mutation): the transaction it runs in knows the caller's partners as of its own BEGIN, never a committed one's, so
 * a partnership suspended by an earlier mutation of the document, or by the partner meanwhile, ends what this one may
 * see and write; both the services' checks (Scope.partnerIds) and row-level security read that list. `pipelined`: the next one reads
 * without BEGIN until its first write (DeferredConnection.pipelineUntilWrite); its partners are learned in a
 * statement of their own when it opens, and the BEGIN of its first write enters the scope with those (as its reads
 * did), not with a list learned again; a scope that does not know its partners (a READS_BEFORE_BEGIN field, `fresh`, or
 * a batch member that failed) learns them on first use (learnPartners, or the first statement), not at once.
 */
export async function restartRequest(ctx: RequestContext, options: { commit: boolean; fresh?: boolean; pipelined?: boolean }): Promise<void> {
  const unit = units.get(ctx.em);
  const connection = deferredOf(ctx.em);
  const uow = ctx.em.getUnitOfWork();
  const untouched =
    unit?.request && !unit.served && connection?.sent === 0 && unit.scope === ctx.scope && unit.before.size === 0 && unit.after.length === 0
    && uow.getPersistStack().size === 0 && uow.getRemoveStack().size === 0
    // and of the kind asked for (a pipelined one is not a mutation's that did not ask for it)
    && (connection.pipelinedReads === (options.pipelined === true) || (options.pipelined === true && !connection.started));
  if (untouched) {
    if (options.pipelined && !connection.started) connection.pipelineUntilWrite();
    // fresh: a transaction that has not begun learns the partners now, with its BEGIN (Scope.opening); pipelined, when
    // the field first asks for them (learnPartners).
    if (options.fresh && !connection.started) {
      ctx.scope.forget();
      if (!options.pipelined) await connection.open();
    }
    return;
  }
  await endRequest(ctx, options);
  // fresh: the partners are learned again before anything runs (pipelined: before the field first needs them), so a
  // service's own check of them is current too.
  if (options.fresh) ctx.scope.forget();
  await beginRequest(ctx, { pipelined: options.pipelined, onFirstUse: options.pipelined });
}

/**
 * Makes sure the scope knows the caller's ACTIVE partners, learning them now
 * if it does not: a pipelined transaction not begun yet, in a statement of
 * its own (DeferredConnection.open; a retailer's, with a first read). A
 * fresh pipelined mutation field (READS_BEFORE_BEGIN) learns them only when
 * it calls this, so a field that another request's batch writes (group
 * commit) never needs them, nor a pooled connection: call it before
 * anything reads Scope.partnerIds or writes a rule.
 */
export async function learnPartners(ctx: RequestContext): Promise<void> {
  if (ctx.scope.entered) return;
  const connection = deferredOf(ctx.em);
  if (connection && !connection.started) await connection.open();
  await ctx.scope.partnersKnown(ctx.em);
}

/** Runs fn in a fresh context of the same caller, in its own request transaction (a subscription event, a job step). */
export async function runInScope<T>(ctx: RequestContext, fn: (ctx: RequestContext) => Promise<T>): Promise<T> {
  const own: RequestContext = { ...ctx, em: ctx.em.fork(), scope: new Scope(ctx.caller), memo: new Map() };
  await beginRequest(own);
  let ok = false;
  try {
    const value = await fn(own);
    ok = true;
    return value;
  } finally {
    await endRequest(own, { commit: ok });
  }
}

/**
 * Runs fn as one all-or-nothing write: a transaction of its own, or a
 * savepoint inside the request's transaction (so a failed mutation writes
 * nothing, while the request goes on), or, in a mutation field's own
 * transaction (makeMutationsAtomic), that transaction. Nested calls join the
 * outer unit. What fn registers with beforeCommit runs as the last statements
 * of its transaction or savepoint; afterCommit hooks run once the outermost
 * transaction has committed.
 */
export async function inTransaction<T>(ctx: AuthedContext, fn: (tx: AuthedContext) => Promise<T>): Promise<T> {
  const outer = units.get(ctx.em);
  if (outer && (!outer.request || outer.mutation === 'joined')) return fn(ctx);
  if (outer?.mutation === 'own') {
    // A mutation field's own transaction is all or nothing already (it rolls back whole when the field fails): no
    // savepoint, whose SAVEPOINT and RELEASE would be two more round trips while the write's locks are held. What fn
    // registers with beforeCommit runs when that transaction commits, right after the field has read its answer, so
    // the locks the outbox takes (the recipients' alert counters) are held for one round trip.
    outer.mutation = 'joined';
    try {
      const tx: AuthedContext = { ...ctx, memo: new Map() };
      const result = await fn(tx);
      await flushUnlessPristine(tx.em);
      return result;
    } finally {
      outer.mutation = 'own';
    }
  }
  const unit: Unit = { request: false, before: new Map(), after: [], ended: [], scope: ctx.scope, held: new Map(), readOnly: outer?.readOnly };
  let value: T;
  try {
    value = await ctx.em.transactional(async (em) => {
      units.set(em as EntityManager, unit);
      const tx: AuthedContext = { ...ctx, em: em as EntityManager, memo: new Map() };
      if (!outer) await ctx.scope.enter(tx.em);
      const result = await fn(tx);
      await runBeforeCommit(unit);
      return result;
    });
  } catch (err) {
    tellEnded(unit, false);
    throw err;
  }
  if (outer) {
    // A savepoint released: what it wrote lasts only if the outer transaction commits.
    outer.after.push(...unit.after);
    outer.ended.push(...unit.ended);
  } else {
    for (const hook of unit.after) hook();
    tellEnded(unit, true);
  }
  return value;
}

/**
 * True while ctx writes in a mutation field's own transaction
 * (makeMutationsAtomic) and no inTransaction has joined it yet: what is
 * written in it commits when the field succeeds and rolls back whole when it
 * fails, and the field's end ends it (so transactionEnded resolves then).
 */
export function inOwnMutationTransaction(ctx: RequestContext): boolean {
  const unit = units.get(ctx.em);
  return unit?.request === true && unit.mutation === 'own';
}

/**
 * Resolves once ctx's outermost transaction has ended: true when it
 * committed, false when it rolled back or its commit failed (a savepoint's
 * answer waits for the transaction around it; a savepoint rolled back answers
 * false at once). Never rejects.
 */
export function transactionEnded(ctx: RequestContext): Promise<boolean> {
  const unit = unitOf(ctx);
  return new Promise((resolve) => unit.ended.push(resolve));
}

/**
 * Per transaction (or savepoint) ctx writes in, what it holds until it ends
 * (the risk recompute's advisory locks, say): a fresh Map for each.
 */
export function heldByTransaction(ctx: RequestContext): Map<unknown, unknown> {
  return unitOf(ctx).held;
}

/**
 * Marks the request's transaction, just begun, as one mutation field's own
 * (makeMutationsAtomic rolls it back whole when the field fails), or no
 * longer (`false`, once the field has ended): while it is, the field's
 * inTransaction writes in it without a savepoint.
 */
export function ownedByMutation(ctx: RequestContext, owned = true): void {
  const unit = units.get(ctx.em);
  if (!unit?.request) return;
  unit.mutation = owned ? 'own' : undefined;
  if (owned) unit.served = true;
}

async function runBeforeCommit(unit: Unit): Promise<void> {
  // A hook may register another (e.g. alerts raised while writing): run until none is left.
  while (unit.before.size) {
    const [key, hook] = unit.before.entries().next().value as [unknown, () => Promise<void>];
    unit.before.delete(key);
    await hook();
  }
}

function unitOf(ctx: RequestContext): Unit {
  const unit = units.get(ctx.em);
  if (!unit) throw new Error('this write must run inside inTransaction (its context has no open unit of work)');
  return unit;
}

/** Registers work to run just before ctx's unit commits, once per key. */
export function beforeCommit(ctx: RequestContext, key: unknown, hook: () => Promise<void>): void {
  const unit = unitOf(ctx);
  if (!unit.before.has(key)) unit.before.set(key, hook);
}

/** Registers work to run once the outermost transaction of ctx has committed (never if it rolls back). */
export function afterCommit(ctx: RequestContext, hook: () => void): void {
  unitOf(ctx).after.push(hook);
}

/** True when ctx runs inside a unit of work. */
export function inUnit(ctx: RequestContext): boolean {
  return units.has(ctx.em);
}

/**
 * Runs fn inside ctx's transaction acting as another caller (a system actor
 * for a retailer, e.g. recomputing its risk after its supplier's change).
 * Its writes belong to the same unit of work.
 *
 * In a query operation (beginRequest readOnly: its fields run side by side), fn
 * gets an EntityManager of its own on the same connection (actingBeside): each
 * of its statements goes with the other caller's scope, each of the other
 * fields' with the request's, whatever order they go out in. Elsewhere (a
 * mutation, a job step: one statement after another) the transaction's
 * scope, and PostgreSQL's acting organization, switch for fn and switch
 * back after it, so its writes keep the transaction's own EntityManager
 * and write-behind.
 */
export async function actingAs<T>(ctx: AuthedContext, caller: Caller, fn: (as: AuthedContext) => Promise<T>): Promise<T> {
  if (caller.organizationId === ctx.caller.organizationId && caller.actor === ctx.caller.actor) return fn(ctx);
  const scope = new Scope(caller);
  const beside = units.get(ctx.em)?.readOnly;
  if (beside) return actingBeside(ctx, caller, scope, beside.connection, fn);
  const as: AuthedContext = { ...ctx, caller, scope, memo: new Map() };
  const home = currentScope(ctx);
  await enterScope(as, scope);
  let result: T;
  try {
    result = await fn(as);
  } catch (err) {
    // The transaction may be aborted (a deadlock, say): switching back would fail and hide the real error.
    await enterScope(ctx, home).catch(() => undefined);
    throw err;
  }
  await enterScope(ctx, home);
  return result;
}

/**
 * actingAs in a query: fn's statements on an EntityManager of their own (a
 * view of the request's connection, also from inside a savepoint or another
 * view), each sent with scope's settings. The unit of work is ctx's (what
 * it holds, what runs after the commit), but what fn leaves for the commit
 * (beforeCommit) runs as the view's last statements, while it still acts
 * for scope, as a savepoint's would.
 */
async function actingBeside<T>(ctx: AuthedContext, caller: Caller, scope: Scope, connection: DeferredConnection, fn: (as: AuthedContext) => Promise<T>): Promise<T> {
  const unit: Unit = { ...unitOf(ctx), scope, before: new Map() };
  const view = await beginView(ctx.em, connection, scope.opening());
  units.set(view.em, unit);
  let ok = false;
  try {
    const value = await fn({ ...ctx, em: view.em, caller, scope, memo: new Map() });
    await runBeforeCommit(unit);
    ok = true;
    return value;
  } finally {
    units.delete(view.em);
    await view.end(ok ? 'commit' : 'rollback');
  }
}

/** The scope ctx's transaction currently acts for. */
export function currentScope(ctx: RequestContext): Scope {
  return unitOf(ctx).scope;
}

/** Switches the acting organization of ctx's transaction (for writes that must act as another organization). */
export async function enterScope(ctx: RequestContext, scope: Scope): Promise<void> {
  const unit = unitOf(ctx);
  if (unit.scope === scope) return;
  const connection = deferredOf(ctx.em);
  if (connection && !connection.started) {
    // Not begun yet: the new scope goes with BEGIN (at once when its partners must be learned first).
    connection.reopenAs(scope.opening());
    if (!scope.entered) await connection.open();
  } else {
    // A scope already entered in this transaction (the caller's own, after acting for another organization): its
    // settings go in front of the next statement rather than in a round trip of their own; a retailer's for the first
    // time (its rules name only itself), with its opening, which learns its partners in that statement's round trip.
    const settings = scope.entered ? scope.settings() : null;
    const inFront = settings ? connection?.enterBeforeNext(settings) : connection?.enterLearningBeforeNext(scope.opening());
    if (!inFront) await scope.enter(ctx.em);
  }
  unit.scope = scope;
}

/**
 * actingAs for an organization known by id (a supplier's change recomputing
 * its retailer's risk): ShortStop acts for it as a system actor named by
 * `purpose`. The organization must be visible in ctx's scope (itself or a
 * partner): it is read through that scope, unless given whole as the caller
 * has just read it through the same scope (the retailer of an order it has
 * locked, say), which saves that statement.
 */
export async function actingFor<T>(ctx: AuthedContext, organization: string | ActingOrganization, purpose: string, fn: (as: AuthedContext) => Promise<T>): Promise<T> {
  const organizationId = typeof organization === 'string' ? organization : organization.id;
  if (organizationId === ctx.caller.organizationId) return fn(ctx);
  if (typeof organization !== 'string') return actingAs(ctx, systemActor(organization, purpose), fn);
  const p = new Params();
  const [visible] = await sql<ActingOrganization>(
    ctx.em,
    `SELECT o.id, o.name, o.kind FROM organization o WHERE o.id = ${p.add(organizationId)} AND ${ctx.scope.where('organization', 'o', p)}`,
    p.values,
  );
  if (!visible) throw new Error(`cannot act for organization ${organizationId}: not visible to ${ctx.caller.organizationId}`);
  return actingAs(ctx, systemActor(visible, purpose), fn);
}

/** Values a transaction keeps while it lasts (heldByTransaction), found by its EntityManager; undefined outside one. */
export function heldByTransactionOf(em: EntityManager): Map<unknown, unknown> | undefined {
  return units.get(em)?.held;
}

/**
 * The request goes on as a newly signed-in caller (signUp, login): its
 * payload (the user, the organization) is read as that caller would read it.
 */
export async function becomeCaller(ctx: RequestContext, caller: Caller): Promise<AuthedContext> {
  ctx.caller = caller;
  ctx.scope = new Scope(caller);
  ctx.authProblem = undefined;
  ctx.memo.clear();
  if (inUnit(ctx)) await enterScope(ctx, ctx.scope);
  return ctx as AuthedContext;
}

/**
 * Reads as one organization outside any request (the alert bus filling an
 * organization's feed for its subscribers): a short transaction that enters
 * that organization with its BEGIN, so row-level security shows exactly its
 * rows; it sends nothing when fn reads nothing.
 */
export async function readAsOrganization<T>(em: EntityManager, organizationId: string, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  const fork = em.fork();
  beginDeferred(fork, { sql: `SELECT app_enter(${literal(organizationId)})`, logged: 'SELECT app_enter($1)' });
  let value: T;
  try {
    value = await fn(fork);
  } catch (err) {
    await endDeferred(fork, 'rollback').catch(() => undefined);
    throw err;
  }
  await endDeferred(fork, 'commit');
  return value;
}
