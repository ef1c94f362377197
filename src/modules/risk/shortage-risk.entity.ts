import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { ItemEntity } from '../catalog/item.entity';
import { LocationEntity } from '../catalog/location.entity';
import { OrganizationEntity } from '../tenancy/organization.entity';
import { RiskLevel } from './risk-level';

/** The current shortage risk of an item at a location, kept up to date in the transaction of every input change. */
@Entity({ tableName: 'shortage_risk' })
@Index({ name: 'shortage_risk_urgency_idx', properties: ['retailer', 'levelRank', 'projectedStockoutDate', 'revenueAtRisk'] })
export class ShortageRiskEntity {
  [PrimaryKeyProp]?: ['item', 'location'];

  @ManyToOne(() => ItemEntity, { mapToPk: true, primary: true })
  item!: string;

  @ManyToOne(() => LocationEntity, { mapToPk: true, primary: true })
  location!: string;

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @Enum({ items: () => RiskLevel, type: 'text' })
  level!: RiskLevel;

  /** 0 STOCKOUT, 1 AT_RISK, 2 OK: the first sort key of shortageRisks. */
  @Property({ type: 'smallint' })
  levelRank!: number;

  @Property({ type: 'integer' })
  availableNow!: number;

  @Property({ type: 'integer' })
  safetyStock!: number;

  @Property({ type: 'date', nullable: true })
  projectedStockoutDate?: string | null;

  @Property({ type: 'integer' })
  shortageQuantity!: number;

  @Property({ type: 'integer' })
  daysOfCover!: number;

  /** unit price x shortage quantity: up to about 2.1e18 within the bounds (migration ..._money_headroom). */
  @Property({ type: 'decimal', precision: 38, scale: 4 })
  revenueAtRisk!: string;

  /** The date the projection started from (its day 0): today at the location when computed. */
  @Property({ type: 'date' })
  computedFor!: string;

  @Property({ type: 'timestamptz' })
  computedAt: Date & Opt = new Date();
}
