import type { MikroORM as Orm } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger';
import type { ClusterBus } from '../../shared/cluster-bus';
import { sql } from '../../shared/sql';

const CHANNEL = 'shortstop_revoked';

/** What to do when a credential held by open sockets stops being valid: close code and reason. */
export type CredentialEnd = (credential: string, code: 4401 | 4403, reason: string) => void;

/**
 * Ends WebSocket connections whose credential is revoked or expired. A
 * revocation is announced to every instance at once (NOTIFY); a periodic
 * check of the credentials in use catches expiry and any missed
 * announcement.
 */
export class CredentialWatch {
  private orm: Orm | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<CredentialEnd>();

  constructor(private readonly log: Logger) {}

  start(orm: Orm, cluster: ClusterBus, intervalMs: number, inUse: () => string[]): void {
    this.orm = orm;
    cluster.on(CHANNEL, (credential) => this.end(credential, 4403, 'Credential revoked'));
    this.timer = setInterval(() => void this.check(inUse()).catch((err) => this.log.warn({ err: (err as Error).message }, 'credential check failed')), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  onEnd(listener: CredentialEnd): void {
    this.listeners.add(listener);
  }

  /** Called after a revocation has been written: every instance closes the credential's sockets. */
  revoked(credential: string): void {
    this.end(credential, 4403, 'Credential revoked');
    if (!this.orm) return;
    sql(this.orm.em.fork(), `SELECT pg_notify('${CHANNEL}', $1)`, [credential]).catch((err) =>
      this.log.warn({ err: (err as Error).message }, 'revocation NOTIFY failed; the periodic check will catch it'),
    );
  }

  private end(credential: string, code: 4401 | 4403, reason: string) {
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
