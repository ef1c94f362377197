import type { DailyTask } from '../../core/jobs';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActingOrganization } from '../../core/caller';
import type { Caller, AuthedContext, RequestContext } from '../../core/context';
import { becomeCaller, inTransaction } from '../../core/transaction';
import { newId } from '../../shared/ids';
import { badInput, unauthenticated } from '../../shared/errors';
import { violatedUniqueConstraint } from '../../shared/db-errors';
import { sql } from '../../shared/sql';
import { DEFAULT_TIME_ZONE, requireTimeZone } from '../../core/local-dates';
import {
  API_KEY_PREFIX,
  decoyPasswordHash,
  hashPassword,
  hashSecret,
  newSecret,
  SESSION_PREFIX,
  verifyPassword,
} from './credentials';
import { OrganizationEntity } from './organization.entity';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';
import { OrganizationKind, Role, ROLES_BY_KIND } from '../../core/tenancy.enums';
import type { LoginThrottle } from './login-throttle';
import { CredentialCache } from './credential-cache';

export interface AuthResult {
  token: string;
  user: UserEntity;
}

interface SignUpInput {
  organizationName: string;
  kind: OrganizationKind;
  email: string;
  password: string;
  timeZone?: string | null;
}

/** How often lastUsedAt of an API key is written at most: a write per request would be waste. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Sign-up, log-in, sessions and turning a presented credential into a Caller. */
export class AuthService {
  constructor(
    private readonly options: { sessionTtlMinutes: number },
    private readonly throttle: LoginThrottle,
    /** Recently accepted credentials (CredentialWatch keeps it clear of revoked ones); by default one that never serves. */
    private readonly cache: CredentialCache = new CredentialCache(),
  ) {}

  /**
   * Resolves an Authorization header value to a caller; `problem` says why a presented credential was refused.
   * `em`: an EntityManager, or how to make one, made only when the credential is not in the cache (the server
   * forked one for every request only to find its caller cached).
   */
  async authenticate(em: EntityManager | (() => EntityManager), authorization: string | undefined): Promise<{ caller: Caller | null; problem?: string }> {
    if (!authorization) return { caller: null };
    const emOnMiss = typeof em === 'function' ? em : () => em;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const token = match ? match[1] : authorization.trim();
    if (token.startsWith(SESSION_PREFIX)) return this.authenticateSession(emOnMiss, token);
    if (token.startsWith(API_KEY_PREFIX)) return this.authenticateApiKey(emOnMiss, token);
    return { caller: null, problem: 'Unrecognised credential: expected "Bearer <session token or API key>"' };
  }

  private async authenticateSession(emOnMiss: () => EntityManager, token: string) {
    const hash = hashSecret(token);
    const cached = this.cache.get(hash);
    if (cached) return { caller: cached };
    const ticket = this.cache.ticket();
    const em = emOnMiss();
    const [row] = await sql<{
      session_id: string; expires_at: string; revoked_at: string | null; user_id: string; email: string; role: Role;
      organization_id: string; organization_name: string; kind: OrganizationKind;
    }>(
      em,
      // Before anyone is known: a narrow function that finds only the session whose token hash is presented.
      `SELECT session_id, expires_at, revoked_at, user_id, email, role, organization_id, organization_name, kind FROM auth_session($1)`,
      [hash],
    );
    if (!row) return { caller: null, problem: 'Invalid session token' };
    if (row.revoked_at) return { caller: null, problem: 'Session has been revoked; log in again' };
    const expiresAt = new Date(row.expires_at).getTime();
    if (expiresAt <= Date.now()) return { caller: null, problem: 'Session expired; log in again' };
    const caller: Caller = {
      type: 'user',
      id: row.user_id,
      organizationId: row.organization_id,
      organizationKind: row.kind,
      organizationName: row.organization_name,
      role: row.role,
      scopes: null,
      actor: `${row.email} (${row.organization_name})`,
      sessionId: row.session_id,
      credential: `session:${row.session_id}`,
    };
    this.cache.remember(hash, caller, ticket, expiresAt);
    return { caller };
  }

