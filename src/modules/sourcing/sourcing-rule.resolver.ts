import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../server/access';
import type { AuthedContext, RequestContext } from '../../server/context';
import { ItemType } from '../catalog/catalog.types';
import { OrganizationKind, Role } from '../tenancy/tenancy.enums';
import { OrganizationType } from '../tenancy/tenancy.types';
import { UpsertSourcingRuleInput } from './sourcing-rule.inputs';
import { SourcingRuleType } from './sourcing-rule.type';

@Resolver(() => SourcingRuleType)
export class SourcingRuleResolver {
  @Query(() => [SourcingRuleType], { description: 'a supplier sees only the rules that name it' })
  @Allow({ scope: 'read' })
  sourcingRules(@Arg('itemId', () => ID, { nullable: true }) itemId: string | null, @Ctx() ctx: AuthedContext): Promise<SourcingRuleType[]> {
    return ctx.services.sourcingRules.list(ctx, itemId);
  }

  @Mutation(() => SourcingRuleType)
  @Allow({ scope: 'sourcing:write', kinds: [OrganizationKind.RETAILER], roles: [Role.BUYER] })
  upsertSourcingRule(@Arg('input', () => UpsertSourcingRuleInput) input: UpsertSourcingRuleInput, @Ctx() ctx: AuthedContext): Promise<SourcingRuleType> {
    return ctx.services.sourcingRules.upsert(ctx, input);
  }

  @FieldResolver(() => ItemType)
  item(@Root() rule: SourcingRuleType, @Ctx() ctx: RequestContext) {
    return ctx.loaders.item.load(rule.item);
  }

  @FieldResolver(() => OrganizationType)
  supplier(@Root() rule: SourcingRuleType, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.load(rule.supplier);
  }
}
