import type { EntityManager } from '@mikro-orm/postgresql';
import { literal, type Opening } from '../shared/deferred-transaction';
import { APP_ENTER_STATEMENT, type ScopeSettings } from '../shared/scoped-statement';
import { isUuid } from '../shared/ids';
import { Params, sql } from '../shared/sql';
import type { Caller } from './caller';
import { OrganizationKind, Role } from './tenancy.enums';

/**
 * The kinds of object whose visibility differs between organizations. Each
 * has exactly one rule below; every read (lists, lookups, loaders behind
 * nested fields and alert links, replays, projections) asks the scope for it.
 */
export type VisibleKind =
  | 'organization'
  | 'user'
  | 'apiKey'
  | 'partnership'
  | 'item'
  | 'location'
  | 'sourcingRule'
  | 'inventoryPosition'
  | 'purchaseOrder'
  | 'shipNotice'
  | 'shortageRisk'
  | 'forecastVersion'
  | 'forecastLine'
  | 'forecastCommit'
  | 'salesDay'
  | 'reallocationProposal'
  | 'alert'
  | 'webhookEndpoint'
  | 'webhookDelivery';

/** The table and alias each kind's rule is written against (`alias.column`). */
export const TABLE_OF: Record<VisibleKind, string> = {
  organization: 'organization',
  user: 'app_user',
  apiKey: 'api_key',
  partnership: 'partnership',
  item: 'item',
  location: 'location',
  sourcingRule: 'sourcing_rule',
  inventoryPosition: 'inventory_position',
  purchaseOrder: 'purchase_order',
  shipNotice: 'ship_notice',
  shortageRisk: 'shortage_risk',
  forecastVersion: 'forecast_version',
  forecastLine: 'forecast_line',
  forecastCommit: 'forecast_commit',
  salesDay: 'sales_day',
  reallocationProposal: 'reallocation_proposal',
  alert: 'alert',
  webhookEndpoint: 'webhook_endpoint',
  webhookDelivery: 'webhook_delivery',
};

type Rule = (scope: Scope, alias: string, p: Params) => string;

const NOTHING = 'false';

/**
 * "Who may see what", written once (DESIGN.md, Tenancy and access). A
 * retailer sees its own rows; a supplier sees a retailer's shared rows only
 * while their partnership is ACTIVE (partners come from app_enter, read in the
 * same transaction), and of those only what concerns it.
 */
