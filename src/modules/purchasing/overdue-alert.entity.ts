import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/core';
import { OrganizationEntity } from '../tenancy/organization.entity';
import { OverdueKind } from './overdue';
import { PurchaseOrderLineEntity } from './purchase-order-line.entity';

/**
 * One overdue alert raised, so it is raised once: the primary key is the
 * rule's key (line, kind, forDate), and the job inserts ON CONFLICT DO
 * NOTHING before it raises the alerts, in the same transaction. Kept as long
 * as the line (alerts themselves are pruned after their retention period;
 * this row is what stops a 40-day-old unanswered line from alerting again).
 */
@Entity({ tableName: 'overdue_alert' })
export class OverdueAlertEntity {
  @ManyToOne(() => PurchaseOrderLineEntity, { mapToPk: true, primary: true, deleteRule: 'cascade' })
  line!: string;

  @Enum({ items: () => OverdueKind, type: 'text', primary: true })
  kind!: OverdueKind;

  /** CONFIRMATION_OVERDUE: the UTC date of issue; DELIVERY_OVERDUE: the promised (or requested) date that passed. */
  @Property({ type: 'date', primary: true })
  forDate!: string;

  /** The retailer whose line it is (row-level security). */
  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @Property({ type: 'timestamptz' })
  raisedAt!: Date;
}
