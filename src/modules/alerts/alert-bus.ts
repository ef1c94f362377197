import type { EntityManager, MikroORM as Orm } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger';
import type { ClusterBus } from '../../shared/cluster-bus';
import { readAsOrganization } from '../../core/transaction';
import { sql } from '../../shared/sql';
import { ALERT_COLUMNS, toAlertRow, type AlertRow } from './alert-row';
import { ALERTS_CHANNEL, type AlertAnnouncer } from './outbox';

const RING_SIZE = 2_000;
const PAGE = 500;

/**
 * One organization's live alert feed on this instance: the newest alerts in a
 * small ring, contiguous by cursor, refreshed from the table (one query for
 * all of the organization's subscribers) whenever an alert is announced.
 */
class OrganizationFeed {
  head = 0;
  private ring: AlertRow[] = [];
  private waiters = new Set<() => void>();
  private refreshing: Promise<void> | null = null;
  private again = false;
  subscribers = 0;
  ready: Promise<void>;

  constructor(
    private readonly organizationId: string,
    private readonly fetch: (organizationId: string, after: number, limit: number) => Promise<AlertRow[]>,
    initialHead: () => Promise<number>,
    private readonly onDelivered: (alerts: AlertRow[]) => void,
  ) {
    this.ready = initialHead().then((head) => {
      this.head = head;
    });
  }

  /** Alerts after `after` if the ring covers that point, else null (the caller reads the table). */
  read(after: number): AlertRow[] | null {
    if (after >= this.head) return [];
    const start = this.ring.length ? this.ring[0].cursor : this.head + 1;
    if (after < start - 1) return null;
    // The ring is contiguous by cursor, so the position of `after` is arithmetic (this runs once per subscriber per alert).
    return this.ring.slice(after - start + 1);
  }

  /** Resolves once something newer than `after` is known, or after `timeoutMs` (a safety net). */
  wait(after: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.head > after || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      signal.addEventListener('abort', done);
    });
  }

  /** Reads what is new since head; concurrent calls coalesce into one more read. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      await this.ready;
      do {
        this.again = false;
        const rows = await this.fetch(this.organizationId, this.head, PAGE);
        if (rows.length) {
          this.ring.push(...rows);
          if (this.ring.length > RING_SIZE) this.ring = this.ring.slice(this.ring.length - RING_SIZE);
          this.head = rows[rows.length - 1].cursor;
          this.onDelivered(rows);
          for (const wake of [...this.waiters]) wake();
          if (rows.length === PAGE) this.again = true;
        }
      } while (this.again);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

export interface SubscribeOptions {
  /** Deliver alerts with a cursor greater than this (0: from the oldest retained). */
  after: number;
  signal: AbortSignal;
}

/**
 * Delivers each organization's alerts to its subscribers on this instance,
 * in cursor order, with no gap and no duplicate: a subscriber reads the table
 * until it reaches the live feed, then follows the feed. The feed learns of
 * new alerts from PostgreSQL NOTIFY (sent after commit by whichever instance
 * wrote them), and polls as a safety net for a NOTIFY that never came.
 */
export class AlertBus implements AlertAnnouncer {
  private readonly feeds = new Map<string, OrganizationFeed>();
  private orm: Orm | null = null;
  private poller: NodeJS.Timeout | null = null;
  private readonly controller = new AbortController();
  /** Observers of alerts as this instance picks them up (benchmarks measure delivery with it). */
  readonly deliveryListeners = new Set<(alerts: AlertRow[]) => void>();
  /** Observers of announcements, made right after the causing transaction committed. */
  readonly announceListeners = new Set<(organizationIds: string[]) => void>();

  constructor(
    private readonly log: Logger,
    private readonly pollIntervalMs: number,
  ) {}

  start(orm: Orm, cluster: ClusterBus): void {
    this.orm = orm;
    cluster.on(ALERTS_CHANNEL, (organizationId) => void this.feeds.get(organizationId)?.refresh().catch((err) => this.fail(err)));
    cluster.onReconnect(() => this.refreshAll());
    this.poller = setInterval(() => this.refreshAll(), this.pollIntervalMs);
    this.poller.unref();
  }