const RULES: Record<VisibleKind, Rule> = {
  // Itself and every organization it has a partnership with (names on orders, invitations), in any status.
  organization: (s, a, p) =>
    `(${a}.id = ${p.add(s.organizationId)} OR EXISTS (SELECT 1 FROM partnership vp WHERE
       (vp.retailer_id = ${a}.id AND vp.supplier_id = ${p.add(s.organizationId)}) OR (vp.supplier_id = ${a}.id AND vp.retailer_id = ${p.add(s.organizationId)})))`,
  // A person sees itself; an organization's ADMIN (in person: it creates them) every user of its organization; an API key none.
  user: (s, a, p) => {
    const caller = s.caller!;
    if (caller.type !== 'user') return NOTHING;
    return caller.role === Role.ADMIN ? `${a}.organization_id = ${p.add(caller.organizationId)}` : `${a}.id = ${p.add(caller.id)}`;
  },
  // An organization's own integrations' keys.
  apiKey: (s, a, p) => `${a}.organization_id = ${p.add(s.organizationId)}`,
  partnership: (s, a, p) => `(${a}.retailer_id = ${p.add(s.organizationId)} OR ${a}.supplier_id = ${p.add(s.organizationId)})`,
  // A supplier: the items it actively sources, and those on orders addressed to it (a line names its item) once they
  // have left DRAFT (the line says so: order_past_draft).
  item: (s, a, p) =>
    s.isRetailer
      ? `${a}.retailer_id = ${p.add(s.organizationId)}`
      : `(${a}.retailer_id = ANY(${partnersOf(s, p)}) AND (${suppliesItem(s, `${a}.id`, p)}
          OR EXISTS (SELECT 1 FROM purchase_order_line vl
                      WHERE vl.item_id = ${a}.id AND vl.supplier_id = ${p.add(s.organizationId)} AND vl.order_past_draft)))`,
  location: (s, a, p) => `${a}.retailer_id = ANY(${s.isRetailer ? `${p.add([s.organizationId])}::uuid[]` : partnersOf(s, p)})`,
  // A supplier: its active rules only (an inactive rule's item is not one it sources, so it may not see it).
  sourcingRule: (s, a, p) =>
    s.isRetailer
      ? `${a}.retailer_id = ${p.add(s.organizationId)}`
      : `(${a}.supplier_id = ${p.add(s.organizationId)} AND ${a}.active AND ${a}.retailer_id = ANY(${partnersOf(s, p)}))`,
  // A supplier never sees a retailer's stock positions, only the shared risk summary.
  inventoryPosition: (s, a, p) => (s.isRetailer ? `${a}.retailer_id = ${p.add(s.organizationId)}` : NOTHING),
  purchaseOrder: (s, a, p) =>
    s.isRetailer
      ? `${a}.retailer_id = ${p.add(s.organizationId)}`
      : `(${a}.supplier_id = ${p.add(s.organizationId)} AND ${a}.status <> 'DRAFT' AND ${a}.retailer_id = ANY(${partnersOf(s, p)}))`,
  // Addressed to the retailer; a supplier's own, while the partnership is ACTIVE (never another supplier's).
  shipNotice: (s, a, p) =>
    s.isRetailer
      ? `${a}.retailer_id = ${p.add(s.organizationId)}`
      : `(${a}.supplier_id = ${p.add(s.organizationId)} AND ${a}.retailer_id = ANY(${partnersOf(s, p)}))`,
  shortageRisk: (s, a, p) =>
    s.isRetailer
      ? `${a}.retailer_id = ${p.add(s.organizationId)}`
      : `(${a}.retailer_id = ANY(${partnersOf(s, p)}) AND ${suppliesItem(s, `${a}.item_id`, p)})`,
  // A retailer's versions; a supplier sees its ACTIVE partners' versions (their lines by the rule below).
  forecastVersion: (s, a, p) => `${a}.retailer_id = ANY(${s.isRetailer ? `${p.add([s.organizationId])}::uuid[]` : partnersOf(s, p)})`,
  // Lines of the retailer's versions; a supplier only those of items it actively sources.
  forecastLine: (s, a, p) =>
    s.isRetailer
      ? `EXISTS (SELECT 1 FROM forecast_version vfv WHERE vfv.id = ${a}.version_id AND vfv.retailer_id = ${p.add(s.organizationId)})`
      : `(EXISTS (SELECT 1 FROM forecast_version vfv WHERE vfv.id = ${a}.version_id AND vfv.retailer_id = ANY(${partnersOf(s, p)}))
          AND ${suppliesItem(s, `${a}.item_id`, p)})`,
  // A forecast line beside one supplier's commit (stored or not yet: the rule reads only retailer_id, supplier_id
  // and item_id, which the not-yet-committed rows of ForecastCommitService carry too): the retailer's own; a
  // supplier its own, from ACTIVE partners, for items it actively sources. Never another supplier's.
  forecastCommit: (s, a, p) =>
    s.isRetailer
      ? `${a}.retailer_id = ${p.add(s.organizationId)}`
      : `(${a}.supplier_id = ${p.add(s.organizationId)} AND ${a}.retailer_id = ANY(${partnersOf(s, p)}) AND ${suppliesItem(s, `${a}.item_id`, p)})`,
  // Daily sales: the retailer's own; a supplier those of items it actively sources, from an ACTIVE partner that shares
  // its sales with it (partnership.share_sales, off by default).
  salesDay: (s, a, p) =>
    s.isRetailer
      ? `${a}.retailer_id = ${p.add(s.organizationId)}`
      : `(${a}.retailer_id = ANY(${partnersOf(s, p)}) AND ${suppliesItem(s, `${a}.item_id`, p)}
          AND EXISTS (SELECT 1 FROM partnership vsp WHERE vsp.retailer_id = ${a}.retailer_id AND vsp.supplier_id = ${p.add(s.organizationId)} AND vsp.share_sales))`,
  // Other suppliers' names and offers are on proposals: retailer only.
  reallocationProposal: (s, a, p) => (s.isRetailer ? `${a}.retailer_id = ${p.add(s.organizationId)}` : NOTHING),
  alert: (s, a, p) => `${a}.organization_id = ${p.add(s.organizationId)}`,
  // An organization's own webhook endpoints and their deliveries (who may manage them, ADMIN in person, is the resolvers' rule).
  webhookEndpoint: (s, a, p) => `${a}.organization_id = ${p.add(s.organizationId)}`,
  webhookDelivery: (s, a, p) => `${a}.organization_id = ${p.add(s.organizationId)}`,
};

