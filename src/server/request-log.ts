import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../logger';
import type { RequestContext } from '../core/context';

const MAX_NAME = 100;
const MAX_CODES = 20;

/** One structured line per GraphQL operation: what ran, for whom, how long, which error codes. Never the query's text or variables. */
export function requestLogPlugin(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors, response }) {
          const body = response.body;
          const resultErrors = body.kind === 'single' ? body.singleResult.errors : undefined;
          const codes = (resultErrors ?? errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
          log.info(
            {
              operation: operationName ? operationName.slice(0, MAX_NAME) : 'anonymous',
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