  async stop(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    this.controller.abort();
    for (const feed of this.feeds.values()) feed.wakeAll();
  }

  /** After commit: wakes this instance's feeds now (the transaction's own NOTIFY told every instance, this one too). */
  announce(organizationIds: string[]): void {
    this.announceListeners.forEach((listener) => listener(organizationIds));
    if (!this.orm) return; // not serving (demo seeding, scripts)
    for (const id of organizationIds) void this.feeds.get(id)?.refresh().catch((err) => this.fail(err));
  }

  /** The alerts of an organization after a cursor, oldest first (the table is the truth). */
  async readAfter(organizationId: string, after: number, limit: number): Promise<AlertRow[]> {
    const rows = await readAsOrganization(this.requireOrm().em, organizationId, (em) =>
      sql<AlertRow>(
        em,
        `SELECT ${ALERT_COLUMNS} FROM alert a WHERE a.organization_id = $1 AND a.cursor > $2 ORDER BY a.cursor LIMIT $3`,
        [organizationId, after, limit],
      ),
    );
    return rows.map(toAlertRow);
  }

  /**
   * The newest committed cursor of an organization (0 before any alert), also
   * after old alerts were pruned. Inside a request pass its EntityManager (the
   * read joins the request's transaction): a request holding one pooled
   * connection must never wait for a second one.
   */
  async currentCursor(organizationId: string, em?: EntityManager): Promise<number> {
    const read = (tx: EntityManager) =>
      sql<{ value: string }>(tx, `SELECT coalesce(max(value), 0) AS value FROM organization_counter WHERE organization_id = $1 AND name = 'alert'`, [
        organizationId,
      ]);
    const [row] = em ? await read(em) : await readAsOrganization(this.requireOrm().em, organizationId, read);
    return Number(row.value);
  }

  /** Replays the stored alerts after `after`, then streams new ones as they commit. */
  async *subscribe(organizationId: string, options: SubscribeOptions): AsyncGenerator<AlertRow> {
    const feed = this.feed(organizationId);
    feed.subscribers++;
    const signal = AbortSignal.any([options.signal, this.controller.signal]);
    try {
      await feed.ready;
      let last = options.after;
      while (!signal.aborted) {
        const batch = feed.read(last) ?? (await this.readAfter(organizationId, last, PAGE));
        if (batch.length) {
          for (const alert of batch) {
            if (signal.aborted) return;
            last = alert.cursor;
            yield alert;
          }
          continue;
        }
        await feed.wait(last, this.pollIntervalMs, signal);
      }
    } finally {
      if (--feed.subscribers === 0) this.feeds.delete(organizationId);
    }
  }

  /** Subscribers on this instance, for health and benchmarks. */
  get subscriberCount(): number {
    let n = 0;
    for (const feed of this.feeds.values()) n += feed.subscribers;
    return n;
  }

  private feed(organizationId: string): OrganizationFeed {
    let feed = this.feeds.get(organizationId);
    if (!feed) {
      feed = new OrganizationFeed(
        organizationId,
        (org, after, limit) => this.readAfter(org, after, limit),
        () => this.currentCursor(organizationId),
        (alerts) => this.deliveryListeners.forEach((listener) => listener(alerts)),
      );
      this.feeds.set(organizationId, feed);
    }
    return feed;
  }

  private refreshAll() {
    for (const feed of this.feeds.values()) void feed.refresh().catch((err) => this.fail(err));
  }

  private fail(err: unknown) {
    this.log.warn({ err: (err as Error).message }, 'could not read new alerts; will retry');
  }

  private requireOrm(): Orm {
    if (!this.orm) throw new Error('AlertBus is not started');
    return this.orm;
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Announces committed alerts to every instance and feeds subscriptions. */
    alertBus: AlertBus;
  }
}
