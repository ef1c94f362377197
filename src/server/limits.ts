import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
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

/**
 * graphql-ws validates with its own function: Apollo's introspection setting
 * applies to HTTP only. The same rules as HTTP: graphql's, the limits, and in
 * production no introspection (suggestions: createErrorFormatter's
 * hideSuggestions, which every WebSocket error passes through).
 */
export function webSocketValidation(rules: ValidationRule[], production: boolean) {
  const all = [...specifiedRules, ...rules, ...(production ? [NoSchemaIntrospectionCustomRule] : [])];
  return (schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] => validate(schema, document, all);
}
