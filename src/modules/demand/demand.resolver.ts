import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../core/access';
import type { AuthedContext, RequestContext } from '../../core/context';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { ArgBounds } from '../../shared/bounds';
import { LargePageConnectionArgs, ListArgs, listArgs, pageArgs, toConnection, type ConnectionShape } from '../../shared/connection';
import { DateScalar } from '../../shared/scalars';
import { showItem, showLocation } from '../catalog/catalog.loaders';
import { ItemType, LocationType } from '../catalog/catalog.types';
import { ForecastMethod } from '../forecasting/forecast-method';
import { ForecastVersionType } from '../forecasting/forecast.types';
import { KpiGroup } from '../kpis/kpi.types';
import { GenerateForecastInput, MAX_HORIZON_WEEKS, RecordSalesInput } from './demand.inputs';
import { ForecastAccuracyType, ForecastPreviewType, SalesDayConnection, SalesDayType } from './demand.types';

const PLANNING = { scope: 'forecast:write', kinds: [OrganizationKind.RETAILER], roles: [Role.PLANNER] } as const;

@Resolver(() => SalesDayType)
export class SalesResolver {
  @Mutation(() => Int, {
    description: 'records daily sales in bulk (1 to 100,000 lines), idempotent per item x location x date: the latest value wins. '
      + 'All or nothing: a bad line rejects the call (BAD_USER_INPUT or NOT_FOUND naming input.lines[i].field: an unknown item or location, '
      + 'a date after today, a duplicate). Returns the number of rows written: new rows and rows whose quantity changed (a retry of the same call writes nothing and returns 0)',
  })
  @Allow({ ...PLANNING, kinds: [...PLANNING.kinds], roles: [...PLANNING.roles] })
  recordSales(@Arg('input', () => RecordSalesInput, { description: 'the lines; retailer PLANNER or ADMIN, or an API key with forecast:write' }) input: RecordSalesInput, @Ctx() ctx: AuthedContext): Promise<number> {
    return ctx.services.demand.recordSales(ctx, input.lines);
  }

  @Query(() => SalesDayConnection, {
    description: 'daily sales the caller may see (a supplier: of the items it supplies, only from retailers that share their sales with it), '
      + 'by item, location and date',
  })
  @Allow({ scope: 'read' })
  async sales(
    @Ctx() ctx: AuthedContext,
    @Arg('itemId', () => ID, { nullable: true, description: 'only this item\'s sales' }) itemId: string | null,
    @Arg('locationId', () => ID, { nullable: true, description: 'only this location\'s sales' }) locationId: string | null,
    @Arg('from', () => DateScalar, { nullable: true, description: 'only days on or after this one' }) from: string | null,
    @Arg('to', () => DateScalar, { nullable: true, description: 'only days on or before this one; BAD_USER_INPUT (field to) when before `from`' }) to: string | null,
    @Args(() => LargePageConnectionArgs) page: LargePageConnectionArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<SalesDayType>> {
    return toConnection(await ctx.services.demand.sales(ctx, { itemId, locationId, from, to }, pageArgs(page, info)));
  }

  @FieldResolver(() => ItemType, { description: 'the item sold' })
  item(@Root() day: SalesDayType, @Ctx() ctx: RequestContext) {
    return showItem(ctx, day.item);
  }

  @FieldResolver(() => LocationType, { description: 'where it sold' })
  location(@Root() day: SalesDayType, @Ctx() ctx: RequestContext) {
    return showLocation(ctx, day.location);
  }
}

@Resolver(() => ForecastPreviewType)
export class BaselineResolver {
  @Query(() => ForecastPreviewType, {
    description: 'retailer: the baseline forecast of one item x location from its weekly sales, with that history, for a chart; nothing is published. '
      + 'NOT_FOUND on itemId/locationId; BAD_USER_INPUT on itemId with fewer than 2 weeks of history. Methods: DESIGN.md, "Demand"',
  })
  @Allow({ scope: 'read', kinds: [OrganizationKind.RETAILER] })
  @ArgBounds({ horizonWeeks: { min: 1, max: MAX_HORIZON_WEEKS } })
  previewForecast(
    @Ctx() ctx: AuthedContext,
    @Arg('itemId', () => ID, { description: 'one of the caller\'s items' }) itemId: string,
    @Arg('locationId', () => ID, { description: 'one of the caller\'s locations' }) locationId: string,
    @Arg('horizonWeeks', () => Int, { defaultValue: 8, description: 'weeks to forecast from today, 1 to 52' }) horizonWeeks: number,
    @Arg('method', () => ForecastMethod, { defaultValue: ForecastMethod.AUTO, description: 'AUTO (default) or one method; one that does not apply falls back to SES' }) method: ForecastMethod,
  ): Promise<ForecastPreviewType> {
    return ctx.services.demand.preview(ctx, itemId, locationId, horizonWeeks, method);
  }

