import { Authorized } from 'type-graphql';
import type { ApiKeyScope, OrganizationKind, Role } from './tenancy.enums';

/**
 * Who may call an operation. `scope` is what an API key needs (null: people
 * only, no API key whatever its scopes); `kinds` limits the organization
 * kind; `roles` lists the non-admin user roles allowed (ADMIN may do
 * everything its kind may; an empty list means ADMIN only).
 */
export interface AccessRule {
  scope: ApiKeyScope | null;
  kinds?: OrganizationKind[];
  roles?: Role[];
}

export const Allow = (rule: AccessRule) => Authorized<AccessRule>(rule);
