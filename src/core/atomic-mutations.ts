import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { sql } from '../shared/sql';
import type { RequestContext } from './context';
import { inUnit } from './transaction';

/**
 * Every mutation field is all-or-nothing, whatever its service does: it runs
 * inside a savepoint of the request's transaction, released when it
 * succeeds and rolled back when it fails, so a failed mutation writes nothing
 * and the request's transaction stays usable for the fields after it.
 * Applied once to the built schema's Mutation fields (root mutation fields
 * run one after another, so one savepoint name serves); other fields keep
 * their plain, synchronous resolvers.
 */
export function makeMutationsAtomic(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, context, info) => {
      if (!inUnit(context)) return resolve(source, args, context, info);
      await sql(context.em, 'SAVEPOINT mutation');
      try {
        const result = await resolve(source, args, context, info);
        await sql(context.em, 'RELEASE SAVEPOINT mutation');
        return result;
      } catch (err) {
        await sql(context.em, 'ROLLBACK TO SAVEPOINT mutation');
        // Forget what the failed mutation left in the unit of work, or the commit would flush it again.
        context.em.clear();
        throw err;
      }
    };
  }
  return schema;
}
