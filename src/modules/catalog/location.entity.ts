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

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
