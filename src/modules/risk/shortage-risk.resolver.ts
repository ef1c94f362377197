import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { ItemType, LocationType } from '../catalog/catalog.types';
import { ShortageRiskType } from './shortage-risk.type';

@Resolver(() => ShortageRiskType)
export class ShortageRiskResolver {
  @FieldResolver(() => ItemType)
  item(@Root() risk: ShortageRiskType, @Ctx() ctx: RequestContext) {
    return ctx.loaders.item.load(risk.item);
  }

  @FieldResolver(() => LocationType)
  location(@Root() risk: ShortageRiskType, @Ctx() ctx: RequestContext) {
    return ctx.loaders.location.load(risk.location);
  }
}