  private async authenticateApiKey(emOnMiss: () => EntityManager, secret: string) {
    const hash = hashSecret(secret);
    const cached = this.cache.get(hash);
    if (cached) return { caller: cached };
    const ticket = this.cache.ticket();
    const em = emOnMiss();
    const [row] = await sql<{
      id: string; name: string; scopes: string[]; revoked_at: string | null; last_used_at: string | null;
      organization_id: string; organization_name: string; kind: OrganizationKind;
    }>(
      em,
      `SELECT id, name, scopes, revoked_at, last_used_at, organization_id, organization_name, kind FROM auth_api_key($1)`,
      [hash],
    );
    if (!row) return { caller: null, problem: 'Invalid API key' };
    if (row.revoked_at) return { caller: null, problem: 'API key has been revoked' };
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > LAST_USED_RESOLUTION_MS) {
      await sql(em, `SELECT auth_api_key_touch($1, make_interval(secs => $2))`, [row.id, LAST_USED_RESOLUTION_MS / 1000]);
    }
    const caller: Caller = {
      type: 'apiKey',
      id: row.id,
      organizationId: row.organization_id,
      organizationKind: row.kind,
      organizationName: row.organization_name,
      role: Role.INTEGRATION,
      scopes: row.scopes,
      actor: `API key "${row.name}" (${row.organization_name})`,
      credential: `apiKey:${row.id}`,
    };
    this.cache.remember(hash, caller, ticket);
    return { caller };
  }

  /** Creates an organization with its first ADMIN user and signs that user in (the rest of the request acts as that user). */
  async signUp(ctx: RequestContext, input: SignUpInput): Promise<AuthResult> {
    const timeZone = input.timeZone == null ? DEFAULT_TIME_ZONE : requireTimeZone(input.timeZone, 'input.timeZone');
    const passwordHash = await hashPassword(input.password);
    const organization = { id: newId(), name: input.organizationName.trim(), kind: input.kind };
    const email = normaliseEmail(input.email);
    const userId = newId();
    const authed = await becomeCaller(ctx, userCaller({ id: userId, email, role: Role.ADMIN }, organization));
    try {
      return await inTransaction(authed, async (tx) => {
        tx.em.create(OrganizationEntity, { ...organization, timeZone });
        const user = tx.em.create(UserEntity, { id: userId, organization: organization.id, email, passwordHash, role: Role.ADMIN });
        await tx.em.flush();
        const token = await this.startSession(tx, user.id);
        return { token, user };
      });
    } catch (err) {
      throw this.mapUserConflict(err, 'input.email');
    }
  }

  /**
   * Sets the caller organization's time zone (ADMIN): "today" for its
   * locations without one of their own moves with it (DESIGN.md, Local
   * dates). Returns the organization's id.
   */
  async setTimeZone(ctx: AuthedContext, timeZone: string): Promise<string> {
    const zone = requireTimeZone(timeZone, 'timeZone');
    return inTransaction(ctx, async (tx) => {
      await sql(tx.em, `UPDATE organization SET time_zone = $2 WHERE id = $1`, [ctx.caller.organizationId, zone]);
      return ctx.caller.organizationId;
    });
  }

  /**
   * Signs a user in (the rest of the request acts as that user). Throttled
   * per account and per client address (LoginThrottle): while either is
   * locked every attempt is RATE_LIMITED, the right password too.
   */
  async login(ctx: RequestContext, email: string, password: string): Promise<AuthResult> {
    const normalised = normaliseEmail(email);
    await this.throttle.attempt(normalised, ctx.clientAddress);
    const [found] = await sql<{ id: string; email: string; role: Role; password_hash: string; organization_id: string; organization_name: string; kind: OrganizationKind }>(
      ctx.em,
      `SELECT id, email, role, password_hash, organization_id, organization_name, kind FROM auth_user_by_email($1)`,
      [normalised],
    );
    const ok = await verifyPassword(password, found?.password_hash ?? (await decoyPasswordHash()));
    // A failure keeps the attempt's points (they were taken outside this request's transaction).
    if (!found || !ok) throw unauthenticated('Invalid email or password');
    await this.throttle.succeeded(normalised, ctx.clientAddress);
    const authed = await becomeCaller(
      ctx,
      userCaller(found, { id: found.organization_id, name: found.organization_name, kind: found.kind }),
    );
    return inTransaction(authed, async (tx) => {
      const token = await this.startSession(tx, found.id);
      return { token, user: await tx.em.findOneOrFail(UserEntity, { id: found.id }) };
    });
  }

  /** Revokes the caller's session token (API keys are revoked with revokeApiKey). */
  async logout(ctx: AuthedContext): Promise<boolean> {
    if (!ctx.caller.sessionId) return false;
    await sql(ctx.em, `UPDATE session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [ctx.caller.sessionId]);
    // Announced to every instance when the revocation commits.
    await ctx.services.credentials.revoke(ctx, ctx.caller.credential);
    return true;
  }

  /** ADMIN adds a user to its own organization, with a role that organization kind allows. */
  async createUser(ctx: AuthedContext, input: { email: string; password: string; role: Role }): Promise<UserEntity> {
    const allowed = ROLES_BY_KIND[ctx.caller.organizationKind];
    if (!allowed.includes(input.role)) {
      throw badInput('input.role', `A ${ctx.caller.organizationKind.toLowerCase()} user may have one of the roles ${allowed.join(', ')}`);
    }
    const user = ctx.em.create(UserEntity, {
      organization: ctx.caller.organizationId,
      email: normaliseEmail(input.email),
      passwordHash: await hashPassword(input.password),
      role: input.role,
    });
    try {
      await ctx.em.flush();
    } catch (err) {
      throw this.mapUserConflict(err, 'input.email');
    }
    return user;
  }

  /** The signed-in user, or for an API key a stand-in user with the INTEGRATION role. */
  async me(ctx: AuthedContext): Promise<{ id: string; email: string; role: Role; organization: string }> {
    if (ctx.caller.type === 'apiKey') {
      return { id: ctx.caller.id, email: ctx.caller.actor, role: Role.INTEGRATION, organization: ctx.caller.organizationId };
    }
    return ctx.em.findOneOrFail(UserEntity, { id: ctx.caller.id });
  }

  private async startSession(tx: AuthedContext, userId: string): Promise<string> {
    const token = newSecret(SESSION_PREFIX);
    tx.em.create(SessionEntity, {
      user: userId,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + this.options.sessionTtlMinutes * 60_000),
    });
    await tx.em.flush();
    return token;
  }

  private mapUserConflict(err: unknown, field: string): unknown {
    return violatedUniqueConstraint(err) === 'app_user_email_unique' ? badInput(field, 'This email is already registered') : err;
  }
}

/** The Caller of a signed-in user. */
function userCaller(user: { id: string; email: string; role: Role }, organization: ActingOrganization): Caller {
  return {
    type: 'user',
    id: user.id,
    organizationId: organization.id,
    organizationKind: organization.kind,
    organizationName: organization.name,
    role: user.role,
    scopes: null,
    actor: `${user.email} (${organization.name})`,
    credential: 'session:new',
  };
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Sign-up, log-in, sessions and credentials. */
    auth: AuthService;
  }
}

/** Sessions a week past their expiry serve nobody (they only answer "expired" until then). */
export const dailySessionCleanup: DailyTask = {
  name: 'session clean-up',
  async run({ orm }) {
    const [row] = await sql<{ n: string }>(orm.em.fork(), `SELECT prune_sessions() AS n`);
    return { sessionsPruned: Number(row.n) };
  },
};

