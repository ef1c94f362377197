import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../shared/scalars';
import { NodeInterface } from '../../shared/node';

@ObjectType('SourcingRule', { implements: NodeInterface, description: 'How a retailer may buy an item from one supplier. priority 1 is the primary source; higher numbers are backups.' })
export class SourcingRuleType {
  @Field(() => ID, { description: 'the rule\'s UUID' })
  id!: string;

  @Field(() => Int, { description: '1 is the primary source; higher numbers are backups (the selector prefers lower ones at equal cost)' })
  priority!: number;

  @Field(() => Int, { description: 'days from order to delivery the supplier quotes; the selector uses it until it has 3 confirmations to measure the p90 from' })
  quotedLeadTimeDays!: number;

  @Field(() => DecimalScalar, { description: 'price per base unit; new order lines default to it' })
  unitCost!: string;

  @Field(() => Int, { description: 'the smallest quantity (base units) the selector orders from this supplier in one move' })
  minOrderQuantity!: number;

  @Field(() => Int, { description: 'the selector orders multiples of this (base units)' })
  orderMultiple!: number;

  @Field(() => Int, { nullable: true, description: 'units per ISO week the supplier can ship for this retailer; null = unlimited' })
  weeklyCapacity?: number | null;

  @Field({ description: 'false: no new orders through this rule, and the selector lists it as INACTIVE' })
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
