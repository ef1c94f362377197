import { systemActor, type ActingOrganization } from '../../core/caller';
import { createContext, type AuthedContext } from '../../core/context';
import type { DailyTask, PeriodicTask } from '../../core/jobs';
import { systemClock } from '../../core/clock';
import { asSystem } from '../../core/system';
import { inTransaction } from '../../core/transaction';
import { sql } from '../../shared/sql';

/**
 * Day 0 moved, so every projection moved: recompute each retailer's risk,
 * acting for it as a system actor, one retailer per transaction (one
 * retailer's failure leaves the others done).
 */
export const dailyRiskRecompute: DailyTask = {
  name: 'risk recompute',
  async run({ orm, services, log, clock }) {
    const now = (clock ?? systemClock).now();
    const retailers = await sql<ActingOrganization>(orm.em.fork(), `SELECT id, name, kind FROM daily_job_retailers()`);
    let changed = 0;
    const failed: string[] = [];
    for (const retailer of retailers) {
      const ctx = createContext({ em: orm.em, services, log }, systemActor(retailer, 'daily risk recompute')) as AuthedContext;
      try {
        changed += await inTransaction(ctx, (tx) => services.risk.recompute(tx, retailer.id, 'all', now));
      } catch (err) {
        log.error({ err, retailerId: retailer.id }, 'daily risk recompute failed for a retailer');
        failed.push(retailer.id);
      }
    }
    if (failed.length) throw new Error(`daily risk recompute failed for ${failed.length} retailer(s)`);
    return { retailers: retailers.length, riskChanges: changed };
  },
};

/** The job queue's name of the local-date rollover (a queue made by migration Migration20261206010000). */
export const LOCAL_DATE_ROLLOVER_QUEUE = 'local-date-rollover';

/**
 * Day 0 moves at each location's own midnight (DESIGN.md, Local dates), not
 * at UTC's: every 15 minutes (time zones sit on quarter hours), each
 * retailer's positions whose stored risk is from an earlier day than today
 * at their location are recomputed (SHORTAGE_RISK_CHANGED where it changed),
 * and each location whose day has no risk snapshot yet gets one. Idempotent:
 * a second run in the same local day finds nothing stale and the snapshots
 * taken. One retailer per transaction, acting for it as a system actor.
 */
export const localDateRolloverTask: PeriodicTask = {
  name: LOCAL_DATE_ROLLOVER_QUEUE,
  cron: '*/15 * * * *',
  async run({ orm, services, log, clock }) {
    const now = (clock ?? systemClock).now();
    const retailers = await sql<ActingOrganization>(orm.em.fork(), `SELECT id, name, kind FROM daily_job_retailers()`);
    let riskChanges = 0;
    let snapshotRows = 0;
    const failed: string[] = [];
    for (const retailer of retailers) {
      try {
        await asSystem({ em: orm.em, services, log }, retailer, 'local-date rollover', async (ctx) => {
          riskChanges += await services.risk.recompute(ctx, retailer.id, 'stale', now);
          snapshotRows += await services.riskSnapshots.take(ctx, retailer.id, now);
        });
      } catch (err) {
        log.error({ err, retailerId: retailer.id }, 'local-date rollover failed for a retailer');
        failed.push(retailer.id);
      }
    }
    if (failed.length) throw new Error(`local-date rollover failed for ${failed.length} retailer(s)`);
    return { retailers: retailers.length, riskChanges, snapshotRows };
  },
};
