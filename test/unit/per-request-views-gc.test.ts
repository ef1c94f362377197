import { HeaderMap, type BaseContext, type GraphQLRequestContext } from '@apollo/server';
import { APOLLO_VIEW_MODULE, makeView, useClassGatewayView } from '../../src/server/gateway-request-context';
import { toConnection } from '../../src/shared/connection';
import { compiled, promotedByScavenges } from '../support/scavenges';

/*
 * Two objects made for every request used to keep the whole request alive
 * through V8's scavenges (README, Session 26 under Side by side): a
 * connection's pageInfo, an object literal with cursor getters and setters
 * (toConnection), and Apollo's per-request view for our compiled executor,
 * whose response status is such an accessor pair. Each is now made with its
 * accessors on a class. Measured as found: in a child Node under
 * --trace-gc-nvp, 20,000 "requests" of 30 KB each, nothing kept between
 * them; the figure is what the scavenges promoted.
 */

const LIMIT = 100 * 1024;

const rowsOf = 'Array.from({ length: 300 }, (_, n) => ({ n, text: "row " + n }))';

describe('per-request views and the garbage collector', () => {
  it('a connection page (toConnection) leaves nothing the scavenges promote once read', () => {
    const { perScavenge, scavenges } = promotedByScavenges(`
      require('reflect-metadata');
      const { toConnection } = require(${JSON.stringify(compiled('src', 'shared', 'connection.js'))});
      let n = 0;
      for (let i = 0; i < 20000; i++) {
        const nodes = ${rowsOf};
        const c = toConnection({ nodes, hasNextPage: false, hasPreviousPage: false, cursorOf: (node) => String(node.n), count: async () => nodes.length });
        n += c.edges.length + (c.pageInfo.endCursor ? 1 : 0);
      }
    `);
    expect(scavenges).toBeGreaterThan(10);
    expect(perScavenge).toBeLessThan(LIMIT);
  });

  it("the gateway's view of a request leaves nothing the scavenges promote; Apollo's own did", () => {
    const loop = (setup: string) => `
      ${setup}
      const { HeaderMap } = require(${JSON.stringify(require.resolve('@apollo/server'))});
      const make = require(${JSON.stringify(APOLLO_VIEW_MODULE)});
      let n = 0;
      for (let i = 0; i < 20000; i++) {
        const of = { request: { query: '{ a }', http: { method: 'POST', headers: new HeaderMap(), search: '' } },
          response: { http: { headers: new HeaderMap(), status: undefined } }, contextValue: { rows: ${rowsOf} } };
        const view = make.makeGatewayGraphQLRequestContext(of, { logger: null, cache: null }, {});
        view.response.http.status = 200;
        n += view.context.rows.length + view.response.http.status;
      }
    `;
    const ours = promotedByScavenges(loop(`require(${JSON.stringify(compiled('src', 'server', 'gateway-request-context.js'))}).useClassGatewayView();`));
    const apollos = promotedByScavenges(loop(''));
    expect(ours.perScavenge).toBeLessThan(LIMIT);
    expect(apollos.perScavenge).toBeGreaterThan(LIMIT);
    expect(apollos.perScavenge).toBeGreaterThan(10 * ours.perScavenge);
  });
});

describe('the gateway view (gateway-request-context.ts) is the one Apollo would make', () => {
  const of = () =>
    ({
      request: { query: '{ a }', operationName: 'A', variables: { x: 1 }, http: { method: 'POST', headers: new HeaderMap([['accept', 'application/json']]), search: 'q=1' } },
      response: { http: { headers: new HeaderMap(), status: undefined } },
      contextValue: { caller: 'me' },
      schema: {},
      queryHash: 'hash',
      document: { kind: 'Document' },
      source: '{ a }',
      operationName: 'A',
      operation: { kind: 'OperationDefinition' },
      errors: undefined,
      metrics: {},
      overallCachePolicy: {},
      requestIsBatched: false,
    }) as unknown as GraphQLRequestContext<BaseContext>;
  const server = { logger: { name: 'log' }, cache: { name: 'cache' } };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const apollo = (require(APOLLO_VIEW_MODULE) as { makeGatewayGraphQLRequestContext: typeof makeView }).makeGatewayGraphQLRequestContext;

  it('has the same fields and values, headers and status included', () => {
    expect(apollo).not.toBe(makeView);
    const [a, b] = [of(), of()];
    const theirs = apollo(a, server, { includeStacktraceInErrorResponses: false });
    const ours = makeView(b, server, { includeStacktraceInErrorResponses: false });
    const plain = (view: ReturnType<typeof makeView>) => ({
      ...view,
      request: { ...view.request, http: view.request.http && { ...view.request.http, headers: [...view.request.http.headers] } },
      response: { http: { status: view.response.http.status, headers: [...view.response.http.headers] } },
    });
    expect(plain(ours)).toEqual(plain(theirs));
    expect(ours.request.http!.url).toBe('https://unknown-url.invalid/?q=1');
    expect(ours.request.http!.headers.get('accept')).toBe('application/json');
    expect(ours.request.http!.headers.get('missing')).toBeNull();
    ours.response.http.status = 418;
    ours.response.http.headers.append('x-a', '1');
    ours.response.http.headers.append('x-a', '2');
    expect(b.response.http.status).toBe(418);
    expect(b.response.http.headers.get('x-a')).toBe('1, 2');
    // What a spread or JSON of the view shows: never the request behind the status.
    expect(Object.keys(ours.response.http)).toEqual(['headers']);
  });

  it('is in place of Apollo\'s once the gateway is made (and Apollo still has the function where it is replaced)', () => {
    useClassGatewayView();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect((require(APOLLO_VIEW_MODULE) as { makeGatewayGraphQLRequestContext: unknown }).makeGatewayGraphQLRequestContext).toBe(makeView);
  });
});

describe('toConnection pageInfo', () => {
  it('makes cursors when read, and keeps a cursor set on it', () => {
    const page = { nodes: [{ n: 1 }, { n: 2 }], hasNextPage: true, hasPreviousPage: false, cursorOf: (node: { n: number }) => `c${node.n}`, count: async () => 2 };
    const c = toConnection(page);
    expect(c.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: 'c1', endCursor: 'c2' });
    expect(Object.keys(c.pageInfo)).toEqual(['hasNextPage', 'hasPreviousPage']);
    c.pageInfo.endCursor = 'kept';
    expect(c.pageInfo.endCursor).toBe('kept');
    const empty = toConnection({ ...page, nodes: [] });
    expect([empty.pageInfo.startCursor, empty.pageInfo.endCursor]).toEqual([null, null]);
  });
});
