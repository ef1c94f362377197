import type { RequestPlugin } from './request-plugins';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../core/context';
import { beginOperation, endRequest } from '../core/transaction';

/** BAD_REQUEST (400) for a document in which the request names no operation it can run; the WebSocket answers the same. */
export function noOperation(operationName: string | null | undefined): GraphQLError {
  const message = operationName
    ? `Unknown operation named "${operationName.slice(0, 100)}"`
    : 'Must provide operation name if query contains multiple operations';
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

/**
 * Every GraphQL operation over HTTP executes in one transaction whose first
 * statement enters the caller's scope (PostgreSQL's row-level security reads
 * it); it commits after the response is complete. A mutation's own writes
 * run in a savepoint inside it (inTransaction), so a failed mutation writes
 * nothing.
 */
export function scopedTransactionPlugin(): RequestPlugin<RequestContext> {
  return {
    requestDidStart() {
      let began = false;
      return {
        didResolveOperation({ operation, request }) {
          // No operation to run (several and none named, or an unknown name): the client's mistake, said as such.
          if (!operation) throw noOperation(request.operationName);
          // Over HTTP there is nothing to stream to: say where subscriptions live instead of failing inside.
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) on this same URL', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
        },
        async executionDidStart({ contextValue, operation }) {
          if (!operation) return;
          await beginOperation(contextValue, operation.operation);
          began = true;
        },
        async willSendResponse({ contextValue }) {
          if (!began) return;
          began = false;
          // Always commit: a failed mutation's savepoint has already been rolled back; what succeeded stands.
          await endRequest(contextValue);
        },
      };
    },
  };
}
