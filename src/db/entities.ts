import { ItemEntity } from '../modules/catalog/item.entity';
import { LocationEntity } from '../modules/catalog/location.entity';
import { InventoryPositionEntity } from '../modules/inventory/inventory-position.entity';
import { SafetyStockEntity } from '../modules/inventory/safety-stock.entity';
import { SourcingRuleEntity } from '../modules/sourcing/sourcing-rule.entity';
import { ApiKeyEntity } from '../modules/tenancy/api-key.entity';
import { OrganizationEntity } from '../modules/tenancy/organization.entity';
import { PartnershipEntity } from '../modules/tenancy/partnership.entity';
import { SessionEntity } from '../modules/tenancy/session.entity';
import { UserEntity } from '../modules/tenancy/user.entity';

/** Every entity, listed explicitly: discovery by folder scanning is slow and breaks under bundlers. */
export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  SessionEntity,
  ApiKeyEntity,
  PartnershipEntity,
  ItemEntity,
  LocationEntity,
  SourcingRuleEntity,
  InventoryPositionEntity,
  SafetyStockEntity,
];
