import { systemActor, type ActingOrganization } from '../../core/caller';
import { createContext, type AuthedContext } from '../../core/context';
import type { DailyTask } from '../../core/jobs';
import { inTransaction } from '../../core/transaction';
import { sql } from '../../shared/sql';

/**
 * Day 0 moved, so every projection moved: recompute each retailer's risk,
 * acting for it as a system actor, one retailer per transaction (one
 * retailer's failure leaves the others done).
 */
export const dailyRiskRecompute: DailyTask = {
  name: 'risk recompute',
  async run({ orm, services, log }) {
    const retailers = await sql<ActingOrganization>(orm.em.fork(), `SELECT id, name, kind FROM daily_job_retailers()`);
    let changed = 0;
    const failed: string[] = [];
    for (const retailer of retailers) {
      const ctx = createContext({ em: orm.em, services, log }, systemActor(retailer, 'daily risk recompute')) as AuthedContext;
      try {
        changed += await inTransaction(ctx, (tx) => services.risk.recompute(tx, retailer.id, 'all'));
      } catch (err) {
        log.error({ err, retailerId: retailer.id }, 'daily risk recompute failed for a retailer');
        failed.push(retailer.id);
      }
    }
    if (failed.length) throw new Error(`daily risk recompute failed for ${failed.length} retailer(s)`);
    return { retailers: retailers.length, riskChanges: changed };
  },
};
