import type { RequestContext } from '../../core/context';
import { visibleRows } from '../../core/loaders';
import type { ItemRow, LocationRow } from './catalog.service';

/** Items as nested fields show them, through the item rule. */
export const ITEM_ROWS = visibleRows<ItemRow>('item', { id: 'v.id', sku: 'v.sku', name: 'v.name', unitPrice: 'v.unit_price', unitOfMeasure: 'v.unit_of_measure' });
/** Locations as nested fields show them, through the location rule. */
export const LOCATION_ROWS = visibleRows<LocationRow>('location', { id: 'v.id', code: 'v.code', name: 'v.name' });

/** Items the caller may see, by id; null otherwise. */
export const itemLoader = (ctx: RequestContext) => ITEM_ROWS.loader(ctx);
/** Locations the caller may see, by id; null otherwise. */
export const locationLoader = (ctx: RequestContext) => LOCATION_ROWS.loader(ctx);
