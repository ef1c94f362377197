import { request } from 'node:http';
import { signUp } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The common GraphQL request (a POST of a JSON body with its length) is
 * answered without Express (src/server/graphql-post.ts); a body sent in
 * chunks (no Content-Length) still goes through Express. Both must answer the
 * same: data, errors, status, headers that matter.
 */
let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = (await signUp(server, 'RETAILER')).token;
});
afterAll(() => server.close());

/** POSTs `body` with its length declared (plain path) or in chunks without one (Express). */
function post(body: string, chunked: boolean, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': Buffer.byteLength(body) }), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    if (chunked) {
      req.write(body.slice(0, 5));
      req.end(body.slice(5));
    } else req.end(body);
  });
}

it('answers alike with and without Express: data, errors, malformed JSON, request ids', async () => {
  const auth = { authorization: `Bearer ${token}` };
  const cases: [string, Record<string, string>][] = [
    [JSON.stringify({ query: '{ me { organization { kind } } }' }), auth],
    [JSON.stringify({ query: '{ purchaseOrders(first: "x") { totalCount } }' }), auth],
    [JSON.stringify({ query: 'query A { me { id } } query B { me { id } }' }), auth],
    [JSON.stringify({ query: '{ me { id } }' }), {}],
    ['{"query": ', auth],
    ['"just a string"', auth],
    [JSON.stringify({ query: `{ shortageRisks(filter: { levels: [${Array.from({ length: 12_000 }, () => 'OK').join(',')}] }) { totalCount } }` }), {}],
  ];
  for (const [body, headers] of cases) {
    const plain = await post(body, false, { ...headers, 'x-request-id': 'same-id' });
    const viaExpress = await post(body, true, { ...headers, 'x-request-id': 'same-id' });
    expect({ status: plain.status, body: plain.body, type: plain.headers['content-type'], id: plain.headers['x-request-id'] }).toEqual({
      status: viaExpress.status,
      body: viaExpress.body,
      type: viaExpress.headers['content-type'],
      id: viaExpress.headers['x-request-id'],
    });
    expect(plain.headers['x-request-id']).toBe('same-id');
  }
  const me = await post(JSON.stringify({ query: '{ me { organization { kind } } }' }), false, auth);
  expect(JSON.parse(me.body)).toEqual({ data: { me: { organization: { kind: 'RETAILER' } } } });
  expect(me.headers['cache-control']).toBe('no-store');
  // Which path answered: Express's res.send adds an ETag, the plain path does not.
  expect(me.headers.etag).toBeUndefined();
  expect((await post(JSON.stringify({ query: '{ me { organization { kind } } }' }), true, auth)).headers.etag).toBeDefined();
});
