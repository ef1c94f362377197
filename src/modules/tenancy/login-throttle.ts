import { createHash } from 'node:crypto';
import type { EntityManager, MikroORM as Orm } from '@mikro-orm/postgresql';
import { RateLimiterRes, type IRateLimiterStoreOptions } from 'rate-limiter-flexible';
import RateLimiterStoreAbstract from 'rate-limiter-flexible/lib/RateLimiterStoreAbstract';
import type { DailyTask } from '../../core/jobs';
import { rateLimited } from '../../shared/errors';
import { sql } from '../../shared/sql';

interface ThrottleRow {
  points: number;
  /** bigint: node-postgres hands it over as a string. */
  ms_before_next: string | number;
}

/**
 * rate-limiter-flexible's limiter on PostgreSQL through the SECURITY DEFINER
 * functions login_throttle_upsert/_get/_delete
 * (migrations/Migration20261201010000_login_throttle.ts). The library's own
 * RateLimiterPostgres cannot be used: it reads and writes its table as the
 * connected role (the app role has no privilege on this system table, and an
 * unconditional policy for it would let any tenant reset anyone's counter),
 * creates its table at run time, and measures windows with each instance's
 * clock; these functions use the database's clock, shared by all instances.
 *
 * Each call is one autocommit statement on the throttle's own small pool,
 * outside the request's transaction: a failed log-in's count stays whatever
 * becomes of the request, no row lock is held while a password is checked,
 * and a flood of log-ins cannot starve the main pool (each holds a request
 * connection while it waits for a throttle one, never the other way round).
 */
class RateLimiterPostgresDefiner extends RateLimiterStoreAbstract {
  constructor(
    options: Omit<IRateLimiterStoreOptions, 'storeClient'>,
    /** A fresh EntityManager (no transaction) per statement. */
    private readonly connect: () => EntityManager,
  ) {
    super({ ...options, storeClient: connect });
  }

  protected _getRateLimiterRes(_rlKey: string, changedPoints: number, rows: ThrottleRow[]): RateLimiterRes {
    const consumed = Number(rows[0].points);
    const isFirstInDuration = changedPoints === consumed;
    return new RateLimiterRes(Math.max(this.points - consumed, 0), Number(rows[0].ms_before_next), consumed, isFirstInDuration);
  }

  protected _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<ThrottleRow[]> {
    return sql<ThrottleRow>(this.connect(), 'SELECT points, ms_before_next FROM login_throttle_upsert($1, $2, $3, $4)', [
      rlKey,
      points,
      Math.round(msDuration),
      forceExpire,
    ]);
  }

  protected async _get(rlKey: string): Promise<ThrottleRow[] | null> {
    const rows = await sql<ThrottleRow>(this.connect(), 'SELECT points, ms_before_next FROM login_throttle_get($1)', [rlKey]);
    return rows.length ? rows : null;
  }

  protected async _delete(rlKey: string): Promise<boolean> {
    const [row] = await sql<{ deleted: boolean }>(this.connect(), 'SELECT login_throttle_delete($1) AS deleted', [rlKey]);
    return row.deleted;
  }
}

export interface LoginThrottleOptions {
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  failureWindowSeconds: number;
  lockSeconds: number;
}

/** Keys are hashes: the table never holds a typed email (sometimes a password typed in the wrong box) nor an address. */
const digest = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Sign-in throttling per account (the normalised email, known or not) and
 * per client address, shared by every instance through PostgreSQL.
 *
 * An attempt takes a point from the address and then from the account
 * before the password is checked, so concurrent attempts cannot slip past
 * the limit; a successful one gives its address point back and clears the
 * account's count. The points held are therefore the failed password checks
 * in the window (plus those in flight). One over the limit locks the key for
 * lockSeconds: every attempt is then RATE_LIMITED, the right password too,
 * without checking it. A refused attempt does not count against the other
 * key.
 */
export class LoginThrottle {
  private account: RateLimiterPostgresDefiner | null = null;
  private address: RateLimiterPostgresDefiner | null = null;

  constructor(private readonly options: LoginThrottleOptions) {}

  /**
   * `orm`: a small ORM of its own (the server wiring opens and closes it),
   * acting as the app role like every application connection.
   */
  start(orm: Orm): void {
    const connect = () => orm.em.fork();
    const common = { duration: this.options.failureWindowSeconds, blockDuration: this.options.lockSeconds };
    this.account = new RateLimiterPostgresDefiner({ ...common, keyPrefix: 'login_account', points: this.options.maxFailuresPerAccount }, connect);
    this.address = new RateLimiterPostgresDefiner({ ...common, keyPrefix: 'login_address', points: this.options.maxFailuresPerAddress }, connect);
  }

  /**
   * Counts an attempt before its password is checked; RATE_LIMITED (with
   * retryAfterSeconds) when the address or the account is locked. `address`
   * undefined: the caller's address is unknown, only the account counts.
   */
  async attempt(email: string, address: string | undefined): Promise<void> {
    const { account, addressLimiter } = this.limiters();
    const addressKey = address === undefined ? undefined : digest(address);
    if (addressKey) await consumeOrRefuse(addressLimiter, addressKey);
    try {
      await consumeOrRefuse(account, digest(email));
    } catch (err) {
      // Refused for the account: no password was checked, so the address gets its point back.
      if (addressKey) await addressLimiter.reward(addressKey, 1);
      throw err;
    }
  }

  /** The password was right: the account's failures are forgotten, the attempt's address point returned. */
  async succeeded(email: string, address: string | undefined): Promise<void> {
    const { account, addressLimiter } = this.limiters();
    await account.delete(digest(email));
    if (address !== undefined) await addressLimiter.reward(digest(address), 1);
  }

  private limiters() {
    if (!this.account || !this.address) throw new Error('LoginThrottle.start(orm) has not run');
    return { account: this.account, addressLimiter: this.address };
  }
}

async function consumeOrRefuse(limiter: RateLimiterPostgresDefiner, key: string): Promise<void> {
  try {
    await limiter.consume(key, 1);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw rateLimited(seconds, `Too many failed sign-in attempts; try again in ${seconds} s`);
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Sign-in throttling, shared by all instances. */
    loginThrottle: LoginThrottle;
  }
}

/** Throttle keys whose window or lock has passed serve nobody. */
export const dailyLoginThrottleCleanup: DailyTask = {
  name: 'sign-in throttle clean-up',
  async run({ orm }) {
    const [row] = await sql<{ n: string }>(orm.em.fork(), `SELECT prune_login_throttle() AS n`);
    return { throttleKeysPruned: Number(row.n) };
  },
};
