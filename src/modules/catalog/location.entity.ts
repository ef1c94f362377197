import { Entity, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { OrganizationEntity } from '../tenancy/organization.entity';

@Entity({ tableName: 'location' })
@Unique({ name: 'location_retailer_code_unique', properties: ['retailer', 'code'] })
export class LocationEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @Property({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  /** IANA time zone where "today" is counted here; null: the organization's (src/core/local-dates.ts). */
  @Property({ type: 'text', nullable: true })
  timeZone?: string | null;

  /** Retired locations (false) get no new orders, forecast lines or inventory; open orders go on. */
  @Property({ type: 'boolean', default: true })
  active: boolean & Opt = true;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
