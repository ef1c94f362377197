import type { ActingOrganization } from '../../core/caller';
import type { DailyTask, JobDeps } from '../../core/jobs';
import { asSystem } from '../../core/system';
import { localDate, DEFAULT_TIME_ZONE } from '../../core/local-dates';
import { systemClock } from '../../core/clock';
import { sql } from '../../shared/sql';

/**
 * The daily risk snapshot task: for each retailer, in its own transaction and
 * acting for it, takes the snapshot of today (RiskSnapshotService.take) and
 * deletes those past the 400-day retention. Idempotent per day: a second run
 * on the same day writes nothing. Each location's day is today there at the
 * clock's instant (DESIGN.md, Local dates); tests move the clock.
 */
export class RiskSnapshotTask implements DailyTask {
  readonly name = 'risk snapshot';

  /** `clock`: a fixed one (tests); otherwise the run's (JobDeps.clock, the system clock by default). */
  constructor(private readonly clock?: () => Date) {}

  async run({ orm, services, log, clock }: JobDeps): Promise<Record<string, number>> {
    const now = this.clock ? this.clock() : (clock ?? systemClock).now();
    // Retention counts whole days: the cut-off is taken in UTC, a day either way is within the 400 kept.
    const day = localDate(now, DEFAULT_TIME_ZONE);
    const retailers = await sql<ActingOrganization>(orm.em.fork(), `SELECT id, name, kind FROM daily_job_retailers()`);
    let rows = 0;
    let pruned = 0;
    const failed: string[] = [];
    for (const retailer of retailers) {
      try {
        await asSystem({ em: orm.em, services, log }, retailer, 'daily risk snapshot', async (ctx) => {
          rows += await services.riskSnapshots.take(ctx, retailer.id, now);
          pruned += await services.riskSnapshots.prune(ctx, retailer.id, day);
        });
      } catch (err) {
        log.error({ err, retailerId: retailer.id }, 'daily risk snapshot failed for a retailer');
        failed.push(retailer.id);
      }
    }
    if (failed.length) throw new Error(`daily risk snapshot failed for ${failed.length} retailer(s)`);
    return { snapshotRows: rows, snapshotRowsPruned: pruned };
  }
}

/** The task of the daily job, on the real clock. */
export const dailyRiskSnapshot: DailyTask = new RiskSnapshotTask();
