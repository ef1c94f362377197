import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AlertResolver } from './modules/alerts/alert.resolver';
import { CatalogResolver } from './modules/catalog/catalog.resolver';
import { ForecastResolver } from './modules/forecasting/forecast.resolver';
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
  LeadTimeResolver,
  AlertResolver,
  ReallocationResolver,
  ReallocationMoveResolver,
  ReallocationCandidateResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from the type-graphql resolvers. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
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
  })
    .then(makeMutationsAtomic)
    // Outermost: arguments are checked against their bounds before anything else runs.
    .then(enforceInputBounds);
  return built;
}

/** The SDL committed as schema/schema.graphql: sorted so diffs show real changes only. */
export async function printSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