/**
 * A supplier's ACTIVE partners in a rule: the scope's list, as a parameter,
 * once the scope knows it. Before, the list app_enter set for the statement
 * (app_partners(), which row-level security reads too): a statement written
 * before its scope learned its partners is the first of a transaction that
 * enters the scope in front of it, in its message (DeferredConnection), so
 * both are the list as of that BEGIN. Sent any other way it finds no
 * partner, so the rule shows nothing.
 */
function partnersOf(s: Scope, p: Params): string {
  return s.entered ? `${p.add(s.partnerIds)}::uuid[]` : '(SELECT app_partners())::uuid[]';
}

/**
 * The suppliers a retailer's items are shared with, as a join (DESIGN.md
 * "Tenancy and access": an active sourcing rule for the item and an ACTIVE
 * partnership; the supplier's own side of it is `suppliesItem` with its
 * partners): `sourcing_rule <rule>` joined to `partnership <partnership>`.
 * Whom a risk's alerts, a forecast's notices and its commits go to. In
 * parentheses it joins on an item: JOIN (sharing) ON s.item_id = fl.item_id.
 */
export function sharingSuppliers(rule: string, partnership: string): string {
  return `sourcing_rule ${rule} JOIN partnership ${partnership}
    ON ${partnership}.retailer_id = ${rule}.retailer_id AND ${partnership}.supplier_id = ${rule}.supplier_id AND ${partnership}.status = 'ACTIVE' AND ${rule}.active`;
}

/** The supplier has an active sourcing rule for the item (with a retailer it is an ACTIVE partner of). */
function suppliesItem(s: Scope, itemColumn: string, p: Params): string {
  return `EXISTS (SELECT 1 FROM sourcing_rule vr WHERE vr.item_id = ${itemColumn} AND vr.supplier_id = ${p.add(s.organizationId)} AND vr.active)`;
}

/**
 * One per request (HTTP request, WebSocket operation, subscription event),
 * per job step, per system action: built from the caller, entered at the
 * start of each transaction (which also sets PostgreSQL's row-level security
 * settings), and asked for the rule of each kind of object.
 */
export class Scope {
  private partners: string[] | null = null;

  constructor(readonly caller: Caller | null) {}

  get organizationId(): string {
    if (!this.caller) throw new Error('an anonymous scope has no organization');
    return this.caller.organizationId;
  }

  get isRetailer(): boolean {
    return this.caller?.organizationKind === OrganizationKind.RETAILER;
  }

  get isSupplier(): boolean {
    return this.caller?.organizationKind === OrganizationKind.SUPPLIER;
  }

  /**
   * The ACTIVE partners (a retailer's suppliers, a supplier's retailers), as of this scope's transaction start. A
   * retailer's read learns them with its first statement (withFirstRead): before any, `await partnersKnown()`.
   */
  get partnerIds(): string[] {
    if (!this.caller) return [];
    if (this.partners === null) {
      throw new Error('the scope has not been entered: run inside a request transaction (inTransaction/runInScope), after partnersKnown in a read');
    }
    return this.partners;
  }

  /**
   * Makes sure the partners are known (a retailer's read learns them with its first statement, see `opening`):
   * sends a statement that only reads when none has gone yet. For a service that asks for partnerIds before it
   * reads anything.
   */
  async partnersKnown(em: EntityManager): Promise<void> {
    if (!this.entered) await sql(em, 'SELECT true AS entered', []);
  }

