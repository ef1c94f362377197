import type { AuthedContext } from '../../core/context';
import type { Page, PageArgs } from '../../shared/connection';
import { violatedUniqueConstraint } from '../../shared/db-errors';
import { badInput, DuplicateCheck, notFound } from '../../shared/errors';
import { isUuid, newId } from '../../shared/ids';
import type { ListPage } from '../../shared/connection';
import { keysetList, keysetPage } from '../../shared/keyset';
import { Params, sql } from '../../shared/sql';
import { ItemEntity } from './item.entity';
import { LocationEntity } from './location.entity';
import { requireTimeZone } from '../../core/local-dates';

export interface ItemRow {
  id: string;
  sku: string;
  name: string;
  unitPrice: string;
  unitOfMeasure: string;
  /** Not retired (a string when read through visibleRows). */
  isActive: boolean | string;
}

export interface LocationRow {
  id: string;
  code: string;
  name: string;
  /** Its own time zone, else its organization's. */
  timeZone: string;
  isActive: boolean | string;
}

const ITEM_COLUMNS = `i.id, i.sku, i.name, i.unit_price AS "unitPrice", i.unit_of_measure AS "unitOfMeasure", i.active AS "isActive"`;
const LOCATION_COLUMNS = `l.id, l.code, l.name, coalesce(l.time_zone, (SELECT o.time_zone FROM organization o WHERE o.id = l.retailer_id)) AS "timeZone",
  l.active AS "isActive"`;

/** Retailer catalog: items (SKUs) and locations (stores, warehouses). */
export class CatalogService {
  async createItem(ctx: AuthedContext, input: { sku: string; name: string; unitPrice: string; unitOfMeasure?: string | null }): Promise<ItemRow> {
    const item = ctx.em.create(ItemEntity, {
      retailer: ctx.caller.organizationId,
      sku: input.sku,
      name: input.name.trim(),
      unitPrice: input.unitPrice,
      unitOfMeasure: input.unitOfMeasure ?? 'EA',
    });
    try {
      await ctx.em.flush();
    } catch (err) {
      if (violatedUniqueConstraint(err) === 'item_retailer_sku_unique') throw badInput('input.sku', `SKU "${input.sku}" already exists`);
      throw err;
    }
    return { id: item.id, sku: item.sku, name: item.name, unitPrice: item.unitPrice, unitOfMeasure: item.unitOfMeasure, isActive: item.active };
  }

  /**
   * Bulk catalog import for integrations: one statement, all-or-nothing,
   * idempotent per SKU (an existing SKU gets the new name and price).
   */
  async upsertItems(ctx: AuthedContext, items: { sku: string; name: string; unitPrice: string; unitOfMeasure?: string | null }[]): Promise<ItemRow[]> {
    const duplicates = new DuplicateCheck('input.items', 'sku', ' (same SKU)');
    items.forEach((item, i) => {
      duplicates.check(item.sku, i);
    });
    if (items.length === 0) return [];
    const rows = await sql<ItemRow>(
      ctx.em,
      `INSERT INTO item AS i (id, retailer_id, sku, name, unit_price, unit_of_measure, created_at)
       SELECT x.id, $1, x.sku, x.name, x.unit_price, x.uom, now()
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::numeric[], $6::text[]) AS x(id, sku, name, unit_price, uom)
       ON CONFLICT (retailer_id, sku) DO UPDATE SET name = EXCLUDED.name, unit_price = EXCLUDED.unit_price, unit_of_measure = EXCLUDED.unit_of_measure
       RETURNING ${ITEM_COLUMNS}`,
      [
        ctx.caller.organizationId,
        items.map(() => newId()),
        items.map((item) => item.sku),
        items.map((item) => item.name.trim()),
        items.map((item) => item.unitPrice),
        items.map((item) => item.unitOfMeasure ?? 'EA'),
      ],
    );
    const bySku = new Map(rows.map((row) => [row.sku, row]));
    return items.map((item) => bySku.get(item.sku)!);
  }

  async createLocation(ctx: AuthedContext, input: { code: string; name: string; timeZone?: string | null }): Promise<LocationRow> {
    const timeZone = input.timeZone == null ? null : requireTimeZone(input.timeZone, 'input.timeZone');
    const location = ctx.em.create(LocationEntity, { retailer: ctx.caller.organizationId, code: input.code, name: input.name.trim(), timeZone });
    try {
      await ctx.em.flush();
    } catch (err) {
      if (violatedUniqueConstraint(err) === 'location_retailer_code_unique') {
        throw badInput('input.code', `Location code "${input.code}" already exists`);
      }
      throw err;
    }
    return (await this.findLocation(ctx, location.id))!;
  }

  /**
   * Retires an item (active false) or makes it active again (retailer
   * PLANNER or ADMIN): a retired item gets no new orders, forecast lines or
   * inventory, and its risks leave shortageRisks unless includeInactive;
   * open orders go on and can be received. NOT_FOUND on id for an item
   * that is not the caller's.
   */
  async setActive(ctx: AuthedContext, kind: 'item' | 'location', id: string, active: boolean): Promise<string> {
    if (!(await this.ownIds(ctx, kind, [id])).has(id)) throw notFound(kind === 'item' ? 'Item' : 'Location', 'id');
    await sql(ctx.em, `UPDATE ${kind} SET active = $2 WHERE id = $1`, [id, active]);
    return id;
  }

