import { OrganizationKind, Role } from './tenancy.enums';

/** Who is calling: a signed-in user, an API key, or ShortStop itself acting for one organization. */
export interface Caller {
  /**
   * 'system' is ShortStop acting for an organization on its own behalf (the
   * daily job, an AUTO sourcing policy, a risk recompute a supplier's change
   * causes); it is made only by systemActor, never from a credential.
   */
  type: 'user' | 'apiKey' | 'system';
  /** The user's or the API key's id; for 'system', the organization's. */
  id: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  organizationName: string;
  role: Role;
  /** An API key's scopes; null for users and the system, whose role decides. */
  scopes: readonly string[] | null;
  /** For audit records: "email (Org)", "key name (Org)" or "ShortStop <purpose> (Org)". */
  actor: string;
  /** Set for a session credential, so logout can revoke it. */
  sessionId?: string;
  /** "session:<id>", "apiKey:<id>" or "system:<org>": what a revocation names. */
  credential: string;
}

/** The organization a system actor acts for. */
export interface ActingOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
}

/**
 * ShortStop acting for an organization, explicitly: `purpose` appears in the
 * audit trail ("ShortStop auto-reallocation (Northwind Grocers)"), so what the
 * system did is never mistaken for what a person did.
 */
export function systemActor(organization: ActingOrganization, purpose: string): Caller {
  return {
    type: 'system',
    id: organization.id,
    organizationId: organization.id,
    organizationKind: organization.kind,
    organizationName: organization.name,
    role: Role.ADMIN,
    scopes: null,
    actor: `ShortStop ${purpose} (${organization.name})`,
    credential: `system:${organization.id}`,
  };
}
