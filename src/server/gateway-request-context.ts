import path from 'node:path';
import type { BaseContext, GraphQLRequestContext, HeaderMap } from '@apollo/server';

/*
 * Apollo Server hands a gateway's executor its own view of each request,
 * made by `makeGatewayGraphQLRequestContext` (in @apollo/server's
 * dist/cjs/utils). That function makes the view's `response.http` an object
 * literal whose `status` is a getter and a setter closing over the whole
 * request context. V8 keeps what such per-request accessors hold (the
 * request's context, its entity manager, loaders and rows) alive through
 * every young-generation collection until a full one, so with our compiled
 * executor (a gateway, compiled-execution.ts) every request's objects were
 * promoted to the old generation (README, Session 26 under Side by side:
 * alerts(first: 100) from one connection promoted 1.03 MB a scavenge with
 * Apollo's view, 17 KB with this one). This module makes the same view with
 * the accessors on classes and puts it in place of Apollo's function, once,
 * before the first request. @apollo/server is pinned to an exact version;
 * test/unit/per-request-views-gc.test.ts compares the two views and fails
 * if the function is no longer where it is replaced. One difference no
 * reader sees: `status` is the class's accessor, not an own property, so a
 * spread or JSON of `response.http` shows only `headers`.
 */

type GatewayView = ReturnType<typeof makeView>;

/** A fetch-style Headers over Apollo's HeaderMap, as Apollo's own view gives the gateway. */
class FetchHeaders {
  readonly #map: HeaderMap;
  constructor(map: HeaderMap) {
    this.#map = map;
  }
  append(name: string, value: string): void {
    this.#map.set(name, this.#map.has(name) ? `${this.#map.get(name)}, ${value}` : value);
  }
  delete(name: string): void {
    this.#map.delete(name);
  }
  get(name: string): string | null {
    return this.#map.get(name) ?? null;
  }
  has(name: string): boolean {
    return this.#map.has(name);
  }
  set(name: string, value: string): void {
    this.#map.set(name, value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.#map.entries();
  }
  keys(): IterableIterator<string> {
    return this.#map.keys();
  }
  values(): IterableIterator<string> {
    return this.#map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#map.entries();
  }
}

/** The response head the gateway may read and set: the status read from and written to the request's own. */
class ResponseHttp {
  readonly headers: FetchHeaders;
  /** The request the status is read from and written to (a private field: a spread or JSON never shows the request). */
  readonly #of: GraphQLRequestContext<BaseContext>;
  constructor(of: GraphQLRequestContext<BaseContext>) {
    this.#of = of;
    this.headers = new FetchHeaders(of.response.http.headers);
  }
  get status(): number | undefined {
    return this.#of.response.http.status;
  }
  set status(status: number | undefined) {
    this.#of.response.http.status = status;
  }
}

/** The view Apollo's makeGatewayGraphQLRequestContext makes, field for field, without per-request accessors. */
export function makeView(of: GraphQLRequestContext<BaseContext>, server: { logger: unknown; cache: unknown }, internals: { includeStacktraceInErrorResponses?: boolean }) {
  const given = of.request;
  const http = given.http;
  return {
    request: {
      ...('query' in given ? { query: given.query } : {}),
      ...('operationName' in given ? { operationName: given.operationName } : {}),
      ...('variables' in given ? { variables: given.variables } : {}),
      ...('extensions' in given ? { extensions: given.extensions } : {}),
      ...(http
        ? {
            http: {
              method: http.method,
              url: `https://unknown-url.invalid/${http.search !== '' && !http.search.startsWith('?') ? '?' : ''}${http.search}`,
              headers: new FetchHeaders(http.headers),
            },
          }
        : {}),
    },
    response: { http: new ResponseHttp(of) },
    logger: server.logger,
    schema: of.schema,
    schemaHash: 'schemaHash no longer exists since Apollo Server 4',
    context: of.contextValue,
    cache: server.cache,
    queryHash: of.queryHash,
    document: of.document,
    source: of.source,
    operationName: of.operationName,
    operation: of.operation,
    errors: of.errors,
    metrics: of.metrics,
    debug: internals.includeStacktraceInErrorResponses,
    overallCachePolicy: of.overallCachePolicy,
    requestIsBatched: of.requestIsBatched,
  };
}

/** Apollo's module that holds makeGatewayGraphQLRequestContext (its CommonJS build, which this server loads). */
export const APOLLO_VIEW_MODULE = path.join(path.dirname(require.resolve('@apollo/server')), 'utils', 'makeGatewayGraphQLRequestContext.js');

/** Puts makeView in place of Apollo's function (idempotent); throws if Apollo's module no longer has it. */
export function useClassGatewayView(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const apollo = require(APOLLO_VIEW_MODULE) as { makeGatewayGraphQLRequestContext: (...args: never[]) => GatewayView };
  if (typeof apollo.makeGatewayGraphQLRequestContext !== 'function') throw new Error(`${APOLLO_VIEW_MODULE} no longer exports makeGatewayGraphQLRequestContext`);
  apollo.makeGatewayGraphQLRequestContext = makeView as never;
}
