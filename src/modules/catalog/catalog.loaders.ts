import { perRequest, type RequestContext } from '../../core/context';
import { visibleByIdLoader } from '../../core/loaders';
import type { ItemRow, LocationRow } from './catalog.service';

const createItemLoader = (ctx: RequestContext) => visibleByIdLoader<ItemRow>(ctx, 'item', 'v.id, v.sku, v.name, v.unit_price AS "unitPrice", v.unit_of_measure AS "unitOfMeasure"');
const createLocationLoader = (ctx: RequestContext) => visibleByIdLoader<LocationRow>(ctx, 'location', 'v.id, v.code, v.name');

/** Items the caller may see, by id; null otherwise. */
export const itemLoader = (ctx: RequestContext) => perRequest(ctx, createItemLoader);
/** Locations the caller may see, by id; null otherwise. */
export const locationLoader = (ctx: RequestContext) => perRequest(ctx, createLocationLoader);
