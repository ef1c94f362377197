import { Entity, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import { ShipNoticeEntity } from './ship-notice.entity';

/** Goods received against a line. */
@Entity({ tableName: 'receipt' })
export class ReceiptEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => PurchaseOrderLineEntity, { mapToPk: true, index: true })
  line!: string;

  @Property({ type: 'integer' })
  quantity!: number;

  /** The ship notice received against; null for a receipt on the line alone. */
  @ManyToOne(() => ShipNoticeEntity, { mapToPk: true, nullable: true })
  shipNotice?: string | null;

  @Property({ type: 'date' })
  receivedOn!: string;

  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
