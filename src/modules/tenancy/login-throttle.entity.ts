import { Entity, Index, Property } from '@mikro-orm/core';

/**
 * Sign-in throttling counters, shared by all instances. System-only: the
 * application reaches it through the login_throttle_* SECURITY DEFINER
 * functions (migrations/Migration20261201010000_login_throttle.ts), never
 * through this entity; it is declared so the schema stays in step with the
 * migrations.
 */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottleEntity {
  /** "login_account:<sha256>" or "login_address:<sha256>". */
  @Property({ type: 'text', primary: true })
  key!: string;

  @Property({ type: 'int' })
  points!: number;

  /** End of the counting window or of the lock; null: never. */
  @Index()
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date | null;
}
