import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { OrganizationEntity } from '../tenancy/organization.entity';

@Entity({ tableName: 'item' })
@Unique({ name: 'item_retailer_sku_unique', properties: ['retailer', 'sku'] })
@Index({ name: 'item_retailer_id_idx', properties: ['retailer', 'id'] })
export class ItemEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = newId();

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @Property({ type: 'text' })
  sku!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'decimal', precision: 14, scale: 4 })
  unitPrice!: string;

  /** The base unit every quantity of this item counts in (EA, KG_1, ...). */
  @Property({ type: 'text', default: 'EA' })
  unitOfMeasure: string & Opt = 'EA';

  /** Retired items (false) get no new orders, forecast lines or inventory; open orders go on. */
  @Property({ type: 'boolean', default: true })
  active: boolean & Opt = true;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
