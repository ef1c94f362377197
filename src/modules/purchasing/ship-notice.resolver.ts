import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow, type AccessRule } from '../../core/access';
import type { AuthedContext, RequestContext } from '../../core/context';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { ConnectionArgs, pageArgs, toConnection, type ConnectionShape } from '../../shared/connection';
import { LocationType } from '../catalog/catalog.types';
import { showLocation } from '../catalog/catalog.loaders';
import { OrganizationType } from '../tenancy/tenancy.types';
import { showOrganization } from '../tenancy/tenancy.loaders';
import { ShipNoticeStatus } from './purchasing.enums';
import { purchasingLoaders } from './purchasing.loaders';
import { PurchaseOrderLineType } from './purchasing.types';
import { CreateShipNoticeInput, ReceiveShipNoticeInput } from './ship-notice.inputs';
import { MAX_LINES_PER_NOTICE } from './ship-notice.service';
import { ShipNoticeConnection, ShipNoticeLineType, ShipNoticeType } from './ship-notice.types';

const ORDERS_WRITE: AccessRule = { scope: 'orders:write', kinds: [OrganizationKind.RETAILER], roles: [Role.BUYER] };
const ORDERS_CONFIRM: AccessRule = { scope: 'orders:confirm', kinds: [OrganizationKind.SUPPLIER], roles: [Role.SUPPLIER_REP] };

/** After a write, read the object as committed (a loader may hold an older copy from earlier in the request). */
const fresh = <T>(loader: DataLoader<string, T>, id: string) => loader.clear(id).load(id);

@Resolver(() => ShipNoticeType)
export class ShipNoticeResolver {
  @Query(() => ShipNoticeType, { nullable: true })
  @Allow({ scope: 'read' })
  shipNotice(@Arg('id', () => ID) id: string, @Ctx() ctx: AuthedContext): Promise<ShipNoticeType | null> {
    return ctx.services.shipNotices.find(ctx, id);
  }

  @Query(() => ShipNoticeConnection, { description: 'newest first; a retailer sees those addressed to it, a supplier its own' })
  @Allow({ scope: 'read' })
  async shipNotices(
    @Ctx() ctx: AuthedContext,
    @Arg('status', () => ShipNoticeStatus, { nullable: true }) status: ShipNoticeStatus | null,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<ShipNoticeType>> {
    return toConnection(await ctx.services.shipNotices.list(ctx, status, pageArgs(page, info)));
  }

  @Mutation(() => ShipNoticeType, { description: 'supplier side: goods shipped (numbered ASN-000001, ... per supplier); the retailer gets SHIP_NOTICE_CREATED' })
  @Allow(ORDERS_CONFIRM)
  async createShipNotice(@Arg('input', () => CreateShipNoticeInput) input: CreateShipNoticeInput, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).shipNotice, await ctx.services.shipNotices.create(ctx, input));
  }

  @Mutation(() => ShipNoticeType, { description: 'supplier side, while nothing of it is received: the quantities return to the open, unscheduled part of their lines' })
  @Allow(ORDERS_CONFIRM)
  async cancelShipNotice(@Arg('id', () => ID) id: string, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).shipNotice, await ctx.services.shipNotices.cancel(ctx, id));
  }

  @Mutation(() => ShipNoticeType, { description: 'retailer side: goods arrived against the notice; each quantity comes off its in-transit quantity first and is added to stock' })
  @Allow(ORDERS_WRITE)
  async receiveShipNotice(@Arg('input', () => ReceiveShipNoticeInput) input: ReceiveShipNoticeInput, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).shipNotice, await ctx.services.shipNotices.receive(ctx, input));
  }

  @Mutation(() => ShipNoticeType, { description: 'retailer side: what was shipped and not received is no longer expected; it returns to the lines\' open quantity' })
  @Allow(ORDERS_WRITE)
  async closeShipNotice(@Arg('id', () => ID) id: string, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).shipNotice, await ctx.services.shipNotices.close(ctx, id));
  }

  @FieldResolver(() => OrganizationType)
  retailer(@Root() notice: ShipNoticeType, @Ctx() ctx: RequestContext) {
    return showOrganization(ctx, notice.retailer);
  }

  @FieldResolver(() => OrganizationType)
  supplier(@Root() notice: ShipNoticeType, @Ctx() ctx: RequestContext) {
    return showOrganization(ctx, notice.supplier);
  }

  @FieldResolver(() => LocationType)
  shipTo(@Root() notice: ShipNoticeType, @Ctx() ctx: RequestContext) {
    return showLocation(ctx, notice.shipTo);
  }

  @FieldResolver(() => [ShipNoticeLineType], { description: `the order lines shipped: at most ${MAX_LINES_PER_NOTICE} (CreateShipNoticeInput.lines)` })
  lines(@Root() notice: ShipNoticeType, @Ctx() ctx: RequestContext) {
    return purchasingLoaders(ctx).shipNoticeLinesByNotice.load(notice.id);
  }
}

@Resolver(() => ShipNoticeLineType)
export class ShipNoticeLineResolver {
  @FieldResolver(() => ShipNoticeType)
  shipNotice(@Root() line: ShipNoticeLineType, @Ctx() ctx: RequestContext) {
    return purchasingLoaders(ctx).shipNotice.load(line.shipNotice);
  }

  @FieldResolver(() => PurchaseOrderLineType)
  purchaseOrderLine(@Root() line: ShipNoticeLineType, @Ctx() ctx: RequestContext) {
    return purchasingLoaders(ctx).line.load(line.line);
  }
}
