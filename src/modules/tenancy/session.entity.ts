import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { UserEntity } from './user.entity';

/** A log-in session. Only the SHA-256 of the token is stored. */
@Entity({ tableName: 'session' })
export class SessionEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @Index()
  @ManyToOne(() => UserEntity, { mapToPk: true, deleteRule: 'cascade' })
  user!: string;

  @Unique()
  @Property({ type: 'text' })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
