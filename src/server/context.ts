import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';
import { withOutbox } from '../modules/alerts/outbox';
import type { OrganizationKind, Role } from '../modules/tenancy/tenancy.enums';
import type { Loaders } from './loaders';
import type { Services } from './services';

/** Who is calling: a signed-in user or an API key, always acting for one organization. */
export interface Caller {
  /** 'system' acts for an organization on its own behalf, e.g. an AUTO sourcing policy. */
  type: 'user' | 'apiKey' | 'system';
  /** The user's or the API key's id. */
  id: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  organizationName: string;
  role: Role;
  /** An API key's scopes; null for users, whose role decides. */
  scopes: readonly string[] | null;
  /** For audit records: "email (Org)" or "key name (Org)". */
  actor: string;
  /** Set for a session credential, so logout can revoke it. */
  sessionId?: string;
  /** "session:<id>" or "apiKey:<id>": what a revocation names. */
  credential: string;
}

/** One per request (or per WebSocket operation); passed explicitly to every service call. */
export interface RequestContext {
  caller: Caller | null;
  /** Why the presented credential was refused, if one was presented and refused. */
  authProblem?: string;
  em: EntityManager;
  loaders: Loaders;
  services: Services;
  log: Logger;
  /** Per-request memo for values several resolvers need (e.g. partner ids). */
  memo: Map<string, Promise<unknown>>;
}

/** A context whose caller is known; services that need one take this type. */
export type AuthedContext = RequestContext & { caller: Caller };

export function memoize<T>(ctx: RequestContext, key: string, compute: () => Promise<T>): Promise<T> {
  let value = ctx.memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    ctx.memo.set(key, value);
  }
  return value;
}

/**
 * Runs fn in one database transaction with a context whose EntityManager is
 * the transaction's: everything fn writes commits or rolls back together, and
 * the alerts it raised are announced after the commit.
 */
export function inTransaction<T>(ctx: AuthedContext, fn: (tx: AuthedContext) => Promise<T>): Promise<T> {
  return withOutbox(ctx.em, ctx.services.alertBus, (em) => fn({ ...ctx, em, memo: em === ctx.em ? ctx.memo : new Map() }));
}
