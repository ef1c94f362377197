import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import { Allow, type AccessRule } from '../../core/access';
import type { AuthedContext } from '../../core/context';
import { ConnectionArgs, ListArgs, listArgs, pageArgs, toConnection, type ConnectionShape } from '../../shared/connection';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { CreateItemInput, CreateLocationInput, UpsertItemsInput } from './catalog.inputs';
import { ItemConnection, ItemType, LocationType } from './catalog.types';
import type { ItemRow, LocationRow } from './catalog.service';

const CATALOG_WRITE: AccessRule = { scope: 'catalog:write', kinds: [OrganizationKind.RETAILER], roles: [Role.PLANNER] };

@Resolver()
export class CatalogResolver {
  @Query(() => ItemConnection, { description: 'a retailer\'s items; a supplier sees the items it is a source for' })
  @Allow({ scope: 'read' })
  async items(
    @Ctx() ctx: AuthedContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<ItemRow>> {
    return toConnection(await ctx.services.catalog.listItems(ctx, pageArgs(page, info)));
  }

  @Query(() => ItemType, { nullable: true, description: 'one item by id; null when it does not exist or the caller may not see it' })
  @Allow({ scope: 'read' })
  item(@Arg('id', () => ID, { description: 'the item\'s id' }) id: string, @Ctx() ctx: AuthedContext): Promise<ItemRow | null> {
    return ctx.services.catalog.findItem(ctx, id);
  }

  @Query(() => [LocationType], {
    description: 'a retailer\'s locations; a supplier sees those of its active partners. By code: at most `first` (default and most 500), the next ones with `after`',
  })
  @Allow({ scope: 'read' })
  locations(@Ctx() ctx: AuthedContext, @Args(() => ListArgs) page: ListArgs): Promise<LocationRow[]> {
    return ctx.services.catalog.listLocations(ctx, listArgs(page));
  }

  @Query(() => LocationType, { nullable: true, description: 'one location by id; null when it does not exist or the caller may not see it' })
  @Allow({ scope: 'read' })
  location(@Arg('id', () => ID, { description: 'the location\'s id' }) id: string, @Ctx() ctx: AuthedContext): Promise<LocationRow | null> {
    return ctx.services.catalog.findLocation(ctx, id);
  }

  @Mutation(() => ItemType, { description: 'retailer PLANNER or ADMIN, or an API key with catalog:write: adds an item to the catalog' })
  @Allow(CATALOG_WRITE)
  createItem(@Arg('input', () => CreateItemInput, { description: 'the new item' }) input: CreateItemInput, @Ctx() ctx: AuthedContext): Promise<ItemRow> {
    return ctx.services.catalog.createItem(ctx, input);
  }

  @Mutation(() => [ItemType], { description: 'bulk catalog import: creates items or updates them by SKU; all-or-nothing, at most 10,000 per call. Answers one item per input item' })
  @Allow(CATALOG_WRITE)
  upsertItems(@Arg('input', () => UpsertItemsInput, { description: 'the items, at most 10,000' }) input: UpsertItemsInput, @Ctx() ctx: AuthedContext): Promise<ItemRow[]> {
    return ctx.services.catalog.upsertItems(ctx, input.items);
  }

  @Mutation(() => LocationType, { description: 'retailer PLANNER or ADMIN, or an API key with catalog:write: adds a store or warehouse' })
  @Allow(CATALOG_WRITE)
  createLocation(@Arg('input', () => CreateLocationInput, { description: 'the new location' }) input: CreateLocationInput, @Ctx() ctx: AuthedContext): Promise<LocationRow> {
    return ctx.services.catalog.createLocation(ctx, input);
  }

  @Mutation(() => ItemType, {
    description: 'retailer PLANNER or ADMIN, or an API key with catalog:write: retires an item (active false) or makes it active again. A retired item '
      + 'gets no new orders, forecast lines or inventory (BAD_USER_INPUT naming it), and its risks leave shortageRisks unless includeInactive; '
      + 'open orders go on and can be received. NOT_FOUND on id for an item that is not the caller\'s',
  })
  @Allow(CATALOG_WRITE)
  async setItemActive(
    @Arg('id', () => ID, { description: 'the item\'s id' }) id: string,
    @Arg('active', { description: 'false: retire it; true: make it active again' }) active: boolean,
    @Ctx() ctx: AuthedContext,
  ): Promise<ItemRow> {
    return (await ctx.services.catalog.findItem(ctx, await ctx.services.catalog.setActive(ctx, 'item', id, active)))!;
  }

  @Mutation(() => LocationType, {
    description: 'retailer PLANNER or ADMIN, or an API key with catalog:write: retires a location (a closed store; active false) or makes it active '
      + 'again. A retired location gets no new orders, forecast lines or inventory (BAD_USER_INPUT naming it), and its risks leave shortageRisks '
      + 'unless includeInactive; open orders go on and can be received. NOT_FOUND on id for a location that is not the caller\'s',
  })
  @Allow(CATALOG_WRITE)
  async setLocationActive(
    @Arg('id', () => ID, { description: 'the location\'s id' }) id: string,
    @Arg('active', { description: 'false: retire it; true: make it active again' }) active: boolean,
    @Ctx() ctx: AuthedContext,
  ): Promise<LocationRow> {
    return (await ctx.services.catalog.findLocation(ctx, await ctx.services.catalog.setActive(ctx, 'location', id, active)))!;
  }
}
