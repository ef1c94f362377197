import type { GatewayInterface } from '@apollo/server-gateway-interface';
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
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/** Documents whose compiled form is kept (least recently used dropped first). */
const COMPILED_DOCUMENTS = 500;
/**
 * An operation selecting more fields (fragments counted where they are
 * spread) is executed by graphql-js. Compiling costs about 0.2 ms per field
 * on the 2-core machine (the portal's largest query, 63 fields: 6 ms; 220
 * fields: 35 ms), and it runs in one turn of the event loop: 100 keeps it
 * well under DESIGN.md's 50 ms.
 */
const MAX_COMPILED_FIELDS = 100;

/** A query operation's compiled form, with the operation (its variable definitions), or 'not compiled'. */
type Compiled = { query: CompiledQuery; operation: OperationDefinitionNode } | 'not compiled';

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
 * operation name, for at most 500 documents.
 *
 * graphql-js still executes: mutations (their fields run one after another in
 * their own atomic transactions, `makeMutationsAtomic`), subscriptions (the
 * WebSocket server subscribes itself), introspection (`__schema`, `__type`),
 * operations of more than 100 fields (MAX_COMPILED_FIELDS), and anything
 * graphql-jit declines to compile. Variables are coerced by graphql-js first,
 * so a bad variable gets graphql-js's error, which the error formatter reads
 * its input path from (`format-error.ts`).
 */
export class OperationExecutor {
  private readonly compiled = new LRUCache<string, Compiled>({ max: COMPILED_DOCUMENTS });

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
    if (text === undefined) return 'not compiled';
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
    if (operation?.operation !== 'query' || !worthCompiling(document, operation)) return 'not compiled';
    try {
      const query = compileQuery(this.schema, document, operationName, { disablingCapturingStackErrors: true });
      return isCompiledQuery(query) ? { query, operation } : 'not compiled';
    } catch {
      return 'not compiled';
    }
  }
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as Promise<T>)?.then === 'function';

/**
 * graphql-jit's errors as graphql-js makes them: graphql-jit leaves
 * `extensions` undefined when the resolver's error has none (graphql-js: an
 * empty object, which Apollo's error handling reads), and has no `toJSON`.
 */
function withGraphQLJsErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    const made = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions });
    (made as { locations?: GraphQLError['locations'] }).locations = error.locations;
    return made;
  });
  return { ...result, errors };
}

/**
 * Whether the operation selects at most MAX_COMPILED_FIELDS fields, counting
 * a fragment's fields at each place it is spread, and no `__schema` or
 * `__type` (introspection stays with graphql-js).
 */
function worthCompiling(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  let fields = 0;
  const within = (selections: SelectionSetNode | undefined, depth: number): boolean => {
    if (depth > 64) return false; // (validation refuses fragment cycles; this only guards the walk)
    if (!selections) return true;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        if (++fields > MAX_COMPILED_FIELDS || selection.name.value === '__schema' || selection.name.value === '__type') return false;
        if (!within(selection.selectionSet, depth + 1)) return false;
      } else if (!within(selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet, depth + 1)) {
        return false;
      }
    }
    return true;
  };
  return within(operation.selectionSet, 0);
}

/**
 * Apollo Server's one way to execute operations other than its own: a
 * gateway, whose `load` hands Apollo the schema and an executor. Here the
 * schema is ours and the executor is the `OperationExecutor`; Apollo's
 * request pipeline (parsing, validation, the plugins, error formatting) runs
 * as before.
 */
export function compiledExecutorGateway(schema: GraphQLSchema, executor: OperationExecutor): GatewayInterface {
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
