import { ArrayType, Entity, Index, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

/** An integration's credential. The secret is shown once; only its SHA-256 is stored. */
@Entity({ tableName: 'api_key' })
export class ApiKeyEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @Index()
  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  organization!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: ArrayType })
  scopes!: string[];

  @Unique()
  @Property({ type: 'text' })
  secretHash!: string;

  @ManyToOne(() => UserEntity, { mapToPk: true, nullable: true, deleteRule: 'set null' })
  createdBy?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
