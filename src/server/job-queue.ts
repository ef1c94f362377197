import PgBoss from 'pg-boss';
import { Pool } from 'pg';
import { APP_ROLE } from '../db/orm';
import type { JobDeps } from '../core/jobs';
import type { Logger } from '../logger';

/** The PostgreSQL schema of the queue's tables (made by migration Migration20261204050000, never by pg-boss itself). */
export const JOB_QUEUE_SCHEMA = 'pgboss';

/** A periodic job: a queue (made by a migration), its cron, its retry rules and what a run does. */
export interface JobDefinition {
  /** The queue's name. */
  name: string;
  /** Five-field cron expression, UTC: when to queue a run; none for a queue fed only by send (webhook deliveries). */
  cron?: string;
  retry: { limit: number; delaySeconds: number; backoff: boolean };
  /** A run still going after this long counts as failed (and is retried); so does a run on an instance that died. */
  expireInSeconds: number;
  /**
   * At most one run per slot of this many seconds (slots start at the Unix
   * epoch, so 86,400 makes UTC days), whoever queues it: the cron on any
   * instance, a start, a test. Enforced by the queue's unique index on
   * (name, slot), for as long as the finished run is kept (2 days).
   */
  onePerSeconds?: number;
  /** Also queue a run when an instance starts (a daily run the cluster missed overnight, say). */
  runAtStart?: boolean;
  /**
   * At most one job WAITING per key (pg-boss's "short" queue policy: a send
   * while one with the same key waits queues nothing, and the waiting one
   * does the work). The key of a job's data; runs with no key (undefined)
   * share one. A running job does not count: work sent while one runs is
   * queued, so nothing sent is ever lost (at least once).
   */
  oneWaitingPer?(data: object): string | undefined;
  /** Workers polling this queue on each instance (default 1), each taking one job at a time. */
  workers?: number;
  /** How often an idle worker looks for a job (default 2 s, at least 0.5 s); after a job it looks again at once. */
  pollSeconds?: number;
  /** `data`: what send() or the cron put in the job ({} for a cron run). */
  run(deps: JobDeps, data: object): Promise<Record<string, number>>;
}

export interface JobOutcome {
  id: string;
  state: 'completed' | 'failed' | 'retry' | 'cancelled';
  /** The run's figures when completed; the error when failed. */
  output: unknown;
}

/** Finished runs stay in the queue's job table this long: longer than a one-per-day slot, so a finished day is never queued again. */
const KEEP_FINISHED_SECONDS = 2 * 86_400;
const POLL_SECONDS = 2;

/**
 * ShortStop's periodic jobs on pg-boss, a job queue in PostgreSQL: each
 * instance works the queues (a run goes to one instance: SELECT .. FOR
 * UPDATE SKIP LOCKED), and, unless told not to (JOB_SCHEDULES=false), keeps
 * the cron schedules (stored in PostgreSQL; pg-boss queues a cron's run once
 * a minute across all instances). A failed run is retried by the queue with
 * its job's backoff; a run left active by an instance that died expires and
 * is retried. Jobs must therefore be idempotent; what must happen once is
 * made once by the database (the daily run's slot, overdue_alert's key).
 *
 * pg-boss runs as the application role (row-level security) on a small
 * pool of its own, with its migrations off: its schema and queues come from
 * our migrations, and start() fails when the schema's version is not the
 * one this pg-boss expects. The tenant work inside a job acts as each
 * organization through the ORM, as a request does.
 */
export class JobQueue {
  private boss: PgBoss | null = null;
  private pool: Pool | null = null;
  private readonly workers = new Map<string, string>();
  /** Runs executing on this instance (a run fetched while stopping still finishes before the pool closes). */
  private readonly running = new Set<Promise<unknown>>();
  /** Set when this start's pool closes (a queue stopped and started again gets a fresh flag and pool). */
  private closed = { value: false };

  constructor(
    private readonly options: {
      databaseUrl: string;
      /** Every connection runs as shortstop_app (the application's default; tests' owner ORMs say false). */
      actAsAppRole: boolean;
      deps: JobDeps;
      definitions: JobDefinition[];
      log: Logger;
    },
  ) {}

  private get log() {
    return this.options.log;
  }

  private definition(name: string): JobDefinition {
    const definition = this.options.definitions.find((d) => d.name === name);
    if (!definition) throw new Error(`no job named ${name}`);
    return definition;
  }

