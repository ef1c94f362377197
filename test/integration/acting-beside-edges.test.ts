import { partner, signUp } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { systemActor, type Caller } from '../../src/core/caller';
import { createContext, type AuthedContext } from '../../src/core/context';
import { OrganizationKind } from '../../src/core/tenancy.enums';
import { actingAs, beforeCommit, beginRequest, endRequest, inTransaction } from '../../src/core/transaction';
import { createLogger } from '../../src/logger';
import { sql } from '../../src/shared/sql';
import { notFound } from '../../src/shared/errors';

/**
 * Acting for another organization beside a query's other fields (actingBeside,
 * beginView), at its edges, from a fresh review: the acting function failing
 * while other statements are in flight, nested acting, a savepoint inside a
 * view and a view inside a savepoint, work left for the commit, two views at
 * once; the connection always goes back to the pool with no scope and no
 * open transaction.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const ORG = `SELECT current_setting('app.organization_id', true) AS org`;
type Row = { org: string };

interface PgLike { query(text: string): Promise<{ rows: Record<string, unknown>[] }> }
let released: PgLike[] = [];
beforeAll(() => {
  const client = server.orm.em.getConnection().getKnex().client as { releaseConnection(c: unknown): Promise<void> };
  const original = client.releaseConnection.bind(client);
  client.releaseConnection = (c: unknown) => {
    released.push(c as PgLike);
    return original(c);
  };
});

/** What the last connection the request gave back holds: its acting organization, and whether a transaction is open on it. */
async function lastReleasedState() {
  const c = released[released.length - 1];
  const { rows } = await c.query(`SELECT current_setting('app.organization_id', true) AS org, now() <> statement_timestamp() AS in_transaction`);
  return rows[0];
}

async function request(readOnly: boolean) {
  const supplier = await signUp(server, 'SUPPLIER');
  const retailer = await signUp(server, 'RETAILER');
  const second = await signUp(server, 'RETAILER');
  await partner(server, retailer, supplier);
  await partner(server, second, supplier);
  const caller = systemActor({ id: supplier.orgId, name: 'Supplier', kind: OrganizationKind.SUPPLIER }, 'review');
  const ctx = createContext({ em: server.orm.em, services: server.app.services, log: createLogger('silent') }, caller) as AuthedContext;
  await beginRequest(ctx, { readOnly });
  released = [];
  const retailerCaller: Caller = systemActor({ id: retailer.orgId, name: 'Retailer', kind: OrganizationKind.RETAILER }, 'review');
  const secondCaller: Caller = systemActor({ id: second.orgId, name: 'Second', kind: OrganizationKind.RETAILER }, 'review');
  return { ctx, supplier, retailer, second, caller, retailerCaller, secondCaller };
}

describe('the acting function fails while other fields are in flight', () => {
  for (const mode of ['pipelined', 'transaction'] as const) {
    it(`${mode}: the other fields answer under their own scope, and the connection goes back clean`, async () => {
      const { ctx, supplier, retailerCaller } = await request(true);
      if (mode === 'transaction') await sql(ctx.em, `SELECT set_config('app.review', 'x', true)`);
      const own = () => sql<Row>(ctx.em, ORG);
      const before = own();
      const acting = actingAs(ctx, retailerCaller, async (as) => {
        await sql(as.em, ORG);
        throw notFound('Thing');
      });
      const beside = [own(), own()];
      await expect(acting).rejects.toThrow('Thing not found');
      const after = own();
      for (const rows of await Promise.all([before, ...beside, after])) expect(rows[0].org).toBe(supplier.orgId);
      await endRequest(ctx);
      expect(await lastReleasedState()).toEqual({ org: '', in_transaction: false });
    });
  }

  it('pipelined: a statement of the acting function that fails (SQL error) does not fail the other fields', async () => {
    const { ctx, supplier, retailerCaller } = await request(true);
    const own = () => sql<Row>(ctx.em, ORG);
    const acting = actingAs(ctx, retailerCaller, (as) => sql(as.em, 'SELECT 1/0 AS x'));
    const beside = own();
    await expect(acting).rejects.toThrow(/division by zero/);
    expect((await beside)[0].org).toBe(supplier.orgId);
    expect((await own())[0].org).toBe(supplier.orgId);
    await endRequest(ctx);
    expect(await lastReleasedState()).toEqual({ org: '', in_transaction: false });
  });
});

