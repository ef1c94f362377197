import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, Kind, parse, visit, type ArgumentNode, type GraphQLFormattedError, type Source, type ValueNode } from 'graphql';
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

/** Where each input value of a document sits: its argument's input path (e.g. input.lines[3].date). */
interface InputPaths {
  /** The path of the value node (or object field) of this kind starting at this offset. */
  values: Map<string, string>;
  /** Each variable's first use as (part of) an argument value. */
  variables: Map<string, string>;
}

const VALUE_KINDS: ReadonlySet<string> = new Set([Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT, Kind.OBJECT_FIELD]);
const nodeKey = (kind: string, start: number) => `${kind}@${start}`;
const pathsOfSource = new WeakMap<Source, InputPaths>();

/** The input paths of the document in `source`, read once per document (only when one of its errors asks). */
function inputPaths(source: Source): InputPaths | undefined {
  let paths = pathsOfSource.get(source);
  if (paths) return paths;
  let document;
  try {
    document = parse(source);
  } catch {
    return undefined;
  }
  const found: InputPaths = { values: new Map(), variables: new Map() };
  const walk = (node: ValueNode, path: string) => {
    if (node.loc) found.values.set(nodeKey(node.kind, node.loc.start), path);
    if (node.kind === Kind.VARIABLE) {
      if (!found.variables.has(node.name.value)) found.variables.set(node.name.value, path);
    } else if (node.kind === Kind.LIST) {
      node.values.forEach((value, i) => walk(value, `${path}[${i}]`));
    } else if (node.kind === Kind.OBJECT) {
      for (const field of node.fields) {
        if (field.loc) found.values.set(nodeKey(Kind.OBJECT_FIELD, field.loc.start), `${path}.${field.name.value}`);
        walk(field.value, `${path}.${field.name.value}`);
      }
    }
  };
  const argumentsOf = (node: { arguments?: readonly ArgumentNode[] }) => {
    for (const argument of node.arguments ?? []) walk(argument.value, argument.name.value);
  };
  visit(document, { Field: argumentsOf, Directive: argumentsOf });
  pathsOfSource.set(source, found);
  return found;
}

/**
 * The input path of a bad value written in the query text (graphql-js's
 * ValuesOfCorrectTypeRule: a literal of the wrong type or format, a missing
 * or unknown input field), e.g. input.lines[3].date; undefined for any
 * other error. Such an error is bad input like a bad variable: it is
 * answered as BAD_USER_INPUT with this field, not as a validation failure.
 */
function literalInputField(error: GraphQLError): string | undefined {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (!node?.loc || !VALUE_KINDS.has(node.kind) || !error.source) return undefined;
  const path = inputPaths(error.source)?.values.get(nodeKey(node.kind, node.loc.start));
  if (path === undefined) return undefined;
  const missing = /^Field "[^"]*\.([^".]+)" of required type "[^"]+" was not provided/.exec(error.message)?.[1];
  return missing ? `${path}.${missing}` : path;
}

/**
 * A variable's coercion error's field, named from the argument it is passed
 * to (`recordSales(input: $sales)`: input.lines[3].date, not
 * sales.lines[3].date); the variable's own path when it is used nowhere.
 */
function variableInputField(error: GraphQLError, message: string): string | undefined {
  const field = fieldFromCoercionMessage(message);
  const variable = /^Variable "\$([^"]+)"/.exec(message)?.[1];
  if (!field || !variable || !error.source) return field;
  const used = inputPaths(error.source)?.variables.get(variable);
  return used === undefined ? field : `${used}${field.slice(variable.length)}`;
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
 * through (a bad value in the query text, or in a variable, as
 * BAD_USER_INPUT with its field: the argument's input path), anything else is logged in full and reported as
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
    // (The error as answered carries the nodes; its original may be a scalar's own error, without them.)
    const literalField = error instanceof GraphQLError ? literalInputField(error) : undefined;
    const code = literalField !== undefined ? 'BAD_USER_INPUT' : formatted.extensions?.code;
    if (original instanceof GraphQLError || (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR')) {
      const field =
        literalField ?? (code === 'BAD_USER_INPUT' ? (error instanceof GraphQLError ? variableInputField(error, formatted.message) : fieldFromCoercionMessage(formatted.message)) : undefined);
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
  if (error instanceof GraphQLError && literalInputField(error) !== undefined) return 'BAD_USER_INPUT';
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  if (typeof code === 'string') return code;
  return original instanceof GraphQLError && !(original.originalError && !(original.originalError instanceof GraphQLError)) ? 'UNKNOWN' : 'INTERNAL_SERVER_ERROR';
}
