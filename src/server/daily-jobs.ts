import type { MikroORM as Orm } from '@mikro-orm/postgresql';
import type { DailyTask } from '../core/jobs';
import type { Logger } from '../logger';
import { dailyAlertRetention } from '../modules/alerts/alert.service';
import { dailyMissingCommitCheck } from '../modules/forecasting/forecast-commit.service';
import { dailyRiskRecompute } from '../modules/risk/risk.jobs';
import { dailySessionCleanup } from '../modules/tenancy/auth.service';
import { dailyLoginThrottleCleanup } from '../modules/tenancy/login-throttle';
import { sql } from '../shared/sql';
import type { Services } from './services';

/** The once-a-day tasks, each owned by its module. */
const DAILY_TASKS: DailyTask[] = [dailyRiskRecompute, dailyMissingCommitCheck, dailyAlertRetention, dailySessionCleanup, dailyLoginThrottleCleanup];

const CHECK_EVERY_MS = 10 * 60_000;

/**
 * Once per UTC day, on exactly one instance, the modules' daily tasks (risk
 * recompute, missing forecast commits, alert retention, session and sign-in throttle clean-up). Runs
 * at start when the last run is from an earlier day; a failed task gives the
 * claim back so the run is retried, and does not stop the tasks after it.
 */
export class DailyJobs {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly services: Services,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private tick() {
    if (this.running) return;
    this.running = this.runIfDue()
      .catch((err) => this.log.error({ err }, 'daily job failed; it will be retried'))
      .finally(() => {
        this.running = null;
      });
  }

  /** Claims today's run (only one instance gets it) and runs it. */
  async runIfDue(): Promise<boolean> {
    const [{ claimed }] = await sql<{ claimed: boolean }>(this.orm.em.fork(), `SELECT daily_job_claim('daily') AS claimed`);
    if (!claimed) return false;
    try {
      await this.run();
    } catch (err) {
      // Give the claim back so the next check (or another instance) runs it again today.
      await sql(this.orm.em.fork(), `SELECT daily_job_release('daily')`);
      throw err;
    }
    return true;
  }

  async run(): Promise<void> {
    const started = Date.now();
    const figures: Record<string, number> = {};
    const failed: string[] = [];
    for (const task of DAILY_TASKS) {
      try {
        Object.assign(figures, await task.run({ orm: this.orm, services: this.services, log: this.log }));
      } catch (err) {
        this.log.error({ err, task: task.name }, 'a daily task failed');
        failed.push(task.name);
      }
    }
    this.log.info({ ...figures, ms: Date.now() - started }, 'daily tasks done');
    if (failed.length) throw new Error(`daily tasks failed: ${failed.join(', ')}`);
  }
}
