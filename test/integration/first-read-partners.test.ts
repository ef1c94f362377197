import { systemActor } from '../../src/core/caller';
import { createContext, type AuthedContext } from '../../src/core/context';
import { OrganizationKind } from '../../src/core/tenancy.enums';
import { actingAs, beginRequest, endRequest } from '../../src/core/transaction';
import { initOrm, type Orm } from '../../src/db/orm';
import { createLogger } from '../../src/logger';
import { deferredOf } from '../../src/shared/deferred-transaction';
import { Params, sql } from '../../src/shared/sql';
import { LeadTimeStatsDocument } from '../../src/sdk/generated/graphql';
import { createOrder, expectError, partner, signUp, tradingPair, type Account } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * A retailer's read learns its partners with its first statement (app_enter
 * as that statement's prelude, DeferredConnection): whatever that statement
 * is (several side by side, one that fails, one that locks, a long list with
 * two preludes, one acting for another organization first), every statement
 * runs under the retailer with its partners, and nothing is left on the
 * connection. One pooled connection, warmed so the prepared app_enter is
 * there (the path only runs then). Written by a fresh review, which found the
 * acting-for case: the retailer's own settings were not entered again after
 * the other organization's statement.
 */
let server: TestServer;
let orm: Orm;
beforeAll(async () => {
  server = await startTestServer();
  orm = await initOrm(server.databaseUrl, { poolMax: 1 });
});
afterAll(async () => {
  await orm.close();
  await server.close();
});

const ORG = `SELECT current_setting('app.organization_id', true) AS org, current_setting('app.partner_ids', true) AS partners`;
const actor = (id: string, kind: OrganizationKind) => systemActor({ id, name: kind, kind }, 'review');

async function retailerRead(retailerId: string) {
  const ctx = createContext({ em: orm.em, services: server.app.services, log: createLogger('silent') }, actor(retailerId, OrganizationKind.RETAILER)) as AuthedContext;
  await beginRequest(ctx, { readOnly: true });
  return ctx;
}

type Pair = { retailer: Account; supplier: Account };

/**
 * A retailer partnered with a supplier, the connection warmed, and fn in a read of the retailer's begun on it
 * (ended after fn, committed unless `commit: false`).
 */
async function inRetailerRead(fn: (ctx: AuthedContext, pair: Pair) => Promise<void>, options = { commit: true }): Promise<Pair & { ctx: AuthedContext }> {
  const supplier = await signUp(server, 'SUPPLIER');
  const retailer = await signUp(server, 'RETAILER');
  await partner(server, retailer, supplier);
  await warm(supplier.orgId);
  const ctx = await retailerRead(retailer.orgId);
  try {
    await fn(ctx, { retailer, supplier });
  } finally {
    await endRequest(ctx, options);
  }
  return { ctx, retailer, supplier };
}

/** Prepares ss_app_enter on the one pooled connection (a supplier's read learns its partners through it first). */
async function warm(supplierId: string) {
  const ctx = createContext({ em: orm.em, services: server.app.services, log: createLogger('silent') }, actor(supplierId, OrganizationKind.SUPPLIER)) as AuthedContext;
  await beginRequest(ctx, { readOnly: true });
  await sql(ctx.em, 'SELECT 1 AS x');
  await endRequest(ctx);
}

const flag = (ctx: AuthedContext) => (deferredOf(ctx.em) as unknown as { enterWithFirstRead: boolean }).enterWithFirstRead;

it('first statements in parallel: each under the retailer, its partners learned', async () => {
  await inRetailerRead(async (ctx, { retailer, supplier }) => {
    // Opened: app_enter is prepared on the connection, so it waits for the first read (and goes with it).
    await deferredOf(ctx.em)!.open();
    expect(flag(ctx)).toBe(true);
    const rows = await Promise.all([0, 1, 2, 3].map(() => sql<{ org: string; partners: string }>(ctx.em, ORG)));
    expect(flag(ctx)).toBe(false);
    expect(rows.map((r) => r[0])).toEqual([0, 1, 2, 3].map(() => ({ org: retailer.orgId, partners: supplier.orgId })));
    expect(ctx.scope.partnerIds).toEqual([supplier.orgId]);
  });
  // Nothing left on the connection for the next user.
  const anon = createContext({ em: orm.em, services: server.app.services, log: createLogger('silent') }, null);
  await beginRequest(anon, { readOnly: true });
  try {
    expect(await sql(anon.em, ORG)).toEqual([{ org: '', partners: '' }]);
  } finally {
    await endRequest(anon);
  }
});

it('first statement fails: the next statements still run under the retailer, partners known', async () => {
  await inRetailerRead(async (ctx, { retailer, supplier }) => {
    await expect(sql(ctx.em, 'SELECT 1/0 AS x')).rejects.toThrow(/division by zero/);
    expect(ctx.scope.partnerIds).toEqual([supplier.orgId]);
    expect(await sql(ctx.em, ORG)).toEqual([{ org: retailer.orgId, partners: supplier.orgId }]);
  });
});

it('first statement writes/locks: it turns into a transaction that entered the retailer and learned its partners', async () => {
  await inRetailerRead(async (ctx, { retailer, supplier }) => {
    expect(await sql(ctx.em, `SELECT count(pg_advisory_xact_lock(42)) AS n, current_setting('app.organization_id', true) AS org`)).toEqual([{ n: '1', org: retailer.orgId }]);
    expect(ctx.scope.partnerIds).toEqual([supplier.orgId]);
    expect(await sql(ctx.em, ORG)).toEqual([{ org: retailer.orgId, partners: supplier.orgId }]);
  });
});