  /** Starts working the queues; with `schedule`, (re)writes the cron schedules and queues the runs due at start. */
  async start(options: { schedule: boolean }): Promise<void> {
    const { databaseUrl, actAsAppRole, definitions } = this.options;
    // The role is set when the connection opens (a startup parameter): if it cannot be, the connection fails, never runs as the owner.
    const closed = { value: false };
    this.closed = closed;
    const pool = new Pool({ connectionString: databaseUrl, max: 6, application_name: 'shortstop-jobs', options: actAsAppRole ? `-c role=${APP_ROLE}` : undefined });
    pool.on('error', (err) => this.log.warn({ err }, 'job queue connection error'));
    this.pool = pool;
    const boss = new PgBoss({
      // Once closed, pg-boss's own late statements (it records a finished run without awaiting it) find nothing to do: the
      // run stays active and expires into a retry, as if the instance had died, instead of an unhandled rejection.
      db: { executeSql: (text: string, values: unknown[]) => (closed.value ? Promise.resolve({ rows: [] }) : pool.query(text, values)) },
      schema: JOB_QUEUE_SCHEMA,
      migrate: false,
      schedule: options.schedule,
      supervise: true,
      archiveCompletedAfterSeconds: KEEP_FINISHED_SECONDS,
      archiveFailedAfterSeconds: KEEP_FINISHED_SECONDS,
      deleteAfterDays: 7,
    });
    boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
    try {
      await boss.start();
    } catch (err) {
      await pool.end().catch(() => undefined);
      this.pool = null;
      throw new Error(`The job queue (pg-boss, schema "${JOB_QUEUE_SCHEMA}") cannot start: ${(err as Error).message}. Its schema comes from the migrations.`);
    }
    this.boss = boss;
    // A queue is a partition made by a migration; pg-boss would silently queue nothing into one that is missing.
    const queues = new Set((await boss.getQueues()).map((q) => q.name));
    const missing = definitions.map((d) => d.name).filter((name) => !queues.has(name));
    if (missing.length) {
      await this.stop();
      throw new Error(`The job queue has no queue named ${missing.join(', ')}: add a migration that runs select ${JOB_QUEUE_SCHEMA}.create_queue('<name>', '{"policy":"standard"}')`);
    }
    for (const d of definitions) {
      await boss.updateQueue(d.name, {
        name: d.name,
        // The policy is the queue's (stored in PostgreSQL); each job takes it when queued.
        policy: d.oneWaitingPer ? 'short' : 'standard',
        retryLimit: d.retry.limit,
        retryDelay: d.retry.delaySeconds,
        retryBackoff: d.retry.backoff,
        expireInSeconds: d.expireInSeconds,
      });
      for (let n = 0; n < (d.workers ?? 1); n++) {
        let workerId = '';
        // After a job, the worker looks for the next one at once (pg-boss would wait out its polling interval).
        workerId = await boss.work(d.name, { pollingIntervalSeconds: d.pollSeconds ?? POLL_SECONDS, batchSize: 1 }, ([job]) =>
          this.execute(d, job.id, (job.data ?? {}) as object).finally(() => this.boss?.notifyWorker(workerId)),
        );
        if (n === 0) this.workers.set(d.name, workerId);
      }
    }
    if (options.schedule) {
      for (const d of definitions) {
        if (!d.cron) continue;
        await boss.schedule(d.name, d.cron, {}, { tz: 'UTC', ...(d.onePerSeconds ? { singletonSeconds: d.onePerSeconds } : {}) });
        if (d.runAtStart) await this.queue(d.name);
      }
    }
  }

  private execute(d: JobDefinition, id: string, data: object): Promise<Record<string, number>> {
    const run = this.executeNow(d, id, data);
    const settled = run.catch(() => undefined);
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return run;
  }

  private async executeNow(d: JobDefinition, id: string, data: object): Promise<Record<string, number>> {
    const started = Date.now();
    try {
      const figures = await d.run(this.options.deps, data);
      this.log.info({ job: d.name, id, ...figures, ms: Date.now() - started }, 'job done');
      return figures;
    } catch (err) {
      this.log.error({ err, job: d.name, id }, 'job failed; the queue retries it');
      throw err;
    }
  }

