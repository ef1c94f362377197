import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';
import { ShipNoticeStatus } from './purchasing.enums';
import { NodeInterface } from '../../shared/node';

registerEnumType(ShipNoticeStatus, {
  name: 'ShipNoticeStatus',
  description: 'IN_TRANSIT, PARTIALLY_RECEIVED, RECEIVED; CLOSED: the retailer closed it with a remainder; CANCELLED: the supplier withdrew it before any receipt',
  valuesConfig: {
    IN_TRANSIT: { description: 'shipped, nothing received yet: its quantities count as inbound on expectedArrival' },
    PARTIALLY_RECEIVED: { description: 'some of it received; the rest is still in transit' },
    RECEIVED: { description: 'every line received in full' },
    CLOSED: { description: 'the retailer closed it with a remainder: that remainder returns to the lines\' open, unscheduled quantity' },
    CANCELLED: { description: 'the supplier withdrew it before any receipt: the quantities return to the lines\' open, unscheduled quantity' },
  },
});

@ObjectType('ShipNotice', { implements: NodeInterface,
  description: 'An advance ship notice (EDI 856): goods on their way. Shipped quantities leave the schedule and count as inbound on expectedArrival until received.',
})
export class ShipNoticeType {
  @Field(() => ID, { description: 'the ship notice\'s UUID' })
  id!: string;

  @Field({ description: 'ASN-000001, ... per supplier' })
  number!: string;

  @Field(() => ShipNoticeStatus, { description: 'IN_TRANSIT until received, closed or cancelled' })
  status!: ShipNoticeStatus;

  @Field(() => DateScalar, { description: 'the day the goods left the supplier' })
  shippedOn!: string;

  @Field(() => DateScalar, { description: 'the day they should arrive; after a line\'s requestedDate, that line slips' })
  expectedArrival!: string;

  @Field(() => String, { nullable: true, description: 'the carrier\'s name or code, as the supplier gave it' })
  carrier!: string | null;

  @Field(() => String, { nullable: true, description: 'the carrier\'s tracking number, as the supplier gave it' })
  trackingNumber!: string | null;

  @Field(() => DateTimeScalar, { description: 'when the supplier sent the notice' })
  createdAt!: string;

  retailer!: string;
  supplier!: string;
  shipTo!: string;
}

@ObjectType('ShipNoticeLine', { description: 'One purchase order line on a ship notice: what was shipped of it and what of that was received.' })
export class ShipNoticeLineType {

  @Field(() => Int, { description: 'shipped, in the item\'s base unit' })
  quantity!: number;

  @Field(() => Int, { description: 'received against this notice so far (what arrived beyond quantity, within tolerance, too)' })
  receivedQuantity!: number;

  shipNotice!: string;
  line!: string;
}

export const ShipNoticeConnection = connectionType('ShipNotice', ShipNoticeType);
