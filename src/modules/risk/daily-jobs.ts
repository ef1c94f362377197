import type { Orm } from '../../db/orm';
import type { Logger } from '../../logger';
import type { Services } from '../../server/services';
import { sql } from '../../shared/sql';
import { withOutbox } from '../alerts/outbox';

const CHECK_EVERY_MS = 10 * 60_000;

/**
 * Once per UTC day, on exactly one instance: recompute every retailer's risk
 * (day 0 moved, so projections moved), prune alerts past retention and
 * long-expired sessions. Runs
 * at start when the last run is from an earlier day.
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
    const em = this.orm.em.fork();
    const claimed = await sql(
      em,
      `INSERT INTO job_run (name, last_run_at) VALUES ('daily', now())
       ON CONFLICT (name) DO UPDATE SET last_run_at = now()
       WHERE (job_run.last_run_at AT TIME ZONE 'UTC')::date < (now() AT TIME ZONE 'UTC')::date
       RETURNING name`,
    );
    if (claimed.length === 0) return false;
    try {
      await this.run();
    } catch (err) {
      // Give the claim back so the next check (or another instance) runs it again today.
      await sql(this.orm.em.fork(), `UPDATE job_run SET last_run_at = now() - interval '1 day' WHERE name = 'daily'`);
      throw err;
    }
    return true;
  }

  async run(): Promise<void> {
    const started = Date.now();
    const retailers = await sql<{ id: string }>(this.orm.em.fork(), `SELECT id FROM organization WHERE kind = 'RETAILER' ORDER BY id`);
    let changed = 0;
    const failed: string[] = [];
    for (const { id } of retailers) {
      try {
        changed += await withOutbox(this.orm.em.fork(), this.services.alertBus, (em) => this.services.risk.recompute(em, id, 'all'));
      } catch (err) {
        // One retailer's failure must not keep the others stale, nor stop retention.
        this.log.error({ err, retailerId: id }, 'daily risk recompute failed for a retailer');
        failed.push(id);
      }
    }
    const pruned = await this.services.alerts.prune(this.orm.em.fork());
    // Sessions a week past their expiry serve nobody (they only answer "expired" until then).
    const sessions = await sql(this.orm.em.fork(), `DELETE FROM session WHERE expires_at < now() - interval '7 days' RETURNING 1`);
    this.log.info(
      { retailers: retailers.length, riskChanges: changed, alertsPruned: pruned, sessionsPruned: sessions.length, ms: Date.now() - started },
      'daily risk recompute, alert retention and session clean-up done',
    );
    if (failed.length) throw new Error(`daily risk recompute failed for ${failed.length} retailer(s)`);
  }
}