  /**
   * Queues a run of the job now: its id, or null when its slot is taken (a
   * one-per-day job already queued or run today, on any instance).
   */
  async queue(name: string, data: object = {}): Promise<string | null> {
    const d = this.definition(name);
    for (let tries = 0; ; tries++) {
      const id = await this.started().send(name, data, { ...(d.onePerSeconds ? { singletonSeconds: d.onePerSeconds } : {}), ...this.keyOf(d, data) });
      if (id) this.log.info({ job: name, id }, 'job queued');
      if (id || !d.oneWaitingPer) return id;
      // One waiting per key: the job already waiting is the run asked for (if it started meanwhile, queue again).
      const waiting = await this.waitingWith(d, data);
      if (waiting || tries >= 3) return waiting;
    }
  }

  private keyOf(d: JobDefinition, data: object): { singletonKey?: string } {
    const key = d.oneWaitingPer?.(data);
    return key === undefined ? {} : { singletonKey: key };
  }

  /** The id of the job waiting with the same key as `data` (null if it started meanwhile). */
  private async waitingWith(d: JobDefinition, data: object): Promise<string | null> {
    if (!this.pool) return null;
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM ${JOB_QUEUE_SCHEMA}.job WHERE name = $1 AND state = 'created' AND COALESCE(singleton_key, '') = $2 LIMIT 1`,
      [d.name, d.oneWaitingPer?.(data) ?? ''],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Queues a run and waits until it has finished (completed, failed, or
   * waiting for a retry): for tests and scripts. Any instance may take it.
   * Null when its slot is taken (see queue).
   */
  async runNow(name: string, timeoutMs = 30_000, data: object = {}): Promise<JobOutcome | null> {
    const id = await this.queue(name, data);
    return id === null ? null : this.waitFor(name, id, timeoutMs);
  }

  /**
   * Waits for a queued run to reach one of `states` (by default: finished, or
   * waiting for a retry; pass ['completed', 'failed'] to wait through retries).
   */
  async waitFor(name: string, id: string, timeoutMs = 30_000, states: JobOutcome['state'][] = ['completed', 'failed', 'retry', 'cancelled']): Promise<JobOutcome> {
    const boss = this.started();
    const worker = this.workers.get(name);
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (worker) boss.notifyWorker(worker);
      const job = await boss.getJobById(name, id, { includeArchive: true });
      if (job && (states as string[]).includes(job.state)) {
        return { id, state: job.state as JobOutcome['state'], output: job.output };
      }
      if (Date.now() > until) throw new Error(`job ${name} ${id} still ${job?.state ?? 'missing'} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * Queues a job with `data`, to start no earlier than `startAfter` (the
   * core's JobSender: modules queue work without knowing pg-boss).
   */
  async send(name: string, data: object, options: { startAfter?: Date } = {}): Promise<string | null> {
    if (!this.boss) return null;
    const d = this.definition(name);
    return this.boss.send(name, data, { ...(options.startAfter ? { startAfter: options.startAfter } : {}), ...this.keyOf(d, data) });
  }

  /** Jobs waiting (created or waiting for a retry) in a queue: the webhook queue depth metric. */
  async depth(name: string): Promise<number> {
    if (!this.boss) return 0;
    return this.boss.getQueueSize(name);
  }

  /** Runs pg-boss's maintenance now (it runs every 2 minutes on one instance): expired runs fail into a retry, old ones are archived. */
  async maintain(): Promise<void> {
    await this.started().maintain();
  }

  /** The role the queue's connections act as (shortstop_app unless the server was told otherwise). */
  async role(): Promise<string> {
    if (!this.pool) throw new Error('the job queue is not started');
    return (await this.pool.query<{ role: string }>('SELECT current_user AS role')).rows[0].role;
  }

  private started(): PgBoss {
    if (!this.boss) throw new Error('the job queue is not started');
    return this.boss;
  }

  /** Stops taking runs, lets a running one finish (up to `timeoutMs`; past it the run fails and is retried later), closes the pool. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    if (boss) await boss.stop({ graceful: true, timeout: timeoutMs, wait: true, close: false }).catch((err) => this.log.warn({ err }, 'job queue stop'));
    const pool = this.pool;
    this.pool = null;
    if (!pool) return;
    // A run fetched just as the workers stopped still runs: let it finish, and the statements in flight (pg-boss records a
    // finished run without awaiting it), before the pool closes.
    const until = Date.now() + timeoutMs;
    while ((this.running.size > 0 || pool.waitingCount > 0 || pool.idleCount < pool.totalCount) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    this.closed.value = true;
    await pool.end().catch(() => undefined);
  }
}
