import { Entity, ManyToOne, Opt, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { OrganizationEntity } from './organization.entity';

/**
 * Per-organization counters (order numbers, forecast versions, alert
 * cursors). Taking the next value locks the row until the transaction ends,
 * so values become visible in the order they were taken.
 */
@Entity({ tableName: 'organization_counter' })
export class OrganizationCounterEntity {
  [PrimaryKeyProp]?: ['organization', 'name'];

  @ManyToOne(() => OrganizationEntity, { mapToPk: true, primary: true })
  organization!: string;

  @Property({ type: 'text', primary: true })
  name!: string;

  @Property({ type: 'bigint' })
  value!: string;
}

/** A mutation's idempotency key: repeating it returns the first result and applies nothing twice. */
@Entity({ tableName: 'idempotency_key' })
export class IdempotencyKeyEntity {
  [PrimaryKeyProp]?: ['organization', 'key'];

  @ManyToOne(() => OrganizationEntity, { mapToPk: true, primary: true })
  organization!: string;

  @Property({ type: 'text', primary: true })
  key!: string;

  /** Operation and input (without the key) as JSON: reusing a key for a different request is an error. */
  @Property({ type: 'text' })
  fingerprint!: string;

  @Property({ type: 'uuid' })
  resultId!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
