import { Entity, Enum, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { PurchaseOrderLineEntity } from './purchase-order-line.entity';

export enum ConfirmationKind {
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}

/**
 * Every promise a supplier made for a line, in order; sequence 1 is the first
 * confirmation and is never overwritten, so on-time rates stay honest.
 */
@Entity({ tableName: 'confirmation' })
@Unique({ name: 'confirmation_line_sequence_unique', properties: ['line', 'sequence'] })
export class ConfirmationEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => PurchaseOrderLineEntity, { mapToPk: true })
  line!: string;

  @Property({ type: 'integer' })
  sequence!: number;

  @Enum({ items: () => ConfirmationKind, type: 'text' })
  kind!: ConfirmationKind;

  /** [{ quantity, deliveryDate }] as promised; empty for a rejection. */
  @Property({ type: 'jsonb' })
  schedule!: { quantity: number; deliveryDate: string }[];

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
