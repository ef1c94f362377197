import { Entity, Index, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * What sold of an item at a location on one day (DESIGN.md, "Demand"), as the
 * retailer reported it with recordSales: one row per item x location x day,
 * the latest value wins. Written only by the demand module.
 *
 * A fact table without foreign keys, on purpose: recordSales takes 100,000
 * rows a call, and PostgreSQL checks a foreign key with one look-up per row
 * (three keys were three quarters of the insert's time). The one writer
 * checks every row's item and location against the caller's own in the same
 * request, nothing deletes items or locations, and row-level security pins
 * retailer_id to the acting organization.
 */
@Entity({ tableName: 'sales_day' })
@Index({ name: 'sales_day_retailer_day_idx', properties: ['retailer', 'day'] })
export class SalesDayEntity {
  [PrimaryKeyProp]?: ['item', 'location', 'day'];

  /** The item (item.id). */
  @Property({ type: 'uuid', primary: true, fieldName: 'item_id' })
  item!: string;

  /** The location (location.id). */
  @Property({ type: 'uuid', primary: true, fieldName: 'location_id' })
  location!: string;

  /** The calendar day of the sales. */
  @Property({ type: 'date', primary: true })
  day!: string;

  /** The retailer (organization.id) whose sales these are. */
  @Property({ type: 'uuid', fieldName: 'retailer_id' })
  retailer!: string;

  /** Units sold that day, in the item's base unit. */
  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
