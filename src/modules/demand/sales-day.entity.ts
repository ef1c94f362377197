import { Entity, Index, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { ItemEntity } from '../catalog/item.entity';
import { LocationEntity } from '../catalog/location.entity';
import { OrganizationEntity } from '../tenancy/organization.entity';

/**
 * What sold of an item at a location on one day (DESIGN.md, "Demand"), as the
 * retailer reported it with recordSales: one row per item x location x day,
 * the latest value wins. Written only by the demand module.
 */
@Entity({ tableName: 'sales_day' })
@Index({ name: 'sales_day_retailer_day_idx', properties: ['retailer', 'day'] })
export class SalesDayEntity {
  [PrimaryKeyProp]?: ['item', 'location', 'day'];

  @ManyToOne(() => ItemEntity, { mapToPk: true, primary: true })
  item!: string;

  @ManyToOne(() => LocationEntity, { mapToPk: true, primary: true })
  location!: string;

  /** The calendar day of the sales. */
  @Property({ type: 'date', primary: true })
  day!: string;

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  /** Units sold that day, in the item's base unit. */
  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
