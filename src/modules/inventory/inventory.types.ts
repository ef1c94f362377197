import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DateTimeScalar } from '../../shared/scalars';
import { NodeInterface } from '../../shared/node';

@ObjectType('InventoryPosition', { implements: NodeInterface, description: 'Stock at one location. available = onHand - reserved - qualityHold; it is what can be sold.' })
export class InventoryPositionType {
  @Field(() => ID, { description: 'the position\'s UUID: one per item x location, kept when the position is upserted again' })
  id!: string;

  @Field(() => Int, { description: 'physically at the location, in the item\'s base unit' })
  onHand!: number;

  @Field(() => Int, { description: 'on hand but promised to orders: not sellable' })
  reserved!: number;

  @Field(() => Int, { description: 'on hand but blocked by quality control: not sellable' })
  qualityHold!: number;

  @Field(() => Int, { description: 'onHand - reserved - qualityHold: what can be sold; the projection starts from it' })
  available!: number;


  @Field(() => DateTimeScalar, { description: 'when the source system took this snapshot' })
  asOf!: Date;

  item!: string;
  location!: string;
}

export const InventoryPositionConnection = connectionType('InventoryPosition', InventoryPositionType);
