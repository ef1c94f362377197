import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller, AuthedContext, RequestContext } from '../../server/context';
import { badInput, unauthenticated } from '../../shared/errors';
import { violatedUniqueConstraint } from '../../shared/db-errors';
import { sql } from '../../shared/sql';
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
import { OrganizationKind, Role, ROLES_BY_KIND } from './tenancy.enums';

export interface AuthResult {
  token: string;
  user: UserEntity;
}

interface SignUpInput {
  organizationName: string;
  kind: OrganizationKind;
  email: string;
  password: string;
}

/** How often lastUsedAt of an API key is written at most: a write per request would be waste. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Sign-up, log-in, sessions and turning a presented credential into a Caller. */
export class AuthService {
  constructor(private readonly options: { sessionTtlMinutes: number }) {}

  /** Resolves an Authorization header value to a caller; `problem` says why a presented credential was refused. */
  async authenticate(em: EntityManager, authorization: string | undefined): Promise<{ caller: Caller | null; problem?: string }> {
    if (!authorization) return { caller: null };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const token = match ? match[1] : authorization.trim();
    if (token.startsWith(SESSION_PREFIX)) return this.authenticateSession(em, token);
    if (token.startsWith(API_KEY_PREFIX)) return this.authenticateApiKey(em, token);
    return { caller: null, problem: 'Unrecognised credential: expected "Bearer <session token or API key>"' };
  }

  private async authenticateSession(em: EntityManager, token: string) {
    const [row] = await sql<{
      session_id: string; expires_at: string; revoked_at: string | null; user_id: string; email: string; role: Role;
      organization_id: string; organization_name: string; kind: OrganizationKind;
    }>(
      em,
      `SELECT s.id AS session_id, s.expires_at, s.revoked_at, u.id AS user_id, u.email, u.role,
              o.id AS organization_id, o.name AS organization_name, o.kind
         FROM session s JOIN app_user u ON u.id = s.user_id JOIN organization o ON o.id = u.organization_id
        WHERE s.token_hash = $1`,
      [hashSecret(token)],
    );
    if (!row) return { caller: null, problem: 'Invalid session token' };
    if (row.revoked_at) return { caller: null, problem: 'Session has been revoked; log in again' };
    if (new Date(row.expires_at).getTime() <= Date.now()) return { caller: null, problem: 'Session expired; log in again' };
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
    return { caller };
  }

  private async authenticateApiKey(em: EntityManager, secret: string) {
    const [row] = await sql<{
      id: string; name: string; scopes: string[]; revoked_at: string | null; last_used_at: string | null;
      organization_id: string; organization_name: string; kind: OrganizationKind;
    }>(
      em,
      `SELECT k.id, k.name, k.scopes, k.revoked_at, k.last_used_at, o.id AS organization_id, o.name AS organization_name, o.kind
         FROM api_key k JOIN organization o ON o.id = k.organization_id
        WHERE k.secret_hash = $1`,
      [hashSecret(secret)],
    );
    if (!row) return { caller: null, problem: 'Invalid API key' };
    if (row.revoked_at) return { caller: null, problem: 'API key has been revoked' };
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > LAST_USED_RESOLUTION_MS) {
      await sql(em, `UPDATE api_key SET last_used_at = now() WHERE id = $1`, [row.id]);
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
    return { caller };
  }

  /** Creates an organization with its first ADMIN user and signs that user in. */
  async signUp(ctx: RequestContext, input: SignUpInput): Promise<AuthResult> {
    const passwordHash = await hashPassword(input.password);
    try {
      return await ctx.em.transactional(async (em) => {
        const organization = em.create(OrganizationEntity, { name: input.organizationName.trim(), kind: input.kind });
        const user = em.create(UserEntity, {
          organization: organization.id,
          email: normaliseEmail(input.email),
          passwordHash,
          role: Role.ADMIN,
        });
        await em.flush();
        const token = this.startSession(em, user.id);
        await em.flush();
        return { token, user };
      });
    } catch (err) {
      throw this.mapUserConflict(err, 'input.email');
    }
  }

  async login(ctx: RequestContext, email: string, password: string): Promise<AuthResult> {
    const user = await ctx.em.findOne(UserEntity, { email: normaliseEmail(email) });
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
    if (!user || !ok) throw unauthenticated('Invalid email or password');
    const token = this.startSession(ctx.em, user.id);
    await ctx.em.flush();
    return { token, user };
  }

  /** Revokes the caller's session token (API keys are revoked with revokeApiKey). */
  async logout(ctx: AuthedContext): Promise<boolean> {
    if (!ctx.caller.sessionId) return false;
    await sql(ctx.em, `UPDATE session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [ctx.caller.sessionId]);
    ctx.services.credentials.revoked(ctx.caller.credential);
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

  private startSession(em: EntityManager, userId: string): string {
    const token = newSecret(SESSION_PREFIX);
    em.create(SessionEntity, {
      user: userId,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + this.options.sessionTtlMinutes * 60_000),
    });
    return token;
  }

  private mapUserConflict(err: unknown, field: string): unknown {
    return violatedUniqueConstraint(err) === 'app_user_email_unique' ? badInput(field, 'This email is already registered') : err;
  }
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