  /**
   * Refuses a write that names a retired item or location (DESIGN.md:
   * retired ones get no new orders, forecast lines or inventory): the first
   * such reference, in the order given (locations first), answers
   * BAD_USER_INPUT on its field. References the caller does not own are
   * left to the caller's own NOT_FOUND checks.
   */
  async refuseRetired(ctx: AuthedContext, refs: { items?: { id: string; field: string }[]; locations?: { id: string; field: string }[] }): Promise<void> {
    const itemIds = [...new Set((refs.items ?? []).map((r) => r.id).filter(isUuid))];
    const locationIds = [...new Set((refs.locations ?? []).map((r) => r.id).filter(isUuid))];
    if (itemIds.length === 0 && locationIds.length === 0) return;
    const p = new Params();
    const rows = await sql<{ kind: 'item' | 'location'; id: string; label: string }>(
      ctx.em,
      `SELECT 'item' AS kind, i.id, i.sku AS label FROM item i WHERE i.id = ANY(${p.add(itemIds)}::uuid[]) AND NOT i.active AND ${ctx.scope.where('item', 'i', p)}
       UNION ALL
       SELECT 'location', l.id, l.code FROM location l WHERE l.id = ANY(${p.add(locationIds)}::uuid[]) AND NOT l.active AND ${ctx.scope.where('location', 'l', p)}`,
      p.values,
    );
    if (rows.length === 0) return;
    const retired = new Map(rows.map((r) => [`${r.kind}/${r.id}`, r.label]));
    const check = (kind: 'item' | 'location', list: { id: string; field: string }[] | undefined) => {
      for (const ref of list ?? []) {
        const label = retired.get(`${kind}/${ref.id}`);
        if (label !== undefined) {
          throw badInput(ref.field, `${kind === 'item' ? 'Item' : 'Location'} ${label} is retired: it gets no new orders, forecast lines or inventory (make it active again first)`);
        }
      }
    };
    check('location', refs.locations);
    check('item', refs.items);
  }

  /** The caller retailer's retired items and locations (few: a retailer retires what it no longer stocks). */
  async retiredIds(ctx: AuthedContext): Promise<{ items: Set<string>; locations: Set<string> }> {
    const p = new Params();
    const org = p.add(ctx.caller.organizationId);
    const rows = await sql<{ kind: 'item' | 'location'; id: string }>(
      ctx.em,
      `SELECT 'item' AS kind, i.id FROM item i WHERE i.retailer_id = ${org} AND NOT i.active AND ${ctx.scope.where('item', 'i', p)}
       UNION ALL
       SELECT 'location', l.id FROM location l WHERE l.retailer_id = ${org} AND NOT l.active AND ${ctx.scope.where('location', 'l', p)}`,
      p.values,
    );
    return { items: new Set(rows.filter((r) => r.kind === 'item').map((r) => r.id)), locations: new Set(rows.filter((r) => r.kind === 'location').map((r) => r.id)) };
  }

  /** Items in creation order (ids are time-ordered), keyset-paginated. */
  async listItems(ctx: AuthedContext, args: PageArgs): Promise<Page<ItemRow>> {
    const p = new Params();
    const where = [ctx.scope.where('item', 'i', p)];
    return keysetPage<ItemRow>(ctx.em, { select: ITEM_COLUMNS, from: 'item i', where, params: p, key: [{ sql: 'i.id', type: 'uuid' }] }, args);
  }

  async findItem(ctx: AuthedContext, id: string): Promise<ItemRow | null> {
    if (!isUuid(id)) return null;
    const p = new Params();
    const visible = ctx.scope.where('item', 'i', p);
    const [row] = await sql<ItemRow>(ctx.em, `SELECT ${ITEM_COLUMNS} FROM item i WHERE ${visible} AND i.id = ${p.add(id)}`, p.values);
    return row ?? null;
  }

  /** Locations the caller may see (a supplier: its active partners', where it ships to), by code. */
  async listLocations(ctx: AuthedContext, page: ListPage): Promise<LocationRow[]> {
    const p = new Params();
    return keysetList<LocationRow>(
      ctx.em,
      {
        select: LOCATION_COLUMNS,
        from: 'location l',
        where: [ctx.scope.where('location', 'l', p)],
        params: p,
        key: [{ sql: 'l.code', type: 'text' }, { sql: 'l.id', type: 'uuid' }],
        id: 'l.id',
      },
      page,
    );
  }

  async findLocation(ctx: AuthedContext, id: string): Promise<LocationRow | null> {
    if (!isUuid(id)) return null;
    const p = new Params();
    const [row] = await sql<LocationRow>(
      ctx.em,
      `SELECT ${LOCATION_COLUMNS} FROM location l WHERE l.id = ${p.add(id)} AND ${ctx.scope.where('location', 'l', p)}`,
      p.values,
    );
    return row ?? null;
  }

  /** The caller retailer's own items among `ids` (for validating references in bulk input). */
  async ownItemIds(ctx: AuthedContext, ids: string[]): Promise<Set<string>> {
    return this.ownIds(ctx, 'item', ids);
  }

  async ownLocationIds(ctx: AuthedContext, ids: string[]): Promise<Set<string>> {
    return this.ownIds(ctx, 'location', ids);
  }

  /** Throws NOT_FOUND on `field` unless the item belongs to the caller retailer. */
  async requireOwnItem(ctx: AuthedContext, id: string, field: string): Promise<void> {
    if (!(await this.ownItemIds(ctx, [id])).has(id)) throw notFound('Item', field);
  }

  async requireOwnLocation(ctx: AuthedContext, id: string, field: string): Promise<void> {
    if (!(await this.ownLocationIds(ctx, [id])).has(id)) throw notFound('Location', field);
  }

  /** Only the caller retailer's own items and locations may be referenced in its writes: for a retailer, what it sees is its own. */
  private async ownIds(ctx: AuthedContext, kind: 'item' | 'location', ids: string[]): Promise<Set<string>> {
    if (!ctx.scope.isRetailer) return new Set();
    return ctx.scope.visibleIds(ctx.em, kind, ids);
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Items and locations. */
    catalog: CatalogService;
  }
}
