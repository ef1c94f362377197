import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Extensions, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow, type AccessRule } from '../../core/access';
import { READS_BEFORE_BEGIN } from '../../core/atomic-mutations';
import { ArgBounds, FREE_TEXT } from '../../shared/bounds';
import type { AuthedContext, RequestContext } from '../../core/context';
import { childListArgs, ConnectionArgs, nestedSelection, pageArgs, pageSize, selectedFields, toConnection, type ChildListPage, type ConnectionShape } from '../../shared/connection';
import { ItemType, LocationType } from '../catalog/catalog.types';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { OrganizationType } from '../tenancy/tenancy.types';
import {
  AcknowledgePurchaseOrderInput,
  ChangePurchaseOrderLineInput,
  ClosePurchaseOrderLineInput,
  ConfirmPurchaseOrderLineInput,
  ConfirmPurchaseOrderLinesInput,
  CreatePurchaseOrderInput,
  PurchaseOrderFilter,
  ReceivePurchaseOrderLineInput,
  RejectPurchaseOrderLineInput,
} from './purchasing.inputs';
import {
  ChangeRecordType,
  ConfirmationType,
  PurchaseOrderConnection,
  PurchaseOrderLineType,
  PurchaseOrderType,
  ReceiptType,
  ScheduleLineType,
} from './purchasing.types';
import { purchasingLoaders } from './purchasing.loaders';
import { showItem, showLocation } from '../catalog/catalog.loaders';
import { showOrganization } from '../tenancy/tenancy.loaders';
import { MAX_NOTICES_PER_LINE } from './ship-notice.service';
import { ShipNoticeLineType } from './ship-notice.types';

const ORDERS_WRITE: AccessRule = { scope: 'orders:write', kinds: [OrganizationKind.RETAILER], roles: [Role.BUYER] };
const ORDERS_CONFIRM: AccessRule = { scope: 'orders:confirm', kinds: [OrganizationKind.SUPPLIER], roles: [Role.SUPPLIER_REP] };

/** An order's changes: one per order event and per line event, so they grow with the order's life. */
const HistoryArgs = childListArgs(500);
/** A line's promises and receipts: one per (re)confirmation, rejection or delivery. */
const LineEventArgs = childListArgs(100);
const childPage = (page: ChildListPage): ChildListPage => ({ first: pageSize(page.first), after: page.after ?? null });

/** After a write, read the object as committed (a loader may hold an older copy from earlier in the request). */
const fresh = <T>(loader: DataLoader<string, T>, id: string) => loader.clear(id).load(id);

@Resolver(() => PurchaseOrderType)
export class PurchaseOrderResolver {
  @Query(() => PurchaseOrderType, {
    nullable: true,
    description: 'one purchase order by id; null when it does not exist or the caller may not see it (a supplier sees only issued orders addressed to it)',
  })
  @Allow({ scope: 'read' })
  purchaseOrder(@Arg('id', () => ID, { description: 'the order\'s id' }) id: string, @Ctx() ctx: AuthedContext): Promise<PurchaseOrderType | null> {
    return ctx.services.purchaseOrders.find(ctx, id);
  }

