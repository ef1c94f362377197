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

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
