import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { AlertRow } from '../alerts/alert-row';
import { AlertObject } from '../alerts/alert.types';
import { forecastCommitLoader } from './forecast-commit.loaders';
import { ForecastCommitType } from './forecast-commit.types';

/** Alert.forecastCommit, resolved by the module that owns it: alerts imports no module that raises alerts. */
@Resolver(() => AlertObject)
export class ForecastingAlertLinksResolver {
  @FieldResolver(() => ForecastCommitType, { nullable: true, description: 'for FORECAST_COMMIT_EXCEPTION: the forecast line beside the commit, as it stands now' })
  forecastCommit(@Root() alert: AlertRow, @Ctx() ctx: RequestContext) {
    return alert.forecastCommitId ? forecastCommitLoader(ctx).load(alert.forecastCommitId) : null;
  }
}
