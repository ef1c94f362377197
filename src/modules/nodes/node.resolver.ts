import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Allow } from '../../core/access';
import type { AuthedContext } from '../../core/context';
import { NodeInterface } from '../../shared/node';

@Resolver()
export class NodeResolver {
  @Query(() => NodeInterface, {
    nullable: true,
    description: 'any object the caller may see, by its id (Relay\'s Node); null for an id of nothing, of another organization\'s object, '
      + 'of a suspended partner\'s, or a string that is no id. Ask for the fields with fragments: node(id: $id) { __typename ... on PurchaseOrder { number } }',
  })
  @Allow({ scope: 'read' })
  node(@Arg('id', () => ID, { description: 'an `id` this API returned (a UUID, or a ShortageRisk\'s opaque id)' }) id: string, @Ctx() ctx: AuthedContext): Promise<object | null> {
    return ctx.services.nodes.find(ctx, id);
  }
}
