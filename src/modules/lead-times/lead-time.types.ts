import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('LeadTimeStats', { description: 'How long a supplier takes for an item: quoted, confirmed (issue to latest confirmed date) and actual (issue to receipt).' })
export class LeadTimeStatsType {
  @Field(() => Int, { nullable: true, description: 'from the sourcing rule; null without one' })
  quotedLeadTimeDays!: number | null;

  @Field(() => Int)
  confirmedCount!: number;

  @Field(() => Float, { nullable: true })
  confirmedMeanDays!: number | null;

  @Field(() => Int, { nullable: true })
  confirmedP90Days!: number | null;

  @Field(() => Int, { description: 'issue to receipt' })
  actualCount!: number;

  @Field(() => Float, { nullable: true })
  actualMeanDays!: number | null;

  @Field(() => Int, { nullable: true })
  actualP90Days!: number | null;

  @Field(() => Float, { nullable: true, description: 'share of received lines that arrived in full no later than requestedDate; null without receipts' })
  onTimeInFullRate!: number | null;

  supplier!: string;
  item!: string;
}
