import { CreateUserDocument, LoginDocument, SignUpDocument } from '../../src/sdk/generated/graphql';
import { expectError, signUp, unique } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/** Password rules (DESIGN.md "Bounds") on signUp and createUser: BAD_USER_INPUT on input.password, nothing written. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const WEAK: [password: string, reason: RegExp][] = [
  ['short', /at least 12 characters/],
  ['elevenchars', /at least 12 characters/],
  [' '.repeat(12), /not be only spaces/],
  ['          ', /at least 12 characters/], // the 10 spaces
  ['Password1234', /most common/],
  ['qwerty 123456', /most common/],
  ['x'.repeat(201), /at most 200 characters/],
];

const count = async (table: string) => Number((await server.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
const counts = async () => ({ organizations: await count('organization'), users: await count('app_user'), sessions: await count('session') });

it('refuses weak passwords at sign-up on input.password and writes nothing', async () => {
  const before = await counts();
  for (const [password, reason] of WEAK) {
    const email = `${unique('weak')}@example.test`;
    const result = await server.gql(SignUpDocument, { input: { organizationName: unique('Weak'), kind: 'RETAILER', email, password } });
    expect(expectError(result, 'BAD_USER_INPUT', 'input.password').message).toMatch(reason);
    expect(result.data?.signUp ?? null).toBeNull();
  }
  expect(await counts()).toEqual(before);
});

it('refuses weak passwords for a new user on input.password and writes nothing', async () => {
  const admin = await signUp(server, 'SUPPLIER');
  const before = await counts();
  for (const [password, reason] of WEAK) {
    const result = await server.gql(CreateUserDocument, { input: { email: `${unique('rep')}@example.test`, password, role: 'SUPPLIER_REP' } }, admin.token);
    expect(expectError(result, 'BAD_USER_INPUT', 'input.password').message).toMatch(reason);
  }
  expect(await counts()).toEqual(before);
});

it('accepts the demo password and a 12-character one', async () => {
  for (const password of ['shortstop-demo', 'twelve chars']) {
    const email = `${unique('fine')}@example.test`.toLowerCase();
    await server.ok(SignUpDocument, { input: { organizationName: unique('Fine'), kind: 'SUPPLIER', email, password } });
    const { login } = await server.ok(LoginDocument, { email, password });
    expect(login.user.email).toBe(email);
  }
});
