import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../core/context';
import { operationLabel } from './metrics';

const MAX_NAME = 100;
const MAX_CODES = 20;

/**
 * One structured line per GraphQL operation, on the request's logger (so with
 * its requestId): what ran (the client's operation name, if any, and always
 * the type and first root field), for whom, how long, which error codes.
 * Never the query's text or variables.
 */
export function requestLogPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, operation, errors, response }) {
          const body = response.body;
          const resultErrors = body.kind === 'single' ? body.singleResult.errors : undefined;
          const codes = (resultErrors ?? errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
          contextValue.log.info(
            {
              operation: operationLabel(operation ?? undefined),
              ...(operationName ? { operationName: operationName.slice(0, MAX_NAME) } : {}),
              organizationId: contextValue.caller?.organizationId,
              callerType: contextValue.caller?.type,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              ...(codes.length ? { errorCodes: codes.slice(0, MAX_CODES), ...(codes.length > MAX_CODES ? { errorCount: codes.length } : {}) } : {}),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