  @Mutation(() => ForecastVersionType, {
    description: 'publishes a LISTED version with the baseline forecast of every item x location with 2 or more weeks of sales history '
      + '(or of the listed items/locations), each series cut at today at its location and its weeks starting there (as previewForecast '
      + 'shows it); each line records its method. Retired items and locations get no lines. The other item x locations carry over. '
      + 'BAD_USER_INPUT on input when nothing qualifies; NOT_FOUND on input.itemIds[i] / input.locationIds[i]; BAD_USER_INPUT there '
      + 'for a retired one',
  })
  @Allow({ ...PLANNING, kinds: [...PLANNING.kinds], roles: [...PLANNING.roles] })
  generateForecast(@Arg('input', () => GenerateForecastInput, { description: 'horizon, method and which series; retailer PLANNER or ADMIN, or an API key with forecast:write' }) input: GenerateForecastInput, @Ctx() ctx: AuthedContext): Promise<ForecastVersionType> {
    return ctx.services.demand.generate(ctx, {
      horizonWeeks: input.horizonWeeks ?? 8,
      method: input.method ?? ForecastMethod.AUTO,
      itemIds: input.itemIds,
      locationIds: input.locationIds,
    });
  }

  @Query(() => [ForecastAccuracyType], {
    description: 'how far the published forecasts were from what sold over [from, to] (at most 400 days; BAD_USER_INPUT on `to` beyond, or when to < from), '
      + 'whole or per supplier, item or location: WAPE = sum|F - A| / sum A and bias = sum(F - A) / sum A over the days with a sales row, '
      + 'F being the day\'s share in the version newest when that day began at its location (local midnight). Groups by key: at most `first` (default and most 500), the next ones with `after`',
  })
  @Allow({ scope: 'read' })
  forecastAccuracy(
    @Ctx() ctx: AuthedContext,
    @Arg('from', () => DateScalar, { description: 'the first day of the window, included' }) from: string,
    @Arg('to', () => DateScalar, { description: 'the last day of the window, included; at most 400 days after from' }) to: string,
    @Arg('groupBy', () => KpiGroup, { nullable: true, defaultValue: KpiGroup.ALL, description: 'ALL (default), SUPPLIER, ITEM or LOCATION' }) groupBy: KpiGroup | null,
    @Args(() => ListArgs) page: ListArgs,
  ): Promise<ForecastAccuracyType[]> {
    return ctx.services.demand.accuracy(ctx, from, to, groupBy ?? KpiGroup.ALL, listArgs(page));
  }

  @FieldResolver(() => ItemType, { description: 'the item forecast' })
  item(@Root() preview: ForecastPreviewType, @Ctx() ctx: RequestContext) {
    return showItem(ctx, preview.item);
  }

  @FieldResolver(() => LocationType, { description: 'where' })
  location(@Root() preview: ForecastPreviewType, @Ctx() ctx: RequestContext) {
    return showLocation(ctx, preview.location);
  }
}