  /** Retailers whose shared data the caller may see: itself, or a supplier's ACTIVE partners. */
  get retailerIds(): string[] {
    if (!this.caller) return [];
    return this.isRetailer ? [this.organizationId] : this.partnerIds;
  }

  /** False until the scope has learned its partners (app_enter): a rule cannot be written before. */
  get entered(): boolean {
    return this.partners !== null || !this.caller;
  }

  /**
   * What enters this scope as part of a transaction's first message (sent with
   * its BEGIN, src/shared/deferred-transaction.ts): app_enter, which sets the
   * acting organization and learns its ACTIVE partners afresh. Every
   * transaction asks again, not only a request's first: a document's later
   * mutations each commit on their own, and a partnership suspended in
   * between (by one of them, or by the partner meanwhile) must end what the
   * next one may see and write (row-level security reads the same list). No
   * caller: no acting organization, as app_enter(NULL) sets.
   */
  opening(): Opening {
    const settings = () => this.settings();
    const again = () => this.opening();
    if (!this.caller) {
      const sql = `SELECT set_config('app.organization_id', '', true), set_config('app.partner_ids', '', true)`;
      return { sql, logged: sql, settings, again };
    }
    return {
      sql: `SELECT app_enter(${literal(this.caller.organizationId)}) AS partners`,
      logged: APP_ENTER_STATEMENT.text,
      prepared: { ...APP_ENTER_STATEMENT, values: [this.caller.organizationId] },
      // A retailer's rules name only itself (RULES): its statements can be written before its partners are known.
      withFirstRead: this.isRetailer,
      opened: (rows) => {
        this.partners = (rows[0]?.partners as string[] | null) ?? [];
      },
      settings,
      again,
    };
  }

  /**
   * Forgets the partners, so the next transaction begins at once and learns
   * them before anything else runs (beginRequest: a scope not entered opens
   * eagerly): restartRequest's `fresh`.
   */
  forget(): void {
    if (this.caller) this.partners = null;
  }

  /**
   * Takes the partners a transaction of the same caller learned after this
   * scope's request began, when this scope has not learned its own: a
   * request whose change another request's group-commit batch wrote
   * (src/shared/group-commit.ts), so what it reads next sees what its write
   * saw.
   */
  adopt(partners: readonly string[]): void {
    if (this.caller && this.partners === null) this.partners = [...partners];
  }

  /** ENTER_STATEMENT's values for this scope ([organization, partners]); null until the partners are known. No caller: none. */
  settings(): ScopeSettings | null {
    if (!this.caller) return ['', ''];
    return this.partners === null ? null : [this.caller.organizationId, this.partners.join(',')];
  }

  /**
   * Sets the transaction's acting organization (row-level security reads it)
   * and learns its ACTIVE partners in the same statement, afresh for every
   * transaction (see opening). Must be the first statement of every
   * transaction that reads tenant rows.
   */
  async enter(em: EntityManager): Promise<void> {
    const [row] = await sql<{ partners: string[] }>(em, 'SELECT app_enter($1) AS partners', [this.caller?.organizationId ?? null]);
    this.partners = row.partners ?? [];
  }

  /** This kind's visibility rule as a condition on `alias` (parameters added to p). */
  where(kind: VisibleKind, alias: string, p: Params): string {
    if (!this.caller) return NOTHING;
    return RULES[kind](this, alias, p);
  }

  /** The ids among `ids` of objects of this kind the caller may see. */
  async visibleIds(em: EntityManager, kind: VisibleKind, ids: readonly string[]): Promise<Set<string>> {
    const candidates = [...new Set(ids)].filter(isUuid); // each distinct id tested once (recordSales: 100,000 ids, 2,500 distinct)
    if (candidates.length === 0 || !this.caller) return new Set();
    const p = new Params();
    const rows = await sql<{ id: string }>(
      em,
      `SELECT v.id FROM ${TABLE_OF[kind]} v WHERE v.id = ANY(${p.add(candidates)}::uuid[]) AND ${this.where(kind, 'v', p)}`,
      p.values,
    );
    return new Set(rows.map((r) => r.id));
  }

}
