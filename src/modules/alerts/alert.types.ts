import { Extensions, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LEAVES_FROM_EVENT } from '../../shared/event-fields';
import { connectionType } from '../../shared/connection';
import { DateTimeScalar } from '../../shared/scalars';
import { AlertType } from './alert-type';
import { NodeInterface } from '../../shared/node';

registerEnumType(AlertType, { name: 'AlertType' });

// Its scalar fields (id, type, createdAt, message, cursor) are read off the alert row the stream delivers, without the database.
@Extensions({ [LEAVES_FROM_EVENT]: true })
@ObjectType('Alert', { implements: NodeInterface, description: 'One event delivered to an organization. cursor is opaque, strictly increasing per organization, and can be passed back as `after` to resume.' })
export class AlertObject {
  @Field(() => ID)
  id!: string;

  @Field(() => AlertType)
  type!: AlertType;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field()
  message!: string;

  /** Resolved as a string by AlertResolver.cursor. */
  cursor!: number;
  purchaseOrderId!: string | null;
  purchaseOrderLineId!: string | null;
  itemId!: string | null;
  locationId!: string | null;
}

/** No totalCount: the stream is read forward, from a cursor. */
export const AlertConnection = connectionType('Alert', AlertObject, { totalCount: false });
