import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { ItemEntity } from '../catalog/item.entity';
import { LocationEntity } from '../catalog/location.entity';
import { OrganizationEntity } from '../tenancy/organization.entity';
import { PurchaseOrderLineStatus } from '../open-orders/line-status';
import { PurchaseOrderEntity } from './purchase-order.entity';

/**
 * One item on an order. retailer, supplier and shipTo repeat the order's so
 * that risk (item x location) and lead-time statistics (supplier x item) read
 * lines without joining orders. confirmedQuantity, latestDeliveryDate and
 * slipped are kept in step with the schedule so they can be filtered on.
 */
@Entity({ tableName: 'purchase_order_line' })
@Unique({ name: 'purchase_order_line_order_number_unique', properties: ['purchaseOrder', 'lineNumber'] })
@Index({ name: 'purchase_order_line_item_ship_to_idx', properties: ['item', 'shipTo'] })
@Index({ name: 'purchase_order_line_supplier_item_idx', properties: ['supplier', 'item'] })
export class PurchaseOrderLineEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => PurchaseOrderEntity, { mapToPk: true })
  purchaseOrder!: string;

  @Property({ type: 'integer' })
  lineNumber!: number;

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  supplier!: string;

  @ManyToOne(() => LocationEntity, { mapToPk: true })
  shipTo!: string;

  @ManyToOne(() => ItemEntity, { mapToPk: true })
  item!: string;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'date' })
  requestedDate!: string;

  @Property({ type: 'decimal', precision: 14, scale: 4 })
  unitCost!: string;

  @Enum({ items: () => PurchaseOrderLineStatus, type: 'text' })
  status: PurchaseOrderLineStatus & Opt = PurchaseOrderLineStatus.OPEN;

  @Property({ type: 'integer' })
  confirmedQuantity: number & Opt = 0;

  @Property({ type: 'date', nullable: true })
  latestDeliveryDate?: string | null;

  @Property({ type: 'boolean' })
  slipped: boolean & Opt = false;

  @Property({ type: 'integer' })
  receivedQuantity: number & Opt = 0;

  /** Taken off by the retailer: closed short, reduced by a reallocation, cancelled (open-quantity.ts). */
  @Property({ type: 'integer', default: 0 })
  cancelledQuantity: number & Opt = 0;

  /** On open ship notices, not yet received: kept in step with ship_notice_line. */
  @Property({ type: 'integer', default: 0 })
  inTransitQuantity: number & Opt = 0;

  /** Received beyond the ordered quantity, within the sourcing rule's tolerance. */
  @Property({ type: 'integer', default: 0 })
  overDeliveredQuantity: number & Opt = 0;

  /** Units of the current promise (schedule_line) shipped or received without a notice since it was given. */
  @Property({ type: 'integer', default: 0 })
  scheduleTaken: number & Opt = 0;

  /**
   * The current promise as schedule_line holds it, by delivery date
   * (`[{quantity, deliveryDate}]`), written with the line's other facts
   * (writeLineChanges), so the open-quantity model reads it without a
   * sub-select (LINE_STATE_COLUMNS).
   */
  @Property({ type: 'json', columnType: 'jsonb', default: "'[]'" })
  schedule: { quantity: number; deliveryDate: string }[] & Opt = [];

  /**
   * Whether the line's order has left DRAFT (issued, or cancelled; an order
   * never returns to DRAFT): the line's row-level-security policy shows it to
   * the supplier only then, reading this column instead of probing the order.
   * The database keeps it: the line's order, parties and this flag reference
   * the order's id, parties and generated `past_draft` (ON UPDATE CASCADE;
   * migration Migration20261212010000_line_order_past_draft).
   */
  @Property({ type: 'boolean', default: false })
  orderPastDraft: boolean & Opt = false;

  /** When the retailer closed the line (short); null while it is open. */
  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  /** The supplier's purchase unit when the order was made (from the sourcing rule); null: the base unit. */
  @Property({ type: 'text', nullable: true })
  purchaseUnit?: string | null;

  @Property({ type: 'integer', default: 1 })
  unitsPerPurchaseUnit: number & Opt = 1;

  /** The buyer changed the line after the supplier's promise; the supplier has not confirmed or rejected since. */
  @Property({ type: 'boolean', default: false })
  acknowledgementRequired: boolean & Opt = false;

  /** A price the supplier proposed with its confirmation, awaiting the retailer's acceptance. */
  @Property({ type: 'decimal', precision: 14, scale: 4, nullable: true })
  proposedUnitCost?: string | null;

  @Property({ type: 'text', nullable: true })
  rejectionReason?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
