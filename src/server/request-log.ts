import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../logger';
import type { RequestContext } from '../core/context';

/** One structured line per GraphQL operation: what ran, for whom, how long, which error codes. Never variables. */
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
              operation: operationName ?? 'anonymous',
              organizationId: contextValue.caller?.organizationId,
              callerType: contextValue.caller?.type,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              ...(codes.length ? { errorCodes: codes } : {}),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
