import type { AuthedContext } from '../../core/context';
import type { VisibleKind } from '../../core/scope';
import { Role } from '../../core/tenancy.enums';
import { isUuid } from '../../shared/ids';
import { asNode, decodeForecastCommitNodeId, decodeRiskNodeId } from '../../shared/node';
import { Params, sql } from '../../shared/sql';
import { ALERT_COLUMNS, toAlertRow, type AlertRow } from '../alerts/alert-row';
import { ITEM_ROWS, LOCATION_ROWS } from '../catalog/catalog.loaders';
import { VERSION_COLUMNS } from '../forecasting/forecast.service';
import { POSITION_COLUMNS } from '../inventory/inventory.service';
import { purchasingLoaders } from '../purchasing/purchasing.loaders';
import { riskLoader } from '../risk/risk.loaders';
import { RULE_COLUMNS } from '../sourcing/sourcing-rule.service';
import { ApiKeyEntity } from '../tenancy/api-key.entity';
import { PartnershipEntity } from '../tenancy/partnership.entity';
import { ORGANIZATION_ROWS } from '../tenancy/tenancy.loaders';
import { UserEntity } from '../tenancy/user.entity';
import { WebhookEndpointEntity } from '../webhooks/webhook.entity';

/** A kind of object Query.node finds by UUID: its GraphQL type, its table, who may see it, and how its row is read. */
interface UuidKind {
  type: string;
  table: string;
  /** The visibility condition on alias v (parameters added to p); null: this caller sees none of this kind. */
  visible(ctx: AuthedContext, p: Params): string | null;
  /** The object as the type's resolvers expect it, read through the same rule (null when not visible). */
  load(ctx: AuthedContext, id: string): Promise<object | null>;
}

/** The kind's rule in the Scope (the one place "who may see what" is written). */
const byScope = (kind: VisibleKind) => (ctx: AuthedContext, p: Params) => ctx.scope.where(kind, 'v', p);

/** One row of `columns` from `from` (alias fixed by the columns) whose id is `id`, through the scope's rule for `kind`. */
async function oneRow<T extends object>(ctx: AuthedContext, kind: VisibleKind, from: string, alias: string, columns: string, id: string): Promise<T | null> {
  const p = new Params();
  const [row] = await sql<T>(ctx.em, `SELECT ${columns} FROM ${from} WHERE ${alias}.id = ${p.add(id)} AND ${ctx.scope.where(kind, alias, p)}`, p.values);
  return row ?? null;
}

/**
 * Every type with a UUID id, in the order the lookup names them. A UUID is
 * unique across tables (v7, made by ShortStop), so at most one kind matches.
 */
