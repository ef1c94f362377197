import {
  ApiKeysDocument,
  CreateApiKeyDocument,
  CreateItemDocument,
  CreateUserDocument,
  InvitePartnerDocument,
  ItemsDocument,
  LoginDocument,
  LogoutDocument,
  MeDocument,
  RevokeApiKeyDocument,
  SignUpDocument,
  UpsertInventoryDocument,
  UpsertSourcingRuleDocument,
} from '../../src/sdk/generated/graphql';
import { addUser, createItem, createLocation, expectError, PASSWORD, signUp, unique } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('sign-up and log-in', () => {
  it('signs up an organization with an ADMIN user and a working session', async () => {
    const email = `${unique('Founder')}@Example.test`;
    const { signUp: result } = await server.ok(SignUpDocument, {
      input: { organizationName: 'Fresh Foods', kind: 'RETAILER', email, password: PASSWORD },
    });
    expect(result.token).toMatch(/^sst_/);
    expect(result.user).toMatchObject({ email: email.toLowerCase(), role: 'ADMIN', organization: { name: 'Fresh Foods', kind: 'RETAILER' } });

    const { me } = await server.ok(MeDocument, {}, result.token);
    expect(me.id).toBe(result.user.id);

    const [row] = await server.query<{ password_hash: string }>('SELECT password_hash FROM app_user WHERE id = $1', [me.id]);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    const [session] = await server.query<{ token_hash: string }>('SELECT token_hash FROM session WHERE user_id = $1', [me.id]);
    expect(session.token_hash).not.toBe(result.token);
    expect(session.token_hash).toHaveLength(64);
  });

  it('logs in case-insensitively and refuses a wrong password or unknown email alike', async () => {
    const account = await signUp(server, 'SUPPLIER');
    const { login } = await server.ok(LoginDocument, { email: account.email.toUpperCase(), password: PASSWORD });
    expect(login.user.email).toBe(account.email);
    const wrong = await server.gql(LoginDocument, { email: account.email, password: 'not the password' });
    expect(expectError(wrong, 'UNAUTHENTICATED').message).toBe('Invalid email or password');
    const unknown = await server.gql(LoginDocument, { email: 'nobody@example.test', password: PASSWORD });
    expect(expectError(unknown, 'UNAUTHENTICATED').message).toBe('Invalid email or password');
  });

  it('validates sign-up input and writes nothing on failure', async () => {
    const before = await server.query<{ n: string }>('SELECT count(*) AS n FROM organization');
    const cases = [
      [{ organizationName: '', kind: 'RETAILER', email: 'a@example.test', password: PASSWORD }, 'input.organizationName'],
      [{ organizationName: 'X', kind: 'RETAILER', email: 'not-an-email', password: PASSWORD }, 'input.email'],
      [{ organizationName: 'X', kind: 'RETAILER', email: 'b@example.test', password: 'short' }, 'input.password'],
    ] as const;
    for (const [input, field] of cases) {
      expectError(await server.gql(SignUpDocument, { input }), 'BAD_USER_INPUT', field);
    }
    const taken = await signUp(server, 'RETAILER');
    const duplicate = await server.gql(SignUpDocument, { input: { organizationName: 'Copycat', kind: 'RETAILER', email: taken.email, password: PASSWORD } });
    expectError(duplicate, 'BAD_USER_INPUT', 'input.email');
    const after = await server.query<{ n: string }>('SELECT count(*) AS n FROM organization');
    expect(Number(after[0].n)).toBe(Number(before[0].n) + 1); // only `taken`
  });

  it('refuses expired, revoked and malformed session tokens', async () => {
    const account = await signUp(server, 'RETAILER');
    await server.query(`UPDATE session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [account.userId]);
    expect(expectError(await server.gql(MeDocument, {}, account.token), 'UNAUTHENTICATED').message).toMatch(/expired/);

    const { login } = await server.ok(LoginDocument, { email: account.email, password: PASSWORD });
    await server.ok(MeDocument, {}, login.token);
    await server.ok(LogoutDocument, {}, login.token);
    expect(expectError(await server.gql(MeDocument, {}, login.token), 'UNAUTHENTICATED').message).toMatch(/revoked/);

    expectError(await server.gql(MeDocument, {}, 'sst_forged'), 'UNAUTHENTICATED');
    expectError(await server.gql(MeDocument, {}, 'garbage'), 'UNAUTHENTICATED');
  });

  it('serves a session from its cache, yet stops it on every instance as soon as it is revoked', async () => {
    const account = await signUp(server, 'RETAILER');
    const sibling = await server.sibling();
    try {
      const { login } = await server.ok(LoginDocument, { email: account.email, password: PASSWORD });
      const { createApiKey } = await server.ok(CreateApiKeyDocument, { input: { name: 'reader', scopes: ['read'] } }, login.token);
      for (const instance of [server, sibling]) {
        await instance.ok(MeDocument, {}, login.token);
        await instance.ok(ItemsDocument, {}, createApiKey.secret);
      }
      // Accepted moments ago: no lookup.
      server.statements.length = 0;
      await server.ok(MeDocument, {}, login.token);
      await server.ok(ItemsDocument, {}, createApiKey.secret);
      expect(server.statements.filter((s) => /auth_session|auth_api_key/.test(s))).toEqual([]);

      await server.ok(RevokeApiKeyDocument, { id: createApiKey.apiKey.id }, login.token);
      await server.ok(LogoutDocument, {}, login.token);
      for (const instance of [server, sibling]) {
        expect(expectError(await instance.gql(MeDocument, {}, login.token), 'UNAUTHENTICATED').message).toMatch(/revoked/);
        expect(expectError(await instance.gql(ItemsDocument, {}, createApiKey.secret), 'UNAUTHENTICATED').message).toMatch(/revoked/);
      }
    } finally {
      await sibling.close();
    }
  });

  it('gives sessions the configured lifetime', async () => {
    const short = await startTestServer({ SESSION_TTL_MINUTES: '5' });
    try {
      const account = await signUp(short, 'RETAILER');
      const [row] = await short.query<{ minutes: number }>(
        `SELECT round(extract(epoch FROM expires_at - created_at) / 60)::int AS minutes FROM session WHERE user_id = $1`,
        [account.userId],
      );
      expect(row.minutes).toBe(5);
    } finally {
      await short.close();
    }
  });

  it('answers UNAUTHENTICATED to every protected operation without a credential', async () => {
    expectError(await server.gql(MeDocument, {}), 'UNAUTHENTICATED');
    expectError(await server.gql(ItemsDocument, {}), 'UNAUTHENTICATED');
    expectError(await server.gql(CreateItemDocument, { input: { sku: 'A', name: 'A', unitPrice: '1.00' } }), 'UNAUTHENTICATED');
  });
});

describe('roles', () => {
  it('lets ADMIN add users with roles of its organization kind only', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const buyer = await addUser(server, retailer, 'BUYER');
    expect((await server.ok(MeDocument, {}, buyer.token)).me.role).toBe('BUYER');
    const wrongKind = await server.gql(CreateUserDocument, { input: { email: `${unique('rep')}@example.test`, password: PASSWORD, role: 'SUPPLIER_REP' } }, retailer.token);
    expectError(wrongKind, 'BAD_USER_INPUT', 'input.role');
    const notAdmin = await server.gql(CreateUserDocument, { input: { email: `${unique('x')}@example.test`, password: PASSWORD, role: 'PLANNER' } }, buyer.token);
    expectError(notAdmin, 'FORBIDDEN');
  });

  it('enforces the role of each retailer user', async () => {
    const admin = await signUp(server, 'RETAILER');
    const buyer = await addUser(server, admin, 'BUYER');
    const planner = await addUser(server, admin, 'PLANNER');
    const supplier = await signUp(server, 'SUPPLIER');

    // PLANNER manages items; BUYER does not.
    await createItem(server, planner.token);
    expectError(await server.gql(CreateItemDocument, { input: { sku: unique('S'), name: 'n', unitPrice: '1' } }, buyer.token), 'FORBIDDEN');
    // BUYER manages sourcing rules; PLANNER does not.
    const item = await createItem(server, admin.token);
    const rule = { itemId: item.id, supplierId: supplier.orgId, priority: 1, quotedLeadTimeDays: 3, unitCost: '1.00' };
    expectError(await server.gql(UpsertSourcingRuleDocument, { input: rule }, planner.token), 'FORBIDDEN');
    expectError(await server.gql(UpsertSourcingRuleDocument, { input: rule }, buyer.token), 'BAD_USER_INPUT', 'input.supplierId');
    // Suppliers cannot touch a retailer's catalog at all.
    expectError(await server.gql(CreateItemDocument, { input: { sku: unique('S'), name: 'n', unitPrice: '1' } }, supplier.token), 'FORBIDDEN');
    // Every retailer role reads.
    for (const account of [admin, buyer, planner]) {
      expect((await server.ok(ItemsDocument, {}, account.token)).items.totalCount).toBe(2);
    }
  });
});

describe('API keys', () => {
  it('shows the secret once, stores only its hash, and enforces scopes', async () => {
    const admin = await signUp(server, 'RETAILER');
    const location = await createLocation(server, admin.token);
    const item = await createItem(server, admin.token);
    const { createApiKey } = await server.ok(CreateApiKeyDocument, { input: { name: 'WMS feed', scopes: ['inventory:write'] } }, admin.token);
    expect(createApiKey.secret).toMatch(/^ssk_/);
    expect(createApiKey.apiKey.lastUsedAt).toBeNull();
    const [stored] = await server.query<{ secret_hash: string }>('SELECT secret_hash FROM api_key WHERE id = $1', [createApiKey.apiKey.id]);
    expect(stored.secret_hash).not.toContain(createApiKey.secret);

    const key = createApiKey.secret;
    const write = await server.ok(UpsertInventoryDocument, { input: { positions: [{ itemId: item.id, locationId: location.id, onHand: 5 }] } }, key);
    // The mutation's own result is readable with the scope that allowed it.
    expect(write.upsertInventory[0]).toMatchObject({ onHand: 5, item: { sku: item.sku }, location: { code: location.code } });
    expect(expectError(await server.gql(ItemsDocument, {}, key), 'FORBIDDEN').message).toMatch(/"read" scope/);
    expectError(await server.gql(CreateItemDocument, { input: { sku: unique('S'), name: 'n', unitPrice: '1' } }, key), 'FORBIDDEN');

    const { apiKeys } = await server.ok(ApiKeysDocument, {}, admin.token);
    expect(apiKeys).toHaveLength(1);
    expect(apiKeys[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(apiKeys)).not.toContain(key);
  });

  it('acts with the INTEGRATION role and cannot manage keys or users', async () => {
    const admin = await signUp(server, 'SUPPLIER');
    const { createApiKey } = await server.ok(CreateApiKeyDocument, { input: { name: 'EDI', scopes: ['read', 'orders:confirm'] } }, admin.token);
    const { me } = await server.ok(MeDocument, {}, createApiKey.secret);
    expect(me).toMatchObject({ role: 'INTEGRATION', organization: { id: admin.orgId } });
    expectError(await server.gql(CreateApiKeyDocument, { input: { name: 'more', scopes: ['read'] } }, createApiKey.secret), 'FORBIDDEN');
    // Nor partners, whatever its scopes: a leaked key must not cut off data sharing.
    const retailer = await signUp(server, 'RETAILER');
    const { createApiKey: retailerKey } = await server.ok(CreateApiKeyDocument, { input: { name: 'sync', scopes: ['read', 'sourcing:write'] } }, retailer.token);
    expectError(await server.gql(InvitePartnerDocument, { input: { supplierId: admin.orgId } }, retailerKey.secret), 'FORBIDDEN');
  });

  it('rejects unknown scopes and refuses a revoked key immediately', async () => {
    const admin = await signUp(server, 'RETAILER');
    expectError(await server.gql(CreateApiKeyDocument, { input: { name: 'k', scopes: ['read', 'root'] } }, admin.token), 'BAD_USER_INPUT', 'input.scopes[1]');
    expectError(await server.gql(CreateApiKeyDocument, { input: { name: 'k', scopes: [] } }, admin.token), 'BAD_USER_INPUT', 'input.scopes');
    const { createApiKey } = await server.ok(CreateApiKeyDocument, { input: { name: 'reader', scopes: ['read'] } }, admin.token);
    await server.ok(ItemsDocument, {}, createApiKey.secret);
    const { revokeApiKey } = await server.ok(RevokeApiKeyDocument, { id: createApiKey.apiKey.id }, admin.token);
    expect(revokeApiKey.revokedAt).not.toBeNull();
    expect(expectError(await server.gql(ItemsDocument, {}, createApiKey.secret), 'UNAUTHENTICATED').message).toMatch(/revoked/);

    const other = await signUp(server, 'RETAILER');
    expectError(await server.gql(RevokeApiKeyDocument, { id: createApiKey.apiKey.id }, other.token), 'NOT_FOUND');
    expectError(await server.gql(RevokeApiKeyDocument, { id: 'not-a-uuid' }, other.token), 'NOT_FOUND');
  });
});
