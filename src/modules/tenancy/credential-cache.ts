import type { Caller } from '../../core/caller';

interface Entry {
  caller: Caller;
  /** Date.now() past which the entry is not used: the cache's time to live, or the session's expiry when sooner. */
  until: number;
}

/**
 * Callers of recently checked credentials, by the credential's hash, so a
 * client sending many requests costs one credential lookup per few seconds
 * instead of one per request (a round trip and a pooled connection before
 * any data; measured 10-15% of a small query's time).
 *
 * Revocation still stops a credential at once: the revoking instance forgets
 * it before its response is sent, and every other instance when the
 * revocation's NOTIFY arrives (CredentialWatch, the same announcement that
 * closes WebSocket connections). The cache serves only while that
 * announcement can reach it: not at all before the LISTEN connection is up or
 * while it is down, and it starts empty after a reconnect. A lookup that was
 * under way when something was forgotten is not stored (it may have read the
 * row before the revocation). The time to live bounds the one case no
 * announcement covers: a revocation whose NOTIFY could not be sent.
 * Only accepted credentials are kept; a refused one is looked up every time.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private live: () => boolean = () => false;

  constructor(private readonly options: { ttlMs: number; maxEntries: number } = { ttlMs: 5_000, maxEntries: 10_000 }) {}

  /** Serve only while `live()` says revocations reach this instance (the LISTEN connection is up). */
  follow(live: () => boolean): void {
    this.live = live;
  }

  /** The caller of the credential with this hash, if it was accepted moments ago and nothing has revoked it since. */
  get(hash: string): Caller | undefined {
    if (!this.live()) return undefined;
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.caller;
  }

  /** Taken before a lookup, handed back to `remember`: a lookup that overlapped a revocation is not stored. */
  ticket(): number {
    return this.generation;
  }

  /** Keeps an accepted credential's caller until the time to live or `expiresAt` (a session's expiry), whichever is first. */
  remember(hash: string, caller: Caller, ticket: number, expiresAt = Infinity): void {
    if (ticket !== this.generation || !this.live()) return;
    if (this.entries.size >= this.options.maxEntries) this.entries.clear();
    this.entries.set(hash, { caller: Object.freeze({ ...caller }), until: Math.min(Date.now() + this.options.ttlMs, expiresAt) });
  }

  /** The credential ("session:<id>", "apiKey:<id>") is revoked or expired: never served from here again. */
  forget(credential: string): void {
    this.generation++;
    for (const [hash, entry] of this.entries) if (entry.caller.credential === credential) this.entries.delete(hash);
  }

  /** Forgets everything (after the LISTEN connection was lost, announcements may have been missed). */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
