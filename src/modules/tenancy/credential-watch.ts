import type { MikroORM as Orm } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger';
import type { ClusterBus } from '../../shared/cluster-bus';
import type { RequestContext } from '../../core/context';
import { afterCommit } from '../../core/transaction';
import { sql } from '../../shared/sql';
import { CredentialCache } from './credential-cache';

const CHANNEL = 'shortstop_revoked';

/** What to do when a credential held by open sockets stops being valid: close code and reason. */
export type CredentialEnd = (credential: string, code: 4401 | 4403, reason: string) => void;

/**
 * Ends WebSocket connections whose credential is revoked or expired, and
 * drops it from the cache of accepted credentials (CredentialCache). A
 * revocation is announced to every instance at once (NOTIFY); a periodic
 * check of the credentials in use catches expiry and any missed
 * announcement.
 */
export class CredentialWatch {
  private orm: Orm | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<CredentialEnd>();
  /** Accepted credentials, served only while this watch hears revocations (AuthService reads it). */
  readonly cache = new CredentialCache();

  constructor(private readonly log: Logger) {}

  start(orm: Orm, cluster: ClusterBus, intervalMs: number, inUse: () => string[]): void {
    this.orm = orm;
    cluster.on(CHANNEL, (credential) => this.end(credential, 4403, 'Credential revoked'));
    // Announcements missed while the LISTEN connection was down: start again from nothing.
    cluster.onReconnect(() => this.cache.clear());
    this.cache.follow(() => cluster.connected);
    this.timer = setInterval(() => void this.check(inUse()).catch((err) => this.log.warn({ err: (err as Error).message }, 'credential check failed')), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.cache.follow(() => false);
  }

  onEnd(listener: CredentialEnd): void {
    this.listeners.add(listener);
  }

  /**
   * Announces a revocation as part of the transaction that writes it: PostgreSQL
   * delivers the NOTIFY to every instance when that transaction commits (never
   * before, so a socket reconnecting meanwhile finds the credential revoked),
   * before the revoking request's response can be sent. Each instance then
   * closes the credential's sockets and drops it from its cache; this one
   * also does so itself, before and after the commit.
   */
  async revoke(ctx: RequestContext, credential: string): Promise<void> {
    this.cache.forget(credential);
    await sql(ctx.em, `SELECT pg_notify('${CHANNEL}', $1)`, [credential]);
    afterCommit(ctx, () => this.end(credential, 4403, 'Credential revoked'));
  }

  private end(credential: string, code: 4401 | 4403, reason: string) {
    this.cache.forget(credential);
    for (const listener of this.listeners) listener(credential, code, reason);
  }

  /** One query per kind of credential for all sockets of this instance. */
  private async check(credentials: string[]): Promise<void> {
    if (!this.orm || credentials.length === 0) return;
    const ids = (prefix: string) => credentials.filter((c) => c.startsWith(prefix)).map((c) => c.slice(prefix.length));
    const em = this.orm.em.fork();
    const sessions = ids('session:');
    const keys = ids('apiKey:');
    const invalid = await sql<{ credential: string; revoked: boolean }>(
      em,
      `SELECT credential, revoked FROM auth_invalid_credentials($1::uuid[], $2::uuid[])`,
      [sessions, keys],
    );
    for (const row of invalid) this.end(row.credential, row.revoked ? 4403 : 4401, row.revoked ? 'Credential revoked' : 'Session expired');
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Ends WebSocket connections whose credential stopped being valid. */
    credentials: CredentialWatch;
  }
}
