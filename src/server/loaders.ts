import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader } from '../shared/loaders';
import { ItemEntity } from '../modules/catalog/item.entity';
import { LocationEntity } from '../modules/catalog/location.entity';
import { createPurchasingLoaders } from '../modules/purchasing/purchasing.loaders';
import { createRiskLoader } from '../modules/risk/risk.loaders';
import { OrganizationEntity } from '../modules/tenancy/organization.entity';

/** The request's DataLoaders: one set per request, so nothing leaks between callers. */
export function createLoaders(em: EntityManager) {
  return {
    organization: byIdLoader(em, OrganizationEntity),
    item: byIdLoader(em, ItemEntity),
    location: byIdLoader(em, LocationEntity),
    purchasing: createPurchasingLoaders(em),
    risk: createRiskLoader(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
