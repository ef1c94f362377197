import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { Config } from '../config';

/**
 * Report a rejection as a validation error. The rules' default is to throw
 * from inside graphql's validate(), which Apollo turns into an HTTP 500.
 */
const asValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/** Depth, cost and alias limits, applied to HTTP and WebSocket operations alike and in every mode. */
export function limitRules(limits: Config['limits']): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true, ...asValidationError }),
    costLimitRule({ maxCost: limits.maxCost, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true, ...asValidationError }),
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, ...asValidationError }),
  ] as ValidationRule[];
}
