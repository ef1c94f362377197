import type { Caller } from '../../src/core/caller';
import { OrganizationKind, Role } from '../../src/core/tenancy.enums';
import { CredentialCache } from '../../src/modules/tenancy/credential-cache';

const caller = (credential: string): Caller => ({
  type: 'user',
  id: 'u',
  organizationId: 'o',
  organizationKind: OrganizationKind.RETAILER,
  organizationName: 'O',
  role: Role.ADMIN,
  scopes: null,
  actor: 'a (O)',
  credential,
});

describe('CredentialCache', () => {
  it('serves only while revocations can reach it', () => {
    const cache = new CredentialCache();
    cache.remember('h', caller('session:1'), cache.ticket());
    expect(cache.get('h')).toBeUndefined();
    let live = true;
    cache.follow(() => live);
    cache.remember('h', caller('session:1'), cache.ticket());
    expect(cache.get('h')?.credential).toBe('session:1');
    live = false;
    expect(cache.get('h')).toBeUndefined();
  });

  it('forgets a revoked credential, and does not store a lookup that overlapped the revocation', () => {
    const cache = new CredentialCache();
    cache.follow(() => true);
    cache.remember('h1', caller('session:1'), cache.ticket());
    cache.remember('h2', caller('session:2'), cache.ticket());
    const ticket = cache.ticket();
    cache.forget('session:1');
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toBeDefined();
    cache.remember('h1', caller('session:1'), ticket);
    expect(cache.get('h1')).toBeUndefined();
  });

  it('keeps an entry no longer than its time to live or the session expiry', () => {
    const cache = new CredentialCache({ ttlMs: 60_000, maxEntries: 10 });
    cache.follow(() => true);
    cache.remember('h', caller('session:1'), cache.ticket(), Date.now() - 1);
    expect(cache.get('h')).toBeUndefined();
    const short = new CredentialCache({ ttlMs: -1, maxEntries: 10 });
    short.follow(() => true);
    short.remember('h', caller('session:1'), short.ticket());
    expect(short.get('h')).toBeUndefined();
  });
});
