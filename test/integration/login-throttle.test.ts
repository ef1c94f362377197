import { createHash } from 'node:crypto';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { LoginDocument } from '../../src/sdk/generated/graphql';
import { expectError, PASSWORD, signUp, type Account } from '../support/factories';
import { startTestServer, type GqlResult, type TestServer } from '../support/server';

/**
 * Sign-in throttling (DESIGN.md "Bounds"): per account and per client
 * address, RATE_LIMITED with retryAfterSeconds, shared by every instance
 * through PostgreSQL. Each test acts from its own client address: the server
 * trusts the loopback proxy (TRUST_PROXY=loopback), so X-Forwarded-For names
 * the client, as behind a load balancer.
 */

const MAX_PER_ACCOUNT = 3;
const MAX_PER_ADDRESS = 5;
const LOCK_SECONDS = 600;
const ENV = {
  TRUST_PROXY: 'loopback',
  LOGIN_MAX_FAILURES_PER_ACCOUNT: String(MAX_PER_ACCOUNT),
  LOGIN_MAX_FAILURES_PER_ADDRESS: String(MAX_PER_ADDRESS),
  LOGIN_LOCK_SECONDS: String(LOCK_SECONDS),
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(ENV);
});
afterAll(() => server.close());

let addresses = 0;
/** A client address of its own (TEST-NET-3), so tests do not share the per-address count. */
const newAddress = () => `203.0.113.${++addresses}`;

const login = (email: string, password: string, address: string, on: TestServer = server) =>
  on.raw({ query: print(LoginDocument), variables: { email, password } }, { 'x-forwarded-for': address }) as Promise<
    GqlResult<{ login: { token: string } }>
  >;

const sessionsOf = async (account: Account) =>
  Number((await server.query<{ n: string }>('SELECT count(*) AS n FROM session WHERE user_id = $1', [account.userId]))[0].n);

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function expectRateLimited(result: GqlResult<unknown>) {
  const error = expectError(result, 'RATE_LIMITED');
  expect(error.message).toMatch(/too many failed sign-in attempts/i);
  const retryAfter = (error.extensions as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds as number;
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(LOCK_SECONDS - 30);
  expect(retryAfter).toBeLessThanOrEqual(LOCK_SECONDS);
  expect((result.data as { login?: unknown } | null | undefined)?.login ?? null).toBeNull();
  return retryAfter;
}

describe('per account', () => {
  it(`answers RATE_LIMITED with retryAfterSeconds after ${MAX_PER_ACCOUNT} wrong passwords, the right one too, and writes no session`, async () => {
    const account = await signUp(server, 'RETAILER');
    const address = newAddress();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      expectError(await login(account.email, 'not the password at all', address), 'UNAUTHENTICATED');
    }
    const sessions = await sessionsOf(account);
    expectRateLimited(await login(account.email, 'not the password at all', address));
    // The right password is refused while the account is locked: that is the point.
    expectRateLimited(await login(account.email, PASSWORD, address));
    // From anywhere: the count belongs to the account, not to the address.
    expectRateLimited(await login(account.email.toUpperCase(), PASSWORD, newAddress()));
    expect(await sessionsOf(account)).toBe(sessions);
  });

  it('lets no concurrent attempt slip past the limit', async () => {
    const account = await signUp(server, 'RETAILER');
    const address = newAddress();
    const results = await Promise.all(Array.from({ length: 10 }, () => login(account.email, 'wrong password here', address)));
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code).sort();
    expect(codes).toEqual([...Array(MAX_PER_ACCOUNT).fill('UNAUTHENTICATED'), ...Array(10 - MAX_PER_ACCOUNT).fill('RATE_LIMITED')].sort());
  });

  it('forgets the failures after a successful sign-in', async () => {
    const account = await signUp(server, 'SUPPLIER');
    for (let round = 0; round < 3; round++) {
      // A new address each round: a success gives the account a clean slate, not the address.
      const address = newAddress();
      // One failure short of the lock, every round: the success before it wiped the count.
      for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) expectError(await login(account.email, 'wrong password here', address), 'UNAUTHENTICATED');
      const ok = await login(account.email, PASSWORD, address);
      expect(ok.errors).toBeUndefined();
      expect(ok.data?.login.token).toMatch(/^sst_/);
    }
  });

  it('throttles an email nobody has, so that answers do not tell which accounts exist', async () => {
    const address = newAddress();
    const email = `nobody-${address}@example.test`;
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) expectError(await login(email, PASSWORD, address), 'UNAUTHENTICATED');
    expectRateLimited(await login(email, PASSWORD, address));
  });

  it('refuses a locked account over WebSocket too', async () => {
    const account = await signUp(server, 'RETAILER');
    const address = newAddress();
    for (let i = 0; i <= MAX_PER_ACCOUNT; i++) await login(account.email, 'wrong password here', address);
    const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    try {
      const result = await new Promise<GqlResult<unknown>>((resolve, reject) => {
        let value: GqlResult<unknown> = { status: 0 };
        client.subscribe(
          { query: print(LoginDocument), variables: { email: account.email, password: PASSWORD } },
          { next: (v) => (value = { status: 0, ...(v as object) }), error: reject, complete: () => resolve(value) },
        );
      });
      expectRateLimited(result);
    } finally {
      await client.dispose();
    }
  });
});

