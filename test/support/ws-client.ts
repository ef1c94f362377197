import { createClient, type Client } from 'graphql-ws';
import { print } from 'graphql';
import WebSocket from 'ws';
import { AlertStreamDocument, type AlertFieldsFragment, type AlertType } from '../../src/sdk/generated/graphql';

export interface AlertSubscription {
  received: AlertFieldsFragment[];
  errors: unknown[];
  /** Resolves once `count` alerts in all have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<AlertFieldsFragment[]>;
  closed: Promise<{ code: number; reason: string }>;
  client: Client;
  stop(): Promise<void>;
}

/** An integration's alert subscription over graphql-ws, collecting what arrives. */
export function subscribeAlerts(wsUrl: string, token: string, options: { after?: string | null; types?: AlertType[] } = {}): AlertSubscription {
  const received: AlertFieldsFragment[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  let resolveClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve));
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: { closed: (event) => resolveClosed(event as { code: number; reason: string }) },
  });
  client.subscribe<{ alerts: AlertFieldsFragment }>(
    { query: print(AlertStreamDocument), variables: { after: options.after ?? null, types: options.types ?? null } },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) received.push(value.data.alerts);
        waiters.forEach((w) => w());
      },
      error: (err) => {
        errors.push(err);
        waiters.forEach((w) => w());
      },
      complete: () => waiters.forEach((w) => w()),
    },
  );
  return {
    received,
    errors,
    client,
    closed,
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(received.slice());
          } else if (errors.length) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`subscription error: ${JSON.stringify(errors)}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out with ${received.length} of ${count} alerts: ${JSON.stringify(received.map((a) => a.cursor))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: () => client.dispose() as Promise<void>,
  };
}
