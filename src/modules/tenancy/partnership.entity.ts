import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { OrganizationEntity } from './organization.entity';
import { PartnershipStatus } from '../../core/tenancy.enums';

/** A retailer-supplier relationship; data is shared only while it is ACTIVE. */
@Entity({ tableName: 'partnership' })
@Unique({ name: 'partnership_retailer_supplier_unique', properties: ['retailer', 'supplier'] })
export class PartnershipEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @Index()
  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  supplier!: string;

  @Enum({ items: () => PartnershipStatus, type: 'text' })
  status: PartnershipStatus & Opt = PartnershipStatus.PENDING;

  @Property({ type: 'timestamptz' })
  invitedAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt?: Date | null;

  /** A forecast commit more than this far below the forecast is an exception (percent, 0 to 100). */
  @Property({ type: 'integer', default: 10 })
  commitTolerancePercent: number & Opt = 10;

  /** Days after a forecast version is published by which the supplier's commits are due (0 to 365). */
  @Property({ type: 'integer', default: 3 })
  commitDueDays: number & Opt = 3;

  /** Hours after issue by which an order line must be confirmed or rejected (1 to 8,760). */
  @Property({ type: 'integer', default: 24 })
  confirmationDueHours: number & Opt = 24;

  /** Whether the supplier may read the retailer's daily sales of the items it supplies (off until the retailer's ADMIN shares them). */
  @Property({ type: 'boolean', default: false })
  shareSales: boolean & Opt = false;
}
