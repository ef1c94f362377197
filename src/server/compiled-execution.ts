import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { useClassGatewayView } from './gateway-request-context';
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type GraphQLObjectType,
  type NamedTypeNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  isAbstractType,
  isObjectType,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/**
 * What compiling an operation costs, in fields: each field of the operation
 * (fragments counted where they are spread), and under a field of an
 * interface or union type its selection once per possible object type, as
 * graphql-jit generates code for each (Node has 18). About 0.2 ms each on the
 * 2-core machine, in one turn of the event loop: an operation over
 * MAX_COMPILE_COST runs on graphql-js (DESIGN.md: no request holds the event
 * loop more than 50 ms). The portal's largest list query, 63 fields: 6 ms.
 */
const MAX_COMPILE_COST = 100;
/**
 * The compiled forms kept, least recently used dropped first: at most 500
 * documents and 20,000 units of compile cost in all (a compiled field keeps
 * about 1 KB of generated code and closures: some 20 MB).
 */
const COMPILED_DOCUMENTS = 500;
const COMPILED_COST = 20_000;
/** A longer document (a bulk mutation's rows written in it, say) is neither compiled nor kept as a key. */
const MAX_COMPILED_TEXT = 20_000;

/** A query operation's compiled form, with the operation (its variable definitions), or 'not compiled'. */
type Compiled = { query: CompiledQuery; operation: OperationDefinitionNode; cost: number } | 'not compiled';

/**
 * How every GraphQL operation is executed, over HTTP (Apollo's executor,
 * through `compiledExecutorGateway`) and WebSocket (graphql-ws's `execute`):
 * the same answers as graphql-js's `execute`, faster for the reads.
 *
 * A query operation runs as code compiled for its document (graphql-jit): the
 * fields' resolvers, arguments and types are worked out once per document
 * instead of for every field of every row (graphql-js's `getArgumentValues`,
 * `executeField` and `completeValue`: 13 to 15% of a 100-row list's time in
 * the profiles of issue 13; interleaved A/B in one process: +19 to 24% on the
 * side-by-side queries). The compiled form is kept per query text and
 * operation name (COMPILED_DOCUMENTS, COMPILED_COST).
 *
 * graphql-js still executes: mutations (their fields run one after another in
 * their own atomic transactions, `makeMutationsAtomic`), subscriptions (the
 * WebSocket server subscribes itself), introspection (`__schema`, `__type`),
 * operations costing more than MAX_COMPILE_COST to compile, and anything
 * graphql-jit declines to compile. Variables are coerced by graphql-js first,
 * so a bad variable gets graphql-js's error, which the error formatter reads
 * its input path from (`format-error.ts`).
 */
export class OperationExecutor {
  private readonly compiled = new LRUCache<string, Compiled>({
    max: COMPILED_DOCUMENTS,
    maxSize: COMPILED_COST,
    sizeCalculation: (compiled) => (compiled === 'not compiled' ? 1 : compiled.cost),
  });

  constructor(private readonly schema: GraphQLSchema) {}

