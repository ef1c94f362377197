import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { OrganizationEntity } from '../tenancy/organization.entity';
import { AlertType } from './alert-type';

/**
 * The transactional outbox: an alert row is written in the transaction of its
 * cause. cursor is per recipient organization, taken from a locked counter,
 * so cursors become visible strictly in order.
 */
@Entity({ tableName: 'alert' })
@Unique({ name: 'alert_organization_cursor_unique', properties: ['organization', 'cursor'] })
export class AlertEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  organization!: string;

  @Property({ type: 'bigint' })
  cursor!: string;

  @Enum({ items: () => AlertType, type: 'text' })
  type!: AlertType;

  @Property({ type: 'text' })
  message!: string;

  @Property({ type: 'uuid', nullable: true })
  purchaseOrderId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  purchaseOrderLineId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  itemId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  locationId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  forecastVersionId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  reallocationId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  shipNoticeId?: string | null;

  /** FORECAST_COMMIT_EXCEPTION: the forecast commit (forecast_commit.id) it is about. */
  @Property({ type: 'uuid', nullable: true })
  forecastCommitId?: string | null;

  /** WEBHOOK_ENDPOINT_DEACTIVATED: the endpoint deactivated (no foreign key: the alert outlives a deleted endpoint). */
  @Property({ type: 'uuid', nullable: true })
  webhookEndpointId?: string | null;

  /** Indexed for the retention job. */
  @Index({ name: 'alert_created_at_idx' })
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
