import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../core/access';
import type { AuthedContext, RequestContext } from '../../core/context';
import { ItemType } from '../catalog/catalog.types';
import { OrganizationType } from '../tenancy/tenancy.types';
import { LeadTimeStatsType } from './lead-time.types';
import { showItem } from '../catalog/catalog.loaders';
import { showOrganization } from '../tenancy/tenancy.loaders';

@Resolver(() => LeadTimeStatsType)
export class LeadTimeResolver {
  @Query(() => LeadTimeStatsType, { description: 'quoted, confirmed and actual lead times of a supplier for an item; a supplier sees its own' })
  @Allow({ scope: 'read' })
  leadTimeStats(
    @Arg('supplierId', () => ID, { description: 'the supplier; NOT_FOUND (field supplierId) when the caller may not see it' }) supplierId: string,
    @Arg('itemId', () => ID, { description: 'the item; NOT_FOUND (field itemId) when the caller may not see it' }) itemId: string,

    @Ctx() ctx: AuthedContext,
  ): Promise<LeadTimeStatsType> {

    return ctx.services.leadTimes.stats(ctx, supplierId, itemId);
  }

  @FieldResolver(() => OrganizationType, { description: 'the supplier measured' })
  supplier(@Root() stats: LeadTimeStatsType, @Ctx() ctx: RequestContext) {
    return showOrganization(ctx, stats.supplier);
  }

  @FieldResolver(() => ItemType, { description: 'the item measured' })

  item(@Root() stats: LeadTimeStatsType, @Ctx() ctx: RequestContext) {
    return showItem(ctx, stats.item);
  }
}
