import type { AuthedContext } from '../../core/context';
import { inTransaction } from '../../core/transaction';
import type { Page, PageArgs } from '../../shared/connection';
import { MAX_QUANTITY } from '../../shared/bounds';
import { badInput, DuplicateCheck, notFound } from '../../shared/errors';
import { isUuid, newId } from '../../shared/ids';
import { keysetPage } from '../../shared/keyset';
import { Params, sql } from '../../shared/sql';
import type { CatalogService } from '../catalog/catalog.service';
import type { RiskService } from '../risk/risk.service';
import type { ShortageRiskType } from '../risk/shortage-risk.type';
import type { InventoryPositionType } from './inventory.types';

export interface PositionInput {
  itemId: string;
  locationId: string;
  onHand: number;
  reserved: number;
  qualityHold: number;
  asOf?: Date | null;
}

export const POSITION_COLUMNS = `ip.id, ip.item_id AS item, ip.location_id AS location, ip.on_hand AS "onHand", ip.reserved,
  ip.quality_hold AS "qualityHold", ip.on_hand - ip.reserved - ip.quality_hold AS available, ip.as_of AS "asOf"`;

/** Stock positions (bulk, idempotent) and safety stock. */
export class InventoryService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly risk: RiskService,
  ) {}

  /**
   * Goods received at a location add to its on-hand stock, in the receipt's
   * transaction (the caller recomputes risk). The position's asOf moves to
   * now: a WMS snapshot taken before now does not include this receipt, so it
   * must not overwrite it. On hand stays within the bounds of a quantity
   * (DESIGN.md "Bounds"): a receipt that would take it beyond is refused on
   * `field` (the receipt's quantity), and the caller's transaction writes
   * nothing. Every receipt adds to stock here, so every receipt is bounded.
   */
  async addReceived(tx: AuthedContext, receipt: { itemId: string; locationId: string; quantity: number; field: string }): Promise<void> {
    const added = await sql<{ on_hand: number }>(
      tx.em,
      `INSERT INTO inventory_position AS ip (id, retailer_id, item_id, location_id, on_hand, reserved, quality_hold, as_of, updated_at)
       SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::int, 0, 0, now(), now() WHERE $5::int <= $6::int
       ON CONFLICT (item_id, location_id) DO UPDATE SET on_hand = ip.on_hand + EXCLUDED.on_hand, as_of = greatest(ip.as_of, now()), updated_at = now()
       WHERE ip.on_hand::bigint + EXCLUDED.on_hand <= $6::int
       RETURNING ip.on_hand`,
      [newId(), tx.caller.organizationId, receipt.itemId, receipt.locationId, receipt.quantity, MAX_QUANTITY],
    );
    if (added.length === 0) {
      const [position] = await sql<{ on_hand: number }>(tx.em, `SELECT on_hand FROM inventory_position WHERE item_id = $1 AND location_id = $2`, [receipt.itemId, receipt.locationId]);
      const total = (position?.on_hand ?? 0) + receipt.quantity;
      throw badInput(receipt.field, `This receipt would take on-hand stock to ${total.toLocaleString('en-US')}; a stock position holds at most ${MAX_QUANTITY.toLocaleString('en-US')}`);
    }
  }

  /**
   * All-or-nothing bulk upsert, one row per item x location. A snapshot older
   * than the stored one is ignored (out-of-order delivery from a WMS), and the
   * stored position is returned for it.
   */
  async upsert(ctx: AuthedContext, positions: PositionInput[]): Promise<InventoryPositionType[]> {
    if (positions.length === 0) return [];
    const [items, locations] = await Promise.all([
      this.catalog.ownItemIds(ctx, positions.map((p) => p.itemId)),
      this.catalog.ownLocationIds(ctx, positions.map((p) => p.locationId)),
    ]);
    const duplicates = new DuplicateCheck('input.positions', 'itemId', ' (same item and location)');
    positions.forEach((p, i) => {
      const at = `input.positions[${i}]`;
      if (!items.has(p.itemId)) throw notFound('Item', `${at}.itemId`);
      if (!locations.has(p.locationId)) throw notFound('Location', `${at}.locationId`);
      if (p.reserved + p.qualityHold > p.onHand) {
        throw badInput(`${at}.reserved`, 'reserved + qualityHold cannot exceed onHand');
      }
      const key = `${p.itemId}/${p.locationId}`;
      duplicates.check(key, i);
    });
    // Retired items and locations get no new inventory (DESIGN.md, Retiring); receipts on open orders still add to it.
    await this.catalog.refuseRetired(ctx, {
      locations: positions.map((p, i) => ({ id: p.locationId, field: `input.positions[${i}].locationId` })),
      items: positions.map((p, i) => ({ id: p.itemId, field: `input.positions[${i}].itemId` })),
    });

    return inTransaction(ctx, async (tx) => {
      const positionsOut = await this.write(tx, positions);
      await this.risk.recompute(tx, tx.caller.organizationId, positions.map((p) => ({ itemId: p.itemId, locationId: p.locationId })));
      return positionsOut;
    });
  }

  private async write(ctx: AuthedContext, positions: PositionInput[]): Promise<InventoryPositionType[]> {
    const now = new Date();
    const written = await sql<InventoryPositionType>(
      ctx.em,
      `INSERT INTO inventory_position AS ip (id, retailer_id, item_id, location_id, on_hand, reserved, quality_hold, as_of, updated_at)
       SELECT x.id, $1, x.item_id, x.location_id, x.on_hand, x.reserved, x.quality_hold, x.as_of, now()
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::int[], $7::int[], $8::timestamptz[])
              AS x(id, item_id, location_id, on_hand, reserved, quality_hold, as_of)
       ON CONFLICT (item_id, location_id) DO UPDATE SET
         on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved, quality_hold = EXCLUDED.quality_hold,
         as_of = EXCLUDED.as_of, updated_at = now()
       WHERE ip.as_of <= EXCLUDED.as_of
       RETURNING ${POSITION_COLUMNS}`,
      [
        ctx.caller.organizationId,
        positions.map(() => newId()),
        positions.map((p) => p.itemId),
        positions.map((p) => p.locationId),
        positions.map((p) => p.onHand),
        positions.map((p) => p.reserved),
        positions.map((p) => p.qualityHold),
        positions.map((p) => (p.asOf ?? now).toISOString()),
      ],
    );
    const byKey = new Map(written.map((row) => [`${row.item}/${row.location}`, row]));
    if (byKey.size < positions.length) {
      // Some snapshots were older than what is stored: report the stored positions for those.
      const stale = positions.filter((p) => !byKey.has(`${p.itemId}/${p.locationId}`));
      const kept = await sql<InventoryPositionType>(
        ctx.em,
        `SELECT ${POSITION_COLUMNS} FROM inventory_position ip
           JOIN unnest($1::uuid[], $2::uuid[]) AS x(item_id, location_id) ON x.item_id = ip.item_id AND x.location_id = ip.location_id`,
        [stale.map((p) => p.itemId), stale.map((p) => p.locationId)],
      );
      kept.forEach((row) => byKey.set(`${row.item}/${row.location}`, row));
    }
    return positions.map((p) => byKey.get(`${p.itemId}/${p.locationId}`)!);
  }

  /** A retailer's positions, in the order they were first recorded. Suppliers see none (stock is the retailer's). */
  async list(ctx: AuthedContext, args: { locationId?: string | null; itemId?: string | null } & PageArgs): Promise<Page<InventoryPositionType>> {
    const p = new Params();
    const where = [ctx.scope.where('inventoryPosition', 'ip', p)];
    const empty = (args.locationId != null && !isUuid(args.locationId))
      || (args.itemId != null && !isUuid(args.itemId));
    if (args.locationId) where.push(`ip.location_id = ${p.add(args.locationId)}`);
    if (args.itemId) where.push(`ip.item_id = ${p.add(args.itemId)}`);
    return keysetPage<InventoryPositionType>(
      ctx.em,
      { select: POSITION_COLUMNS, from: 'inventory_position ip', where, params: p, key: [{ sql: 'ip.id', type: 'uuid' }] },
      args,
      { empty },
    );
  }

  /** Stores the safety stock and returns the item x location's recomputed risk. */
  async setSafetyStock(ctx: AuthedContext, input: { itemId: string; locationId: string; safetyStock: number }): Promise<ShortageRiskType> {
    await this.catalog.requireOwnItem(ctx, input.itemId, 'input.itemId');
    await this.catalog.requireOwnLocation(ctx, input.locationId, 'input.locationId');
    return inTransaction(ctx, async (tx) => {
      await sql(
        tx.em,
        `INSERT INTO safety_stock (item_id, location_id, retailer_id, quantity, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (item_id, location_id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()`,
        [input.itemId, input.locationId, tx.caller.organizationId, input.safetyStock],
      );
      await this.risk.recompute(tx, tx.caller.organizationId, [{ itemId: input.itemId, locationId: input.locationId }]);
      return (await this.risk.find(tx, input.itemId, input.locationId))!;
    });
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Inventory positions and safety stock. */
    inventory: InventoryService;
  }
}
