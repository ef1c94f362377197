import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';
import { ShipNoticeStatus } from './purchasing.enums';
import { NodeInterface } from '../../shared/node';

registerEnumType(ShipNoticeStatus, {
  name: 'ShipNoticeStatus',
  description: 'IN_TRANSIT, PARTIALLY_RECEIVED, RECEIVED; CLOSED: the retailer closed it with a remainder; CANCELLED: the supplier withdrew it before any receipt',
});

@ObjectType('ShipNotice', { implements: NodeInterface,
  description: 'An advance ship notice (EDI 856): goods on their way. Shipped quantities leave the schedule and count as inbound on expectedArrival until received.',
})
export class ShipNoticeType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'ASN-000001, ... per supplier' })
  number!: string;

  @Field(() => ShipNoticeStatus)
  status!: ShipNoticeStatus;

  @Field(() => DateScalar)
  shippedOn!: string;

  @Field(() => DateScalar)
  expectedArrival!: string;

  @Field(() => String, { nullable: true })
  carrier!: string | null;

  @Field(() => String, { nullable: true })
  trackingNumber!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  retailer!: string;
  supplier!: string;
  shipTo!: string;
}

@ObjectType('ShipNoticeLine')
export class ShipNoticeLineType {
  @Field(() => Int, { description: 'shipped, in the item\'s base unit' })
  quantity!: number;

  @Field(() => Int, { description: 'received against this notice so far (what arrived beyond quantity, within tolerance, too)' })
  receivedQuantity!: number;

  shipNotice!: string;
  line!: string;
}

export const ShipNoticeConnection = connectionType('ShipNotice', ShipNoticeType);
