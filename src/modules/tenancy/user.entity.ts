import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { OrganizationEntity } from './organization.entity';
import { Role } from '../../core/tenancy.enums';

@Entity({ tableName: 'app_user' })
export class UserEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @Index()
  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  organization!: string;

  /** Stored lower-cased: log-in is case-insensitive. */
  @Unique({ name: 'app_user_email_unique' })
  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Enum({ items: () => Role, type: 'text' })
  role!: Role;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
