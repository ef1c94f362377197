import type { RequestPlugin } from './request-plugins';
import Negotiator from 'negotiator';
import type { RequestContext } from '../core/context';

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/**
 * The GraphQL-over-HTTP specification's status codes for a request that
 * fails before execution (the document does not parse, does not validate,
 * or its variables do not coerce): answered as `application/graphql-response+json`
 * it is 400 (MUST); answered as `application/json`, the legacy type that
 * clients on their defaults ask for, it SHOULD be 200, the error in the body,
 * so a client that reads the body only for 200 still sees the error. Apollo
 * answers 400 to both; this plugin turns that 400 into 200 when the response
 * is `application/json` (Accept negotiated as Apollo does, missing Accept
 * meaning application/json). Other statuses are left as they are.
 */
export function legacyJsonStatusPlugin(): RequestPlugin<RequestContext> {
  return {
    requestDidStart({ request }) {
      return {
        willSendResponse({ response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || !errors?.length) return;
          const accept = request.http?.headers.get('accept');
          const type = accept ? new Negotiator({ headers: { accept } }).mediaType([JSON_TYPE, GRAPHQL_RESPONSE_TYPE]) : JSON_TYPE;
          if (type === JSON_TYPE) response.http.status = 200;
        },
      };
    },
  };
}
