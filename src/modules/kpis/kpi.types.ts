import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../shared/scalars';

export enum KpiGroup {
  ALL = 'ALL',
  SUPPLIER = 'SUPPLIER',
  ITEM = 'ITEM',
  LOCATION = 'LOCATION',
}
registerEnumType(KpiGroup, { name: 'KpiGroup' });

@ObjectType('Kpi', { description: 'See DESIGN.md, KPIs, for each definition. Rates are null when nothing counts.' })
export class KpiType {
  @Field({ description: 'the group\'s id (supplier, item or location), or ALL' })
  key!: string;

  @Field({ description: 'the supplier\'s name, "<SKU> <item name>", "<code> <location name>", or "All"' })
  label!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'sum(min(received on or before requestedDate, ordered - cancelled)) / sum(ordered - cancelled) over the lines requested in [from, to], not cancelled; 4 decimals',
  })
  fillRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'share of those lines received in full on or before requestedDate (closed short is not in full); 4 decimals' })
  onTimeInFullRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'mean hours from issue to the first promise or rejection, over lines issued in [from, to] that have one; 2 decimals' })
  confirmationLatencyHours!: number | null;

  @Field(() => Int, { description: 'snapshot days in [from, to] whose projected balance on day 0 was below zero' })
  stockoutDays!: number;

  @Field(() => Int, { description: 'all snapshot days in [from, to] (one per item x location per day)' })
  positionDays!: number;

  @Field(() => DecimalScalar, { description: 'the sum of revenue at risk over the window\'s last snapshot day' })
  revenueAtRisk!: string;
}

@ObjectType('RiskTrendDay')
export class RiskTrendDayType {
  @Field(() => DateScalar)
  date!: string;

  @Field(() => Int)
  stockoutPositions!: number;

  @Field(() => Int)
  atRiskPositions!: number;

  @Field(() => DecimalScalar)
  revenueAtRisk!: string;
}
