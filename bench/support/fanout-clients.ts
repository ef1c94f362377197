import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * Child process of the fan-out benchmark: N graphql-ws subscribers outside the
 * server's process, as real integrations are. Reports each delivery's wall
 * clock time (high resolution) to the parent.
 */
const [wsUrl, token, count] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const now = () => performance.timeOrigin + performance.now();
const clients: Client[] = [];
let connected = 0;
const arrivals = new Map<string, number[]>();

for (let i = 0; i < count; i++) {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false });
  clients.push(client);
  client.on('connected', () => {
    if (++connected === count) process.send!({ kind: 'ready' });
  });
  client.subscribe<{ alerts: { cursor: string } }>(
    { query: 'subscription ($after: String) { alerts(after: $after, types: [PURCHASE_ORDER_ISSUED]) { cursor } }', variables: { after: '999999' } },
    {
      next: (value) => {
        const at = now();
        const cursor = value.data!.alerts.cursor;
        const list = arrivals.get(cursor) ?? [];
        list.push(at);
        arrivals.set(cursor, list);
        if (list.length === count) process.send!({ kind: 'delivered', cursor, arrivals: list });
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
}

process.on('message', (message: { kind: string }) => {
  if (message.kind === 'stop') void Promise.all(clients.map((c) => c.dispose())).then(() => process.exit(0));
});
