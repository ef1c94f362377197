import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('LeadTimeStats', { description: 'How long a supplier takes for an item: quoted, confirmed (issue to latest confirmed date) and actual (issue to receipt).' })
export class LeadTimeStatsType {
  @Field(() => Int, { nullable: true, description: 'from the sourcing rule; null without one' })
  quotedLeadTimeDays!: number | null;

  @Field(() => Int, { description: 'confirmed lines measured: days from issue to the latest confirmed delivery date' })
  confirmedCount!: number;

  @Field(() => Float, { nullable: true, description: 'mean confirmed lead time in days, 2 decimals; null when confirmedCount is 0' })
  confirmedMeanDays!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'nearest-rank 90th percentile of the confirmed lead times in days; null when confirmedCount is 0. The selector uses it from 3 confirmations on',
  })

  confirmedP90Days!: number | null;

  @Field(() => Int, { description: 'received lines measured: days from issue to receipt' })
  actualCount!: number;

  @Field(() => Float, { nullable: true, description: 'mean actual lead time in days, 2 decimals; null when actualCount is 0' })
  actualMeanDays!: number | null;

  @Field(() => Int, { nullable: true, description: 'nearest-rank 90th percentile of the actual lead times in days; null when actualCount is 0' })
  actualP90Days!: number | null;


  @Field(() => Float, { nullable: true, description: 'share of received lines that arrived in full no later than requestedDate; null without receipts' })
  onTimeInFullRate!: number | null;

  supplier!: string;
  item!: string;
}
