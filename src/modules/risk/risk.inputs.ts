import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DateScalar } from '../../shared/scalars';
import { RiskLevel } from './risk-level';
import { ShortageRiskType } from './shortage-risk.type';

@InputType('ShortageRiskFilter', { description: 'Narrows shortage risks; the conditions combine with AND.' })
export class ShortageRiskFilter {
  @Field(() => [RiskLevel], { nullable: true, description: 'only risks at one of these levels; null: any' })
  levels?: RiskLevel[] | null;

  @Field(() => ID, { nullable: true, description: 'only this location\'s risks' })
  locationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'only this item\'s risks' })
  itemId?: string | null;

  @Field(() => ID, { nullable: true, description: 'items this supplier has a sourcing rule for' })
  supplierId?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'also the risks of retired items and locations (setItemActive / setLocationActive false); default false: left out' })
  includeInactive?: boolean | null;
}

@ObjectType('ProjectedDay', {
  description: 'One day of an item x location\'s projection (base units). For a supplier, inbound counts only its own deliveries '
    + '(never another supplier\'s), and projectedAvailable is computed from that.',
})
export class ProjectedDayType {
  @Field(() => DateScalar, { description: 'the day (day 0 is today)' })
  date!: string;

  @Field(() => Int, { description: 'forecast demand on this day: each forecast line spread evenly over its period\'s days' })
  demand!: number;

  @Field(() => Int, { description: 'expected to arrive on this day (the open-quantity model): in-transit quantities on expectedArrival, promised ones on their deliveryDate, '
      + 'never-confirmed open quantities on requestedDate; overdue ones count on day 0'
 })
  inbound!: number;

  @Field(() => Int, { description: 'PAB(d) = available today + inbound on days 0..d - demand on days 0..d; below 0 is a stockout' })
  projectedAvailable!: number;

}

export const ShortageRiskConnection = connectionType('ShortageRisk', ShortageRiskType);
