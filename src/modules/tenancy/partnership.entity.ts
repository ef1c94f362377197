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
}
