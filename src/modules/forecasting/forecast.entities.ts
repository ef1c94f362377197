import { Entity, ManyToOne, Opt, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { ItemEntity } from '../catalog/item.entity';
import { LocationEntity } from '../catalog/location.entity';
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

/** Demand of one item at one location over one period (periodDays days from periodStart). */
@Entity({ tableName: 'forecast_line' })
export class ForecastLineEntity {
  [PrimaryKeyProp]?: ['version', 'item', 'location', 'periodStart'];

  @ManyToOne(() => ForecastVersionEntity, { mapToPk: true, primary: true, deleteRule: 'cascade' })
  version!: string;

  @ManyToOne(() => ItemEntity, { mapToPk: true, primary: true })
  item!: string;

  @ManyToOne(() => LocationEntity, { mapToPk: true, primary: true })
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
