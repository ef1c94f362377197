import { unwrapResolverError } from '@apollo/server/errors';
import {
  GraphQLError,
  Kind,
  parse,
  type ASTNode,
  type DefinitionNode,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLFormattedError,
  type SelectionSetNode,
  type Source,
  type ValueNode,
} from 'graphql';
import type { Logger } from '../logger';
import { DomainError } from '../shared/errors';

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The input path graphql-js names in a variable coercion error, e.g.
 * input.positions[3].onHand: `Variable "$input" got invalid value <the
 * value> at "input.positions[3]"; <why>`. The value is printed as sent (its
 * object keys unescaped), so only a path made of the variable's name, field
 * names and indices is taken, and a leaf field only when it is a name.
 */
function fieldFromCoercionMessage(message: string): string | undefined {
  const variable = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/.exec(message)?.[1];
  if (!variable) return undefined;
  const path = new RegExp(`at "(${escapeRegExp(variable)}(?:\\.[_A-Za-z][_0-9A-Za-z]*|\\[\\d+\\])*)"; `).exec(message)?.[1] ?? variable;
  const missing = /Field "([^"]+)" of required type "[^"]+" was not provided/.exec(message)?.[1];
  const unknown = /Field "([^"]+)" is not defined by type/.exec(message)?.[1];
  const leaf = missing ?? unknown;
  return leaf && NAME.test(leaf) ? `${path}.${leaf}` : path;
}

/**
 * Parsed documents by their source, kept when the request's document is
 * parsed (rememberDocument: Apollo's validation and operation hooks, the
 * WebSocket's own validation), so an error's field is found in the document
 * already parsed. Without one, only a small document is parsed again.
 */
const documents = new WeakMap<Source, DocumentNode>();
const REPARSE_AT_MOST = 20_000;

export function rememberDocument(document: DocumentNode | undefined): void {
  if (document?.loc) documents.set(document.loc.source, document);
}

function documentOf(source: Source): DocumentNode | undefined {
  const known = documents.get(source);
  if (known || source.body.length > REPARSE_AT_MOST) return known;
  try {
    const parsed = parse(source);
    documents.set(source, parsed);
    return parsed;
  } catch {
    return undefined;
  }
}

const contains = (node: ASTNode, at: number) => node.loc !== undefined && node.loc.start <= at && at < node.loc.end;

/** The element of `nodes` (in document order) whose text holds offset `at`: a binary search (a literal list may hold 100,000 elements). */
function elementAt<T extends ASTNode>(nodes: readonly T[], at: number): [T, number] | undefined {
  let low = 0;
  let high = nodes.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const loc = nodes[mid].loc;
    if (!loc) return undefined;
    if (at < loc.start) high = mid - 1;
    else if (at >= loc.end) low = mid + 1;
    else return [nodes[mid], mid];
  }
  return undefined;
}

/** The input path of the value node (or object field) of `kind` starting at `at`, inside `value` whose path is `path`. */
function valuePath(value: ValueNode, path: string, kind: string, at: number): string | undefined {
  if (value.kind === kind && value.loc?.start === at) return path;
  if (value.kind === Kind.LIST) {
    const found = elementAt(value.values, at);
    return found && valuePath(found[0], `${path}[${found[1]}]`, kind, at);
  }
  if (value.kind === Kind.OBJECT) {
    const found = elementAt(value.fields, at);
    if (!found) return undefined;
    const [field] = found;
    const fieldPath = `${path}.${field.name.value}`;
    return kind === Kind.OBJECT_FIELD && field.loc?.start === at ? fieldPath : valuePath(field.value, fieldPath, kind, at);
  }
  return undefined;
}

