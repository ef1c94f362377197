import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { AlertRow } from '../alerts/alert-row';
import { AlertType } from '../alerts/alert-type';
import { AlertObject } from '../alerts/alert.types';
import { riskLoader } from './risk.loaders';
import { ShortageRiskType } from './shortage-risk.type';

/** Alert.shortageRisk, resolved by the module that owns it: alerts imports no module that raises alerts. */
@Resolver(() => AlertObject)
export class RiskAlertLinksResolver {
  @FieldResolver(() => ShortageRiskType, { nullable: true, description: 'for SHORTAGE_RISK_CHANGED: the risk as it stands now' })
  shortageRisk(@Root() alert: AlertRow, @Ctx() ctx: RequestContext) {
    return alert.itemId && alert.locationId && alert.type === AlertType.SHORTAGE_RISK_CHANGED
      ? riskLoader(ctx).load(`${alert.itemId}/${alert.locationId}`)
      : null;
  }
}
