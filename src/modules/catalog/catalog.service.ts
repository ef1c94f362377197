import type { AuthedContext } from '../../core/context';
import type { Page, PageArgs } from '../../shared/connection';
import { violatedUniqueConstraint } from '../../shared/db-errors';
import { badInput, notFound } from '../../shared/errors';
import { isUuid, newId } from '../../shared/ids';
import type { ListPage } from '../../shared/connection';
import { keysetList, keysetPage } from '../../shared/keyset';
import { Params, sql } from '../../shared/sql';
import { ItemEntity } from './item.entity';
import { LocationEntity } from './location.entity';

export interface ItemRow {
  id: string;
  sku: string;
  name: string;
  unitPrice: string;
  unitOfMeasure: string;
}

export interface LocationRow {
  id: string;
  code: string;
  name: string;
}

const ITEM_COLUMNS = `i.id, i.sku, i.name, i.unit_price AS "unitPrice", i.unit_of_measure AS "unitOfMeasure"`;

/** Retailer catalog: items (SKUs) and locations (stores, warehouses). */
export class CatalogService {
  async createItem(ctx: AuthedContext, input: { sku: string; name: string; unitPrice: string; unitOfMeasure?: string | null }): Promise<ItemEntity> {
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
    return item;
  }

  /**
   * Bulk catalog import for integrations: one statement, all-or-nothing,
   * idempotent per SKU (an existing SKU gets the new name and price).
   */
  async upsertItems(ctx: AuthedContext, items: { sku: string; name: string; unitPrice: string; unitOfMeasure?: string | null }[]): Promise<ItemRow[]> {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.sku);
      if (first !== undefined) throw badInput(`input.items[${i}].sku`, `Duplicate of input.items[${first}] (same SKU)`);
      seen.set(item.sku, i);
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

  async createLocation(ctx: AuthedContext, input: { code: string; name: string }): Promise<LocationEntity> {
    const location = ctx.em.create(LocationEntity, { retailer: ctx.caller.organizationId, code: input.code, name: input.name.trim() });
    try {
      await ctx.em.flush();
    } catch (err) {
      if (violatedUniqueConstraint(err) === 'location_retailer_code_unique') {
        throw badInput('input.code', `Location code "${input.code}" already exists`);
      }
      throw err;
    }
    return location;
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
        select: 'l.id, l.code, l.name',
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
      `SELECT l.id, l.code, l.name FROM location l WHERE l.id = ${p.add(id)} AND ${ctx.scope.where('location', 'l', p)}`,
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
