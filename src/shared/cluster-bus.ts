import { Client } from 'pg';
import type { Logger } from '../logger';

type Handler = (payload: string) => void;

/**
 * PostgreSQL LISTEN/NOTIFY between instances, on one dedicated connection
 * that reconnects by itself (with back-off). Payloads are small ids only
 * (NOTIFY allows 8,000 bytes). After a reconnect, onReconnect handlers run
 * so listeners can catch up on whatever was announced while disconnected.
 */
export class ClusterBus {
  private client: Client | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly reconnectHandlers = new Set<() => void>();
  private stopped = false;
  private retryMs = 100;
  private timer: NodeJS.Timeout | null = null;
  private connectedOnce = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
  ) {}

  on(channel: string, handler: Handler): void {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    const set = this.handlers.get(channel) ?? new Set();
    set.add(handler);
    this.handlers.set(channel, set);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.add(handler);
  }

  async start(): Promise<void> {
    await this.connect();
  }

  /** True while the LISTEN connection is up. */
  get connected(): boolean {
    return this.client !== null;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.databaseUrl, keepAlive: true });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) {
        try {
          handler(message.payload ?? '');
        } catch (err) {
          this.log.error({ err, channel: message.channel }, 'notification handler failed');
        }
      }
    });
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.log.warn({ err: (err as Error).message, retryMs: this.retryMs }, 'LISTEN connection failed; retrying');
      this.scheduleReconnect();
      return;
    }
    this.client = client;
    this.retryMs = 100;
    if (this.connectedOnce) {
      this.log.info('LISTEN connection re-established; catching up');
      for (const handler of this.reconnectHandlers) handler();
    }
    this.connectedOnce = true;
  }

  private lost(client: Client, err: Error) {
    if (this.client !== client) return;
    this.client = null;
    if (this.stopped) return;
    this.log.warn({ err: err.message }, 'LISTEN connection lost; reconnecting');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
  }

  /** Drops the LISTEN connection as a network failure would (tests use it to prove catch-up). */
  simulateDisconnect(): void {
    if (this.client) this.lost(this.client, new Error('simulated disconnect'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
