import type { RequestContext } from '../../core/context';
import { visibleRows } from '../../core/loaders';
import type { OrganizationKind } from '../../core/tenancy.enums';

export interface OrganizationRow {
  id: string;
  name: string;
  kind: OrganizationKind;
}

/** Organizations as nested fields show them, through the organization rule. */
export const ORGANIZATION_ROWS = visibleRows<OrganizationRow>('organization', { id: 'v.id', name: 'v.name', kind: 'v.kind' });

/** Organizations the caller may see (itself and its partners), by id; null otherwise. */
export const organizationLoader = (ctx: RequestContext) => ORGANIZATION_ROWS.loader(ctx);
