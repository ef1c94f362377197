import type { GraphQLResolveInfo } from 'graphql';
import { ForecastScope } from './forecast-scope';
import DataLoader from 'dataloader';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../core/access';
import { perRequest, type AuthedContext, type RequestContext } from '../../core/context';
import { LargePageConnectionArgs, listArgs, listArgsType, pageArgs, toConnection, type ConnectionShape } from '../../shared/connection';
import { DateScalar } from '../../shared/scalars';
import { ItemType, LocationType } from '../catalog/catalog.types';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { PublishForecastInput } from './forecast.inputs';
import { ForecastLineConnection, ForecastLineType, ForecastVersionType } from './forecast.types';
import { showItem, showLocation } from '../catalog/catalog.loaders';

/** A supplier's lineCount counts its visible lines per version: a page of versions stays small. */
const MAX_VERSIONS_PAGE = 100;
const VersionListArgs = listArgsType({ max: MAX_VERSIONS_PAGE });

@Resolver(() => ForecastLineType)
export class ForecastResolver {
  @Mutation(() => ForecastVersionType, {
    description: 'publishes a new immutable forecast version (up to 100,000 lines): FULL replaces the whole forecast, LISTED only the item x '
      + 'locations it lists (the others carry over); positionsDropped counts item x locations whose demand it removed',
  })
  @Allow({ scope: 'forecast:write', kinds: [OrganizationKind.RETAILER], roles: [Role.PLANNER] })
  publishForecast(@Arg('input', () => PublishForecastInput, { description: 'the lines and the scope; retailer PLANNER or ADMIN, or an API key with forecast:write' }) input: PublishForecastInput, @Ctx() ctx: AuthedContext): Promise<ForecastVersionType> {
    return ctx.services.forecasts.publish(ctx, input.lines, input.scope ?? ForecastScope.FULL);
  }

  @Query(() => ForecastLineConnection, {
    description: 'lines of the latest published version the caller may see (a supplier sees only items it is a source for), '
      + 'by item, location and period; each page reads the version that is the latest when it is asked for',
  })
  @Allow({ scope: 'read' })
  async forecast(
    @Ctx() ctx: AuthedContext,
    @Arg('itemId', () => ID, { nullable: true, description: 'only this item\'s lines' }) itemId: string | null,
    @Arg('locationId', () => ID, { nullable: true, description: 'only this location\'s lines' }) locationId: string | null,
    @Arg('from', () => DateScalar, { nullable: true, description: 'only periods that end on or after this day' }) from: string | null,
    @Arg('to', () => DateScalar, { nullable: true, description: 'only periods that start on or before this day; BAD_USER_INPUT (field to) when before `from`' }) to: string | null,
    @Args(() => LargePageConnectionArgs) page: LargePageConnectionArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<ForecastLineType>> {
    return toConnection(await ctx.services.forecasts.page(ctx, { itemId, locationId, from, to }, pageArgs(page, info)));
  }

  @Query(() => [ForecastVersionType], {
    description: 'published versions, newest first: at most `first` (default and most 100), the next ones with `after`',
  })
  @Allow({ scope: 'read' })
  forecastVersions(@Ctx() ctx: AuthedContext, @Args(() => VersionListArgs) page: InstanceType<typeof VersionListArgs>): Promise<ForecastVersionType[]> {
    return ctx.services.forecasts.versions(ctx, listArgs(page, MAX_VERSIONS_PAGE));
  }

  @FieldResolver(() => ItemType, { description: 'the item forecast' })
  item(@Root() line: ForecastLineType, @Ctx() ctx: RequestContext) {
    return showItem(ctx, line.item);
  }

  @FieldResolver(() => LocationType, { description: 'where the demand is' })
  location(@Root() line: ForecastLineType, @Ctx() ctx: RequestContext) {
    return showLocation(ctx, line.location);
  }
}

/** Each version's figures as the caller may see them, one statement per request's versions. */
const figuresLoader = (ctx: RequestContext) =>
  new DataLoader<string, { lineCount: number; positionsDropped: number }>((ids) => ctx.services.forecasts.visibleFigures(ctx as AuthedContext, ids));

/**
 * A supplier's figures of a version count only the lines it may see, not the
 * whole version (a total of the others' is not its to know), on every path
 * that answers a version (forecastVersions, node(id)); a retailer's are the
 * stored ones.
 */
@Resolver(() => ForecastVersionType)
export class ForecastVersionResolver {
  @FieldResolver(() => Int, { description: 'lines in this version, carried-over ones included' })
  async lineCount(@Root() version: ForecastVersionType, @Ctx() ctx: AuthedContext): Promise<number> {
    return ctx.scope.isRetailer ? version.lineCount : (await perRequest(ctx, figuresLoader).load(version.id)).lineCount;
  }

  @FieldResolver(() => Int, { description: 'item x locations that had demand in the previous version and have none in this one' })
  async positionsDropped(@Root() version: ForecastVersionType, @Ctx() ctx: AuthedContext): Promise<number> {
    return ctx.scope.isRetailer ? version.positionsDropped : (await perRequest(ctx, figuresLoader).load(version.id)).positionsDropped;
  }
}
