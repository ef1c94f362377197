import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { ItemEntity } from '../catalog/item.entity';
import { LocationEntity } from '../catalog/location.entity';
import { OrganizationEntity } from '../tenancy/organization.entity';

/** Stock of one item at one location; written in bulk with set-based SQL (inventory.repository.ts). */
@Entity({ tableName: 'inventory_position' })
@Unique({ name: 'inventory_position_item_location_unique', properties: ['item', 'location'] })
@Index({ name: 'inventory_position_retailer_id_idx', properties: ['retailer', 'id'] })
@Index({ name: 'inventory_position_location_id_idx', properties: ['location', 'id'] })
export class InventoryPositionEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @ManyToOne(() => ItemEntity, { mapToPk: true })
  item!: string;

  @ManyToOne(() => LocationEntity, { mapToPk: true })
  location!: string;

  @Property({ type: 'integer' })
  onHand!: number;

  @Property({ type: 'integer' })
  reserved: number & Opt = 0;

  @Property({ type: 'integer' })
  qualityHold: number & Opt = 0;

  /** When the source system (WMS) took the snapshot; older snapshots never overwrite newer ones. */
  @Property({ type: 'timestamptz' })
  asOf!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt: Date & Opt = new Date();
}
