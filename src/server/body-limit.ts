import type { IncomingMessage } from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { Kind, Lexer, parse, Source, TokenKind, type OperationDefinitionNode } from 'graphql';

/** Any request body, and every body of a caller not (yet) authenticated. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/**
 * An authenticated caller's bulk mutation: 100,000 forecast or sales lines, 50,000
 * inventory positions, 10,000 items with names at their full length or
 * 10,000 line confirmations, with room for pretty-printed JSON.
 */
export const BULK_BODY_LIMIT_BYTES = 32 * 1024 * 1024;
/** The mutations that may come in bodies over BODY_LIMIT_BYTES (their row limits are their input bounds). */
export const BULK_MUTATIONS: ReadonlySet<string> = new Set(['upsertItems', 'upsertInventory', 'publishForecast', 'confirmPurchaseOrderLines', 'commitForecast', 'recordSales']);

const BODY_SIZE = Symbol('bodySize');
type SizedRequest = IncomingMessage & { [BODY_SIZE]?: number };

const tooLarge = (message: string) => Object.assign(new Error(message), { status: 413, type: 'entity.too.large' });

export const TOO_LARGE_MESSAGE =
  `Request body too large: at most ${BODY_LIMIT_BYTES / 1024 / 1024} MB, or ${BULK_BODY_LIMIT_BYTES / 1024 / 1024} MB for an authenticated caller's `
  + `${[...BULK_MUTATIONS].join(', ')}`;

/** Whether the request is one operation whose root fields are all bulk mutations. */
export function isBulkMutation(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(query, { noLocation: true }).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return false;
  }
  const operation = typeof operationName === 'string' ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== 'mutation') return false;
  const fields = operation.selectionSet.selections;
  return fields.every((s) => s.kind === Kind.FIELD && (BULK_MUTATIONS.has(s.name.value) || s.name.value === '__typename'))
    && fields.some((s) => s.kind === Kind.FIELD && BULK_MUTATIONS.has(s.name.value));
}

/** Whether `query` holds more than `max` tokens (lexes no further than that; a syntax error is left to the parser). */
export function exceedsTokens(query: string, max: number): boolean {
  if (query.length <= max) return false; // every token takes at least one character
  const lexer = new Lexer(new Source(query));
  try {
    for (let n = 0; lexer.advance().kind !== TokenKind.EOF; ) if (++n > max) return true;
  } catch {
    return false;
  }
  return false;
}

export const tooManyTokens = (max: number) =>
  Object.assign(new Error(`Query document too long: more than ${max} tokens (MAX_QUERY_TOKENS); send bulk data in variables`), { status: 400, type: 'query.too.long' });

/**
 * A body longer than this gets the event loop's next turn after JSON.parse, before Apollo and graphql-js
 * coerce its variables (each a synchronous pass of tens of milliseconds for a bulk input of 10,000 elements).
 */
export const TURN_AFTER_PARSE_BYTES = 64 * 1024;

/**
 * The JSON body parsers of /graphql (DESIGN.md "Bounds"): 1 MB until the
 * caller is authenticated, so an anonymous client can never make the server
 * read, parse or hold more; an authenticated caller's body may reach 32 MB,
 * and one over 1 MB must be a bulk mutation. `authenticated` is asked only
 * when the body may be larger than 1 MB (no Content-Length, or a larger one)
 * or its query holds more than `maxTokens` tokens (MAX_QUERY_TOKENS), which
 * only an authenticated caller's bulk mutation may (BAD_REQUEST otherwise).
 */
export function graphqlBodyParsers(authenticated: (req: Request, res: Response) => Promise<boolean>, maxTokens = Infinity): RequestHandler[] {
  const verify = (req: SizedRequest, _res: unknown, buf: Buffer) => {
    req[BODY_SIZE] = buf.length;
  };
  const small = express.json({ limit: BODY_LIMIT_BYTES, verify });
  const bulk = express.json({ limit: BULK_BODY_LIMIT_BYTES, verify });
  // A declared length over the caller's limit is answered at once, before the body is read (body-parser reads it
  // all off first: 10 MB took a second under load), when the connection stays open after the answer: Node's server
  // then discards the rest as it arrives, and the client reads the answer. A connection that closes after the answer
  // (`Connection: close`, HTTP/1.0, a proxy's upstream) would be reset under a client still sending, which then
  // sees EPIPE instead of the 413: that body is read off as before, by the parser that refuses it.
  const refuseUnread = (parser: RequestHandler): RequestHandler => (req, res, next) =>
    res.shouldKeepAlive ? next(tooLarge(TOO_LARGE_MESSAGE)) : parser(req, res, next);
  const refuseSmall = refuseUnread(small);
  const refuseBulk = refuseUnread(bulk);
  const choose: RequestHandler = (req, res, next) => {
    const declared = Number(req.headers['content-length']);
    const known = Number.isFinite(declared); // NaN without the header (a chunked body)
    if (known && declared <= BODY_LIMIT_BYTES) return small(req, res, next);
    if (known && declared > BULK_BODY_LIMIT_BYTES) return refuseBulk(req, res, next);
    const unauthenticated = known ? refuseSmall : small; // a chunked body is read up to 1 MB, then refused
    authenticated(req, res).then(
      (yes) => (yes ? bulk : unauthenticated)(req, res, next),
      () => unauthenticated(req, res, next),
    );
  };
  const onlyBulkWhenLarge = (req: Request, _res: Response, next: NextFunction) => {
    const size = (req as SizedRequest)[BODY_SIZE] ?? 0;
    if (size > BODY_LIMIT_BYTES && !isBulkMutation(req.body)) return next(tooLarge(TOO_LARGE_MESSAGE));
    if (size > TURN_AFTER_PARSE_BYTES) return setImmediate(next);
    next();
  };
  // A document over maxTokens is read no further unless it is an authenticated caller's bulk mutation (its rows
  // may be written in the query text): reading 120,000 values written in a query held the event loop over a second.
  const fewTokensUnlessBulk = (req: Request, res: Response, next: NextFunction) => {
    const query = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string' || !exceedsTokens(query, maxTokens)) return next();
    authenticated(req, res).then(
      (yes) => next(yes && isBulkMutation(req.body) ? undefined : tooManyTokens(maxTokens)),
      () => next(tooManyTokens(maxTokens)),
    );
  };
  return [choose, onlyBulkWhenLarge, fewTokensUnlessBulk];
}
