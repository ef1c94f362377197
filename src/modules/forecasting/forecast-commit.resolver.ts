import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../core/access';
import type { AuthedContext, RequestContext } from '../../core/context';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { Bounds } from '../../shared/bounds';
import { forecastCommitNodeId } from '../../shared/node';
import { ConnectionArgs, MAX_PAGE_SIZE, pageArgs, toConnection, type ConnectionShape } from '../../shared/connection';
import { ItemType, LocationType } from '../catalog/catalog.types';
import { showItem, showLocation } from '../catalog/catalog.loaders';
import { OrganizationType } from '../tenancy/tenancy.types';
import { showOrganization } from '../tenancy/tenancy.loaders';
import { CommitForecastInput } from './forecast-commit.inputs';
import { MAX_COMMIT_LINES } from './forecast-commit.service';
import { forecastCommitLoader } from './forecast-commit.loaders';
import { ForecastCommitConnection, ForecastCommitType } from './forecast-commit.types';

/** forecastCommits pages 100 rows by default (the contract's), at most 500. */
@ArgsType()
class ForecastCommitPageArgs extends ConnectionArgs {
  @Field(() => Int, { defaultValue: 100, description: 'at most this many nodes from the start (after `after`), 1 to 500; not with `last`' })
  @Bounds({ min: 1, max: MAX_PAGE_SIZE })
  override first!: number;
}

@Resolver(() => ForecastCommitType)
export class ForecastCommitResolver {
  @Mutation(() => [ForecastCommitType], {
    description: 'supplier side: commits a quantity per forecast line of the retailer\'s newest version (replacing earlier commits of those lines), '
      + 'all or nothing; a commit short of the partnership\'s tolerance raises FORECAST_COMMIT_EXCEPTION to both sides, once per line. '
      + `Answers one element per input line (at most ${MAX_COMMIT_LINES.toLocaleString('en-US')}), in input order`,
  })
  @Allow({ scope: 'forecast:write', kinds: [OrganizationKind.SUPPLIER], roles: [Role.SUPPLIER_REP] })
  async commitForecast(
    @Arg('input', () => CommitForecastInput, { description: 'the retailer, its version and the lines; SUPPLIER_REP or ADMIN, or an API key with forecast:write' })
    input: CommitForecastInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<ForecastCommitType[]> {
    const ids = await ctx.services.forecastCommits.commit(ctx, input);
    const loader = forecastCommitLoader(ctx);
    const rows = await loader.loadMany(ids.map((id) => (loader.clear(id), id)));
    return rows.filter((row): row is ForecastCommitType => row !== null && !(row instanceof Error));
  }

  @Query(() => ForecastCommitConnection, {
    description: 'forecast lines beside the supplier\'s commit; exceptionsOnly: commits short of the tolerance or missing past commitDueDays. '
      + 'The newest version of each retailer; a retailer sees every supplier the forecast is shared with (an active sourcing rule for the item, '
      + 'an ACTIVE partnership), a supplier only its own rows; by retailer, item, location, period and supplier',
  })
  @Allow({ scope: 'read' })
  async forecastCommits(
    @Ctx() ctx: AuthedContext,
    @Arg('supplierId', () => ID, { nullable: true, description: 'only this supplier\'s commits (for a retailer)' }) supplierId: string | null,
    @Arg('retailerId', () => ID, { nullable: true, description: 'only this retailer\'s forecast (for a supplier)' }) retailerId: string | null,
    @Arg('itemId', () => ID, { nullable: true, description: 'only this item\'s lines' }) itemId: string | null,
    @Arg('locationId', () => ID, { nullable: true, description: 'only this location\'s lines' }) locationId: string | null,
    @Arg('exceptionsOnly', () => Boolean, { defaultValue: false, description: 'true: only lines whose `exception` is true' }) exceptionsOnly: boolean,
    @Args(() => ForecastCommitPageArgs) page: ForecastCommitPageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<ForecastCommitType>> {
    return toConnection(await ctx.services.forecastCommits.page(ctx, { supplierId, retailerId, itemId, locationId, exceptionsOnly }, pageArgs(page, info)));
  }

  @FieldResolver(() => ID, {
    description: 'opaque and stable: derived from version, supplier, item, location and period, the same before and after the commit '
      + '(99 characters today; do not parse it). Query.node(id) reads the line beside the commit again.',
  })
  id(@Root() row: ForecastCommitType): string {
    return forecastCommitNodeId({ versionId: row.versionId, supplierId: row.supplier, itemId: row.item, locationId: row.location, periodStart: row.periodStart });
  }

  @FieldResolver(() => OrganizationType, { description: 'the retailer whose forecast it is' })
  retailer(@Root() row: ForecastCommitType, @Ctx() ctx: RequestContext) {
    return showOrganization(ctx, row.retailer);
  }

  @FieldResolver(() => OrganizationType, { description: 'the supplier committing' })
  supplier(@Root() row: ForecastCommitType, @Ctx() ctx: RequestContext) {
    return showOrganization(ctx, row.supplier);
  }

  @FieldResolver(() => ItemType, { description: 'the item forecast' })
  item(@Root() row: ForecastCommitType, @Ctx() ctx: RequestContext) {
    return showItem(ctx, row.item);
  }

  @FieldResolver(() => LocationType, { description: 'where the demand is' })
  location(@Root() row: ForecastCommitType, @Ctx() ctx: RequestContext) {
    return showLocation(ctx, row.location);
  }
}
