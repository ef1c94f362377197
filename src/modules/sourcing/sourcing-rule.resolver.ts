import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ListArgs, listArgs } from '../../shared/connection';
import { Allow } from '../../core/access';
import type { AuthedContext, RequestContext } from '../../core/context';
import { ItemType } from '../catalog/catalog.types';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { OrganizationType } from '../tenancy/tenancy.types';
import { UpsertSourcingRuleInput } from './sourcing-rule.inputs';
import { SourcingRuleType } from './sourcing-rule.type';
import { showItem } from '../catalog/catalog.loaders';
import { showOrganization } from '../tenancy/tenancy.loaders';

@Resolver(() => SourcingRuleType)
export class SourcingRuleResolver {
  @Query(() => [SourcingRuleType], {
    description: 'a supplier sees only the rules that name it. By item, priority and supplier: at most `first` (default and most 500), '
      + 'the next ones with `after`; one item has at most 50 rules',
  })
  @Allow({ scope: 'read' })
  sourcingRules(
    @Arg('itemId', () => ID, { nullable: true }) itemId: string | null,
    @Args(() => ListArgs) page: ListArgs,
    @Ctx() ctx: AuthedContext,
  ): Promise<SourcingRuleType[]> {
    return ctx.services.sourcingRules.list(ctx, itemId, listArgs(page));
  }

  @Mutation(() => SourcingRuleType)
  @Allow({ scope: 'sourcing:write', kinds: [OrganizationKind.RETAILER], roles: [Role.BUYER] })
  upsertSourcingRule(@Arg('input', () => UpsertSourcingRuleInput) input: UpsertSourcingRuleInput, @Ctx() ctx: AuthedContext): Promise<SourcingRuleType> {
    return ctx.services.sourcingRules.upsert(ctx, input);
  }

  @FieldResolver(() => ItemType)
  item(@Root() rule: SourcingRuleType, @Ctx() ctx: RequestContext) {
    return showItem(ctx, rule.item);
  }

  @FieldResolver(() => OrganizationType)
  supplier(@Root() rule: SourcingRuleType, @Ctx() ctx: RequestContext) {
    return showOrganization(ctx, rule.supplier);
  }
}