/** Searches the arguments written in `selections` (fields, directives, fragments) with `inValue`, each argument's value with its name as the path; with `at`, only the branch that holds that offset. */
function searchArguments(selections: SelectionSetNode | undefined, inValue: (value: ValueNode, path: string) => string | undefined, at?: number): string | undefined {
  const holds = (node: ASTNode) => at === undefined || contains(node, at);
  const inArguments = (args: readonly ArgumentNode[] | undefined): string | undefined => {
    for (const argument of args ?? []) {
      const found = holds(argument) ? inValue(argument.value, argument.name.value) : undefined;
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (const selection of selections?.selections ?? []) {
    if (!holds(selection)) continue;
    for (const directive of selection.directives ?? []) {
      const found = holds(directive) ? inArguments(directive.arguments) : undefined;
      if (found !== undefined) return found;
    }
    const found =
      selection.kind === Kind.FIELD ? (inArguments(selection.arguments) ?? searchArguments(selection.selectionSet, inValue, at))
      : selection.kind === Kind.INLINE_FRAGMENT ? searchArguments(selection.selectionSet, inValue, at)
      : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

const selectionsOf = (definition: DefinitionNode) =>
  definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION ? definition.selectionSet : undefined;

/**
 * Where variable `name` of `operation` is first passed as (part of) an
 * argument, e.g. input or input.lines[2]: in the operation itself, else in
 * the document's fragments.
 */
function variableUse(document: DocumentNode, operation: DefinitionNode | undefined, name: string): string | undefined {
  const find = (value: ValueNode, path: string): string | undefined => {
    if (value.kind === Kind.VARIABLE) return value.name.value === name ? path : undefined;
    if (value.kind === Kind.LIST) {
      for (let i = 0; i < value.values.length; i++) {
        const found = find(value.values[i], `${path}[${i}]`);
        if (found !== undefined) return found;
      }
    }
    if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) {
        const found = find(field.value, `${path}.${field.name.value}`);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  const own = operation && searchArguments(selectionsOf(operation), find);
  if (own !== undefined) return own;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const found = searchArguments(definition.selectionSet, find);
    if (found !== undefined) return found;
  }
  return undefined;
}

const VALUE_KINDS: ReadonlySet<string> = new Set([Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT, Kind.OBJECT_FIELD]);

/**
 * The input path of a bad value written in the query text (graphql-js's
 * ValuesOfCorrectTypeRule: a literal of the wrong type or format, a missing
 * or unknown input field; also in a variable's default, named where the
 * variable is passed), e.g. input.lines[3].date; undefined for any other
 * error. Such an error is bad input like a bad variable: it is answered as
 * BAD_USER_INPUT with this field, not as a validation failure. Only the
 * branch of the document that holds the node is walked.
 */
/**
 * graphql-js's error for null given to a non-null argument through a
 * variable (`first: $f` with `{"f": null}`; a default does not apply to an
 * explicit null), or a variable not given: the argument's name.
 */
function nullArgumentField(error: GraphQLError): string | undefined {
  return /^Argument "([^"]+)" of (?:non-null|required) type "[^"]+" (?:must not be null|was provided the variable "\$[^"]+" which was not provided a runtime value)\.$/.exec(error.message)?.[1];
}

function literalInputField(error: GraphQLError): string | undefined {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (!node?.loc || !VALUE_KINDS.has(node.kind) || !error.source) return undefined;
  const document = documentOf(error.source);
  const at = node.loc.start;
  const definition = document && elementAt(document.definitions, at)?.[0];
  if (!document || !definition) return undefined;
  let path: string | undefined;
  const variable = definition.kind === Kind.OPERATION_DEFINITION ? definition.variableDefinitions?.find((v) => contains(v, at)) : undefined;
  if (variable?.defaultValue) {
    const name = variable.variable.name.value;
    const inDefault = valuePath(variable.defaultValue, '', node.kind, at);
    if (inDefault !== undefined) path = `${variableUse(document, definition, name) ?? name}${inDefault}`;
  } else {
    path = searchArguments(selectionsOf(definition), (value, argument) => valuePath(value, argument, node.kind, at), at);
  }
  if (path === undefined) return undefined;
  const missing = /^Field "[^"]*\.([^".]+)" of required type "[^"]+" was not provided/.exec(error.message)?.[1];
  return missing ? `${path}.${missing}` : path;
}

/**
 * A variable's coercion error's field, named from the argument the running
 * operation passes it to (`recordSales(input: $sales)`: input.lines[3].date,
 * not sales.lines[3].date); the variable's own path when it is passed
 * nowhere.
 */
function variableInputField(error: GraphQLError, message: string): string | undefined {
  const field = fieldFromCoercionMessage(message);
  const variable = /^Variable "\$([^"]+)"/.exec(message)?.[1];
  const node = error.nodes?.[0];
  if (!field || !variable || !error.source || node?.kind !== Kind.VARIABLE_DEFINITION || !node.loc) return field;
  const document = documentOf(error.source);
  const operation = document && elementAt(document.definitions, node.loc.start)?.[0];
  const used = document && variableUse(document, operation, variable);
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
 * BAD_USER_INPUT with its field: the argument's input path), anything else
 * is logged in full and reported as INTERNAL_SERVER_ERROR with no detail.
 * HTTP and WebSocket errors alike pass here; `hideSuggestions` (production)
 * drops "Did you mean" hints.
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
    const literalField = error instanceof GraphQLError ? literalInputField(error) ?? nullArgumentField(error) : undefined;
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
  if (error instanceof GraphQLError && (literalInputField(error) ?? nullArgumentField(error)) !== undefined) return 'BAD_USER_INPUT';
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  if (typeof code === 'string') return code;
  return original instanceof GraphQLError && !(original.originalError && !(original.originalError instanceof GraphQLError)) ? 'UNKNOWN' : 'INTERNAL_SERVER_ERROR';
}
