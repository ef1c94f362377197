import 'reflect-metadata';
import { isAbstractType, isObjectType, lexicographicSortSchema, printSchema, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage, type ContainerType } from 'type-graphql';
import { AlertResolver } from './modules/alerts/alert.resolver';
// Alert's links, each resolved by the module that owns the linked object; imported in the order of Alert's fields.
import { RiskAlertLinksResolver } from './modules/risk/alert-links.resolver';
import { SourcingAlertLinksResolver } from './modules/sourcing/alert-links.resolver';
import { PurchasingAlertLinksResolver } from './modules/purchasing/alert-links.resolver';
import { ForecastingAlertLinksResolver } from './modules/forecasting/alert-links.resolver';
import { CatalogResolver } from './modules/catalog/catalog.resolver';
import { ForecastResolver, ForecastVersionResolver } from './modules/forecasting/forecast.resolver';
import { KpiResolver } from './modules/kpis/kpi.resolver';
import { ForecastCommitResolver } from './modules/forecasting/forecast-commit.resolver';
import { LeadTimeResolver } from './modules/lead-times/lead-time.resolver';
import { InventoryResolver } from './modules/inventory/inventory.resolver';
import { ChangeRecordResolver, PurchaseOrderLineResolver, PurchaseOrderResolver } from './modules/purchasing/purchasing.resolver';
import { ShipNoticeLineResolver, ShipNoticeResolver } from './modules/purchasing/ship-notice.resolver';
import { NodeResolver } from './modules/nodes/node.resolver';
import { ShortageRiskResolver } from './modules/risk/shortage-risk.resolver';
import { ReallocationCandidateResolver, ReallocationMoveResolver, ReallocationResolver } from './modules/sourcing/reallocation.resolver';
import { SourcingRuleResolver } from './modules/sourcing/sourcing-rule.resolver';
import { AuthResolver, PartnershipResolver, UserResolver } from './modules/tenancy/tenancy.resolver';
import { WebhookResolver } from './modules/webhooks/webhook.resolver';
import { BaselineResolver, SalesResolver } from './modules/demand/demand.resolver';
import { ReallocationPlanResolver, RiskChangeResolver, WhatIfResolver } from './modules/what-if/what-if.resolver';
import { makeMutationsAtomic } from './core/atomic-mutations';
import { authChecker } from './core/auth-checker';
import { enforceInputBounds } from './shared/bounds';
import { nodeTypeOf } from './shared/node';
import { settleInSlices } from './shared/slices';
import { validateInput } from './shared/validation';

const RESOLVERS = [
  AuthResolver,
  UserResolver,
  PartnershipResolver,
  CatalogResolver,
  SourcingRuleResolver,
  InventoryResolver,
  ShortageRiskResolver,
  PurchaseOrderResolver,
  PurchaseOrderLineResolver,
  ChangeRecordResolver,
  ShipNoticeResolver,
  ShipNoticeLineResolver,
  ForecastResolver,
  ForecastVersionResolver,
  ForecastCommitResolver,
  LeadTimeResolver,
  KpiResolver,
  AlertResolver,
  RiskAlertLinksResolver,
  SourcingAlertLinksResolver,
  PurchasingAlertLinksResolver,
  ForecastingAlertLinksResolver,
  ReallocationResolver,
  ReallocationMoveResolver,
  ReallocationCandidateResolver,
  WhatIfResolver,
  RiskChangeResolver,
  ReallocationPlanResolver,
  SalesResolver,
  BaselineResolver,
  NodeResolver,
  WebhookResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from the type-graphql resolvers. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= Promise.resolve().then(leanResolvers).then(() => buildSchema({
    resolvers: RESOLVERS,
    container: resolverInstances,
    authChecker,
    validateFn: validateInput,
    // Every subscription brings its own `subscribe` (the durable alert stream), but
    // type-graphql refuses to build subscriptions without a pubSub: this one is never used.
    pubSub: {
      publish: () => {
        throw new Error('not used: subscriptions read the alert outbox');
      },
      subscribe: () => {
        throw new Error('not used: subscriptions read the alert outbox');
      },
    },
  }))
    .then(callFieldResolversDirectly)
    .then(describeRoots)
    .then(resolveAbstractTypesAtOnce)
    .then(makeMutationsAtomic)
    .then(answerBulkListsInSlices)
    // Outermost: arguments are checked against their bounds before anything else runs.
    .then(enforceInputBounds);
  return built;
}

/**
 * type-graphql wraps an abstract type's resolveType in an async function;
 * graphql-jit (queries run compiled, server/compiled-execution.ts) takes only
 * a type answered at once (so does graphql-js). Node, the one abstract type,
 * answers from the mark `asNode` put on the value; another interface or union
 * stops the build here until it is given the same.
 */
function resolveAbstractTypesAtOnce(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type) || type.name.startsWith('__')) continue;
    if (type.name !== 'Node') throw new Error(`${type.name}: give it a resolveType that answers at once (see resolveAbstractTypesAtOnce)`);
    type.resolveType = (value) => nodeTypeOf(value as object);
  }
  return schema;
}

/** A mutation answering more elements than this completes them in slices (settleInSlices). */
const SLICED_ANSWER_LENGTH = 200;

/**
 * Bulk mutations answer one element per input element (up to 50,000):
 * graphql-js would complete them all in one synchronous pass (DESIGN.md
 * "Bounds": no request holds the event loop more than 50 ms), so a long
 * list answer is handed to it as promises settling a slice per turn.
 */
function answerBulkListsInSlices(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    if (!resolve) continue;
    field.resolve = async (source, args, context, info) => {
      const result: unknown = await resolve(source, args, context, info);
      return Array.isArray(result) && result.length > SLICED_ANSWER_LENGTH ? settleInSlices(result) : result;
    };
  }
  return schema;
}

