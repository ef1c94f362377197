import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextThunk } from '@apollo/server';
import { nextTurn } from '../shared/slices';
import { BODY_LIMIT_BYTES, exceedsTokens, isBulkMutation, tooManyTokens, TURN_AFTER_PARSE_BYTES } from './body-limit';

/** What the plain path needs from the server's wiring (src/server/app.ts). */
export interface GraphqlPostOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** MAX_QUERY_TOKENS. */
  maxTokens: number;
  /** Whether the request's credential is accepted (asked only for a document over maxTokens). */
  authenticated(req: IncomingMessage, locals: Record<string, unknown>): Promise<boolean>;
  /** The operation's context (called once Apollo starts the operation). */
  context(req: IncomingMessage, locals: Record<string, unknown>): Promise<C>;
  /** Answers a refused request as the Express app's error handler does (JSON, never a stack trace; a 500 is logged). */
  refuse(res: ServerResponse, status: number, message: string, err?: unknown): void;
}

/** The path and query of the one request shape the plain path takes. */
const GRAPHQL_PATH = /^\/graphql(\?|$)/;
/** JSON as express.json() takes it by default, in UTF-8 (other charsets go through Express). */
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * GraphQL over HTTP for the common request, without Express: a POST to
 * /graphql with a JSON body of at most 1 MB, its length declared, not
 * compressed. Express's router, body parser and response helpers cost a
 * fifth of a small query's time (measured: alerts(first: 100) +21%,
 * `{ me { id } }` +35% in an interleaved A/B in one process). Everything else
 * (GET, other content types or encodings, bodies without a length or over
 * 1 MB, so bulk mutations) goes through the Express app as before: the
 * request is not `accepts`ed. The request is the same to Apollo: its
 * headers, its query string and the parsed body; Apollo's CSRF prevention,
 * plugins and error formatting all apply. The body rules are the Express
 * path's (graphqlBodyParsers): 1 MB, a JSON object or array, at most
 * maxTokens tokens unless it is an authenticated caller's bulk mutation.
 */
export function graphqlPost<C extends BaseContext>(options: GraphqlPostOptions<C>) {
  return {
    /** Whether the request is one this path takes (decided from its line and headers, before any of its body is read). */
    accepts(req: IncomingMessage): boolean {
      if (req.method !== 'POST' || !GRAPHQL_PATH.test(req.url ?? '')) return false;
      const type = req.headers['content-type'];
      const length = Number(req.headers['content-length']);
      return !!type && JSON_TYPE.test(type) && !req.headers['content-encoding'] && !req.headers['transfer-encoding'] && Number.isInteger(length) && length <= BODY_LIMIT_BYTES;
    },
    /**
     * Reads the body and answers; `locals` is the request's own (its credential check, whether an operation
     * started), `within` runs the answer in the request's context (its request id; an event listener runs in the
     * socket's. AsyncResource.bind would do it too, but costs 1% of a small query in Node 20's deprecation shims).
     */
    handle(req: IncomingMessage, res: ServerResponse, locals: Record<string, unknown>, within: (answer: () => void) => void): void {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('error', () => res.destroy());
      req.on('end', () => within(() => void answer(options, req, res, locals, Buffer.concat(chunks).toString('utf8'))));
    },
  };
}

async function answer<C extends BaseContext>(options: GraphqlPostOptions<C>, req: IncomingMessage, res: ServerResponse, locals: Record<string, unknown>, text: string) {
  try {
    let body: unknown;
    try {
      // express.json()'s strict mode: an object or an array, nothing else.
      if (!/^[\s]*[{[]/.test(text)) throw new SyntaxError('not an object or an array');
      body = JSON.parse(text);
    } catch {
      return options.refuse(res, 400, 'Malformed JSON body');
    }
    if (text.length > TURN_AFTER_PARSE_BYTES) await nextTurn();
    const query = (body as { query?: unknown }).query;
    if (typeof query === 'string' && exceedsTokens(query, options.maxTokens)) {
      const bulk = (await options.authenticated(req, locals).catch(() => false)) && isBulkMutation(body);
      if (!bulk) return options.refuse(res, 400, tooManyTokens(options.maxTokens).message);
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const at = (req.url ?? '').indexOf('?');
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: at < 0 ? '' : req.url!.slice(at), body },
      context: (() => options.context(req, locals)) as ContextThunk<C>,
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  } catch (err) {
    if (!res.headersSent) options.refuse(res, 500, 'Internal server error', err);
    else res.destroy();
  }
}
