import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { Allow } from '../../core/access';
import type { AuthedContext } from '../../core/context';
import { ListArgs, listArgs } from '../../shared/connection';
import { DateScalar } from '../../shared/scalars';
import { KpiGroup, KpiType, RiskTrendDayType } from './kpi.types';

@Resolver()
export class KpiResolver {
  @Query(() => [KpiType], {
    description: 'stockout KPIs of the caller\'s organization over [from, to], whole or grouped. '
      + 'At most 400 days, from and to included (BAD_USER_INPUT on `to` beyond, or when to < from). '
      + 'Groups by key: at most `first` (default and most 500), the next ones with `after` (the key of the last group you have)',
  })
  @Allow({ scope: 'read' })
  kpis(
    @Ctx() ctx: AuthedContext,
    @Arg('from', () => DateScalar, { description: 'the first day of the window, included' }) from: string,
    @Arg('to', () => DateScalar, { description: 'the last day of the window, included; at most 400 days after from' }) to: string,
    @Arg('groupBy', () => KpiGroup, { nullable: true, defaultValue: KpiGroup.ALL, description: 'ALL (default), SUPPLIER, ITEM or LOCATION' }) groupBy: KpiGroup | null,
    @Args(() => ListArgs) page: ListArgs,
  ): Promise<KpiType[]> {
    return ctx.services.kpis.kpis(ctx, from, to, groupBy ?? KpiGroup.ALL, listArgs(page));
  }

  @Query(() => [RiskTrendDayType], {
    description: 'daily counts from the risk snapshots, oldest first: one per snapshot day in [from, to] (at most 400 days, as kpis)',
  })
  @Allow({ scope: 'read' })
  riskTrend(
    @Ctx() ctx: AuthedContext,
    @Arg('from', () => DateScalar, { description: 'the first day, included' }) from: string,
    @Arg('to', () => DateScalar, { description: 'the last day, included; at most 400 days after from' }) to: string,
  ): Promise<RiskTrendDayType[]> {
    return ctx.services.kpis.riskTrend(ctx, from, to);
  }
}
