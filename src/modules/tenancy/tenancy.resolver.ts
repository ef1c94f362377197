import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow, type AccessRule } from '../../core/access';
import type { AuthedContext, RequestContext } from '../../core/context';
import { CollaborationRulesInput, CreateApiKeyInput, CreateUserInput, InvitePartnerInput, SignUpInput } from './tenancy.inputs';
import { ApiKeyType, AuthPayload, CollaborationRulesType, CreateApiKeyPayload, OrganizationType, PartnershipType, UserType } from './tenancy.types';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { ArgBounds, EMAIL, NAME } from '../../shared/bounds';
import { ListArgs, listArgs } from '../../shared/connection';
import { ORGANIZATION_ROWS, showOrganization, type OrganizationRow } from './tenancy.loaders';

const RETAILER = [OrganizationKind.RETAILER];
const SUPPLIER = [OrganizationKind.SUPPLIER];
const ADMIN_ONLY: Role[] = [];

/** Managing users, keys and partners: an organization's ADMIN, in person (see AccessRule.scope). */
const PEOPLE_ADMIN: AccessRule = { scope: null, roles: ADMIN_ONLY };

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'creates an organization and its first ADMIN user, and signs in; no credential needed' })
  signUp(@Arg('input', () => SignUpInput, { description: 'the organization and its first user' }) input: SignUpInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return ctx.services.auth.signUp(ctx, input);
  }

  @Mutation(() => AuthPayload, {
    description: 'signs in with email and password: a new session token. UNAUTHENTICATED on a wrong email or password; '
      + 'RATE_LIMITED (with retryAfterSeconds) after repeated failures for the account or the client address, the right password too',
  })
  @ArgBounds({ email: EMAIL })
  login(
    @Arg('email', { description: 'the sign-in email (case does not matter)' }) email: string,
    @Arg('password', { description: 'the user\'s password' }) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    return ctx.services.auth.login(ctx, email, password);
  }

  @Mutation(() => Boolean, { description: 'revokes the session token used for this call' })
  @Allow({ scope: 'read' })
  logout(@Ctx() ctx: AuthedContext): Promise<boolean> {
    return ctx.services.auth.logout(ctx);
  }

  @Query(() => UserType, { description: 'the signed-in user; for an API key, a stand-in user with role INTEGRATION named after the key' })
  @Allow({ scope: 'read' })
  me(@Ctx() ctx: AuthedContext): Promise<UserType> {
    return ctx.services.auth.me(ctx);
  }

  @Mutation(() => OrganizationType, {
    description: 'ADMIN only: the caller organization\'s IANA time zone (e.g. America/Los_Angeles); BAD_USER_INPUT on timeZone for a name that is not one. '
      + 'Its locations without a zone of their own count "today" there from now on',
  })
  @Allow(PEOPLE_ADMIN)
  @ArgBounds({ timeZone: NAME })
  async setOrganizationTimeZone(@Arg('timeZone', { description: 'an IANA name, e.g. Europe/Paris' }) timeZone: string, @Ctx() ctx: AuthedContext): Promise<OrganizationRow | null> {
    const id = await ctx.services.auth.setTimeZone(ctx, timeZone);
    return ORGANIZATION_ROWS.loader(ctx).clear(id).load(id);
  }

  @Mutation(() => UserType, { description: 'ADMIN only: add a user to the caller\'s organization' })
  @Allow(PEOPLE_ADMIN)
  createUser(@Arg('input', () => CreateUserInput, { description: 'the new user' }) input: CreateUserInput, @Ctx() ctx: AuthedContext): Promise<UserType> {
    return ctx.services.auth.createUser(ctx, input);
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'ADMIN only, signed in as a user: a new API key; its secret is in the answer and nowhere else' })
  @Allow(PEOPLE_ADMIN)
  createApiKey(@Arg('input', () => CreateApiKeyInput, { description: 'the key\'s name and scopes' }) input: CreateApiKeyInput, @Ctx() ctx: AuthedContext): Promise<CreateApiKeyPayload> {
    return ctx.services.apiKeys.create(ctx, input);
  }

  @Mutation(() => ApiKeyType, { description: 'ADMIN only, signed in as a user: the key is refused from now on (revokedAt is set); NOT_FOUND for another organization\'s key' })
  @Allow(PEOPLE_ADMIN)
  revokeApiKey(@Arg('id', () => ID, { description: 'the API key\'s id' }) id: string, @Ctx() ctx: AuthedContext): Promise<ApiKeyType> {
    return ctx.services.apiKeys.revoke(ctx, id);
  }

  @Query(() => [ApiKeyType], {
    description: 'ADMIN only: the organization\'s API keys, revoked ones included, oldest first: at most `first` (default and most 500), the next ones with `after`',
  })
  @Allow(PEOPLE_ADMIN)
  apiKeys(@Ctx() ctx: AuthedContext, @Args(() => ListArgs) page: ListArgs): Promise<ApiKeyType[]> {
    return ctx.services.apiKeys.list(ctx, listArgs(page));
  }
}

