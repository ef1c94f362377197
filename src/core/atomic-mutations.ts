import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { isRetryableConflict } from '../shared/db-errors';
import { conflict } from '../shared/errors';
import type { RequestContext } from './context';
import { inUnit, ownedByMutation, restartRequest } from './transaction';

/**
 * A mutation field's extension (`@Extensions({ [READS_BEFORE_BEGIN]: true })`):
 * its transaction begins with its first statement that may write (or lock),
 * and the reads before it go out on their own, as a query's do
 * (DeferredConnection.pipelineUntilWrite), and its scope learns the
 * caller's partners only when the field asks for them (learnPartners, before
 * anything reads Scope.partnerIds or writes a rule). For a field that often
 * ends up writing nothing of its own: a single confirmation that another
 * request's batch writes (group commit) then sends no statement at all. Only
 * for fields whose services read nothing through a function that writes (a
 * SELECT of it would commit on its own).
 */
export const READS_BEFORE_BEGIN = 'readsBeforeBegin';

/**
 * Every mutation field is its own all-or-nothing transaction, whatever its
 * service does: the request's transaction commits before it (what was read
 * so far; nothing is sent when nothing ran in it yet, restartRequest) and again
 * right after it succeeds (the next one begins on first use), so its locks are held only
 * while it runs (two documents with several mutations cannot deadlock on each
 * other's earlier fields) and its alerts are announced at once; when it fails
 * its transaction rolls back, so it writes nothing, and the document goes on
 * in a fresh one. The request's loaders (its memo) are emptied before and
 * after each mutation, so its answer and later fields read what it changed.
 * A deadlock or serialization failure answers CONFLICT (try
 * again). Applied once to the built schema's Mutation fields; other fields
 * keep their plain, synchronous resolvers.
 */
export function makeMutationsAtomic(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
    const pipelined = field.extensions?.[READS_BEFORE_BEGIN] === true;
    field.resolve = async (source, args, context, info) => {
      if (!inUnit(context)) return resolve(source, args, context, info);
      // The request's loaders hold what was read before this mutation: from here on, read afresh.
      context.memo.clear();
      await restartRequest(context, { commit: true, fresh: true, pipelined });
      ownedByMutation(context);
      let result: unknown;
      try {
        result = await resolve(source, args, context, info);
        ownedByMutation(context, false);
        // The commit writes what waited for it (the outbox's alerts): a failure there fails the field too. The answer's
        // fields read in the next transaction, pipelined after a field that reads before it begins.
        await restartRequest(context, { commit: true, pipelined });
        // Its answer's fields (and the next mutation) read what it committed, not what the loaders held before.
        context.memo.clear();
      } catch (err) {
        ownedByMutation(context, false);
        // Forget what the failed mutation left in the unit of work, or a later flush would write it.
        context.em.clear();
        // (A READS_BEFORE_BEGIN field's next transaction learns the partners on first use, if anything reads: a batch
        // member that failed never learned any, and sends nothing for its error.)
        await restartRequest(context, { commit: false, pipelined });
        if (isRetryableConflict(err)) throw conflict('Another change to the same objects ran at the same time; try again');
        throw err;
      }
      return result;
    };
  }
  return schema;
}
