import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { LocationEntity } from '../catalog/location.entity';
import { OrganizationEntity } from '../tenancy/organization.entity';
import { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import { ShipNoticeStatus } from './purchasing.enums';

/**
 * An advance ship notice (EDI 856): goods a supplier shipped to one
 * location of one retailer, on their way until received. Numbered
 * ASN-000001 per supplier. Written with set-based SQL (ShipNoticeService).
 */
@Entity({ tableName: 'ship_notice' })
@Unique({ name: 'ship_notice_supplier_number_unique', properties: ['supplier', 'number'] })
@Index({ name: 'ship_notice_retailer_id_idx', properties: ['retailer', 'id'] })
@Index({ name: 'ship_notice_supplier_id_idx', properties: ['supplier', 'id'] })
export class ShipNoticeEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  supplier!: string;

  @ManyToOne(() => LocationEntity, { mapToPk: true })
  shipTo!: string;

  @Property({ type: 'text' })
  number!: string;

  @Enum({ items: () => ShipNoticeStatus, type: 'text' })
  status!: ShipNoticeStatus;

  @Property({ type: 'date' })
  shippedOn!: string;

  @Property({ type: 'date' })
  expectedArrival!: string;

  @Property({ type: 'text', nullable: true })
  carrier?: string | null;

  @Property({ type: 'text', nullable: true })
  trackingNumber?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date & Opt = new Date();
}

/** One order line on a notice: how much was shipped, how much of it has been received. */
@Entity({ tableName: 'ship_notice_line' })
export class ShipNoticeLineEntity {
  [PrimaryKeyProp]?: ['shipNotice', 'line'];

  @ManyToOne(() => ShipNoticeEntity, { mapToPk: true, primary: true })
  shipNotice!: string;

  @ManyToOne(() => PurchaseOrderLineEntity, { mapToPk: true, primary: true, index: 'ship_notice_line_line_id_index' })
  line!: string;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'integer', default: 0 })
  receivedQuantity: number & Opt = 0;
}