const KINDS: Record<string, UuidKind> = {
  organization: {
    type: 'Organization', table: 'organization', visible: byScope('organization'),
    load: (ctx, id) => ORGANIZATION_ROWS.loader(ctx).load(id),
  },
  user: {
    type: 'User', table: 'app_user', visible: byScope('user'),
    load: (ctx, id) => ctx.em.findOne(UserEntity, { id }),
  },
  partnership: {
    type: 'Partnership', table: 'partnership', visible: byScope('partnership'),
    load: (ctx, id) => ctx.em.findOne(PartnershipEntity, { id }),
  },
  // As Query.apiKeys: an organization's ADMIN in person, never an API key.
  apiKey: {
    type: 'ApiKey', table: 'api_key',
    visible: (ctx, p) => (ctx.caller.type === 'user' && ctx.caller.role === Role.ADMIN ? ctx.scope.where('apiKey', 'v', p) : null),
    load: (ctx, id) => ctx.em.findOne(ApiKeyEntity, { id }),
  },
  // As Query.webhookEndpoints/webhookDeliveries: an organization's ADMIN in person.
  webhookEndpoint: {
    type: 'WebhookEndpoint', table: 'webhook_endpoint',
    visible: (ctx, p) => (ctx.caller.type === 'user' && ctx.caller.role === Role.ADMIN ? ctx.scope.where('webhookEndpoint', 'v', p) : null),
    load: (ctx, id) => ctx.em.findOne(WebhookEndpointEntity, { id }),
  },
  webhookDelivery: {
    type: 'WebhookDelivery', table: 'webhook_delivery',
    visible: (ctx, p) => (ctx.caller.type === 'user' && ctx.caller.role === Role.ADMIN ? ctx.scope.where('webhookDelivery', 'v', p) : null),
    load: (ctx, id) => ctx.services.webhooks.delivery(ctx, id),
  },
  item: { type: 'Item', table: 'item', visible: byScope('item'), load: (ctx, id) => ITEM_ROWS.loader(ctx).load(id) },
  location: { type: 'Location', table: 'location', visible: byScope('location'), load: (ctx, id) => LOCATION_ROWS.loader(ctx).load(id) },
  sourcingRule: {
    type: 'SourcingRule', table: 'sourcing_rule', visible: byScope('sourcingRule'),
    load: (ctx, id) => oneRow<object>(ctx, 'sourcingRule', 'sourcing_rule r', 'r', RULE_COLUMNS, id),
  },
  inventoryPosition: {
    type: 'InventoryPosition', table: 'inventory_position', visible: byScope('inventoryPosition'),
    load: (ctx, id) => oneRow<object>(ctx, 'inventoryPosition', 'inventory_position ip', 'ip', POSITION_COLUMNS, id),
  },
  forecastVersion: {
    type: 'ForecastVersion', table: 'forecast_version', visible: byScope('forecastVersion'),
    load: (ctx, id) => oneRow<object>(ctx, 'forecastVersion', 'forecast_version v', 'v', VERSION_COLUMNS, id),
  },
  purchaseOrder: {
    type: 'PurchaseOrder', table: 'purchase_order', visible: byScope('purchaseOrder'),
    load: (ctx, id) => purchasingLoaders(ctx).order.load(id),
  },
  // A line is visible with its order.
  purchaseOrderLine: {
    type: 'PurchaseOrderLine', table: 'purchase_order_line',
    visible: (ctx, p) => `EXISTS (SELECT 1 FROM purchase_order po WHERE po.id = v.purchase_order_id AND ${ctx.scope.where('purchaseOrder', 'po', p)})`,
    load: (ctx, id) => purchasingLoaders(ctx).line.load(id),
  },
  shipNotice: {
    type: 'ShipNotice', table: 'ship_notice', visible: byScope('shipNotice'),
    load: (ctx, id) => ctx.services.shipNotices.find(ctx, id),
  },
  reallocationProposal: {
    type: 'ReallocationProposal', table: 'reallocation_proposal', visible: byScope('reallocationProposal'),
    load: (ctx, id) => ctx.services.reallocations.find(ctx, id),
  },
  // As Query.alerts: a user, or an API key with the alerts:read scope.
  alert: {
    type: 'Alert', table: 'alert',
    visible: (ctx, p) => (ctx.caller.type !== 'apiKey' || ctx.caller.scopes?.includes('alerts:read') ? ctx.scope.where('alert', 'v', p) : null),
    load: async (ctx, id) => {
      const row = await oneRow<AlertRow>(ctx, 'alert', 'alert a', 'a', ALERT_COLUMNS, id);
      return row && toAlertRow(row);
    },
  },
};

/** Finds any object by its Node id, through the caller's Scope. */
export class NodeService {
  /**
   * The object with this id if the caller may see it, marked with its GraphQL
   * type; null for an id of another tenant's object, of a suspended
   * partner's, of nothing, or not an id at all. A shortage risk's or a
   * forecast commit's id carries its kind and key: one statement. A UUID: one statement finds which kind's visible
   * rows hold it (a UNION ALL of primary-key lookups, each under its rule),
   * one more reads that object as its type shows it.
   */
  async find(ctx: AuthedContext, id: string): Promise<object | null> {
    const risk = decodeRiskNodeId(id);
    if (risk) return asNode('ShortageRisk', await riskLoader(ctx).load(`${risk.itemId}/${risk.locationId}`));
    const commit = decodeForecastCommitNodeId(id);
    if (commit) return asNode('ForecastCommit', await ctx.services.forecastCommits.byKey(ctx, commit));
    if (!isUuid(id)) return null;
    const p = new Params();
    const idParam = `${p.add(id.toLowerCase())}::uuid`;
    const branches = Object.entries(KINDS).flatMap(([name, kind]) => {
      const visible = kind.visible(ctx, p);
      return visible === null ? [] : [`SELECT '${name}' AS kind FROM ${kind.table} v WHERE v.id = ${idParam} AND ${visible}`];
    });
    const [found] = await sql<{ kind: string }>(ctx.em, `${branches.join('\nUNION ALL ')}\nLIMIT 1`, p.values);
    if (!found) return null;
    const kind = KINDS[found.kind];
    return asNode(kind.type, await kind.load(ctx, id.toLowerCase()));
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Query.node: any object by its Node id. */
    nodes: NodeService;
  }
}
