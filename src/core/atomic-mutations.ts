import type { MiddlewareFn } from 'type-graphql';
import { sql } from '../shared/sql';
import type { RequestContext } from './context';
import { inUnit } from './transaction';

/**
 * Every mutation field is all-or-nothing, whatever its service does: it runs
 * inside a savepoint of the request's transaction, released when it
 * succeeds and rolled back when it fails, so a failed mutation writes nothing
 * and the request's transaction stays usable for the fields after it.
 * (Root mutation fields run one after another, so one savepoint name serves.)
 */
export const atomicMutations: MiddlewareFn<RequestContext> = async ({ context, info }, next) => {
  if (info.parentType.name !== 'Mutation' || !inUnit(context)) return next();
  await sql(context.em, 'SAVEPOINT mutation');
  try {
    const result = await next();
    await sql(context.em, 'RELEASE SAVEPOINT mutation');
    return result;
  } catch (err) {
    await sql(context.em, 'ROLLBACK TO SAVEPOINT mutation');
    // Forget what the failed mutation left in the unit of work, or the commit would flush it again.
    context.em.clear();
    throw err;
  }
};
