import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AuthedContext } from '../../core/context';
import type { AlertRow } from '../alerts/alert-row';
import { AlertObject } from '../alerts/alert.types';
import { ReallocationProposalType } from './reallocation.types';

/** Alert.reallocation, resolved by the module that owns it: alerts imports no module that raises alerts. */
@Resolver(() => AlertObject)
export class SourcingAlertLinksResolver {
  @FieldResolver(() => ReallocationProposalType, { nullable: true, description: 'for REALLOCATION_PROPOSED and REALLOCATION_APPLIED' })
  reallocation(@Root() alert: AlertRow, @Ctx() ctx: AuthedContext) {
    return alert.reallocationId ? ctx.services.reallocations.find(ctx, alert.reallocationId) : null;
  }
}
