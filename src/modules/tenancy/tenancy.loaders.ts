import type { RequestContext } from '../../core/context';
import { visibleRows, type FieldOf } from '../../core/loaders';
import type { OrganizationKind } from '../../core/tenancy.enums';

export interface OrganizationRow {
  id: string;
  name: string;
  kind: OrganizationKind;
  timeZone: string;
}

/** Organizations as nested fields show them, through the organization rule. */
export const ORGANIZATION_ROWS = visibleRows<OrganizationRow>(
  'organization',
  { id: 'v.id', name: 'v.name', kind: 'v.kind', timeZone: 'v.time_zone' },
  { __typename: [], id: [], name: ['name'], kind: ['kind'], timeZone: ['timeZone'] },
);

/** The organization with this id for a nested field if the caller may see it (itself and its partners), else null; the row itself when the request holds it already. */
export const showOrganization = (ctx: RequestContext, id: string, info?: FieldOf) => ORGANIZATION_ROWS.show(ctx, id, info);