  @Query(() => PurchaseOrderConnection, { description: 'newest first; a supplier sees only issued orders addressed to it' })
  @Allow({ scope: 'read' })
  async purchaseOrders(
    @Ctx() ctx: AuthedContext,
    @Arg('filter', () => PurchaseOrderFilter, { nullable: true, description: 'null: every order the caller may see' }) filter: PurchaseOrderFilter | null,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<PurchaseOrderType>> {
    return toConnection(await ctx.services.purchaseOrders.list(ctx, filter ?? {}, pageArgs(page, info)));
  }

  @Mutation(() => PurchaseOrderType, {
    description: 'retailer BUYER or ADMIN, or an API key with orders:write: a new order, DRAFT unless input.issue; '
      + 'BAD_USER_INPUT naming the offending field (e.g. input.lines[3].quantity) when a value breaks its rule; nothing is written',
  })
  @Allow(ORDERS_WRITE)
  async createPurchaseOrder(@Arg('input', () => CreatePurchaseOrderInput, { description: 'the supplier, ship-to location and lines' }) input: CreatePurchaseOrderInput, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).order, await ctx.services.purchaseOrders.create(ctx, input));
  }

  @Mutation(() => PurchaseOrderType, {
    description: 'retailer BUYER or ADMIN, or an API key with orders:write: sends a DRAFT order to the supplier (PURCHASE_ORDER_ISSUED); '
      + 'BAD_USER_INPUT when it is not DRAFT',
  })
  @Allow(ORDERS_WRITE)
  async issuePurchaseOrder(@Arg('id', () => ID, { description: 'the order\'s id' }) id: string, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).order, await ctx.services.purchaseOrders.issue(ctx, id));
  }

  @Mutation(() => PurchaseOrderType, { description: 'retailer side: cancels a DRAFT or ISSUED order (nothing confirmed yet); for an issued one the supplier gets PURCHASE_ORDER_CHANGED'
 })
  @Allow(ORDERS_WRITE)
  async cancelPurchaseOrder(@Arg('id', () => ID, { description: 'the order\'s id' }) id: string, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).order, await ctx.services.purchaseOrders.cancel(ctx, id));
  }

  @Mutation(() => PurchaseOrderType, {
    description: 'ends an issued order: nothing more is expected. Each line still open is closed short (what is not in transit is cancelled) '
      + 'and the supplier is told what was cancelled (PURCHASE_ORDER_CHANGED)',
  })
  @Allow(ORDERS_WRITE)
  async closePurchaseOrder(@Arg('id', () => ID, { description: 'the order\'s id' }) id: string, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).order, await ctx.services.purchaseOrders.close(ctx, id));
  }

  @FieldResolver(() => OrganizationType, { description: 'the buying organization' })
  retailer(@Root() order: PurchaseOrderType, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return showOrganization(ctx, order.retailer, info);
  }

  @FieldResolver(() => OrganizationType, { description: 'the selling organization' })
  supplier(@Root() order: PurchaseOrderType, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return showOrganization(ctx, order.supplier, info);
  }

  @FieldResolver(() => LocationType, { description: 'the retailer\'s location the goods go to' })
  shipTo(@Root() order: PurchaseOrderType, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return showLocation(ctx, order.shipTo, info);
  }

  @FieldResolver(() => [PurchaseOrderLineType], { description: 'the order\'s lines by line number: at most 500 (createPurchaseOrder takes at most 500)' })
  lines(@Root() order: PurchaseOrderType, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return purchasingLoaders(ctx).linesByOrder(selectedFields(info, []), nestedSelection(info, 'item', [])).load(order.id);
  }

  @FieldResolver(() => [ChangeRecordType], {
    description: 'every change to the order or its lines, oldest first: at most `first` (default and most 500), the next ones with `after` (a change\'s cursor)',
  })
  history(@Root() order: PurchaseOrderType, @Ctx() ctx: RequestContext, @Args(() => HistoryArgs) page: ChildListPage) {
    return purchasingLoaders(ctx).historyByOrder(childPage(page)).load(order.id);
  }
}

@Resolver(() => PurchaseOrderLineType)
export class PurchaseOrderLineResolver {
  @Mutation(() => PurchaseOrderLineType, { description: 'supplier side: (re)confirm a line with a delivery schedule that may split it across dates' })
  @Allow(ORDERS_CONFIRM)
  // Most of a caller's concurrent confirmations are written by another one's batch (group commit): no BEGIN or COMMIT of their own.
  @Extensions({ [READS_BEFORE_BEGIN]: true })
  async confirmPurchaseOrderLine(
    @Arg('input', () => ConfirmPurchaseOrderLineInput, {
      description: 'the line and its schedule; SUPPLIER_REP or ADMIN of the supplier, or an API key with orders:confirm',
    })
    input: ConfirmPurchaseOrderLineInput, @Ctx() ctx: AuthedContext) {
    // confirm leaves the line's loader fresh for its answer (or holding the row its batch read).
    return purchasingLoaders(ctx).line.load(await ctx.services.purchaseOrderLines.confirm(ctx, input));
  }

  @Mutation(() => [PurchaseOrderLineType], {
    description:
      'supplier side, an EDI 855 batch: confirms 1 to 10,000 lines (of any orders), all or nothing, with the same rules, history and alerts as '
      + 'confirmPurchaseOrderLine one by one; an error names the entry (input.lines[N].field) and nothing is written. Shortage risk is recomputed '
      + 'once per item x location, so SHORTAGE_RISK_CHANGED says the net change. Answers one element per input line, in input order (at most 10,000)',
  })
  @Allow(ORDERS_CONFIRM)
  async confirmPurchaseOrderLines(@Arg('input', () => ConfirmPurchaseOrderLinesInput, { description: 'the lines and their schedules' }) input: ConfirmPurchaseOrderLinesInput, @Ctx() ctx: AuthedContext) {
    const ids = await ctx.services.purchaseOrderLines.confirmMany(ctx, input);
    const loader = purchasingLoaders(ctx).line;
    for (const id of ids) loader.clear(id);
    return Promise.all(ids.map((id) => loader.load(id)));
  }

