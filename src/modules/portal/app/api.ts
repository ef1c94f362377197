import { createClient, type Client } from 'graphql-ws';
import { useEffect } from 'preact/hooks';
import type { TypedDocumentString } from './generated/graphql';

/** A GraphQL error as the API returns it; `field` names the offending input, e.g. "input.schedule[1].quantity". */
export interface ApiError {
  message: string;
  code?: string;
  field?: string;
}

export class ApiFailure extends Error {
  constructor(readonly errors: ApiError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

const TOKEN_KEY = 'shortstop.token';
export const session = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Runs a typed operation over HTTP with the session token. */
export async function request<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  const token = session.get();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json()) as { data?: R; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
  if (body.errors?.length) {
    throw new ApiFailure(body.errors.map((e) => ({ message: e.message, code: e.extensions?.code, field: e.extensions?.field })));
  }
  return body.data as R;
}

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * The alert stream over graphql-ws: starts after the newest alert, and after
 * a dropped connection resubscribes from the last cursor it received, so it
 * misses nothing and repeats nothing.
 */
export function liveAlerts(options: {
  startAfter: string;
  query: TypedDocumentString<{ alerts: { cursor: string; type: string; message: string } }, { after?: string | null }>;
  onAlert: (alert: { cursor: string; type: string; message: string }) => void;
  onState: (state: LiveState) => void;
  /** The server refused the credential (4401 invalid or expired, 4403 revoked): log in again. */
  onRefused: () => void;
}): () => void {
  let last = options.startAfter;
  let unsubscribe: (() => void) | null = null;
  const protocol = location.protocol === 'https:' ? 'wss' : 'ws';
  const client: Client = createClient({
    url: `${protocol}://${location.host}/graphql`,
    connectionParams: () => ({ authorization: `Bearer ${session.get()}` }),
    retryAttempts: Infinity,
    // Retry through network trouble, not through a refused credential.
    shouldRetry: (event) => !(event instanceof CloseEvent && (event.code === 4401 || event.code === 4403)),
    retryWait: async (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 5000))),
    lazy: false,
    keepAlive: 10_000,
    on: {
      connecting: () => options.onState('connecting'),
      connected: () => {
        options.onState('live');
        unsubscribe?.();
        unsubscribe = client.subscribe(
          { query: options.query.toString(), variables: { after: last } },
          {
            next: (value) => {
              const alert = (value.data as { alerts?: { cursor: string; type: string; message: string } } | undefined)?.alerts;
              if (!alert || Number(alert.cursor) <= Number(last)) return;
              last = alert.cursor;
              options.onAlert(alert);
            },
            error: () => options.onState('offline'),
            complete: () => undefined,
          },
        );
      },
      closed: (event) => {
        options.onState('offline');
        if (event instanceof CloseEvent && (event.code === 4401 || event.code === 4403)) options.onRefused();
      },
    },
  });
  return () => {
    unsubscribe?.();
    void client.dispose();
  };
}

export { scheduleField } from './fields';

/**
 * useEffect for loading: `effect` gets `fresh()`, true until the effect runs
 * again (its inputs changed) or the component goes; set state only while it
 * holds, so a slower answer to an earlier filter or page never overwrites
 * the newer one.
 */
export function useLoadEffect(effect: (fresh: () => boolean) => void, inputs: unknown[]): void {
  useEffect(() => {
    let live = true;
    effect(() => live);
    return () => {
      live = false;
    };
  }, inputs);
}
