import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { LocationEntity } from '../catalog/location.entity';
import { OrganizationEntity } from '../tenancy/organization.entity';
import { PurchaseOrderStatus } from './purchasing.enums';

/** A retailer's order to one supplier, shipping to one location. Written with set-based SQL (purchasing services). */
@Entity({ tableName: 'purchase_order' })
@Unique({ name: 'purchase_order_retailer_number_unique', properties: ['retailer', 'number'] })
@Index({ name: 'purchase_order_retailer_id_idx', properties: ['retailer', 'id'] })
@Index({ name: 'purchase_order_supplier_id_idx', properties: ['supplier', 'id'] })
@Index({ name: 'purchase_order_retailer_status_idx', properties: ['retailer', 'status', 'id'] })
export class PurchaseOrderEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  supplier!: string;

  @ManyToOne(() => LocationEntity, { mapToPk: true })
  shipTo!: string;

  /** Human-readable, unique per retailer: PO-000123. */
  @Property({ type: 'text' })
  number!: string;

  @Enum({ items: () => PurchaseOrderStatus, type: 'text' })
  status!: PurchaseOrderStatus;

  /** Optimistic-locking version; bumps on every change. */
  @Property({ type: 'integer' })
  version: number & Opt = 1;

  @Property({ type: 'timestamptz', nullable: true })
  issuedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date & Opt = new Date();
}
