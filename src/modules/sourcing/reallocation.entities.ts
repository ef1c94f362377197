import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { PurchaseOrderLineEntity } from '../purchasing/purchase-order-line.entity';
import { OrganizationEntity } from '../tenancy/organization.entity';

export enum ReallocationStatus {
  PROPOSED = 'PROPOSED',
  APPLIED = 'APPLIED',
  DISMISSED = 'DISMISSED',
  SUPERSEDED = 'SUPERSEDED',
}

export enum SourcingMode {
  MANUAL = 'MANUAL',
  AUTO = 'AUTO',
}

/** A proposal to cover a slipped line from backup suppliers; the candidates and moves are kept as decided. */
@Entity({ tableName: 'reallocation_proposal' })
@Index({ name: 'reallocation_proposal_retailer_id_idx', properties: ['retailer', 'id'] })
@Index({ name: 'reallocation_proposal_line_status_idx', properties: ['sourceLine', 'status'] })
export class ReallocationProposalEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @ManyToOne(() => PurchaseOrderLineEntity, { mapToPk: true })
  sourceLine!: string;

  @Enum({ items: () => ReallocationStatus, type: 'text' })
  status!: ReallocationStatus;

  /** The source line as it was when proposed; applying after it changed is a CONFLICT. */
  @Property({ type: 'text' })
  sourceRevision!: string;

  @Property({ type: 'integer' })
  shortfallQuantity!: number;

  @Property({ type: 'date' })
  neededBy!: string;

  @Property({ type: 'integer' })
  reduceSourceBy!: number;

  @Property({ type: 'integer' })
  uncoveredQuantity!: number;

  @Property({ type: 'integer' })
  onTimeCoverage!: number;

  @Property({ type: 'decimal', precision: 38, scale: 4 })
  addedCost!: string;

  /** False when the selector's work bound stopped the search: the best plan found, not proven optimal (never auto-applied). */
  @Property({ type: 'boolean' })
  optimal: boolean & Opt = true;

  /** [{ supplierId, quantity, expectedDate, unitCost, purchaseOrderLineId? }] */
  @Property({ type: 'jsonb' })
  moves!: unknown[];

  /** [{ supplierId, verdict, quantity, expectedDate, reason }] */
  @Property({ type: 'jsonb' })
  candidates!: unknown[];

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  /** Who applied or dismissed it ("auto-applied (policy AUTO)" when the policy did). */
  @Property({ type: 'text', nullable: true })
  decidedBy?: string | null;
}

/** How a retailer wants proposals handled. */
@Entity({ tableName: 'sourcing_policy' })
export class SourcingPolicyEntity {
  @ManyToOne(() => OrganizationEntity, { mapToPk: true, primary: true })
  retailer!: string;

  @Enum({ items: () => SourcingMode, type: 'text' })
  mode!: SourcingMode;

  @Property({ type: 'integer' })
  maxCostIncreasePercent!: number;

  @Property({ type: 'timestamptz' })
  updatedAt: Date & Opt = new Date();
}
