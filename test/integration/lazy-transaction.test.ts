import { systemActor } from '../../src/core/caller';
import { OrganizationKind } from '../../src/core/tenancy.enums';
import { actingAs, endRequest } from '../../src/core/transaction';
import { UserEntity } from '../../src/modules/tenancy/user.entity';
import { LazyTransaction } from '../../src/shared/deferred-transaction';
import { sql } from '../../src/shared/sql';
import { supplierRequest } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * A request's knex transaction is made only when MikroORM first queries
 * through the EntityManager (LazyTransaction, RequestEntityManager). What
 * reaches knex without those methods (a query builder, a raw statement given
 * the transaction context, `em.rollback()`) still runs in the request's
 * transaction, under its scope, before and after knex's transaction is made,
 * in a query and in a mutation, and acting for another organization. Written
 * after a fresh review found these paths failing with an internal error.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const ORG = `SELECT current_setting('app.organization_id', true) AS org`;

const request = (readOnly: boolean) => supplierRequest(server, readOnly);

describe.each([['a query', true], ['a mutation', false]])('in %s', (_name, readOnly) => {
  it('starts without knex\'s transaction; sql() needs none', async () => {
    const { ctx, supplier } = await request(readOnly);
    try {
      expect(ctx.em.getTransactionContext()).toBeInstanceOf(LazyTransaction);
      const [row] = await sql<{ org: string }>(ctx.em, ORG);
      expect(row.org).toBe(supplier.orgId);
      // A text that skips $1 goes through knex's raw builder, on the same connection and scope.
      const [viaKnex] = await sql<{ org: string; b: string }>(ctx.em, `${ORG}, $2::text AS b`, ['unused', 'second']);
      expect(viaKnex).toEqual({ org: supplier.orgId, b: 'second' });
      expect((ctx.em.getTransactionContext() as LazyTransaction).trx).toBeUndefined();
    } finally {
      await endRequest(ctx);
    }
  });

  it('a query builder reads in the request transaction, under its scope, before and after an ORM read made knex\'s', async () => {
    const { ctx, supplier } = await request(readOnly);
    try {
      const before = await ctx.em.createQueryBuilder(UserEntity).select('*').getResult();
      expect(before.map((u) => u.organization)).toEqual([supplier.orgId]);
      await ctx.em.find(UserEntity, {});
      expect(ctx.em.getTransactionContext()).not.toBeInstanceOf(LazyTransaction);
      expect(await ctx.em.getRepository(UserEntity).createQueryBuilder('u').getCount()).toBe(1);
    } finally {
      await endRequest(ctx);
    }
  });

  it('getConnection().execute and knex\'s raw statements given the transaction context run in it', async () => {
    const { ctx, supplier } = await request(readOnly);
    try {
      const [row] = await ctx.em.getConnection().execute<{ org: string }[]>(ORG, [], 'all', ctx.em.getTransactionContext());
      expect(row.org).toBe(supplier.orgId);
      const raw = (await ctx.em.getKnex().raw(ORG).transacting(ctx.em.getTransactionContext()!)) as { rows: { org: string }[] };
      expect(raw.rows[0].org).toBe(supplier.orgId);
    } finally {
      await endRequest(ctx);
    }
  });
});

it('a query builder acting for another organization in a query reads as that organization', async () => {
  const { ctx, retailer } = await request(true);
  try {
    const users = await actingAs(ctx, systemActor({ id: retailer.orgId, name: 'Retailer', kind: OrganizationKind.RETAILER }, 'review'), (as) =>
      as.em.createQueryBuilder(UserEntity).select('*').getResult());
    expect(users.map((u) => u.organization)).toEqual([retailer.orgId]);
  } finally {
    await endRequest(ctx);
  }
});

it('em.rollback() in a mutation rolls back what the ORM wrote in the request transaction', async () => {
  const { ctx, supplier } = await request(false);
  const [user] = await ctx.em.find(UserEntity, {});
  user.email = 'rolled-back@example.test';
  await ctx.em.flush();
  await ctx.em.rollback();
  await endRequest(ctx, { commit: false }).catch(() => undefined);
  const [stored] = await server.query<{ email: string }>('SELECT email FROM app_user WHERE organization_id = $1', [supplier.orgId]);
  expect(stored.email).toBe(supplier.email);
});