/** The root operation types' descriptions (type-graphql has no place for them); clients' explorers show them first. */
function describeRoots(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) query.description = 'Reads: an organization\'s own data and what its partners share with it (README "API"); lists are Relay connections (first/after, last/before)';
  if (mutation) mutation.description = 'Writes: each mutation runs in one transaction and either applies in full or writes nothing; errors carry extensions.code and extensions.field';
  if (subscription) subscription.description = 'Over WebSocket (graphql-ws, path /graphql): the organization\'s alerts in cursor order, resumable after a cursor (packages/client subscribeAlerts)';
  return schema;
}

/**
 * Two of type-graphql's per-field costs that buy us nothing, taken off before
 * the schema is built (measured on a 100-row list with two nested objects):
 *
 * - A `@Root()` parameter is handed to its resolver as an instance of the
 *   parameter's declared class: a new object with every column copied, on
 *   every call of every nested field (a tenth of the CPU time). Our object
 *   types are plain data and no field resolver calls a method of its root, so
 *   roots are passed as they are. (Methods on an object type itself, like a
 *   line's openQuantity, still get an instance: that is another path.)
 * - A field with no resolver method gets a resolver of its own that builds an
 *   argument object and runs the (empty) middleware chain before reading the
 *   property. Where nothing can run in between (no roles, no middlewares) and
 *   the property has the field's name, the field is marked `simple`
 *   (type-graphql's own option), so graphql-js reads the property itself.
 */
function leanResolvers(): void {
  const storage = getMetadataStorage();
  for (const param of storage.params) if (param.kind === 'root') delete (param as { getType?: unknown }).getType;
  // (A field with a resolver method keeps it: type-graphql looks for one before it reads `simple`.)
  for (const field of storage.fields) {
    if (field.simple === undefined && field.schemaName === field.name && !field.roles?.length && !field.middlewares?.length) field.simple = true;
  }
}

/** One instance of each resolver class (they hold no state), shared by type-graphql and callFieldResolversDirectly. */
const instances = new Map<Function, object>();
const resolverInstances: ContainerType = {
  get(someClass: new () => object) {
    let instance = instances.get(someClass);
    if (!instance) instances.set(someClass, (instance = new someClass()));
    return instance;
  },
};

type ParamMetadata = ReturnType<typeof getMetadataStorage>['params'][number];

/**
 * type-graphql calls a resolver class's field method (an order's `supplier`,
 * a line's `item`, a risk's `location`: once per row of a list) through a
 * wrapper that, on every call, builds a resolver-data object, asks the
 * container for the instance, runs the (empty) middleware chain, sorts the
 * parameter list and maps it to values (`getParams`): 4 to 5% of the CPU of
 * a 100-row list with two nested objects. Where nothing can run in between
 * (no roles, no middlewares) and every parameter is the root, the context or
 * the info (no arguments to convert or validate), the field's resolver is
 * replaced by a direct call of the same method on the same instance with the
 * same values; what it returns (a value or a promise) is returned as it is,
 * as type-graphql's wrapper does. Any other field keeps type-graphql's
 * resolver.
 */
function callFieldResolversDirectly(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const typeNames = new Map<Function, string>(storage.objectTypes.map((t) => [t.target, t.name]));
  for (const def of storage.fieldResolvers) {
    if (def.kind !== 'external' || def.roles?.length || def.middlewares?.length) continue;
    const typeName = typeNames.get(def.getObjectType!() as Function);
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = isObjectType(type) ? type.getFields()[def.schemaName] : undefined;
    if (!field || !RESOLVERS.includes(def.target as (typeof RESOLVERS)[number])) continue;
    const params = def.params ?? [];
    const values = [...params].sort((a, b) => a.index - b.index).map(paramValue);
    if (values.some((v) => v === null) || values.length !== params.length) continue;
    const instance = resolverInstances.get(def.target, {} as never) as Record<string, (...args: unknown[]) => unknown>;
    const method = instance[def.methodName];
    const read = values as ((root: unknown, context: unknown, info: unknown) => unknown)[];
    field.resolve = direct(instance, method, read);
  }
  return schema;
}

/** A parameter's value from (root, context, info), or null for one this fast path does not take (arguments, custom). */
function paramValue(param: ParamMetadata): ((root: unknown, context: unknown, info: unknown) => unknown) | null {
  switch (param.kind) {
    case 'root': {
      if (param.getType) return null; // leanResolvers removed them all; one declared later would want an instance
      const key = param.propertyName;
      return key ? (root) => (root as Record<string, unknown>)[key] : (root) => root;
    }
    case 'context': {
      const key = param.propertyName;
      return key ? (_root, context) => (context as Record<string, unknown>)[key] : (_root, context) => context;
    }
    case 'info':
      return (_root, _context, info) => info;
    default:
      return null;
  }
}

/** The resolver calling method on instance, with the parameters read in order (the common shapes without an array). */
function direct(
  instance: object,
  method: (...args: unknown[]) => unknown,
  read: ((root: unknown, context: unknown, info: unknown) => unknown)[],
): GraphQLFieldResolver<unknown, unknown> {
  const [a, b] = read;
  if (read.length === 1) return (root, _args, context, info) => method.call(instance, a(root, context, info));
  if (read.length === 2) return (root, _args, context, info) => method.call(instance, a(root, context, info), b(root, context, info));
  return (root, _args, context, info) => method.apply(instance, read.map((r) => r(root, context, info)));
}

/** The SDL committed as schema/schema.graphql: sorted so diffs show real changes only. */
export async function printSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