  @Mutation(() => PurchaseOrderType, {
    description:
      'supplier SUPPLIER_REP or ADMIN, or an API key with orders:confirm: acknowledges a whole order as requested in one call: every line still '
      + 'waiting for a first answer is confirmed for its open quantity (not in transit) on its requested date, through the same batch as '
      + 'confirmPurchaseOrderLines (same rules, history and alerts), all or nothing; lines already answered are left as they are. '
      + 'BAD_USER_INPUT (input.purchaseOrderId) when no line waits for an answer or a requested date has passed; CONFLICT (input.expectedVersion) '
      + 'when the order moved on; NOT_FOUND when the caller may not answer it. Answers the order as it is after the change',
  })
  @Allow(ORDERS_CONFIRM)
  async acknowledgePurchaseOrder(
    @Arg('input', () => AcknowledgePurchaseOrderInput, { description: 'the order, and optionally the version it was read at' }) input: AcknowledgePurchaseOrderInput,
    @Ctx() ctx: AuthedContext,
  ) {
    return fresh(purchasingLoaders(ctx).order, await ctx.services.purchaseOrderLines.acknowledgeOrder(ctx, input));
  }

  @Mutation(() => PurchaseOrderLineType, {
    description: 'supplier SUPPLIER_REP or ADMIN, or an API key with orders:confirm: refuses a line with a reason; the line slips and the retailer gets SUPPLIER_SLIPPED',
  })
  @Allow(ORDERS_CONFIRM)
  async rejectPurchaseOrderLine(@Arg('input', () => RejectPurchaseOrderLineInput, { description: 'the line and the reason' }) input: RejectPurchaseOrderLineInput, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).line, await ctx.services.purchaseOrderLines.reject(ctx, input));
  }

  @Mutation(() => PurchaseOrderLineType, {
    description: 'retailer side: goods arrived; what is in transit on the line\'s ship notices first, then its promise; adds them to on-hand stock at '
      + 'the ship-to location. Beyond the open quantity only within the sourcing rule\'s overDeliveryTolerancePercent; on a closed line only what is in transit',
  })
  @Allow(ORDERS_WRITE)
  async receivePurchaseOrderLine(@Arg('input', () => ReceivePurchaseOrderLineInput, { description: 'the line, quantity and day' }) input: ReceivePurchaseOrderLineInput, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).line, await ctx.services.purchaseOrderLines.receive(ctx, input));
  }

  @Mutation(() => PurchaseOrderLineType, {
    description: 'retailer side: cancel what is still open on a line and not in transit (close short); the supplier is told (PURCHASE_ORDER_CHANGED)',
  })
  @Allow(ORDERS_WRITE)
  async closePurchaseOrderLine(@Arg('input', () => ClosePurchaseOrderLineInput, { description: 'the line and the reason' }) input: ClosePurchaseOrderLineInput, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).line, await ctx.services.purchaseOrderLines.close(ctx, input));
  }

  @Mutation(() => PurchaseOrderLineType, {
    description: 'retailer BUYER or ADMIN, or an API key with orders:write: a change order (EDI 860): a new quantity and/or requestedDate with a reason. '
      + 'BAD_USER_INPUT on input.quantity below received + in transit, on input.requestedDate in the past at the ship-to location, on input.lineId for '
      + 'a REJECTED, CANCELLED, CLOSED or RECEIVED line; CONFLICT on input.expectedVersion. The supplier gets PURCHASE_ORDER_CHANGED naming old -> new; '
      + 'a promised line becomes acknowledgementRequired until the supplier confirms or rejects it again',
  })
  @Allow(ORDERS_WRITE)
  async changePurchaseOrderLine(@Arg('input', () => ChangePurchaseOrderLineInput, { description: 'the line, the new terms and why' }) input: ChangePurchaseOrderLineInput, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).line, await ctx.services.purchaseOrderLines.change(ctx, input));
  }

  @Mutation(() => PurchaseOrderLineType, {
    description: 'retailer BUYER or ADMIN, or an API key with orders:write: accepts the supplier\'s proposedUnitCost; it becomes the line\'s unitCost '
      + '(history kept) and the supplier is told (PURCHASE_ORDER_CHANGED). BAD_USER_INPUT on lineId when no price change is pending',
  })
  @Allow(ORDERS_WRITE)
  async acceptPriceChange(@Arg('lineId', () => ID, { description: 'a line of one of the caller\'s orders with a proposedUnitCost' }) lineId: string, @Ctx() ctx: AuthedContext) {
    return fresh(purchasingLoaders(ctx).line, await ctx.services.purchaseOrderLines.decidePrice(ctx, lineId, { accept: true }));
  }

  @Mutation(() => PurchaseOrderLineType, {
    description: 'retailer BUYER or ADMIN, or an API key with orders:write: rejects the supplier\'s proposedUnitCost with a reason; unitCost stays as '
      + 'agreed and the supplier is told (PURCHASE_ORDER_CHANGED). BAD_USER_INPUT on lineId when no price change is pending, on reason when empty',
  })
  @Allow(ORDERS_WRITE)
  @ArgBounds({ reason: FREE_TEXT })
  async rejectPriceChange(
    @Arg('lineId', () => ID, { description: 'a line of one of the caller\'s orders with a proposedUnitCost' }) lineId: string,
    @Arg('reason', { description: 'why, 1 to 2,000 characters; shown to the supplier' }) reason: string,
    @Ctx() ctx: AuthedContext,
  ) {
    return fresh(purchasingLoaders(ctx).line, await ctx.services.purchaseOrderLines.decidePrice(ctx, lineId, { accept: false, reason }));
  }

  @FieldResolver(() => PurchaseOrderType, { description: 'the order this line belongs to' })
  purchaseOrder(@Root() line: PurchaseOrderLineType, @Ctx() ctx: RequestContext) {
    return purchasingLoaders(ctx).order.load(line.purchaseOrder);
  }

  @FieldResolver(() => ItemType, { description: 'the item ordered' })
  item(@Root() line: PurchaseOrderLineType, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return showItem(ctx, line.item, info);
  }

  @FieldResolver(() => [ScheduleLineType], {
    description: 'the supplier\'s latest promise for the quantity still to come, as given: sum(quantity) <= openQuantity - inTransitQuantity '
      + 'at the time of the promise; at most 366 dates',
  })
  schedule(@Root() line: PurchaseOrderLineType, @Ctx() ctx: RequestContext) {
    return purchasingLoaders(ctx).scheduleByLine.load(line.id);
  }

  @FieldResolver(() => [ScheduleLineType], {
    description: 'what is still to come of the latest promise: less what was shipped or received since it was given (earliest dates first), '
      + 'never more than openQuantity - inTransitQuantity; what the projection counts. At most 366 dates',
  })
  remainingSchedule(@Root() line: PurchaseOrderLineType, @Ctx() ctx: RequestContext) {
    return purchasingLoaders(ctx).remainingScheduleByLine.load(line.id);
  }

  @FieldResolver(() => [ConfirmationType], {
    description: 'every promise for this line, first confirmation first (the promise history): at most `first` (default 100, at most 500), '
      + 'the next ones with `after` (a promise\'s cursor)',
  })
  confirmations(@Root() line: PurchaseOrderLineType, @Ctx() ctx: RequestContext, @Args(() => LineEventArgs) page: ChildListPage) {
    return purchasingLoaders(ctx).confirmationsByLine(childPage(page)).load(line.id);
  }

  @FieldResolver(() => [ScheduleLineType], { nullable: true, description: 'the first confirmed schedule, never overwritten; null until confirmed; at most 366 dates' })
  async firstConfirmedSchedule(@Root() line: PurchaseOrderLineType, @Ctx() ctx: RequestContext) {
    return (await purchasingLoaders(ctx).firstConfirmationByLine.load(line.id))?.schedule ?? null;
  }

  @FieldResolver(() => [ShipNoticeLineType], {
    description: `the line on the ship notices the caller may see, oldest first: at most ${MAX_NOTICES_PER_LINE} (createShipNotice refuses more)`,
  })
  shipNoticeLines(@Root() line: PurchaseOrderLineType, @Ctx() ctx: RequestContext) {
    return purchasingLoaders(ctx).shipNoticeLinesByLine.load(line.id);
  }

  @FieldResolver(() => [ReceiptType], {
    description: 'goods received against this line, by day: at most `first` (default 100, at most 500), the next ones with `after` (a receipt\'s cursor)',
  })
  receipts(@Root() line: PurchaseOrderLineType, @Ctx() ctx: RequestContext, @Args(() => LineEventArgs) page: ChildListPage) {
    return purchasingLoaders(ctx).receiptsByLine(childPage(page)).load(line.id);
  }
}

@Resolver(() => ChangeRecordType)
export class ChangeRecordResolver {
  @FieldResolver(() => PurchaseOrderLineType, { nullable: true, description: 'the line the change was about; null for a change to the whole order' })
  line(@Root() record: ChangeRecordType, @Ctx() ctx: RequestContext) {
    return record.line ? purchasingLoaders(ctx).line.load(record.line) : null;
  }
}
