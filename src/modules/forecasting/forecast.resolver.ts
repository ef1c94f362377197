import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../core/access';
import type { AuthedContext, RequestContext } from '../../core/context';
import { DateScalar } from '../../shared/scalars';
import { ItemType, LocationType } from '../catalog/catalog.types';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { PublishForecastInput } from './forecast.inputs';
import { ForecastLineType, ForecastVersionType } from './forecast.types';
import { itemLoader, locationLoader } from '../catalog/catalog.loaders';

@Resolver(() => ForecastLineType)
export class ForecastResolver {
  @Mutation(() => ForecastVersionType, { description: 'publishes a new immutable forecast version (up to 100,000 lines)' })
  @Allow({ scope: 'forecast:write', kinds: [OrganizationKind.RETAILER], roles: [Role.PLANNER] })
  publishForecast(@Arg('input', () => PublishForecastInput) input: PublishForecastInput, @Ctx() ctx: AuthedContext): Promise<ForecastVersionType> {
    return ctx.services.forecasts.publish(ctx, input.lines);
  }

  @Query(() => [ForecastLineType], { description: 'lines of the latest published version the caller may see (a supplier sees only items it is a source for)' })
  @Allow({ scope: 'read' })
  forecast(
    @Ctx() ctx: AuthedContext,
    @Arg('itemId', () => ID, { nullable: true }) itemId: string | null,
    @Arg('locationId', () => ID, { nullable: true }) locationId: string | null,
    @Arg('from', () => DateScalar, { nullable: true }) from: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to: string | null,
  ): Promise<ForecastLineType[]> {
    return ctx.services.forecasts.latest(ctx, { itemId, locationId, from, to });
  }

  @Query(() => [ForecastVersionType], { description: 'published versions, newest first (the last 100)' })
  @Allow({ scope: 'read' })
  forecastVersions(@Ctx() ctx: AuthedContext): Promise<ForecastVersionType[]> {
    return ctx.services.forecasts.versions(ctx);
  }

  @FieldResolver(() => ItemType)
  item(@Root() line: ForecastLineType, @Ctx() ctx: RequestContext) {
    return itemLoader(ctx).load(line.item);
  }

  @FieldResolver(() => LocationType)
  location(@Root() line: ForecastLineType, @Ctx() ctx: RequestContext) {
    return locationLoader(ctx).load(line.location);
  }
}
