import { Entity, Enum, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { OrganizationKind } from '../../core/tenancy.enums';

@Entity({ tableName: 'organization' })
export class OrganizationEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => OrganizationKind, type: 'text' })
  kind!: OrganizationKind;

  /** IANA time zone of the organization (its locations' default); "today" is counted there (src/core/local-dates.ts). */
  @Property({ type: 'text', default: 'UTC' })
  timeZone: string & Opt = 'UTC';

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