describe('acting inside the view', () => {
  it('acting again inside the view (nested actingAs) runs under the nested scope', async () => {
    const { ctx, caller, retailer, retailerCaller } = await request(true);
    try {
      // Inside the retailer's view, act as the supplier again (or as anyone else): a switch on the view's EntityManager.
      const seen = await actingAs(ctx, retailerCaller, (as) => actingAs(as, { ...caller, actor: 'nested' } as Caller, (inner) => sql<Row>(inner.em, ORG)));
      expect({ nested: seen[0].org, retailer: retailer.orgId }).toEqual({ nested: caller.organizationId, retailer: retailer.orgId });
    } finally {
      await endRequest(ctx, { commit: false });
    }
  });

  it('a savepoint inside the view, rolled back, beside the request\'s statements', async () => {
    const { ctx, supplier, retailer, retailerCaller } = await request(true);
    const own = () => sql<Row>(ctx.em, ORG);
    const seen = await actingAs(ctx, retailerCaller, async (as) => {
      const ownSide: Promise<Row[]>[] = [];
      await inTransaction(as, async (tx) => {
        ownSide.push(own());
        const inside = sql<Row>(tx.em, ORG);
        ownSide.push(own());
        await inside;
        throw new Error('roll back to the savepoint');
      }).catch(() => undefined);
      ownSide.push(own());
      return { view: (await sql<Row>(as.em, ORG))[0].org, own: (await Promise.all(ownSide)).map((r) => r[0].org) };
    });
    expect(seen).toEqual({ view: retailer.orgId, own: [supplier.orgId, supplier.orgId, supplier.orgId] });
    expect((await own())[0].org).toBe(supplier.orgId);
    await endRequest(ctx);
    expect(await lastReleasedState()).toEqual({ org: '', in_transaction: false });
  });

  it('work the view leaves for the commit (beforeCommit) runs in the request\'s transaction, acting for the view\'s scope', async () => {
    const { ctx, retailer, retailerCaller } = await request(true);
    let atCommit: string | undefined = 'never ran';
    await actingAs(ctx, retailerCaller, async (as) => {
      await sql(as.em, ORG);
      beforeCommit(as, 'review', async () => {
        atCommit = (await sql<Row>(as.em, ORG))[0]?.org;
      });
    });
    await endRequest(ctx);
    expect(atCommit).toBe(retailer.orgId);
  });
});

describe('acting in a query inside inTransaction (a savepoint of the query\'s transaction)', () => {
  it('keeps the other fields\' statements under the request\'s scope', async () => {
    const { ctx, supplier, retailer, retailerCaller } = await request(true);
    const own = () => sql<Row>(ctx.em, ORG);
    try {
      const seen = await inTransaction(ctx, (tx) =>
        actingAs(tx, retailerCaller, async (as) => {
          const [mine, beside] = await Promise.all([sql<Row>(as.em, ORG), own()]);
          return { acting: mine[0].org, beside: beside[0].org };
        }),
      );
      expect(seen).toEqual({ acting: retailer.orgId, beside: supplier.orgId });
    } finally {
      await endRequest(ctx, { commit: false });
    }
  });
});

describe('two views at once over two retailers, with the connection turning into a transaction inside one of them', () => {
  it('each statement under its sender\'s scope', async () => {
    const { ctx, supplier, retailer, second, retailerCaller, secondCaller } = await request(true);
    const own = () => sql<Row>(ctx.em, ORG);
    const one = actingAs(ctx, retailerCaller, async (as) => {
      const a = sql<Row>(as.em, ORG);
      await sql(as.em, `SELECT set_config('app.review', 'x', true)`);
      return Promise.all([a, sql<Row>(as.em, ORG), sql<Row>(as.em, ORG)]);
    });
    const two = actingAs(ctx, secondCaller, async (as) => Promise.all([sql<Row>(as.em, ORG), sql<Row>(as.em, ORG), sql<Row>(as.em, ORG)]));
    const mine = Promise.all([own(), own(), own(), own()]);
    const [r1, r2, r3] = await Promise.all([one, two, mine]);
    expect(r1.map((r) => r[0].org)).toEqual([retailer.orgId, retailer.orgId, retailer.orgId]);
    expect(r2.map((r) => r[0].org)).toEqual([second.orgId, second.orgId, second.orgId]);
    expect(r3.map((r) => r[0].org)).toEqual([supplier.orgId, supplier.orgId, supplier.orgId, supplier.orgId]);
    expect((await own())[0].org).toBe(supplier.orgId);
    await endRequest(ctx);
    expect(await lastReleasedState()).toEqual({ org: '', in_transaction: false });
  });
});