describe('per client address', () => {
  it(`answers RATE_LIMITED after ${MAX_PER_ADDRESS} failures from one address across different accounts`, async () => {
    const accounts = await Promise.all(Array.from({ length: MAX_PER_ADDRESS + 1 }, (_, i) => signUp(server, i % 2 ? 'RETAILER' : 'SUPPLIER')));
    const address = newAddress();
    // One failure per account: no account comes near its own limit.
    for (const account of accounts.slice(0, MAX_PER_ADDRESS)) {
      expectError(await login(account.email, 'one wrong guess each', address), 'UNAUTHENTICATED');
    }
    const last = accounts[MAX_PER_ADDRESS];
    const sessions = await sessionsOf(last);
    expectRateLimited(await login(last.email, PASSWORD, address));
    expect(await sessionsOf(last)).toBe(sessions);
    // The same account from another address: the account itself is not locked.
    const elsewhere = await login(last.email, PASSWORD, newAddress());
    expect(elsewhere.errors).toBeUndefined();
  });

  it('counts failed password checks only: successful sign-ins from a busy address never lock it', async () => {
    const account = await signUp(server, 'RETAILER');
    const address = newAddress();
    for (let i = 0; i < MAX_PER_ADDRESS * 2; i++) {
      expect((await login(account.email, PASSWORD, address)).errors).toBeUndefined();
    }
    // Short of both limits (the address has seen no failure before these).
    for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) expectError(await login(account.email, 'wrong password here', address), 'UNAUTHENTICATED');
    expect((await login(account.email, PASSWORD, address)).errors).toBeUndefined();
  });
});

describe('shared by every instance', () => {
  it('counts failures sent to two instances on one database together', async () => {
    const sibling = await server.sibling();
    try {
      const account = await signUp(server, 'RETAILER');
      const address = newAddress();
      for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
        expectError(await login(account.email, 'wrong password here', address, i % 2 ? sibling : server), 'UNAUTHENTICATED');
      }
      expectRateLimited(await login(account.email, PASSWORD, address, sibling));
      expectRateLimited(await login(account.email, PASSWORD, address, server));
    } finally {
      await sibling.close();
    }
  });
});

describe('storage', () => {
  it('keeps hashes only: no email and no address in the throttle table', async () => {
    const account = await signUp(server, 'SUPPLIER');
    const address = newAddress();
    await login(account.email, 'wrong password here', address);
    const rows = await server.query<{ key: string; points: number }>('SELECT key, points FROM login_throttle');
    expect(rows.map((r) => r.key).join(' ')).not.toContain(account.email);
    expect(rows.map((r) => r.key).join(' ')).not.toContain(address);
    expect(rows).toEqual(
      expect.arrayContaining([
        { key: `login_account:${sha256(account.email)}`, points: 1 },
        { key: `login_address:${sha256(address)}`, points: 1 },
      ]),
    );
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY says whose to believe', async () => {
    const untrusting = await server.sibling({ TRUST_PROXY: 'false' });
    try {
      const account = await signUp(server, 'RETAILER');
      const before = await server.query<{ points: number }>('SELECT points FROM login_throttle WHERE key = $1', [`login_address:${sha256('127.0.0.1')}`]);
      const forged = newAddress();
      expectError(await login(account.email, 'wrong password here', forged, untrusting), 'UNAUTHENTICATED');
      // Counted for the real peer (this test's loopback), not for the address the client claimed.
      const after = await server.query<{ points: number }>('SELECT points FROM login_throttle WHERE key = $1', [`login_address:${sha256('127.0.0.1')}`]);
      expect(after[0].points).toBe((before[0]?.points ?? 0) + 1);
      expect(await server.query('SELECT 1 FROM login_throttle WHERE key = $1', [`login_address:${sha256(forged)}`])).toEqual([]);
    } finally {
      await untrusting.close();
    }
  });
});
