import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logger';
import { DomainError } from '../shared/errors';

/** The input path graphql-js names in a variable coercion error, e.g. input.positions[3].onHand */
function fieldFromCoercionMessage(message: string): string | undefined {
  const variable = /^Variable "\$([^"]+)"/.exec(message)?.[1];
  if (!variable) return undefined;
  const at = /at "([^"]+)"/.exec(message)?.[1] ?? variable;
  const missing = /Field "([^"]+)" of required type "[^"]+" was not provided/.exec(message)?.[1];
  const unknown = /Field "([^"]+)" is not defined by type/.exec(message)?.[1];
  const leaf = missing ?? unknown;
  return leaf ? `${at}.${leaf}` : at;
}

/**
 * graphql-js's "Did you mean ...?" names schema fields, types and enum values
 * the caller did not ask for; production leaves it out (as Apollo's
 * hideSchemaDetailsFromClientErrors does for HTTP validation errors).
 */
export const withoutSuggestions = (message: string) => message.replace(/ ?Did you mean[^?]*\?/g, '');

/**
 * The one place errors become client-visible: domain errors keep their code,
 * field and (RATE_LIMITED) retryAfterSeconds, GraphQL request errors pass
 * through, anything else is logged in full and reported as
 * INTERNAL_SERVER_ERROR with no detail. HTTP and WebSocket errors alike
 * pass here; `hideSuggestions` (production) drops "Did you mean" hints.
 */
export function createErrorFormatter(log: Logger, options: { hideSuggestions?: boolean } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: original.code,
          ...(original.field ? { field: original.field } : {}),
          ...(original.retryAfterSeconds !== undefined ? { retryAfterSeconds: original.retryAfterSeconds } : {}),
        },
      };
    }
    const code = formatted.extensions?.code;
    if (original instanceof GraphQLError || (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR')) {
      const field = code === 'BAD_USER_INPUT' ? fieldFromCoercionMessage(formatted.message) : undefined;
      return {
        message: options.hideSuggestions ? withoutSuggestions(formatted.message) : formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code, ...(field ? { field } : {}) },
      };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error while resolving a GraphQL request');
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** The code an error is answered with (what the formatter puts in extensions.code), without formatting or logging it. */
export function errorCode(error: unknown): string {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return original.code;
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  if (typeof code === 'string') return code;
  return original instanceof GraphQLError && !(original.originalError && !(original.originalError instanceof GraphQLError)) ? 'UNKNOWN' : 'INTERNAL_SERVER_ERROR';
}