  execute(args: ExecutionArgs): Promise<ExecutionResult> | ExecutionResult {
    const compiled = this.compiledFor(args.document, args.operationName ?? undefined);
    if (compiled === 'not compiled') return execute(args);
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    const definitions = compiled.operation.variableDefinitions;
    if (definitions?.length) {
      const coerced = getVariableValues(this.schema, definitions, variables, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    const result = compiled.query.query(args.rootValue, args.contextValue, variables) as Promise<ExecutionResult> | ExecutionResult;
    return isPromise(result) ? result.then(withGraphQLJsErrors) : withGraphQLJsErrors(result);
  }

  private compiledFor(document: DocumentNode, operationName: string | undefined): Compiled {
    const text = document.loc?.source.body;
    if (text === undefined || text.length > MAX_COMPILED_TEXT) return 'not compiled';
    const key = `${operationName ?? ''}\n${text}`;
    let compiled = this.compiled.get(key);
    if (compiled === undefined) {
      compiled = this.compile(document, operationName);
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  private compile(document: DocumentNode, operationName: string | undefined): Compiled {
    const operation = getOperationAST(document, operationName);
    const cost = operation?.operation === 'query' ? compileCost(this.schema, document, operation) : null;
    if (!operation || cost === null) return 'not compiled';
    try {
      const query = compileQuery(this.schema, document, operationName, { disablingCapturingStackErrors: true });
      return isCompiledQuery(query) ? { query, operation, cost } : 'not compiled';
    } catch {
      return 'not compiled';
    }
  }
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as Promise<T>)?.then === 'function';

/**
 * graphql-jit's errors as graphql-js answers them:
 * - one error per null it caused: where a non-null field's error nulls an
 *   ancestor, graphql-js reports the first error that reached it and no
 *   other from below it (graphql-jit goes on with the list's other items
 *   and reports theirs too);
 * - as graphql-js's GraphQLError: graphql-jit leaves `extensions` undefined
 *   when the resolver's error has none (graphql-js: an empty object, which
 *   Apollo's error handling reads);
 * - `errors` before `data`, as graphql-js orders the result.
 */
function withGraphQLJsErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const nulled = new Set<string>();
  const errors: GraphQLError[] = [];
  for (const error of result.errors) {
    if (error.path) {
      const at = JSON.stringify(nullReached(result.data, error.path));
      if (nulled.has(at)) continue;
      nulled.add(at);
    }
    const made = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions });
    (made as { locations?: GraphQLError['locations'] }).locations = error.locations;
    errors.push(made);
  }
  return result.extensions ? { errors, data: result.data, extensions: result.extensions } : { errors, data: result.data };
}

/** The path to the first null in `data` along an error's path: where the error's null landed. */
function nullReached(data: unknown, path: readonly (string | number)[]): readonly (string | number)[] {
  let value = data;
  for (let i = 0; i < path.length; i++) {
    if (value === null || value === undefined) return path.slice(0, i);
    value = (value as Record<string | number, unknown>)[path[i]];
  }
  return path;
}

/**
 * The operation's compile cost (see MAX_COMPILE_COST), or null when it is
 * over the limit or selects `__schema` or `__type` (introspection stays with
 * graphql-js).
 */
export function compileCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): number | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  // A fragment on `condition` applies to objects of `type` when it names that type or an interface or union holding it.
  const applies = (condition: NamedTypeNode | undefined, type: GraphQLObjectType) => {
    const named = condition ? schema.getType(condition.name.value) : type;
    return named === type || (named !== undefined && isAbstractType(named) && schema.isSubType(named, type));
  };
  let cost = 0;
  const walk = (selections: SelectionSetNode | undefined, type: GraphQLObjectType, depth: number): boolean => {
    if (depth > 64) return false; // (validation refuses fragment cycles; this only guards the walk)
    for (const selection of selections?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (++cost > MAX_COMPILE_COST || name === '__schema' || name === '__type') return false;
        const field = type.getFields()[name];
        if (!field || !selection.selectionSet) continue;
        const named = getNamedType(field.type);
        const types = isAbstractType(named) ? schema.getPossibleTypes(named) : isObjectType(named) ? [named] : [];
        for (const possible of types) if (!walk(selection.selectionSet, possible, depth + 1)) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition, type) && !walk(selection.selectionSet, type, depth + 1)) return false;
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && applies(fragment.typeCondition, type) && !walk(fragment.selectionSet, type, depth + 1)) return false;
      }
    }
    return true;
  };
  const root = schema.getQueryType();
  return root && walk(operation.selectionSet, root, 0) ? cost : null;
}

/**
 * Apollo Server's one way to execute operations other than its own: a
 * gateway, whose `load` hands Apollo the schema and an executor. Here the
 * schema is ours and the executor is the `OperationExecutor`; Apollo's
 * request pipeline (parsing, validation, the plugins, error formatting) runs
 * as before.
 */
export function compiledExecutorGateway(schema: GraphQLSchema, executor: OperationExecutor): GatewayInterface {
  // Apollo's per-request view for a gateway, made without per-request accessors (gateway-request-context.ts says why).
  useClassGatewayView();
  return {
    async load() {
      return {
        schema,
        executor: async (request) =>
          executor.execute({
            schema,
            document: request.document,
            contextValue: request.context,
            variableValues: request.request.variables,
            operationName: request.request.operationName,
          }),
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
}