it('a retailer\'s read acting for its supplier, whose first statement writes, before any statement of its own: its own scope after it', async () => {
  await inRetailerRead(
    async (ctx, { retailer, supplier }) => {
      const inView = await actingAs(ctx, actor(supplier.orgId, OrganizationKind.SUPPLIER), async (as) => {
        // One statement that writes (a set_config, a lock, an insert), reading its scope as it runs.
        return sql(as.em, `SELECT set_config('app.review', 'x', true) AS set, current_setting('app.organization_id', true) AS org`);
      });
      expect(flag(ctx)).toBe(false);
      expect(inView).toEqual([{ set: 'x', org: supplier.orgId }]);
      // The request's own statements: under the retailer again.
      expect(await sql(ctx.em, ORG)).toEqual([{ org: retailer.orgId, partners: supplier.orgId }]);
    },
    { commit: false },
  );
});

it('leadTimeStats: a retailer asks about a supplier whose partnership was suspended: NOT_FOUND', async () => {
  const pair = await tradingPair(server);
  const ask = () => server.gql(LeadTimeStatsDocument, { supplierId: pair.supplier.orgId, itemId: pair.item.id }, pair.retailer.token);
  for (let i = 0; i < 3; i++) expect((await ask()).errors).toBeUndefined();
  await server.query(`UPDATE partnership SET status = 'SUSPENDED' WHERE retailer_id = $1 AND supplier_id = $2`, [pair.retailer.orgId, pair.supplier.orgId]);
  for (let i = 0; i < 3; i++) expectError(await ask(), 'NOT_FOUND', 'supplierId');
});

it('first statement with a long list (custom plans, two preludes): under the retailer, partners learned, plan mode restored', async () => {
  await inRetailerRead(async (ctx, { retailer, supplier }) => {
    const ids = Array.from({ length: 100 }, (_, i) => i);
    const rows = await sql(ctx.em, `SELECT cardinality($1::int[]) AS n, current_setting('app.organization_id', true) AS org, current_setting('plan_cache_mode') AS mode`, [ids]);
    expect(rows).toEqual([{ n: 100, org: retailer.orgId, mode: 'auto' }]);
    expect(ctx.scope.partnerIds).toEqual([supplier.orgId]);
    expect(await sql(ctx.em, `${ORG}, current_setting('plan_cache_mode') AS mode`)).toEqual([{ org: retailer.orgId, partners: supplier.orgId, mode: 'force_generic_plan' }]);
  });
});

it('a scope that knew its partners learns them afresh with its next read\'s first statement (a partnership suspended in between)', async () => {
  const { ctx, retailer, supplier } = await inRetailerRead(async (first, { retailer, supplier }) => {
    expect(await sql(first.em, ORG)).toEqual([{ org: retailer.orgId, partners: supplier.orgId }]);
  });
  await server.query(`UPDATE partnership SET status = 'SUSPENDED' WHERE retailer_id = $1 AND supplier_id = $2`, [retailer.orgId, supplier.orgId]);
  // The same context and scope, a second read: its partners as of this read, in JavaScript and in PostgreSQL.
  await beginRequest(ctx, { readOnly: true });
  try {
    expect(await sql(ctx.em, ORG)).toEqual([{ org: retailer.orgId, partners: '' }]);
    expect(ctx.scope.partnerIds).toEqual([]);
  } finally {
    await endRequest(ctx);
  }
});

it("a supplier's first statement that locks, written before its partners are known, learns them with its BEGIN and sees exactly its ACTIVE partners' rows", async () => {
  const pair = await tradingPair(server);
  const mine = await createOrder(server, pair, [{ quantity: 5 }]);
  const other = await tradingPair(server);
  const theirs = await createOrder(server, other, [{ quantity: 5 }]);
  const lockOrders = async (ctx: AuthedContext) => {
    const p = new Params();
    const rule = ctx.scope.where('purchaseOrder', 'po', p);
    const text = `SELECT po.id FROM purchase_order po WHERE ${rule} AND po.id = ANY(${p.add([mine.id, theirs.id])}::uuid[]) FOR UPDATE OF po`;
    return { text, values: p.values, rows: await sql<{ id: string }>(ctx.em, text, p.values) };
  };
  // Twice: the first time prepares BEGIN and app_enter on the one pooled connection; the second sends them in front of the lock.
  for (let round = 0; round < 2; round++) {
    const ctx = createContext({ em: orm.em, services: server.app.services, log: createLogger('silent') }, actor(pair.supplier.orgId, OrganizationKind.SUPPLIER)) as AuthedContext;
    await beginRequest(ctx, { pipelined: true, onFirstUse: true });
    expect(ctx.scope.entered).toBe(false);
    try {
      const { text, values, rows } = await lockOrders(ctx);
      expect(rows.map((r) => r.id)).toStrictEqual([mine.id]);
      expect(ctx.scope.partnerIds).toEqual([pair.retailer.orgId]);
      // The same statement with no scope entered (the owner's connection, no settings, no row-level security): the rule finds no partner.
      if (round === 1) expect(await server.query(text.replace(' FOR UPDATE OF po', ''), values)).toEqual([]);
    } finally {
      await endRequest(ctx, { commit: false });
    }
  }
});
