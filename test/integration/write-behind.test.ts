import { createLogger } from '../../src/logger';
import { systemActor } from '../../src/core/caller';
import { createContext, type AuthedContext } from '../../src/core/context';
import { beginRequest, endRequest, inTransaction } from '../../src/core/transaction';
import { sql, write } from '../../src/shared/sql';
import { tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * write(): a statement whose result nobody reads goes in front of the
 * transaction's next statement, in the same message, or with its COMMIT
 * (DeferredConnection.later). What must hold: it runs in its place in the
 * transaction's order; a failure fails the statement it went with (and the
 * transaction), with its own error; it commits with the transaction and
 * not without it.
 */
let server: TestServer;
let retailerId: string;
beforeAll(async () => {
  server = await startTestServer();
  retailerId = (await tradingPair(server)).retailer.orgId;
});
afterAll(() => server.close());

/** A request transaction acting for the retailer, as a mutation's: begun, its scope entered. */
async function request(): Promise<AuthedContext> {
  const caller = systemActor({ id: retailerId, name: 'Retailer', kind: 'RETAILER' as never }, 'write-behind test');
  const ctx = createContext({ em: server.orm.em, services: server.app.services, log: createLogger('silent') }, caller) as AuthedContext;
  await beginRequest(ctx);
  return ctx;
}

const SET = `SELECT set_config('app.test_later', $1, true)`;
const READ = `SELECT current_setting('app.test_later', true) AS v`;
const COUNTER = `INSERT INTO organization_counter (organization_id, name, value) VALUES ($1, $2, 1)`;

it('runs in its place in the transaction: the next statement sees it, in order', async () => {
  const ctx = await request();
  try {
    await write(ctx.em, SET, ['first']); // prepares it on this connection (sent on its own)
    expect(await sql(ctx.em, READ)).toEqual([{ v: 'first' }]);
    await write(ctx.em, SET, ['second']);
    await write(ctx.em, SET, ['third']);
    expect(await sql(ctx.em, READ)).toEqual([{ v: 'third' }]);
  } finally {
    await endRequest(ctx, { commit: false });
  }
});

it('commits what is still waiting with COMMIT, and nothing of it with ROLLBACK', async () => {
  const names = ['test_later_commit', 'test_later_rollback'];
  for (const [i, name] of names.entries()) {
    const ctx = await request();
    await write(ctx.em, COUNTER, [retailerId, `${name}_warm`]);
    await sql(ctx.em, 'SELECT 1');
    await write(ctx.em, COUNTER, [retailerId, name]); // nothing after it but the end of the transaction
    await endRequest(ctx, { commit: i === 0 });
  }
  const rows = await server.query<{ name: string }>(`SELECT name FROM organization_counter WHERE organization_id = $1 AND name LIKE 'test_later_%' ORDER BY name`, [retailerId]);
  expect(rows.map((r) => r.name)).toEqual(['test_later_commit', 'test_later_commit_warm']);
});

it('fails the statement it goes with, with its own error, and the transaction writes nothing', async () => {
  const ctx = await request();
  await write(ctx.em, COUNTER, [retailerId, 'test_later_failed']);
  await sql(ctx.em, 'SELECT 1');
  // The same counter again: a unique violation, reported by the statement that carried it.
  await write(ctx.em, COUNTER, [retailerId, 'test_later_failed']);
  await expect(sql(ctx.em, READ)).rejects.toMatchObject({ code: '23505' });
  await endRequest(ctx, { commit: false });
  expect(await server.query(`SELECT 1 FROM organization_counter WHERE organization_id = $1 AND name = 'test_later_failed'`, [retailerId])).toEqual([]);
  // And with COMMIT: the commit fails with it.
  const again = await request();
  await write(again.em, COUNTER, [retailerId, 'test_later_failed_at_commit']);
  await sql(again.em, 'SELECT 1');
  await write(again.em, COUNTER, [retailerId, 'test_later_failed_at_commit']);
  await expect(endRequest(again, { commit: true })).rejects.toMatchObject({ code: '23505' });
  expect(await server.query(`SELECT 1 FROM organization_counter WHERE organization_id = $1 AND name = 'test_later_failed_at_commit'`, [retailerId])).toEqual([]);
  // The connection went back to the pool rolled back: every pooled connection still begins a transaction.
  for (let i = 0; i < 12; i++) {
    const next = await request();
    expect(await sql(next.em, `SELECT txid_current_if_assigned() IS NULL AS fresh`)).toEqual([{ fresh: true }]);
    await endRequest(next, { commit: true });
  }
});

/** A savepoint (inTransaction in a request that is not a mutation's own) gets write() as sql(): its failure rolls back to the savepoint. */
const rows = (name: string) => server.query(`SELECT name FROM organization_counter WHERE organization_id = $1 AND name = $2`, [retailerId, name]);

it('a deferred write in a savepoint that rolls back is rolled back with it; the request goes on', async () => {
  const ctx = await request();
  await write(ctx.em, COUNTER, [retailerId, 'sp_warm']); // prepares the statement on this connection
  await sql(ctx.em, 'SELECT 1');
  await expect(inTransaction(ctx, async (tx) => {
    await write(tx.em, COUNTER, [retailerId, 'sp_rolled_back']);
    throw new Error('boom');
  })).rejects.toThrow('boom');
  await write(ctx.em, COUNTER, [retailerId, 'sp_after']);
  await endRequest(ctx, { commit: true });
  expect(await rows('sp_rolled_back')).toEqual([]);
  expect(await rows('sp_after')).toHaveLength(1);
});

/**
 * A request whose connection has deferred writes in use (a write, then a statement), that writes `<tag>_before`
 * (with `before`), then fails a savepoint on a deferred write (the same counter twice: a unique violation).
 */
async function afterFailedSavepoint(tag: string, before: typeof write | typeof sql) {
  const ctx = await request();
  await write(ctx.em, COUNTER, [retailerId, `${tag}_warm`]);
  await sql(ctx.em, 'SELECT 1');
  await before(ctx.em, COUNTER, [retailerId, `${tag}_before`]);
  await expect(inTransaction(ctx, async (tx) => {
    await write(tx.em, COUNTER, [retailerId, `${tag}_dup`]);
    await write(tx.em, COUNTER, [retailerId, `${tag}_dup`]);
  })).rejects.toMatchObject({ code: '23505' });
  return ctx;
}

it('a deferred write that fails in a savepoint fails that savepoint only, as sql() did: the request goes on and commits', async () => {
  const ctx = await afterFailedSavepoint('sp2', write);
  // What succeeded before the failed savepoint stands; the request's transaction is usable.
  const next = await sql(ctx.em, 'SELECT 1 AS one').catch((err: Error) => err.message);
  await endRequest(ctx, { commit: true }).catch(() => undefined);
  expect(next).toEqual([{ one: 1 }]);
  expect(await rows('sp2_before')).toHaveLength(1);
});

it('after a deferred write failed in a savepoint, the request\'s COMMIT either keeps what succeeded before it or fails: never a silent rollback', async () => {
  const ctx = await afterFailedSavepoint('sp3', sql);
  const committed = await endRequest(ctx, { commit: true }).then(() => 'resolved', (err: Error) => `rejected: ${err.message}`);
  const kept = (await rows('sp3_before')).length;
  expect({ committed, kept }).not.toEqual({ committed: 'resolved', kept: 0 });
});
