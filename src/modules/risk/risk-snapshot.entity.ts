import { Entity, Enum, Index, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { ItemEntity } from '../catalog/item.entity';
import { LocationEntity } from '../catalog/location.entity';
import { OrganizationEntity } from '../tenancy/organization.entity';
import { RiskLevel } from './risk-level';

/**
 * The shortage risk of an item at a location as projected on one day (DESIGN.md,
 * "KPIs"): written once a day by the daily snapshot task, kept 400 days, read by
 * the KPIs and the risk trend. A past ShortageRisk: the same visibility rule.
 */
@Entity({ tableName: 'risk_snapshot' })
@Index({ name: 'risk_snapshot_retailer_day_idx', properties: ['retailer', 'day'] })
export class RiskSnapshotEntity {
  [PrimaryKeyProp]?: ['item', 'location', 'day'];

  @ManyToOne(() => ItemEntity, { mapToPk: true, primary: true })
  item!: string;

  @ManyToOne(() => LocationEntity, { mapToPk: true, primary: true })
  location!: string;

  /** The date the projection started from (its day 0): today at the location when computed. */
  @Property({ type: 'date', primary: true })
  day!: string;

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @Enum({ items: () => RiskLevel, type: 'text' })
  level!: RiskLevel;

  /** PAB(0): available stock plus day 0's inbound (overdue included) less day 0's demand. Below zero: a stockout day. */
  @Property({ type: 'integer' })
  openingBalance!: number;

  @Property({ type: 'date', nullable: true })
  projectedStockoutDate?: string | null;

  @Property({ type: 'integer' })
  shortageQuantity!: number;

  /** unit price x shortage quantity, as ShortageRisk.revenueAtRisk. */
  @Property({ type: 'decimal', precision: 38, scale: 4 })
  revenueAtRisk!: string;
}
