import { Entity, ManyToOne, Opt, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { OrganizationEntity } from '../tenancy/organization.entity';

/** An immutable published forecast; the newest version of a retailer is the demand the risk engine uses. */
@Entity({ tableName: 'forecast_version' })
@Unique({ name: 'forecast_version_retailer_version_unique', properties: ['retailer', 'version'] })
export class ForecastVersionEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'integer' })
  lineCount!: number;

  /** FULL: replaces the whole forecast; LISTED: only the item x locations it lists (the others carried over). */
  @Property({ type: 'text', default: 'FULL' })
  scope: string & Opt = 'FULL';

  /** Item x locations that had demand in the previous version and have none in this one. */
  @Property({ type: 'integer', default: 0 })
  positionsDropped: number & Opt = 0;

  @Property({ type: 'text' })
  publishedBy!: string;

  @Property({ type: 'timestamptz' })
  publishedAt: Date & Opt = new Date();
}

/**
 * Demand of one item at one location over one period (periodDays days from
 * periodStart). Written only by ForecastService.publish.
 *
 * Without foreign keys, on purpose (as sales_day): a version has a line per
 * item x location x period (80,000 for 10,000 positions x 8 weeks) and
 * PostgreSQL checks a foreign key with one look-up and row lock per row: the
 * three keys were three quarters of the insert (80,000 lines: 2.8 s with
 * them, 0.7 s without). The one writer checks every line's item and location
 * against the caller's own in the same request, and inserts the version
 * first in the same transaction (the lines' policy requires it); nothing
 * deletes items, locations or versions.
 */
@Entity({ tableName: 'forecast_line' })
export class ForecastLineEntity {
  [PrimaryKeyProp]?: ['version', 'item', 'location', 'periodStart'];

  /** The version (forecast_version.id). */
  @Property({ type: 'uuid', primary: true, fieldName: 'version_id' })
  version!: string;

  /** The item (item.id). */
  @Property({ type: 'uuid', primary: true, fieldName: 'item_id' })
  item!: string;

  /** The location (location.id). */
  @Property({ type: 'uuid', primary: true, fieldName: 'location_id' })
  location!: string;

  @Property({ type: 'date', primary: true })
  periodStart!: string;

  @Property({ type: 'integer' })
  periodDays!: number;

  @Property({ type: 'integer' })
  quantity!: number;

  /** The baseline method that generated the line (generateForecast); null for uploaded lines. */
  @Property({ type: 'text', nullable: true })
  method?: string | null;
}
