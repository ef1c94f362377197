import { Entity, ManyToOne, PrimaryKeyProp, Property, Opt } from '@mikro-orm/core';
import { ItemEntity } from '../catalog/item.entity';
import { LocationEntity } from '../catalog/location.entity';
import { OrganizationEntity } from '../tenancy/organization.entity';

/** The buffer below which the risk engine calls an item x location AT_RISK. */
@Entity({ tableName: 'safety_stock' })
export class SafetyStockEntity {
  [PrimaryKeyProp]?: ['item', 'location'];

  @ManyToOne(() => ItemEntity, { mapToPk: true, primary: true })
  item!: string;

  @ManyToOne(() => LocationEntity, { mapToPk: true, primary: true })
  location!: string;

  @ManyToOne(() => OrganizationEntity, { mapToPk: true })
  retailer!: string;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'timestamptz' })
  updatedAt: Date & Opt = new Date();
}
