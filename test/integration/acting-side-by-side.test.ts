import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createOrder, inDays, partner, signUp, sourcingRule, supplierOfTwoRetailers, supplierRequest } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { systemActor } from '../../src/core/caller';
import type { AuthedContext } from '../../src/core/context';
import { OrganizationKind } from '../../src/core/tenancy.enums';
import { actingAs, endRequest } from '../../src/core/transaction';
import { sql } from '../../src/shared/sql';

/**
 * Acting for another organization inside a query (a supplier's projection,
 * read as its retailer) while the query's other fields run side by side on
 * the same connection: each statement runs under the scope of the field that
 * sent it. Before scopes per statement, the projection switched the whole
 * connection to the retailer, and a supplier's order list over two retailers
 * answered the other retailer's orders as null.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const world = () => supplierOfTwoRetailers(server);

const SIDE_BY_SIDE = parse(`
  query SideBySide($item0: ID!, $location0: ID!, $item1: ID!, $location1: ID!) {
    first: projectedInventory(itemId: $item0, locationId: $location0, horizonDays: 7) { date inbound }
    purchaseOrders(first: 50) { edges { node { id retailer { id } lines { id purchaseOrder { id } item { id } } } } }
    second: projectedInventory(itemId: $item1, locationId: $location1, horizonDays: 7) { date inbound }
    items(first: 50) { edges { node { id } } }
  }
`) as TypedDocumentNode<{
  first: { date: string; inbound: number }[];
  second: { date: string; inbound: number }[];
  purchaseOrders: { edges: { node: { id: string; retailer: { id: string }; lines: { id: string; purchaseOrder: { id: string }; item: { id: string } }[] } }[] };
  items: { edges: { node: { id: string } }[] };
}, Record<string, string>>;

describe('acting for a retailer beside other fields of the same query', () => {
  it('answers every field under its own scope: both retailers\' orders and items, both projections', async () => {
    const { supplier, retailers } = await world();
    const [a, b] = retailers;
    const variables = { item0: a.item.id, location0: a.location.id, item1: b.item.id, location1: b.location.id };
    // Several times: the fields' statements interleave differently from run to run.
    for (let run = 0; run < 5; run++) {
      const result = await server.gql(SIDE_BY_SIDE, variables, supplier.token);
      expect(result.errors).toBeUndefined();
      const data = result.data!;
      const orders = data.purchaseOrders.edges.map((e) => e.node);
      expect(orders.map((o) => o.id).sort()).toEqual([...a.orderIds, ...b.orderIds].sort());
      for (const order of orders) {
        const own = retailers.find((r) => r.orderIds.includes(order.id))!;
        expect(order.retailer.id).toBe(own.retailer.orgId);
        expect(order.lines.map((l) => [l.purchaseOrder.id, l.item.id])).toEqual([[order.id, own.item.id]]);
      }
      expect(data.items.edges.map((e) => e.node.id).sort()).toEqual([a.item.id, b.item.id].sort());
      // Hand-computed: the supplier's own confirmed lines, 10, 20 and 30 on days 3, 4 and 5, at each retailer.
      for (const series of [data.first, data.second]) {
        expect(series.map((d) => d.inbound)).toEqual([0, 0, 0, 10, 20, 30, 0]);
      }
    }
  });

  it('leaves the supplier\'s own scope in force after the projection: a later field still sees only its own', async () => {
    const { supplier, retailers } = await world();
    const [a] = retailers;
    const other = await signUp(server, 'SUPPLIER');
    await partner(server, a.retailer, other);
    await sourcingRule(server, a.retailer.token, { itemId: a.item.id, supplierId: other.orgId });
    const theirs = await createOrder(server, { retailer: a.retailer, supplier: other, item: a.item, location: a.location }, [{ quantity: 99, requestedDate: inDays(4) }]);
    const result = await server.gql(
      SIDE_BY_SIDE,
      { item0: a.item.id, location0: a.location.id, item1: a.item.id, location1: a.location.id },
      supplier.token,
    );
    expect(result.errors).toBeUndefined();
    const ids = result.data!.purchaseOrders.edges.map((e) => e.node.id);
    expect(ids).not.toContain(theirs.id);
    expect(ids.sort()).toEqual([...a.orderIds, ...retailers[1].orderIds].sort());
    // The other supplier's 99 is not this supplier's inbound.
    expect(result.data!.first.map((d) => d.inbound)).toEqual([0, 0, 0, 10, 20, 30, 0]);
  });
});

describe('a view on the request\'s connection (beginView), statement by statement', () => {
  const ORG = `SELECT current_setting('app.organization_id', true) AS org, current_setting('app.partner_ids', true) AS partners`;

  const request = (readOnly: boolean) => supplierRequest(server, readOnly);

  /** Both sides' statements given at once, alternately, many times: each reads its own scope's settings. */
  async function interleaved(ctx: AuthedContext, supplierId: string, retailerId: string, first?: (as: AuthedContext) => Promise<unknown>) {
    const retailer = systemActor({ id: retailerId, name: 'Retailer', kind: OrganizationKind.RETAILER }, 'view test');
    const own = () => sql<{ org: string; partners: string }>(ctx.em, ORG);
    const seen = await actingAs(ctx, retailer, async (as) => {
      await first?.(as);
      const beside = () => sql<{ org: string; partners: string }>(as.em, ORG);
      return Promise.all([own(), beside(), own(), beside(), beside(), own()]);
    });
    expect(seen.map((rows) => rows[0])).toEqual([
      { org: supplierId, partners: retailerId },
      { org: retailerId, partners: supplierId },
      { org: supplierId, partners: retailerId },
      { org: retailerId, partners: supplierId },
      { org: retailerId, partners: supplierId },
      { org: supplierId, partners: retailerId },
    ]);
    // And after it: the request's own scope.
    expect((await own())[0]).toEqual({ org: supplierId, partners: retailerId });
  }

  it('in a query (pipelined: each statement its own implicit transaction)', async () => {
    const { ctx, supplier, retailer } = await request(true);
    try {
      await interleaved(ctx, supplier.orgId, retailer.orgId);
    } finally {
      await endRequest(ctx);
    }
  });

  it('in a query that turned into a transaction (a statement that sets something), before and inside the view', async () => {
    const { ctx, supplier, retailer } = await request(true);
    try {
      await sql(ctx.em, `SELECT set_config('app.test_view', 'kept', true)`);
      await interleaved(ctx, supplier.orgId, retailer.orgId);
      // One transaction throughout: the setting made before the view holds after it.
      expect(await sql(ctx.em, `SELECT current_setting('app.test_view', true) AS v`)).toEqual([{ v: 'kept' }]);
    } finally {
      await endRequest(ctx, { commit: false });
    }
  });

  it('in a query that the view turned into a transaction (its statement sets something)', async () => {
    const { ctx, supplier, retailer } = await request(true);
    try {
      await interleaved(ctx, supplier.orgId, retailer.orgId, (as) => sql(as.em, `SELECT set_config('app.test_view', 'inside', true)`));
      expect(await sql(ctx.em, `SELECT current_setting('app.test_view', true) AS v`)).toEqual([{ v: 'inside' }]);
    } finally {
      await endRequest(ctx, { commit: false });
    }
  });
});
