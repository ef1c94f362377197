import type { DailyTask, JobDeps } from '../core/jobs';
import { dailyAlertRetention } from '../modules/alerts/alert.service';
import { dailyMissingCommitCheck } from '../modules/forecasting/forecast-commit.service';
import { dailyRiskRecompute, localDateRolloverTask } from '../modules/risk/risk.jobs';
import { dailyRiskSnapshot } from '../modules/risk/risk-snapshot.jobs';
import { dailySessionCleanup } from '../modules/tenancy/auth.service';
import { dailyLoginThrottleCleanup } from '../modules/tenancy/login-throttle';
import { overdueAlertsTask } from '../modules/purchasing/overdue.jobs';
import type { JobDefinition } from './job-queue';
import { runWebhookJob, WEBHOOK_QUEUE, webhookJobKey } from '../modules/webhooks/webhook.service';

/** The once-a-day tasks, each owned by its module. */
const DAILY_TASKS: DailyTask[] = [dailyRiskRecompute, dailyRiskSnapshot, dailyMissingCommitCheck, dailyAlertRetention, dailySessionCleanup, dailyLoginThrottleCleanup];

/** The job queue's name of the daily run (a queue made by migration Migration20261204050000). */
export const DAILY_QUEUE = 'daily';

/**
 * The modules' daily tasks in order (risk recompute, risk snapshot, missing
 * forecast commits, alert retention, session and sign-in throttle clean-up). A failed task does not stop the
 * tasks after it; the run then fails, and the queue runs it again (every
 * task is idempotent). Returns the tasks' figures.
 */
export async function runDailyTasks(deps: JobDeps, tasks: DailyTask[] = DAILY_TASKS): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const failed: string[] = [];
  for (const task of tasks) {
    try {
      Object.assign(figures, await task.run(deps));
    } catch (err) {
      deps.log.error({ err, task: task.name }, 'a daily task failed');
      failed.push(task.name);
    }
  }
  if (failed.length) throw new Error(`daily tasks failed: ${failed.join(', ')}`);
  return figures;
}

/**
 * The periodic jobs. The daily run: once per UTC day across every instance
 * (its one-per-day slot), queued at start and checked every 10 minutes, so
 * a day the cluster was down is caught up at the next start; retried with
 * backoff (about 1 to 2 hours of tries). The overdue alerts: every 5
 * minutes (src/modules/purchasing/overdue.jobs.ts).
 */
export function jobDefinitions(tasks: DailyTask[] = DAILY_TASKS): JobDefinition[] {
  return [
    {
      name: DAILY_QUEUE,
      cron: '*/10 * * * *',
      onePerSeconds: 86_400,
      runAtStart: true,
      retry: { limit: 6, delaySeconds: 60, backoff: true },
      expireInSeconds: 3_600,
      run: (deps) => runDailyTasks(deps, tasks),
    },
    {
      name: overdueAlertsTask.name,
      cron: overdueAlertsTask.cron,
      runAtStart: true,
      retry: { limit: 2, delaySeconds: 30, backoff: false },
      expireInSeconds: 600,
      run: (deps) => overdueAlertsTask.run(deps),
    },
    {
      // Each location's day 0 moves at its own midnight: stale risks recomputed, the day's snapshot taken.
      name: localDateRolloverTask.name,
      cron: localDateRolloverTask.cron,
      runAtStart: true,
      retry: { limit: 2, delaySeconds: 60, backoff: false },
      expireInSeconds: 900,
      run: (deps) => localDateRolloverTask.run(deps),
    },
    {
      // Webhook deliveries: a job per endpoint with work ({endpointId}), queued by a sweep ({}) after alerts commit and
      // every minute. HTTP failures are the job's own business (per-delivery backoff); the queue's retry covers a crash.
      name: WEBHOOK_QUEUE,
      cron: '* * * * *',
      runAtStart: true,
      retry: { limit: 5, delaySeconds: 5, backoff: true },
      expireInSeconds: 120,
      run: (deps, data) => runWebhookJob(deps, data),
      // At most one job waiting per endpoint (and one per endpoint's retry, one sweep): steady alerts never pile jobs up.
      oneWaitingPer: webhookJobKey,
      // Several endpoints deliver at once on each instance (one slow or failing receiver holds one worker, not the queue).
      workers: 4,
      pollSeconds: 0.5,
    },
  ];
}
