import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { ItemEntity } from '../catalog/item.entity';
import { OrganizationEntity } from '../tenancy/organization.entity';

/** How a retailer may buy one item from one supplier; one rule per item x supplier. */
@Entity({ tableName: 'sourcing_rule' })
@Unique({ name: 'sourcing_rule_item_supplier_unique', properties: ['item', 'supplier'] })
@Index({ name: 'sourcing_rule_retailer_item_idx', properties: ['retailer', 'item'] })
@Index({ name: 'sourcing_rule_supplier_retailer_idx', properties: ['supplier', 'retailer'] })
export class SourcingRuleEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @ManyToOne(() => ItemEntity, { mapToPk: true })
  item!: string;

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  supplier!: string;

  @Property({ type: 'integer' })
  priority!: number;

  @Property({ type: 'integer' })
  quotedLeadTimeDays!: number;

  @Property({ type: 'decimal', precision: 14, scale: 4 })
  unitCost!: string;

  @Property({ type: 'integer' })
  minOrderQuantity: number & Opt = 1;

  @Property({ type: 'integer' })
  orderMultiple: number & Opt = 1;

  @Property({ type: 'integer', nullable: true })
  weeklyCapacity?: number | null;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  /** The unit the supplier sells in (CS, ...); null: the item's base unit. */
  @Property({ type: 'text', nullable: true })
  purchaseUnit?: string | null;

  /** Base units in one purchase unit (1 without one). */
  @Property({ type: 'integer', default: 1 })
  unitsPerPurchaseUnit: number & Opt = 1;

  /** A receipt may exceed the open quantity by this % of the ordered quantity. */
  @Property({ type: 'integer', default: 0 })
  overDeliveryTolerancePercent: number & Opt = 0;

  @Property({ type: 'timestamptz' })
  updatedAt: Date & Opt = new Date();
}
