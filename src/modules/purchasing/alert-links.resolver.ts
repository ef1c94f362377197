import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { AlertRow } from '../alerts/alert-row';
import { AlertObject } from '../alerts/alert.types';
import { purchasingLoaders } from './purchasing.loaders';
import { PurchaseOrderLineType, PurchaseOrderType } from './purchasing.types';
import { ShipNoticeType } from './ship-notice.types';

/** Alert.purchaseOrder, purchaseOrderLine and shipNotice, resolved by the module that owns them: alerts imports no module that raises alerts. */
@Resolver(() => AlertObject)
export class PurchasingAlertLinksResolver {
  @FieldResolver(() => PurchaseOrderType, { nullable: true, description: 'for purchase order, confirmation and slip alerts: the order' })
  purchaseOrder(@Root() alert: AlertRow, @Ctx() ctx: RequestContext) {
    return alert.purchaseOrderId ? purchasingLoaders(ctx).order.load(alert.purchaseOrderId) : null;
  }

  @FieldResolver(() => PurchaseOrderLineType, { nullable: true, description: 'for alerts about one line (confirmed, rejected, slipped, changed): the line' })
  purchaseOrderLine(@Root() alert: AlertRow, @Ctx() ctx: RequestContext) {
    return alert.purchaseOrderLineId ? purchasingLoaders(ctx).line.load(alert.purchaseOrderLineId) : null;
  }

  @FieldResolver(() => ShipNoticeType, { nullable: true, description: 'for SHIP_NOTICE_CREATED (and changes a notice caused)' })
  shipNotice(@Root() alert: AlertRow, @Ctx() ctx: RequestContext) {
    return alert.shipNoticeId ? purchasingLoaders(ctx).shipNotice.load(alert.shipNoticeId) : null;
  }
}
