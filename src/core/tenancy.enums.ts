export enum OrganizationKind {
  RETAILER = 'RETAILER',
  SUPPLIER = 'SUPPLIER',
}

export enum Role {
  ADMIN = 'ADMIN',
  BUYER = 'BUYER',
  PLANNER = 'PLANNER',
  SUPPLIER_REP = 'SUPPLIER_REP',
  /** The role an API key acts with; never assigned to a user. */
  INTEGRATION = 'INTEGRATION',
}

export enum PartnershipStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}

/** Roles a user of each kind of organization may hold. */
export const ROLES_BY_KIND: Record<OrganizationKind, Role[]> = {
  [OrganizationKind.RETAILER]: [Role.ADMIN, Role.BUYER, Role.PLANNER],
  [OrganizationKind.SUPPLIER]: [Role.ADMIN, Role.SUPPLIER_REP],
};

export const API_KEY_SCOPES = [
  'read',
  'alerts:read',
  'catalog:write',
  'sourcing:write',
  'inventory:write',
  'forecast:write',
  'orders:write',
  'orders:confirm',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
