import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow, type AccessRule } from '../../core/access';
import type { AuthedContext, RequestContext } from '../../core/context';
import { ConnectionArgs, pageArgs, toConnection, type ConnectionShape } from '../../shared/connection';
import { ItemType, LocationType } from '../catalog/catalog.types';
import { ShortageRiskType } from '../risk/shortage-risk.type';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { SetSafetyStockInput, UpsertInventoryInput } from './inventory.inputs';
import { InventoryPositionConnection, InventoryPositionType } from './inventory.types';
import { showItem, showLocation } from '../catalog/catalog.loaders';

const INVENTORY_WRITE: AccessRule = { scope: 'inventory:write', kinds: [OrganizationKind.RETAILER], roles: [Role.PLANNER] };

@Resolver(() => InventoryPositionType)
export class InventoryResolver {
  @Query(() => InventoryPositionConnection, { description: 'the retailer\'s stock positions; suppliers see none' })
  @Allow({ scope: 'read' })
  async inventory(
    @Ctx() ctx: AuthedContext,
    @Arg('locationId', () => ID, { nullable: true, description: 'only this location\'s positions' }) locationId: string | null,
    @Arg('itemId', () => ID, { nullable: true, description: 'only this item\'s positions' }) itemId: string | null,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<InventoryPositionType>> {
    return toConnection(await ctx.services.inventory.list(ctx, { locationId, itemId, ...pageArgs(page, info) }));
  }

  @Mutation(() => [InventoryPositionType], {
    description: 'bulk and idempotent per item x location, at most 50,000 positions per call; one bad position rejects the whole call. '
      + 'Answers one position per input position. Retailer PLANNER or ADMIN, or an API key with inventory:write',
  })
  @Allow(INVENTORY_WRITE)
  upsertInventory(@Arg('input', () => UpsertInventoryInput, { description: 'the positions' }) input: UpsertInventoryInput, @Ctx() ctx: AuthedContext): Promise<InventoryPositionType[]> {
    return ctx.services.inventory.upsert(ctx, input.positions);
  }

  @Mutation(() => ShortageRiskType, {
    description: 'stores the safety stock and returns the recomputed shortage risk. Retailer PLANNER or ADMIN, or an API key with inventory:write',
  })
  @Allow(INVENTORY_WRITE)
  setSafetyStock(@Arg('input', () => SetSafetyStockInput, { description: 'the item x location and its safety stock' }) input: SetSafetyStockInput, @Ctx() ctx: AuthedContext): Promise<ShortageRiskType> {
    return ctx.services.inventory.setSafetyStock(ctx, input);
  }

  @FieldResolver(() => ItemType, { description: 'the item counted' })
  item(@Root() position: InventoryPositionType, @Ctx() ctx: RequestContext) {
    return showItem(ctx, position.item);
  }

  @FieldResolver(() => LocationType, { description: 'where it is held' })
  location(@Root() position: InventoryPositionType, @Ctx() ctx: RequestContext) {
    return showLocation(ctx, position.location);
  }
}
