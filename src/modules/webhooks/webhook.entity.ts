import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { AlertEntity } from '../alerts/alert.entity';
import type { AlertType } from '../alerts/alert-type';
import { OrganizationEntity } from '../tenancy/organization.entity';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

/**
 * An organization's webhook endpoint (DESIGN.md "Integrations without a
 * socket"). The signing secret is kept in clear (the server must sign with
 * it); it is returned only by createWebhookEndpoint. `queuedThrough` is the
 * last alert cursor of the organization turned into deliveries for it.
 */
@Entity({ tableName: 'webhook_endpoint' })
export class WebhookEndpointEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  organization!: string;

  @Property({ type: 'text' })
  url!: string;

  /** null: every alert type. */
  @Property({ type: 'text[]', nullable: true })
  types?: AlertType[] | null;

  @Property({ type: 'text' })
  secret!: string;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  @Property({ type: 'bigint' })
  queuedThrough!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lastDeliveryAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;
}

/** One alert to deliver to one endpoint; the same row across retries (its id is the ShortStop-Delivery-Id header). */
@Entity({ tableName: 'webhook_delivery' })
@Unique({ name: 'webhook_delivery_endpoint_alert_unique', properties: ['endpoint', 'alert'] })
@Index({ name: 'webhook_delivery_endpoint_cursor_idx', properties: ['endpoint', 'alertCursor'] })
export class WebhookDeliveryEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => WebhookEndpointEntity, { mapToPk: true, deleteRule: 'cascade' })
  endpoint!: string;

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  organization!: string;

  @ManyToOne(() => AlertEntity, { mapToPk: true, deleteRule: 'cascade' })
  alert!: string;

  /** The alert's cursor (deliveries go out in this order per endpoint). */
  @Property({ type: 'bigint' })
  alertCursor!: string;

  @Enum({ items: () => WebhookDeliveryStatus, type: 'text' })
  status: WebhookDeliveryStatus & Opt = WebhookDeliveryStatus.PENDING;

  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  /** The first failed attempt since the delivery was (re)queued: the 24-hour window counts from it. */
  @Property({ type: 'timestamptz', nullable: true })
  firstFailedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastAttemptAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  responseStatus?: number | null;

  @Property({ type: 'timestamptz', nullable: true })
  nextAttemptAt?: Date | null;
}
