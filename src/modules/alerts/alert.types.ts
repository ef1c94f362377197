import { Extensions, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LEAVES_FROM_EVENT } from '../../shared/event-fields';
import { connectionType } from '../../shared/connection';
import { DateTimeScalar } from '../../shared/scalars';
import { AlertType } from './alert-type';
import { NodeInterface } from '../../shared/node';

registerEnumType(AlertType, {
  name: 'AlertType',
  description: 'What happened, and so who gets the alert (DESIGN.md, Alerts: who gets what).',
  valuesConfig: {
    SHORTAGE_RISK_CHANGED: {
      description: 'level, projectedStockoutDate or shortageQuantity of an item x location changed; to the retailer and each supplier with an active sourcing rule for the item',
    },
    SUPPLIER_SLIPPED: { description: 'a line became slipped, or slipped further (later or shorter); to the retailer' },
    PURCHASE_ORDER_ISSUED: { description: 'an order was issued (also by a reallocation); to its supplier' },
    PURCHASE_ORDER_CHANGED: { description: 'an issued order or line was cancelled, reduced or closed short by the retailer; to its supplier' },
    PURCHASE_ORDER_CONFIRMED: { description: 'a line was confirmed, re-confirmed or rejected; to the retailer' },
    REALLOCATION_PROPOSED: { description: 'the backup-supplier selector proposed a reallocation; to the retailer' },
    REALLOCATION_APPLIED: { description: 'a reallocation was applied (by a buyer or the AUTO policy); to the retailer' },
    FORECAST_PUBLISHED: { description: 'a forecast version was published; to each supplier with an active sourcing rule for an item in it' },
    SHIP_NOTICE_CREATED: { description: 'a supplier sent a ship notice; to the retailer' },
    CONFIRMATION_OVERDUE: {
      description: 'an issued line has neither a promise nor a rejection confirmationDueHours (partnership rule, default 24) after issue; once per line; '
        + 'to the retailer and the supplier',
    },
    DELIVERY_OVERDUE: {
      description: 'a line still has open quantity the day after its latest promised date (or requestedDate if never promised) and nothing in transit; '
        + 'once per line and date; to the retailer and the supplier',
    },
    FORECAST_COMMIT_EXCEPTION: {
      description: 'a commit is short of the forecast by more than commitTolerancePercent, or no commit commitDueDays after the version was published; '
        + 'once per version x item x location x period; to the retailer and the supplier',
    },
    WEBHOOK_ENDPOINT_DEACTIVATED: {
      description: 'a webhook endpoint was deactivated after its deliveries failed for 24 hours (the message names the URL and the last error); '
        + 'to the endpoint\'s organization. Fix the receiver, then replayWebhookDeliveries',
    },

  },
});

// Its scalar fields (id, type, createdAt, message, cursor) are read off the alert row the stream delivers, without the database.
@Extensions({ [LEAVES_FROM_EVENT]: true })
@ObjectType('Alert', {
  implements: NodeInterface,
  description: 'One event delivered to an organization. cursor is opaque, strictly increasing per organization, and can be passed back as `after` to resume. '
    + 'Linked objects the caller may no longer see (e.g. after a partnership is suspended) are null.',
})
export class AlertObject {
  @Field(() => ID, { description: 'the alert\'s UUID' })
  id!: string;

  @Field(() => AlertType, { description: 'what happened; says which linked field is set' })
  type!: AlertType;

  @Field(() => DateTimeScalar, { description: 'when it was raised, in the same transaction as the change that caused it'
 })
  createdAt!: string;

  @Field({ description: 'what happened, in a sentence for people' })
  message!: string;

  @Field(() => ID, { nullable: true, description: 'WEBHOOK_ENDPOINT_DEACTIVATED: the id of the endpoint deactivated (WebhookEndpoint.id; it may since have been deleted); null for other types' })
  webhookEndpointId!: string | null;


  /** Resolved as a string by AlertResolver.cursor. */
  cursor!: number;
  purchaseOrderId!: string | null;
  purchaseOrderLineId!: string | null;
  itemId!: string | null;
  locationId!: string | null;
}

/** No totalCount: the stream is read forward, from a cursor. */
export const AlertConnection = connectionType('Alert', AlertObject, { totalCount: false });
