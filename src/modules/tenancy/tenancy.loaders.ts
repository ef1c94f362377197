import { perRequest, type RequestContext } from '../../core/context';
import { visibleByIdLoader } from '../../core/loaders';
import type { OrganizationKind } from '../../core/tenancy.enums';

export interface OrganizationRow {
  id: string;
  name: string;
  kind: OrganizationKind;
}

const createOrganizationLoader = (ctx: RequestContext) => visibleByIdLoader<OrganizationRow>(ctx, 'organization', 'v.id, v.name, v.kind');

/** Organizations the caller may see (itself and its partners), by id; null otherwise. */
export const organizationLoader = (ctx: RequestContext) => perRequest(ctx, createOrganizationLoader);
