import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';
import type { Caller } from './caller';
import { Scope } from './scope';

export type { Caller } from './caller';

/**
 * The domain services, created once per process (they hold no request
 * state). Each module adds its own services to this interface (TypeScript
 * declaration merging, next to the service class), so this layer names no
 * module and the composition root (src/server/services.ts) is checked
 * against it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ServiceRegistry {}

/** One per request (or WebSocket operation, subscription event, job step); passed explicitly to every service call. */
export interface RequestContext {
  caller: Caller | null;
  /** Why the presented credential was refused, if one was presented and refused. */
  authProblem?: string;
  /** What this caller may see: every read and write reaches rows through it. */
  scope: Scope;
  em: EntityManager;
  services: ServiceRegistry;
  log: Logger;
  /** Per-transaction memo: the request's loaders and values several resolvers need. */
  memo: Map<unknown, unknown>;
  /**
   * The client's network address (HTTP: Express's req.ip, which follows the
   * TRUST_PROXY setting; WebSocket: the upgrade request's, by the same rule).
   * Undefined outside a client request (jobs, seeding).
   */
  clientAddress?: string;
}

/** A context whose caller is known; services that need one take this type. */
export type AuthedContext = RequestContext & { caller: Caller };

export function memoize<T>(ctx: RequestContext, key: unknown, compute: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = compute();
  ctx.memo.set(key, value);
  return value;
}

/**
 * The request's instance of a loader set: one per request (per transaction),
 * so nothing is cached across callers. Modules export
 * `xLoaders = (ctx) => perRequest(ctx, createXLoaders)`; the factory gets the
 * context, so its queries apply the caller's scope.
 */
export function perRequest<T>(ctx: RequestContext, factory: (ctx: RequestContext) => T): T {
  return memoize(ctx, factory, () => factory(ctx));
}

/** A context for a caller (or none), with a fresh EntityManager fork, scope and memo. */
export function createContext(
  base: { em: EntityManager; services: ServiceRegistry; log: Logger; clientAddress?: string },
  caller: Caller | null,
  authProblem?: string,
): RequestContext {
  return {
    caller,
    authProblem,
    scope: new Scope(caller),
    em: base.em.fork(),
    services: base.services,
    log: base.log,
    memo: new Map(),
    clientAddress: base.clientAddress,
  };
}
