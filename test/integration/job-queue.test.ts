import type { DailyTask } from '../../src/core/jobs';
import { systemClock } from '../../src/core/clock';
import { createLogger } from '../../src/logger';
import { DAILY_QUEUE } from '../../src/server/daily-jobs';
import { JobQueue } from '../../src/server/job-queue';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The periodic jobs on the PostgreSQL job queue (pg-boss): the daily run
 * once per UTC day across instances, queued at start, retried on failure;
 * the cron schedules kept in PostgreSQL.
 */

let runs = 0;
let failNext = false;
const counting: DailyTask = {
  name: 'counting',
  async run() {
    runs += 1;
    return { runs };
  },
};
const flaky: DailyTask = {
  name: 'flaky',
  async run() {
    if (failNext) {
      failNext = false;
      throw new Error('flaky task failed on purpose');
    }
    return {};
  },
};

let server: TestServer;
beforeAll(async () => {
  // This instance only works the queue; the first test starts scheduling ones beside it (and stops them: no cron races the rest).
  server = await startTestServer({}, undefined, { dailyTasks: [counting, flaky] });
});
afterAll(() => server.close());

const dailyJobs = () => server.query<{ id: string; state: string }>(`SELECT id, state::text FROM pgboss.job WHERE name = 'daily' ORDER BY created_on`);
/** Frees today's slot, as if the last run had been yesterday. */
const yesterdaysRun = async () => {
  // Every daily run one day back, in two steps: one step could collide row by row with a run already on the day before.
  await server.query(`UPDATE pgboss.job SET singleton_on = singleton_on - interval '1000 days' WHERE name = 'daily'`);
  await server.query(`UPDATE pgboss.job SET singleton_on = singleton_on + interval '999 days' WHERE name = 'daily'`);
};

it('queues the day\'s run at start, once across instances, and keeps the cron schedules in PostgreSQL', async () => {
  expect(await dailyJobs()).toEqual([]);
  const first = await server.sibling({ JOB_SCHEDULES: 'true' });
  try {
    const [queued] = await dailyJobs();
    expect(queued).toBeDefined();
    expect(await first.app.jobs.waitFor(DAILY_QUEUE, queued.id, 30_000, ['completed', 'failed'])).toMatchObject({ state: 'completed', output: { runs: 1 } });
    const second = await server.sibling({ JOB_SCHEDULES: 'true' }); // schedules too, and finds today's run taken
    try {
      expect(await second.app.jobs.runNow(DAILY_QUEUE)).toBeNull();
      expect(await server.app.jobs.runNow(DAILY_QUEUE)).toBeNull();
    } finally {
      await second.close();
    }
  } finally {
    await first.close();
  }
  expect(await dailyJobs()).toHaveLength(1);
  expect(runs).toBe(1);
  expect(await server.query('SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name')).toEqual([
    { name: 'daily', cron: '*/10 * * * *', timezone: 'UTC' },
    { name: 'local-date-rollover', cron: '*/15 * * * *', timezone: 'UTC' },
    { name: 'overdue-alerts', cron: '*/5 * * * *', timezone: 'UTC' },
    { name: 'webhooks', cron: '* * * * *', timezone: 'UTC' },
  ]);
});

it('retries a failed daily run (every task again: they are idempotent), and then runs no more that day', async () => {
  await yesterdaysRun();
  failNext = true;
  const before = runs;
  const failed = await server.app.jobs.runNow(DAILY_QUEUE);
  expect(failed).toMatchObject({ state: 'retry' });
  expect(JSON.stringify(failed!.output)).toContain('daily tasks failed: flaky');
  // The retry waits for its backoff (a minute or more): bring it forward instead of waiting.
  await server.query(`UPDATE pgboss.job SET start_after = now() WHERE id = $1`, [failed!.id]);
  expect(await server.app.jobs.waitFor(DAILY_QUEUE, failed!.id, 30_000, ['completed', 'failed'])).toMatchObject({ state: 'completed' });
  expect(runs).toBe(before + 2);
  expect(await server.app.jobs.runNow(DAILY_QUEUE)).toBeNull();
});

it('survives a restart mid-run: a run left active by an instance that died expires and is run again', async () => {
  await yesterdaysRun();
  const before = runs;
  // An instance took the run and died: the job is active, started long ago.
  const [{ id }] = await server.query<{ id: string }>(
    `INSERT INTO pgboss.job (name, state, started_on, singleton_on, expire_in, retry_limit, retry_delay, policy)
     VALUES ('daily', 'active', now() - interval '2 hours', 'epoch'::timestamp + interval '1 day' * floor(extract(epoch from now()) / 86400), interval '1 hour', 2, 0, 'standard')
     RETURNING id`,
  );
  expect(await server.app.jobs.runNow(DAILY_QUEUE)).toBeNull(); // its day is taken
  // pg-boss's maintenance (every 2 minutes on some instance) fails expired runs into a retry; run it now.
  await server.app.jobs.maintain();
  expect(await server.app.jobs.waitFor(DAILY_QUEUE, id, 30_000, ['completed', 'failed'])).toMatchObject({ state: 'completed' });
  expect(runs).toBe(before + 1);
});

it('refuses to start with a job whose queue no migration made (pg-boss would queue nothing into it, silently)', async () => {
  const queue = new JobQueue({
    databaseUrl: server.databaseUrl,
    actAsAppRole: true,
    deps: { orm: server.orm, services: server.app.services, log: createLogger('silent'), clock: systemClock },
    definitions: [{ name: 'not-migrated', cron: '* * * * *', retry: { limit: 0, delaySeconds: 0, backoff: false }, expireInSeconds: 60, run: async () => ({}) }],
    log: createLogger('silent'),
  });
  await expect(queue.start({ schedule: false })).rejects.toThrow(/no queue named not-migrated: add a migration/);
});
