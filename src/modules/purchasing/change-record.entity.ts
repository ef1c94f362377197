import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import { PurchaseOrderEntity } from './purchase-order.entity';

/** Audit trail of an order: who (user or API key), when, what. Append-only. */
@Entity({ tableName: 'change_record' })
@Index({ name: 'change_record_order_id_idx', properties: ['purchaseOrder', 'id'] })
export class ChangeRecordEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => PurchaseOrderEntity, { mapToPk: true })
  purchaseOrder!: string;

  @ManyToOne(() => PurchaseOrderLineEntity, { mapToPk: true, nullable: true })
  line?: string | null;

  /** "user" or "apiKey", and its id: the actor text below is for people, these for machines. */
  @Property({ type: 'text' })
  actorType!: string;

  @Property({ type: 'uuid' })
  actorId!: string;

  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text' })
  details!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'timestamptz' })
  at: Date & Opt = new Date();
}
