import { Field, ID, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DecimalScalar } from '../../shared/scalars';
import { NodeInterface } from '../../shared/node';

@ObjectType('Item', { implements: NodeInterface })
export class ItemType {
  @Field(() => ID)
  id!: string;

  @Field()
  sku!: string;

  @Field()
  name!: string;

  @Field(() => DecimalScalar, { description: 'selling price per unit; revenue at risk is measured with it' })
  unitPrice!: string;

  @Field({ description: 'the base unit every quantity of this item is counted in, e.g. EA, KG_1 (1 kg packs); default EA' })
  unitOfMeasure!: string;
}

@ObjectType('Location', { implements: NodeInterface })
export class LocationType {
  @Field(() => ID)
  id!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;
}

export const ItemConnection = connectionType('Item', ItemType);
