import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { LIST_BOUNDS, type ListBound } from './list-bounds';

/**
 * The most elements one list is counted for: the largest page any list
 * accepts (alerts). A larger `first` is refused by the field itself, with
 * BAD_USER_INPUT on the argument, rather than by the cost limit.
 */
const MOST_COUNTED = 1000;
/** A list missing from LIST_BOUNDS (the list-bounds test forbids it): counted as this many. */
const UNKNOWN_LIST = 100;

export interface CostOptions {
  /** The request's variables; without them, a variable counts as its default (the operation's, else the argument's). */
  variables?: Readonly<Record<string, unknown>> | null;
  /** Non-connection lists and how they count (LIST_BOUNDS unless given). */
  lists?: Readonly<Record<string, ListBound>>;
}

/**
 * What an operation may cost: every field selected counts 1, and the fields
 * under a list count once per element. A list's elements are counted by its
 * `first` or `last` (from the query, the variables, or the argument's
 * default), for a connection on its edges; a list without them by its
 * LIST_BOUNDS entry. Inline fragments and fragment spreads count where they
 * are spread; introspection fields (__schema, __type, __typename) count 0.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, options: CostOptions = {}): number {
  const lists = options.lists ?? LIST_BOUNDS;
  const variables = options.variables ?? {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variableDefaults = new Map<string, unknown>();
  for (const definition of operation.variableDefinitions ?? []) {
    const value = definition.defaultValue;
    if (value?.kind === Kind.INT) variableDefaults.set(definition.variable.name.value, Number.parseInt(value.value, 10));
  }

  /** An Int argument's value at this field (as the query, its variables or, unless `orDefault` is false, the argument's default set it), or undefined. */
  const intArgument = (field: GraphQLField<unknown, unknown>, node: FieldNode, name: string, orDefault = true): number | undefined => {
    const definition = field.args.find((arg) => arg.name === name);
    if (!definition) return undefined;
    const given = node.arguments?.find((arg) => arg.name.value === name)?.value;
    if (given?.kind === Kind.INT) return Number.parseInt(given.value, 10);
    if (given?.kind === Kind.VARIABLE) {
      const value = variables[given.name.value];
      if (typeof value === 'number') return value;
      const fallback = variableDefaults.get(given.name.value);
      if (value === undefined && typeof fallback === 'number') return fallback;
    }
    return orDefault && typeof definition.defaultValue === 'number' ? definition.defaultValue : undefined;
  };
  const counted = (n: number) => Math.min(Math.max(Math.trunc(n), 0), MOST_COUNTED);

  /** The page a field asks for: `last` when the query sets it (both: the larger), else `first` (with its default). */
  const pageOf = (field: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined => {
    const last = intArgument(field, node, 'last', false);
    const first = intArgument(field, node, 'first', last === undefined);
    if (last === undefined && first === undefined) return undefined;
    return counted(Math.max(last ?? 0, first ?? 0));
  };

  const estimate = (coordinate: string, field: GraphQLField<unknown, unknown>, node: FieldNode): number => {
    const bound = lists[coordinate];
    if (!bound) return UNKNOWN_LIST;
    if (typeof bound.counted === 'number') return bound.counted;
    return counted(intArgument(field, node, bound.counted.argument) ?? UNKNOWN_LIST);
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType, page: number | undefined, spreading: Set<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, page, spreading);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += selectionCost(selection.selectionSet, type ?? parent, page, spreading);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || spreading.has(name)) continue; // unknown or cyclic: validation reports it
        spreading.add(name);
        total += selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? parent, page, spreading);
        spreading.delete(name);
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType, page: number | undefined, spreading: Set<string>): number => {
    if (node.name.value.startsWith('__')) return 0;
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!field) return 1;
    const ownPage = pageOf(field, node);
    const isList = isListType(getNullableType(field.type));
    // A list counts its elements: by its own first/last, else by the page of the connection it sits in (edges), else its bound.
    const elements = isList ? (ownPage ?? page ?? estimate(`${parent.name}.${field.name}`, field, node)) : 1;
    if (!node.selectionSet) return isList ? elements : 1;
    // A connection (not a list itself, but paged) hands its page to its list children: edges.
    const childPage = isList ? undefined : ownPage;
    return 1 + elements * selectionCost(node.selectionSet, getNamedType(field.type), childPage, spreading);
  };

  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return root ? selectionCost(operation.selectionSet, root, undefined, new Set()) : 0;
}

/** The refusal of an operation over the cost limit: a validation failure (HTTP 400). */
export function costLimitError(maxCost: number, cost: number): GraphQLError {
  return new GraphQLError(
    `Query cost limit of ${maxCost} exceeded, found ${cost}: every field counts 1, once per element of each list it is in `
      + '(lists count their first or last, or their default page); ask for fewer elements or fewer fields',
    { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } },
  );
}

/** The operation's refusal, or null when it is within maxCost. */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, maxCost: number, options: CostOptions = {}): GraphQLError | null {
  const cost = operationCost(schema, document, operation, options);
  return cost > maxCost ? costLimitError(maxCost, cost) : null;
}

/**
 * The cost limit as a validation rule, for when the variables are not known
 * (checking documents ahead of time, such as the SDK's operations): each
 * variable counts as its default. Requests are checked with their variables
 * (costLimitPlugin, the WebSocket's onSubscribe).
 */
export function costLimitRule(maxCost: number, options: CostOptions = {}): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const error = checkCost(context.getSchema(), context.getDocument(), operation, maxCost, options);
      if (error) context.reportError(error);
    },
  });
}
