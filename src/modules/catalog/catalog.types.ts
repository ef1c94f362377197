import { Field, ID, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DecimalScalar } from '../../shared/scalars';
import { NodeInterface } from '../../shared/node';

@ObjectType('Item', { implements: NodeInterface, description: 'Something a retailer sells and buys, identified by its SKU. Every quantity of it is counted in unitOfMeasure.' })
export class ItemType {
  @Field(() => ID, { description: 'the item\'s UUID' })
  id!: string;

  @Field({ description: 'the retailer\'s stock-keeping unit code, unique within the retailer' })
  sku!: string;

  @Field({ description: 'the item\'s display name' })
  name!: string;

  @Field(() => DecimalScalar, { description: 'selling price per unit; revenue at risk is measured with it' })
  unitPrice!: string;

  @Field({ description: 'the base unit every quantity of this item is counted in, e.g. EA, KG_1 (1 kg packs); default EA' })
  unitOfMeasure!: string;

  @Field({ description: 'false once retired (setItemActive): no new orders, forecast lines or inventory; its risks leave shortageRisks unless includeInactive' })
  active(): boolean {
    return isTrue(this.isActive);
  }

  /** The stored flag (rows of nested fields read every column as text). */
  isActive!: boolean | string;
}

/** A boolean column as read directly (boolean) or through visibleRows (text). */
const isTrue = (value: boolean | string) => value === true || value === 'true';

@ObjectType('Location', { implements: NodeInterface, description: 'A retailer\'s store or warehouse: where inventory is held, demand is forecast and purchase orders ship to.' })
export class LocationType {
  @Field(() => ID, { description: 'the location\'s UUID' })
  id!: string;

  @Field({ description: 'the retailer\'s short code for it, unique within the retailer' })
  code!: string;

  @Field({ description: 'the location\'s display name' })
  name!: string;

  @Field({ description: 'where "today" is counted for this location (an IANA name): its own, else its organization\'s (DESIGN.md, Local dates)' })
  timeZone!: string;

  @Field({ description: 'false once retired (setLocationActive): no new orders, forecast lines or inventory; its risks leave shortageRisks unless includeInactive' })
  active(): boolean {
    return isTrue(this.isActive);
  }

  /** The stored flag (rows of nested fields read every column as text). */
  isActive!: boolean | string;
}

export const ItemConnection = connectionType('Item', ItemType);
