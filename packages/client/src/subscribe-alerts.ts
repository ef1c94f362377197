import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { AlertStreamDocument, type AlertFieldsFragment, type AlertType } from './generated/graphql';

/** An alert as the stream delivers it (the AlertFields fragment of src/sdk/operations/alerts.graphql). */
export type StreamedAlert = AlertFieldsFragment;

export interface SubscribeAlertsOptions {
  /** The GraphQL endpoint over WebSocket, e.g. `ws://localhost:4000/graphql`. */
  url: string;
  /** An API key with the `alerts:read` scope, or a session token (sent as `Bearer <credential>`). */
  credential: string;
  /** The cursor of the last alert your integration processed (null, undefined or blank: every retained alert; surrounding whitespace, such as a file's newline, is ignored). Called once, at start. */
  loadCursor(): Promise<string | null | undefined> | string | null | undefined;
  /**
   * Stores the cursor of an alert once it is processed: called when your loop
   * asks for the next alert, before the stream goes on. Store it durably (a
   * file, a row); the next start resumes right after it.
   */
  saveCursor(cursor: string): Promise<void> | void;
  /** Only these alert types (all when omitted). */
  types?: AlertType[];
  /** A WebSocket implementation; Node 20 has none built in: pass the `ws` package's default export. */
  webSocketImpl?: unknown;
  /**
   * Waits between reconnection attempts: from `minRetryMs` (250), doubling up to `maxRetryMs` (10,000), with jitter.
   * The wait starts again from `minRetryMs` only once an alert arrived or a connection stayed up `stableMs` (10,000):
   * a server that accepts connections and then drops them is retried ever more slowly.
   */
  minRetryMs?: number;
  maxRetryMs?: number;
  stableMs?: number;
  /** Told about connections and retries, for your logs. */
  onStatus?(status: { state: 'connected' } | { state: 'disconnected'; reason: string; retryInMs: number }): void;
}

/**
 * Why the stream stopped for good: the credential is refused or revoked
 * (`UNAUTHENTICATED`, `FORBIDDEN`), the saved cursor is older than the
 * server keeps alerts or the options are refused, e.g. an unknown alert type
 * in `types` (`BAD_USER_INPUT`: the message says which; for an old cursor,
 * resynchronise, then start from null), or the server does not know this
 * client's subscription (`GRAPHQL_VALIDATION_FAILED`: a newer client than
 * server). Reconnecting cannot help with any of them.
 */
export class AlertStreamError extends Error {
  override name = 'AlertStreamError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Close codes after which reconnecting cannot help: the credential is refused (4401) or revoked (4403), or the request is bad (4400, 4406). */
const FATAL_CLOSE_CODES = new Set([4400, 4401, 4403, 4406]);
const FATAL_ERROR_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** A GraphQL error of the stream: throws AlertStreamError when retrying cannot help, else returns the reason to retry. */
function refusal(error: { message?: string; extensions?: unknown } | undefined): string {
  const code = String((error?.extensions as { code?: unknown } | undefined)?.code ?? 'INTERNAL_SERVER_ERROR');
  const message = error?.message ?? 'refused';
  if (FATAL_ERROR_CODES.has(code)) throw new AlertStreamError(message, code);
  return `${code}: ${message}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A cursor strictly after `after` (cursors are decimal integers increasing per organization; an unknown shape is never skipped). */
const isAfter = (cursor: string, after: string | null) =>
  after === null || !/^\d+$/.test(cursor) || !/^\d+$/.test(after) || BigInt(cursor) > BigInt(after);

/**
 * The organization's alerts, in cursor order, as an async iterator that
 * survives disconnects and server restarts: after any interruption it
 * subscribes again after the last alert your loop finished with, so each
 * alert reaches your loop exactly once while your process runs, and a new
 * process started with the saved cursor resumes right after it (an alert
 * your process crashed in the middle of is delivered again: at-least-once
 * across crashes, exactly once otherwise). Ends only when you break out of
 * the loop or with an AlertStreamError.
 *
 *     for await (const alert of subscribeAlerts({ url, credential, loadCursor, saveCursor, webSocketImpl: WebSocket })) {
 *       await handle(alert); // its cursor is saved when the loop asks for the next one
 *     }
 */
export async function* subscribeAlerts(options: SubscribeAlertsOptions): AsyncGenerator<StreamedAlert, void, undefined> {
  const minRetryMs = options.minRetryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 10_000;
  const stableMs = options.stableMs ?? 10_000;
  let cursor: string | null = String((await options.loadCursor()) ?? '').trim() || null;
  let failures = 0;
  const query = print(AlertStreamDocument);
  for (;;) {
    let client: Client | undefined;
    let reason = 'the stream ended';
    let connectedAt: number | null = null;
    try {
      client = createClient({
        url: options.url,
        webSocketImpl: options.webSocketImpl,
        connectionParams: { authorization: `Bearer ${options.credential}` },
        // Reconnecting is done here, with the cursor this loop has reached: graphql-ws's own retries would
        // subscribe again with the variables of the first subscription (duplicates).
        retryAttempts: 0,
        lazy: true,
        on: {
          connected: () => {
            connectedAt = Date.now();
            options.onStatus?.({ state: 'connected' });
          },
        },
      });
      const results = client.iterate<{ alerts: StreamedAlert }>({ query, variables: { after: cursor, types: options.types ?? null } });
      for await (const result of results) {
        const error = result.errors?.[0];
        if (error) {
          reason = refusal(error);
          break;
        }
        const alert = result.data?.alerts;
        if (!alert || !isAfter(alert.cursor, cursor)) continue;
        failures = 0;
        yield alert;
        cursor = alert.cursor;
        await options.saveCursor(cursor);
      }
    } catch (err) {
      if (err instanceof AlertStreamError) throw err;
      // The server refused the subscription itself (graphql-ws's error message: validation, variables, limits).
      const code = (err as { code?: unknown }).code;
      if (Array.isArray(err)) reason = refusal(err[0] as { message?: string; extensions?: unknown } | undefined);
      else if (typeof code === 'number' && FATAL_CLOSE_CODES.has(code)) {
        throw new AlertStreamError(`The server closed the connection (${code}): ${(err as { reason?: string }).reason ?? ''}`, code === 4403 ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      } else reason = typeof code === 'number' ? `closed (${code})` : (err as Error).message ?? String(err);
    } finally {
      await client?.dispose();
    }
    // A connection that stayed up a while was healthy: start the waits again from the shortest.
    if (connectedAt !== null && Date.now() - connectedAt >= stableMs) failures = 0;
    const ceiling = Math.min(maxRetryMs, minRetryMs * 2 ** Math.min(30, failures++));
    const retryInMs = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    options.onStatus?.({ state: 'disconnected', reason, retryInMs });
    await sleep(retryInMs);
  }
}
