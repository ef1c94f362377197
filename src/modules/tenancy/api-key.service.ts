import type { AuthedContext } from '../../core/context';
import { badInput, notFound } from '../../shared/errors';
import type { ListPage } from '../../shared/connection';
import { keysetList } from '../../shared/keyset';
import { Params } from '../../shared/sql';
import { ApiKeyEntity } from './api-key.entity';
import { API_KEY_PREFIX, hashSecret, newSecret } from './credentials';
import { API_KEY_SCOPES } from '../../core/tenancy.enums';

/** API keys for integrations: the secret is returned once and stored only as a hash. */
export class ApiKeyService {
  async create(ctx: AuthedContext, input: { name: string; scopes: string[] }): Promise<{ apiKey: ApiKeyEntity; secret: string }> {
    const scopes = [...new Set(input.scopes)];
    if (scopes.length === 0) throw badInput('input.scopes', 'Give the key at least one scope');
    scopes.forEach((scope, i) => {
      if (!(API_KEY_SCOPES as readonly string[]).includes(scope)) {
        throw badInput(`input.scopes[${i}]`, `Unknown scope "${scope}"; known scopes: ${API_KEY_SCOPES.join(', ')}`);
      }
    });
    const secret = newSecret(API_KEY_PREFIX);
    const apiKey = ctx.em.create(ApiKeyEntity, {
      organization: ctx.caller.organizationId,
      name: input.name.trim(),
      scopes,
      secretHash: hashSecret(secret),
      createdBy: ctx.caller.type === 'user' ? ctx.caller.id : null,
    });
    await ctx.em.flush();
    return { apiKey, secret };
  }

  /** Revoking is immediate: the next request with the key is refused. */
  async revoke(ctx: AuthedContext, id: string): Promise<ApiKeyEntity> {
    const visible = await ctx.scope.visibleIds(ctx.em, 'apiKey', [id]);
    const apiKey = visible.has(id) ? await ctx.em.findOne(ApiKeyEntity, { id }) : null;
    if (!apiKey) throw notFound('API key', 'id');
    apiKey.revokedAt ??= new Date();
    await ctx.em.flush();
    // Announced to every instance when the revocation commits.
    await ctx.services.credentials.revoke(ctx, `apiKey:${apiKey.id}`);
    return apiKey;
  }

  /** Oldest first (ids are time-ordered), a page at a time. */
  async list(ctx: AuthedContext, page: ListPage): Promise<ApiKeyEntity[]> {
    const p = new Params();
    const visible = await keysetList<{ id: string }>(
      ctx.em,
      { select: 'v.id', from: 'api_key v', where: [ctx.scope.where('apiKey', 'v', p)], params: p, key: [{ sql: 'v.id', type: 'uuid' }], id: 'v.id' },
      page,
    );
    return ctx.em.find(ApiKeyEntity, { id: { $in: visible.map((v) => v.id) } }, { orderBy: { id: 'asc' } });
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** API keys of integrations. */
    apiKeys: ApiKeyService;
  }
}
