import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../shared/scalars';
import { NodeInterface } from '../../shared/node';

@ObjectType('SourcingRule', { implements: NodeInterface, description: 'How a retailer may buy an item from one supplier. priority 1 is the primary source; higher numbers are backups.' })
export class SourcingRuleType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  priority!: number;

  @Field(() => Int)
  quotedLeadTimeDays!: number;

  @Field(() => DecimalScalar)
  unitCost!: string;

  @Field(() => Int)
  minOrderQuantity!: number;

  @Field(() => Int)
  orderMultiple!: number;

  @Field(() => Int, { nullable: true, description: 'units per ISO week the supplier can ship for this retailer; null = unlimited' })
  weeklyCapacity?: number | null;

  @Field()
  active!: boolean;

  @Field(() => String, { nullable: true, description: 'the unit the supplier sells in, e.g. CS; null = the item\'s base unit' })
  purchaseUnit!: string | null;

  @Field(() => Int, { description: 'base units in one purchase unit (12 for a case of 12); 1 when purchaseUnit is null' })
  unitsPerPurchaseUnit!: number;

  @Field(() => Int, { description: 'receipts may exceed the open quantity by at most this % of the ordered quantity' })
  overDeliveryTolerancePercent!: number;

  /** Ids, resolved to objects by field resolvers. */
  item!: string;
  supplier!: string;
}