@Resolver(() => PartnershipType)
export class PartnershipResolver {
  @Query(() => [PartnershipType], {
    description: 'the caller organization\'s partnerships, any status, oldest first: at most `first` (default and most 500), the next ones with `after`',
  })
  @Allow({ scope: 'read' })
  partnerships(@Ctx() ctx: AuthedContext, @Args(() => ListArgs) page: ListArgs): Promise<PartnershipType[]> {
    return ctx.services.partnerships.list(ctx, listArgs(page));
  }

  @Mutation(() => PartnershipType, { description: 'retailer side; the supplier organization must accept' })
  @Allow({ ...PEOPLE_ADMIN, kinds: RETAILER })
  invitePartner(@Arg('input', () => InvitePartnerInput, { description: 'the supplier to invite' }) input: InvitePartnerInput, @Ctx() ctx: AuthedContext): Promise<PartnershipType> {
    return ctx.services.partnerships.invite(ctx, input.supplierId);
  }

  @Mutation(() => PartnershipType, { description: 'supplier ADMIN: accept a retailer\'s invitation; the partnership becomes ACTIVE' })
  @Allow({ ...PEOPLE_ADMIN, kinds: SUPPLIER })
  acceptPartnership(@Arg('id', () => ID, { description: 'the partnership\'s id' }) id: string, @Ctx() ctx: AuthedContext): Promise<PartnershipType> {
    return ctx.services.partnerships.accept(ctx, id);
  }

  @Mutation(() => PartnershipType, { description: 'retailer side: stop sharing data with the supplier until it is invited and accepts again' })
  @Allow({ ...PEOPLE_ADMIN, kinds: RETAILER })
  suspendPartnership(@Arg('id', () => ID, { description: 'the partnership\'s id' }) id: string, @Ctx() ctx: AuthedContext): Promise<PartnershipType> {
    return ctx.services.partnerships.suspend(ctx, id);
  }

  @Mutation(() => PartnershipType, {
    description: 'retailer ADMIN: a partnership\'s rules for forecast commits (tolerance %, days until due), confirmations (hours until overdue) '
      + 'and whether its daily sales are shared with the supplier; an omitted field takes its default',
  })
  @Allow({ ...PEOPLE_ADMIN, kinds: RETAILER })
  setCollaborationRules(
    @Arg('input', () => CollaborationRulesInput, { description: 'the partnership and its new rules' }) input: CollaborationRulesInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<PartnershipType> {
    return ctx.services.partnerships.setRules(ctx, input);
  }

  @FieldResolver(() => CollaborationRulesType, { description: 'both parties read them; the retailer\'s ADMIN sets them (setCollaborationRules)' })
  rules(@Root() partnership: PartnershipType): CollaborationRulesType {
    return {
      commitTolerancePercent: partnership.commitTolerancePercent,
      commitDueDays: partnership.commitDueDays,
      confirmationDueHours: partnership.confirmationDueHours,
      shareSales: partnership.shareSales,
    };
  }

  @FieldResolver(() => OrganizationType, { description: 'the buying side' })
  retailer(@Root() partnership: PartnershipType, @Ctx() ctx: RequestContext): OrganizationRow | null | Promise<OrganizationRow | null> {
    return showOrganization(ctx, partnership.retailer);
  }

  @FieldResolver(() => OrganizationType, { description: 'the selling side' })
  supplier(@Root() partnership: PartnershipType, @Ctx() ctx: RequestContext): OrganizationRow | null | Promise<OrganizationRow | null> {
    return showOrganization(ctx, partnership.supplier);
  }
}

@Resolver(() => UserType)
export class UserResolver {
  @FieldResolver(() => OrganizationType, { description: 'the organization the user belongs to' })
  organization(@Root() user: UserType, @Ctx() ctx: RequestContext): OrganizationRow | null | Promise<OrganizationRow | null> {
    return showOrganization(ctx, user.organization);
  }
}
