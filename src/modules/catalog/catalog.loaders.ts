import type { RequestContext } from '../../core/context';
import { visibleRows, type FieldOf } from '../../core/loaders';
import type { ItemRow, LocationRow } from './catalog.service';

/** Items as nested fields show them, through the item rule. */
export const ITEM_ROWS = visibleRows<ItemRow>(
  'item',
  { id: 'v.id', sku: 'v.sku', name: 'v.name', unitPrice: 'v.unit_price', unitOfMeasure: 'v.unit_of_measure', isActive: 'v.active' },
  { __typename: [], id: [], sku: ['sku'], name: ['name'], unitPrice: ['unitPrice'], unitOfMeasure: ['unitOfMeasure'], active: ['isActive'] },
);
/** Locations as nested fields show them, through the location rule. */
export const LOCATION_ROWS = visibleRows<LocationRow>('location', {
  id: 'v.id',
  code: 'v.code',
  name: 'v.name',
  timeZone: `coalesce(v.time_zone, (SELECT o.time_zone FROM organization o WHERE o.id = v.retailer_id))`,
  isActive: 'v.active',
}, { __typename: [], id: [], code: ['code'], name: ['name'], timeZone: ['timeZone'], active: ['isActive'] });

/** The item with this id for a nested field, if the caller may see it (else null); the row itself when the request holds it already. */
export const showItem = (ctx: RequestContext, id: string, info?: FieldOf) => ITEM_ROWS.show(ctx, id, info);
/** The location with this id for a nested field, if the caller may see it (else null); the row itself when the request holds it already. */
export const showLocation = (ctx: RequestContext, id: string, info?: FieldOf) => LOCATION_ROWS.show(ctx, id, info);
