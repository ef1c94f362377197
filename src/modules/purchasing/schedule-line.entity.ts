import { Entity, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { PurchaseOrderLineEntity } from './purchase-order-line.entity';

/** The current confirmed delivery schedule of a line; replaced whole on re-confirmation (history: confirmation). */
@Entity({ tableName: 'schedule_line' })
export class ScheduleLineEntity {
  [PrimaryKeyProp]?: ['line', 'deliveryDate'];

  @ManyToOne(() => PurchaseOrderLineEntity, { mapToPk: true, primary: true, deleteRule: 'cascade' })
  line!: string;

  @Property({ type: 'date', primary: true })
  deliveryDate!: string;

  @Property({ type: 'integer' })
  quantity!: number;
}
