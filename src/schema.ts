import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { AlertResolver } from './modules/alerts/alert.resolver';
import { CatalogResolver } from './modules/catalog/catalog.resolver';
import { ForecastResolver } from './modules/forecasting/forecast.resolver';
import { ForecastCommitResolver } from './modules/forecasting/forecast-commit.resolver';
import { LeadTimeResolver } from './modules/lead-times/lead-time.resolver';
import { InventoryResolver } from './modules/inventory/inventory.resolver';
import { ChangeRecordResolver, PurchaseOrderLineResolver, PurchaseOrderResolver } from './modules/purchasing/purchasing.resolver';
import { ShipNoticeLineResolver, ShipNoticeResolver } from './modules/purchasing/ship-notice.resolver';
import { ShortageRiskResolver } from './modules/risk/shortage-risk.resolver';
import { ReallocationCandidateResolver, ReallocationMoveResolver, ReallocationResolver } from './modules/sourcing/reallocation.resolver';
import { SourcingRuleResolver } from './modules/sourcing/sourcing-rule.resolver';
import { AuthResolver, PartnershipResolver, UserResolver } from './modules/tenancy/tenancy.resolver';
import { makeMutationsAtomic } from './core/atomic-mutations';
import { authChecker } from './core/auth-checker';
import { enforceInputBounds } from './shared/bounds';
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
  ForecastCommitResolver,
  LeadTimeResolver,
  AlertResolver,
  ReallocationResolver,
  ReallocationMoveResolver,
  ReallocationCandidateResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from the type-graphql resolvers. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= Promise.resolve().then(plainRoots).then(() => buildSchema({
    resolvers: RESOLVERS,
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
    .then(makeMutationsAtomic)
    // Outermost: arguments are checked against their bounds before anything else runs.
    .then(enforceInputBounds);
  return built;
}

/**
 * type-graphql hands a `@Root()` parameter to its resolver as an instance of
 * the parameter's declared class: a new object with every column copied, on
 * every call of every nested field (measured: a tenth of the CPU time of a
 * 100-row list with two nested objects). Our object types are plain data and
 * no field resolver calls a method of its root, so roots are passed as they
 * are. (Methods on an object type itself, like a line's openQuantity, still
 * get an instance: that is another path.)
 */
function plainRoots(): void {
  for (const param of getMetadataStorage().params) if (param.kind === 'root') delete (param as { getType?: unknown }).getType;
}

/** The SDL committed as schema/schema.graphql: sorted so diffs show real changes only. */
export async function printSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
