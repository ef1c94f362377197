import type { BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getOperationAST,
  getVariableValues,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Config } from '../config';
import { checkCost } from './query-cost';
import { rememberDocument } from './format-error';
import { noOperation } from './scoped-transaction';
import type { RequestPlugin } from './request-plugins';

/**
 * Report a rejection as a validation error. The rules' default is to throw
 * from inside graphql's validate(), which Apollo turns into an HTTP 500.
 */
const asValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/**
 * Depth and alias limits, applied to HTTP and WebSocket operations alike and
 * in every mode. The cost limit needs the request's variables (a list counts
 * its `first`, often a variable): costLimitPlugin over HTTP,
 * webSocketValidation over WebSocket.
 */
export function limitRules(limits: Config['limits']): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true, ...asValidationError }),
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, ...asValidationError }),
  ] as ValidationRule[];
}

/** The cost limit over HTTP: once the operation is known and valid, with the request's variables, before anything runs. */
export function costLimitPlugin(maxCost: number): RequestPlugin<BaseContext> {
  return {
    requestDidStart() {
      return {
        didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const error = checkCost(schema, document, operation, maxCost, { variables: request.variables });
          if (error) throw error;
        },
      };
    },
  };
}

/** A subscribe message of graphql-ws, as far as validation reads it. */
export interface SubscribeMessage {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * graphql-ws validates with its own function: Apollo's introspection setting
 * applies to HTTP only. The same rules as HTTP: graphql's, the limits, the
 * cost with the message's variables, and in production no introspection
 * (suggestions: createErrorFormatter's hideSuggestions, which every WebSocket
 * error passes through). Returns the parsed document, or the errors.
 */
export function webSocketValidation(rules: ValidationRule[], options: { production: boolean; maxCost: number; maxTokens: number }) {
  const all = [...specifiedRules, ...rules, ...(options.production ? [NoSchemaIntrospectionCustomRule] : [])];
  return (schema: GraphQLSchema, message: SubscribeMessage): { document: DocumentNode } | { errors: readonly GraphQLError[] } => {
    let document: DocumentNode;
    try {
      document = parse(message.query, { maxTokens: options.maxTokens });
    } catch (err) {
      return { errors: withCode([err instanceof GraphQLError ? err : new GraphQLError(String(err))], 'GRAPHQL_PARSE_FAILED') };
    }
    rememberDocument(document);
    const errors = validate(schema, document, all);
    // Every validation error as Apollo answers it over HTTP: GRAPHQL_VALIDATION_FAILED, whatever code a scalar gave
    // its own (the error formatter then answers a bad literal as BAD_USER_INPUT with its field).
    if (errors.length) return { errors: withCode(errors, 'GRAPHQL_VALIDATION_FAILED', true) };
    const operation = getOperationAST(document, message.operationName);
    if (!operation) return { errors: [noOperation(message.operationName)] };
    // Variables are coerced here, before the operation starts, so a bad one is answered as over HTTP: BAD_USER_INPUT.
    if (operation) {
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], message.variables ?? {}, { maxErrors: 50 });
      if (coerced.errors) return { errors: withCode(coerced.errors, 'BAD_USER_INPUT') };
    }
    const tooCostly = operation && checkCost(schema, document, operation, options.maxCost, { variables: message.variables });
    return tooCostly ? { errors: withCode([tooCostly], 'GRAPHQL_VALIDATION_FAILED') } : { document };
  };
}

/** The contract's code on errors that carry none (graphql-js's own errors), as Apollo gives them over HTTP. */
function withCode(errors: readonly GraphQLError[], code: string, always = false): GraphQLError[] {
  return errors.map((e) =>
    e.extensions?.code && !always
      ? e
      : new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, originalError: e.originalError, extensions: { ...e.extensions, code } }),
  );
}
