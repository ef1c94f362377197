import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { ItemEntity } from '../catalog/item.entity';
import { LocationEntity } from '../catalog/location.entity';
import { OrganizationEntity } from '../tenancy/organization.entity';
import { ForecastVersionEntity } from './forecast.entities';

/**
 * A supplier's commit against one forecast line (item x location x period of
 * one version) of one retailer (DESIGN.md, Planning collaboration: CPFR).
 * The id is derived from the key (forecastCommitId in
 * forecast-commit.service.ts), so a line not committed yet has the same id
 * as the row its commit will write. A row with no committedQuantity exists
 * only when a missing-commit exception was raised for it. exceptionRaisedAt:
 * FORECAST_COMMIT_EXCEPTION was raised for this key (once per key). Written
 * by the forecasting module only (ForecastCommitService), with set-based SQL.
 */
// One index: the key, version and supplier first. Every read finds its rows through it (a line's commit, a
// supplier's commits of a version); a second index on (supplier, version) tempted the planner into scanning all of
// a supplier's commits once per forecast line while the table's statistics were stale (measured: 33 s for a page).
@Entity({ tableName: 'forecast_commit' })
@Unique({ name: 'forecast_commit_key_unique', properties: ['version', 'supplier', 'item', 'location', 'periodStart'] })
export class ForecastCommitEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  supplier!: string;

  @ManyToOne(() => ForecastVersionEntity, { mapToPk: true, deleteRule: 'cascade' })
  version!: string;

  @ManyToOne(() => ItemEntity, { mapToPk: true })
  item!: string;

  @ManyToOne(() => LocationEntity, { mapToPk: true })
  location!: string;

  @Property({ type: 'date' })
  periodStart!: string;

  /** Base units over the forecast line's period; null: not committed (the row holds a missing-commit exception). */
  @Property({ type: 'integer', nullable: true })
  committedQuantity?: number | null;

  @Property({ type: 'timestamptz', nullable: true })
  committedAt?: Date | null;

  /** Who committed (user email or API key name), as the audit trail names actors. */
  @Property({ type: 'text', nullable: true })
  committedBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  exceptionRaisedAt?: Date | null;
}
