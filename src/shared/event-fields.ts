import {
  getNamedType,
  getOperationAST,
  isLeafType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * GraphQL type extension: the type's scalar and enum fields resolve from the
 * object itself (the row a subscription delivers), never from the database.
 * Set with type-graphql's `@Extensions({ [LEAVES_FROM_EVENT]: true })`.
 */
export const LEAVES_FROM_EVENT = 'leavesFromEvent';

/**
 * Whether a subscription's events can be executed without a database
 * transaction: its root field returns a type marked LEAVES_FROM_EVENT and the
 * operation selects only scalar or enum fields of it (through fragments too).
 * Any object field (a linked order, a risk) needs the database.
 */
export function eventSelectionNeedsNoDatabase(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): boolean {
  const operation = getOperationAST(document, operationName);
  const root = schema.getSubscriptionType();
  if (!operation || operation.operation !== 'subscription' || !root) return false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const [field] = operation.selectionSet.selections;
  if (operation.selectionSet.selections.length !== 1 || field.kind !== Kind.FIELD || !field.selectionSet) return false;
  const type = getNamedType(root.getFields()[field.name.value]?.type);
  if (!isObjectType(type) || type.extensions?.[LEAVES_FROM_EVENT] !== true) return false;
  return onlyLeaves(type, field.selectionSet, fragments, new Set());
}

function onlyLeaves(type: GraphQLObjectType, selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): boolean {
  const fields = type.getFields();
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__typename') return true;
      const definition = fields[selection.name.value];
      return definition !== undefined && isLeafType(getNamedType(definition.type));
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) return onlyLeaves(type, selection.selectionSet, fragments, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return fragment !== undefined;
    seen.add(fragment.name.value);
    return onlyLeaves(type, fragment.selectionSet, fragments, seen);
  });
}
