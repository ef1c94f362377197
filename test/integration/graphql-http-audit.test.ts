import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Clients on their defaults (issue 15): the GraphQL-over-HTTP
 * specification's own audits (graphql-http's serverAudits), and queries sent
 * as GET with a preflight header, as urql and Apollo Client can send them.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('passes every MUST and SHOULD audit of the GraphQL over HTTP specification', async () => {
  const failures: string[] = [];
  const audits = serverAudits({ url: server.url, fetchFn: fetch }).filter((audit) => /^(MUST|SHOULD) /.test(audit.name));
  expect(audits.length).toBeGreaterThan(30);
  for (const audit of audits) {
    const result = await audit.fn();
    if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
  }
  expect(failures).toEqual([]);
});

it('answers a request error 400 as application/graphql-response+json and 200 as application/json, the error in the body either way', async () => {
  const ask = async (accept: string) => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query: '{ nope }' }) });
    return { status: res.status, type: res.headers.get('content-type'), code: ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code };
  };
  expect(await ask('application/graphql-response+json')).toEqual({ status: 400, type: 'application/graphql-response+json; charset=utf-8', code: 'GRAPHQL_VALIDATION_FAILED' });
  expect(await ask('application/json')).toEqual({ status: 200, type: 'application/json; charset=utf-8', code: 'GRAPHQL_VALIDATION_FAILED' });
});

it('serves queries over GET to a client that sends a preflight header, and refuses GET without one (CSRF) with a message saying which', async () => {
  const url = `${server.url}?query=${encodeURIComponent('{ __typename }')}`;
  const withHeader = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
  expect(withHeader.status).toBe(200);
  expect(await withHeader.json()).toEqual({ data: { __typename: 'Query' } });
  const operationName = await fetch(`${server.url}?query=${encodeURIComponent('query Q { __typename }')}&operationName=Q`, { headers: { 'x-apollo-operation-name': 'Q' } });
  expect(operationName.status).toBe(200);
  const bare = await fetch(url);
  expect(bare.status).toBe(400);
  expect(await bare.text()).toMatch(/apollo-require-preflight/);
  const mutation = await fetch(`${server.url}?query=${encodeURIComponent('mutation { logout }')}`, { headers: { 'apollo-require-preflight': 'true' } });
  expect(mutation.status).toBe(405);
});
