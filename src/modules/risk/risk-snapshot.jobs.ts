import type { ActingOrganization } from '../../core/caller';
import type { DailyTask, JobDeps } from '../../core/jobs';
import { asSystem } from '../../core/system';
import { todayUtc, type CalendarDate } from '../../shared/calendar';
import { sql } from '../../shared/sql';

/**
 * The daily risk snapshot task: for each retailer, in its own transaction and
 * acting for it, takes the snapshot of today (RiskSnapshotService.take) and
 * deletes those past the 400-day retention. Idempotent per day: a second run
 * on the same day writes nothing. "Today" is the UTC date of the clock, which
 * tests and the demo seed move to write past days.
 */
export class RiskSnapshotTask implements DailyTask {
  readonly name = 'risk snapshot';

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async run({ orm, services, log }: JobDeps): Promise<Record<string, number>> {
    const day: CalendarDate = todayUtc(this.clock());
    const retailers = await sql<ActingOrganization>(orm.em.fork(), `SELECT id, name, kind FROM daily_job_retailers()`);
    let rows = 0;
    let pruned = 0;
    const failed: string[] = [];
    for (const retailer of retailers) {
      try {
        await asSystem({ em: orm.em, services, log }, retailer, 'daily risk snapshot', async (ctx) => {
          rows += await services.riskSnapshots.take(ctx, retailer.id, day);
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
