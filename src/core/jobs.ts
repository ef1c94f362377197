import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';
import type { Clock } from './clock';
import type { ServiceRegistry } from './context';

/** What a periodic task gets: the ORM (each task forks its own EntityManagers), the services, a logger and the clock. */
export interface JobDeps {
  orm: MikroORM;
  services: ServiceRegistry;
  log: Logger;
  /** "Now" for anything the task compares against (tests move it); the system clock when left out. */
  clock?: Clock;
}

/**
 * A task of the once-a-day run, owned by the module whose tables it touches
 * (risk recomputes, alerts prunes its stream, tenancy prunes sessions).
 * Returns figures for the log line.
 */
export interface DailyTask {
  name: string;
  run(deps: JobDeps): Promise<Record<string, number>>;
}

/**
 * A task that runs every few minutes, on one instance at a time, from the
 * job queue (src/server/job-queue.ts). It must be idempotent: a run may be
 * repeated (a retry after a crash, two runs queued at once), so whatever it
 * must do once is made once by the database (a unique key), never by memory.
 * Returns figures for the log line.
 */
export interface PeriodicTask {
  /** The queue's name (created by a migration: see the job queue's README section). */
  name: string;
  /** Five-field cron expression, UTC. */
  cron: string;
  run(deps: JobDeps): Promise<Record<string, number>>;
}

/** Queues a job on the PostgreSQL job queue (src/server/job-queue.ts) without a module knowing the queue's library. */
export interface JobSender {
  /** Null when the queue is stopped (the sweep picks the work up later). */
  send(queue: string, data: object, options?: { startAfter?: Date }): Promise<string | null>;
}
