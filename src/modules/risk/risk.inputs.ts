import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection';
import { DateScalar } from '../../shared/scalars';
import { RiskLevel } from './risk-level';
import { ShortageRiskType } from './shortage-risk.type';

@InputType('ShortageRiskFilter')
export class ShortageRiskFilter {
  @Field(() => [RiskLevel], { nullable: true })
  levels?: RiskLevel[] | null;

  @Field(() => ID, { nullable: true })
  locationId?: string | null;

  @Field(() => ID, { nullable: true })
  itemId?: string | null;

  @Field(() => ID, { nullable: true, description: 'items this supplier has a sourcing rule for' })
  supplierId?: string | null;
}

@ObjectType('ProjectedDay')
export class ProjectedDayType {
  @Field(() => DateScalar)
  date!: string;

  @Field(() => Int)
  demand!: number;

  @Field(() => Int)
  inbound!: number;

  @Field(() => Int)
  projectedAvailable!: number;
}

export const ShortageRiskConnection = connectionType('ShortageRisk', ShortageRiskType);
