/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** supplier side: confirm every line of one order that still awaits an answer exactly as requested (its open quantity on its requested date) */
export type AcknowledgePurchaseOrderInput = {
  /** the order version the supplier looked at; CONFLICT (input.expectedVersion) if it moved on */
  expectedVersion?: number | null | undefined;
  /** up to 200 characters; repeating a key returns the first result and applies nothing twice */
  idempotencyKey?: string | null | undefined;
  /** an issued order addressed to the caller supplier (NOT_FOUND on input.purchaseOrderId otherwise) */
  purchaseOrderId: string | number;
};

/** What happened, and so who gets the alert (DESIGN.md, Alerts: who gets what). */
export type AlertType =
  /** an issued line has neither a promise nor a rejection confirmationDueHours (partnership rule, default 24) after issue; once per line; to the retailer and the supplier */
  | 'CONFIRMATION_OVERDUE'
  /** a line still has open quantity the day after its latest promised date (or requestedDate if never promised) and nothing in transit; once per line and date; to the retailer and the supplier */
  | 'DELIVERY_OVERDUE'
  /** a commit is short of the forecast by more than commitTolerancePercent, or no commit commitDueDays after the version was published; once per version x item x location x period; to the retailer and the supplier */
  | 'FORECAST_COMMIT_EXCEPTION'
  /** a forecast version was published; to each supplier with an active sourcing rule for an item in it */
  | 'FORECAST_PUBLISHED'
  /** an issued order or line was cancelled, reduced or closed short by the retailer; to its supplier */
  | 'PURCHASE_ORDER_CHANGED'
  /** a line was confirmed, re-confirmed or rejected; to the retailer */
  | 'PURCHASE_ORDER_CONFIRMED'
  /** an order was issued (also by a reallocation); to its supplier */
  | 'PURCHASE_ORDER_ISSUED'
  /** a reallocation was applied (by a buyer or the AUTO policy); to the retailer */
  | 'REALLOCATION_APPLIED'
  /** the backup-supplier selector proposed a reallocation; to the retailer */
  | 'REALLOCATION_PROPOSED'
  /** a supplier sent a ship notice; to the retailer */
  | 'SHIP_NOTICE_CREATED'
  /** level, projectedStockoutDate or shortageQuantity of an item x location changed; to the retailer and each supplier with an active sourcing rule for the item */
  | 'SHORTAGE_RISK_CHANGED'
  /** a line became slipped, or slipped further (later or shorter); to the retailer */
  | 'SUPPLIER_SLIPPED'
  /** a webhook endpoint was deactivated after its deliveries failed for 24 hours (the message names the URL and the last error); to the endpoint's organization. Fix the receiver, then replayWebhookDeliveries */
  | 'WEBHOOK_ENDPOINT_DEACTIVATED';

/** Why the backup-supplier selector did or did not order from a candidate (DESIGN.md, Backup-supplier selector). */
export type CandidateVerdict =
  /** its minimum order exceeds what is still needed */
  | 'BELOW_MIN_ORDER'
  /** part of the best plan: a move orders from it */
  | 'CHOSEN'
  /** its sourcing rule or its partnership is not active: never used */
  | 'INACTIVE'
  /** its expected date is after the date needed, and its quantity would not help */
  | 'LATE'
  /** it costs more per unit than the suppliers chosen */
  | 'MORE_EXPENSIVE'
  /** the shortfall is covered at a lower cost or higher priority without it, or it would not improve the cover */
  | 'NOT_NEEDED'
  /** its weekly capacity left in that ISO week is below its minimum order */
  | 'NO_CAPACITY';

/** retailer side, a change order (EDI 860): a new quantity and/or requestedDate for a line that is not REJECTED, CANCELLED, CLOSED or RECEIVED; the supplier gets PURCHASE_ORDER_CHANGED naming old -> new, and a promised line needs its acknowledgement again */
export type ChangePurchaseOrderLineInput = {
  /** the order version the change is based on; CONFLICT if it moved on */
  expectedVersion?: number | null | undefined;
  /** up to 200 characters; repeating a key returns the first result and applies nothing twice */
  idempotencyKey?: string | null | undefined;
  /** a line of one of the caller's orders */
  lineId: string | number;
  /** the new ordered quantity in base units (1 to 100,000,000), never below received + in transit (+ cancelled); a whole number of purchase units when the line has one; null: unchanged */
  quantity?: number | null | undefined;
  /** why, 1 to 2,000 characters; shown to the supplier */
  reason: string;
  /** the new requested date, not in the past at the ship-to location; null: unchanged */
  requestedDate?: string | null | undefined;
};

/** retailer side: cancel what is still open on a line (close short); the supplier is told */
export type ClosePurchaseOrderLineInput = {
  /** a line of one of the caller's issued orders */
  lineId: string | number;
  /** why, 1 to 2,000 characters; shown to the supplier */
  reason: string;
};

/** retailer ADMIN: the rules of one of its partnerships; an omitted field takes its default */
export type CollaborationRulesInput = {
  /** days, 0 to 365 */
  commitDueDays?: number;
  /** percent, 0 to 100 */
  commitTolerancePercent?: number;
  /** hours, 1 to 8,760 (a year) */
  confirmationDueHours?: number;
  /** one of the caller's partnerships */
  partnershipId: string | number;
  /** whether the supplier may read the retailer's daily sales (sales, forecastAccuracy) of the items it supplies; false (the default) keeps them to the retailer */
  shareSales?: boolean;
};

/** supplier side: what it commits to supply against a forecast version of one retailer */
export type CommitForecastInput = {
  /** the retailer's newest version (a replaced one is refused) */
  forecastVersion: number;
  /** 1 to 10,000 lines, each at most once */
  lines: Array<ForecastCommitLineInput>;
  /** the retailer whose forecast is committed against: an ACTIVE partner of the caller (NOT_FOUND on input.retailerId otherwise) */
  retailerId: string | number;
};

/** supplier side: (re)confirm one line with a delivery schedule that may split it across dates */
export type ConfirmPurchaseOrderLineInput = {
  /** the order version the change is based on (in a batch: before the batch); CONFLICT if it moved on */
  expectedVersion?: number | null | undefined;
  /** repeating a key returns the first result and applies nothing twice */
  idempotencyKey?: string | null | undefined;
  /** a line of an issued order addressed to the caller supplier */
  lineId: string | number;
  /** 1 to 366 deliveries; they sum to at most the open quantity not in transit, and replace the previous promise (history is kept) */
  schedule: Array<ScheduleLineInput>;
  /** a changed price per base unit proposed with the confirmation (EDI 855 "accept with changes"; needs the retailer's acceptance): the schedule takes effect as usual, the price is held as proposedUnitCost until acceptPriceChange or rejectPriceChange. Equal to the line's unitCost, or left out: no proposal (a pending one stays) */
  unitCost?: string | null | undefined;
};

/** supplier side: confirm many lines in one call (an EDI 855 batch), all or nothing. */
export type ConfirmPurchaseOrderLinesInput = {
  /** repeating a key returns the first result and applies nothing twice */
  idempotencyKey?: string | null | undefined;
  /** 1 to 10,000 lines, each at most once, of any orders the supplier may answer */
  lines: Array<LineConfirmationInput>;
};

/** A new API key for an integration of the caller's organization. */
export type CreateApiKeyInput = {
  /** a label, 1 to 100 characters */
  name: string;
  /** at most 20 of: read, alerts:read, catalog:write, sourcing:write, inventory:write, forecast:write, orders:write, orders:confirm */
  scopes: Array<string>;
};

/** A new item in the caller retailer's catalog. */
export type CreateItemInput = {
  /** the display name, not empty or only spaces (stored trimmed) */
  name: string;
  /** 1 to 64 characters on one line, no leading or trailing spaces; unique within the retailer (BAD_USER_INPUT otherwise) */
  sku: string;
  /** the base unit every quantity of the item counts in: letters, digits and _ (EA, KG_1, L) */
  unitOfMeasure?: string;
  /** selling price per base unit, 0 to 1,000,000,000 with up to 4 decimals, e.g. "12.50" */
  unitPrice: string;
};

/** A new location of the caller retailer. */
export type CreateLocationInput = {
  /** 1 to 32 characters on one line, no leading or trailing spaces; unique within the retailer (BAD_USER_INPUT otherwise) */
  code: string;
  /** the display name, not empty or only spaces (stored trimmed) */
  name: string;
  /** where "today" is counted for this location: an IANA name, e.g. America/Los_Angeles (BAD_USER_INPUT on input.timeZone otherwise); null: the organization's, following it when it changes */
  timeZone?: string | null | undefined;
};

/** A new purchase order of the caller retailer. */
export type CreatePurchaseOrderInput = {
  /** issue the order to the supplier at once */
  issue?: boolean;
  /** 1 to 500 lines; quantities at most 100,000,000 base units each */
  lines: Array<PurchaseOrderLineInput>;
  /** the caller's location the goods are delivered to */
  shipToId: string | number;
  /** a supplier with an ACTIVE partnership with the caller (BAD_USER_INPUT on input.supplierId otherwise) */
  supplierId: string | number;
};

/** supplier side: goods shipped. All lines belong to orders of one retailer shipping to shipToId; each quantity <= the line's open quantity not already in transit */
export type CreateShipNoticeInput = {
  /** the carrier's name or code, up to 200 characters */
  carrier?: string | null | undefined;
  /** on or after shippedOn and today; the goods count as inbound on this day until received */
  expectedArrival: string;
  /** repeating a key (e.g. the EDI 856 message id) returns the first notice and applies nothing twice */
  idempotencyKey?: string | null | undefined;
  /** at most 500, one per order line */
  lines: Array<ShipNoticeLineInput>;
  /** the retailer's location every line's order ships to */
  shipToId: string | number;
  /** not in the future */
  shippedOn: string;
  /** the carrier's tracking number, up to 200 characters */
  trackingNumber?: string | null | undefined;
};

/** A new user in the caller's organization. */
export type CreateUserInput = {
  /** the new user's sign-in email; BAD_USER_INPUT (field input.email) when already registered */
  email: string;
  /** 12 to 200 characters, not only spaces, not a common password */
  password: string;
  /** a role of the organization's kind: ADMIN, BUYER or PLANNER for a retailer; ADMIN or SUPPLIER_REP for a supplier; never INTEGRATION */
  role: Role;
};

/** A webhook endpoint to register (README "Webhooks") */
export type CreateWebhookEndpointInput = {
  /** the alert types to deliver; null or left out = every type; an empty list is refused (BAD_USER_INPUT on input.types) */
  types?: Array<AlertType> | null | undefined;
  /** where to POST: https (in production), at most 2,000 characters */
  url: string;
};

/** one forecast line (item x location x period of the version) and the quantity committed for it */
export type ForecastCommitLineInput = {
  /** the forecast line's item */
  itemId: string | number;
  /** the forecast line's location */
  locationId: string | number;
  /** the periodStart of the forecast line */
  periodStart: string;
  /** base units over the line's period, 0 to 1,000,000,000 */
  quantity: number;
};

/** Demand of one item at one location over one period. */
export type ForecastLineInput = {
  /** one of the caller's items */
  itemId: string | number;
  /** one of the caller's locations */
  locationId: string | number;
  /** the period's length in days, 1 to 31 */
  periodDays?: number;
  /** the first day of the period */
  periodStart: string;
  /** demand over the whole period, base units, 0 to 1,000,000,000 */
  quantity: number;
};

/** A baseline forecasting method on weekly sales (DESIGN.md, "Demand: sales history, a baseline forecast, forecast accuracy"). */
export type ForecastMethod =
  /** the applicable method with the lowest WAPE on the last 4 weeks of history when fitted without them (ties: SES, HOLT, CROSTON, SEASONAL_NAIVE); SES under 8 weeks */
  | 'AUTO'
  /** Croston with the SBA correction, for intermittent demand: smoothed non-zero sizes over smoothed intervals (alpha 0.1) x 0.95 */
  | 'CROSTON'
  /** Holt's additive trend: level and trend, alpha and beta on 0.05..0.95 by least squares; needs 4 weeks */
  | 'HOLT'
  /** the same week a year (52 weeks) earlier; needs 52 weeks */
  | 'SEASONAL_NAIVE'
  /** simple exponential smoothing: a level, alpha on 0.05..0.95 by least squares; a flat forecast */
  | 'SES';

/** FULL: the version replaces the whole forecast. LISTED: it replaces only the item x locations present in its lines; the others carry over from the previous version. */
export type ForecastScope =
  /** the whole forecast: item x locations the version does not list have no demand any more */
  | 'FULL'
  /** only the item x locations the version lists; the others carry over from the previous version */
  | 'LISTED';

/** no itemIds/locationIds: every item x location with sales history */
export type GenerateForecastInput = {
  /** weeks to forecast from today, 1 to 52 */
  horizonWeeks?: number;
  /** only these items (at most 10,000; each one of the caller's) */
  itemIds?: Array<string | number> | null | undefined;
  /** only these locations (at most 10,000; each one of the caller's) */
  locationIds?: Array<string | number> | null | undefined;
  /** AUTO (default) picks per series; an explicit method that does not apply to a series falls back to SES there */
  method?: ForecastMethod;
};

/** The stock of one item at one location, as the source system counted it (base units). */
export type InventoryPositionInput = {
  /** when the snapshot was taken (default: now); an older snapshot never overwrites a newer one */
  asOf?: string | null | undefined;
  /** one of the caller's items */
  itemId: string | number;
  /** one of the caller's locations */
  locationId: string | number;
  /** physically at the location, 0 to 1,000,000,000 */
  onHand: number;
  /** blocked by quality control, 0 to 1,000,000,000 */
  qualityHold?: number;
  /** promised to orders, 0 to 1,000,000,000 */
  reserved?: number;
};

/** The supplier a retailer invites to partner. */
export type InvitePartnerInput = {
  /** the supplier organization's id */
  supplierId: string | number;
};

/** How kpis are grouped: one Kpi for the whole organization, or one per supplier, item or location. */
export type KpiGroup =
  /** one Kpi for everything the caller may see (key ALL) */
  | 'ALL'
  /** one Kpi per item (key: the item's id) */
  | 'ITEM'
  /** one Kpi per location (key: the location's id) */
  | 'LOCATION'
  /** one Kpi per supplier (key: the supplier's id) */
  | 'SUPPLIER';

/** one line of a batch confirmation (confirmPurchaseOrderLines) */
export type LineConfirmationInput = {
  /** the order version the change is based on (in a batch: before the batch); CONFLICT if it moved on */
  expectedVersion?: number | null | undefined;
  /** a line of an issued order addressed to the caller supplier */
  lineId: string | number;
  /** 1 to 366 deliveries; they sum to at most the open quantity not in transit, and replace the previous promise (history is kept) */
  schedule: Array<ScheduleLineInput>;
  /** a changed price per base unit proposed with the confirmation (EDI 855 "accept with changes"; needs the retailer's acceptance): the schedule takes effect as usual, the price is held as proposedUnitCost until acceptPriceChange or rejectPriceChange. Equal to the line's unitCost, or left out: no proposal (a pending one stays) */
  unitCost?: string | null | undefined;
};

/** Which side of the supply chain an organization is on; fixed at sign-up. */
export type OrganizationKind =
  /** buys: owns items, locations, inventory, forecasts and purchase orders */
  | 'RETAILER'
  /** sells: sees what its retailer partners share with it, confirms their order lines and ships against them */
  | 'SUPPLIER';

/** Where a retailer-supplier partnership stands; data is shared only while ACTIVE. */
export type PartnershipStatus =
  /** accepted: the retailer may order from the supplier and the supplier sees the shared data */
  | 'ACTIVE'
  /** invited by the retailer, not yet accepted by the supplier */
  | 'PENDING'
  /** stopped by the retailer: nothing is shared until it invites again and the supplier accepts */
  | 'SUSPENDED';

/** A new forecast version. */
export type PublishForecastInput = {
  /** at most 100,000 lines; a bad one rejects the whole call (BAD_USER_INPUT naming input.lines[i].field) */
  lines: Array<ForecastLineInput>;
  /** FULL (default): the version replaces the whole forecast. LISTED: only the item x locations in `lines`; the others carry over */
  scope?: ForecastScope;
};

/** Narrows purchase orders; the conditions combine with AND. */
export type PurchaseOrderFilter = {
  /** only orders issued on or after this day (UTC); drafts have no issue day and drop out */
  issuedFrom?: string | null | undefined;
  /** only orders issued on or before this day (UTC); BAD_USER_INPUT (filter.issuedTo) when before issuedFrom */
  issuedTo?: string | null | undefined;
  /** only orders with at least one line of this item */
  itemId?: string | number | null | undefined;
  /** only orders from this retailer (for a supplier) */
  retailerId?: string | number | null | undefined;
  /** up to 100 characters, case-insensitive: only orders whose number, or one of whose lines' item SKU or name, contains it; blank: no condition */
  search?: string | null | undefined;
  /** only orders shipping to this location */
  shipToId?: string | number | null | undefined;
  /** only orders with at least one slipped line */
  slippedOnly?: boolean | null | undefined;
  /** only orders in one of these statuses; null: any */
  statuses?: Array<PurchaseOrderStatus> | null | undefined;
  /** only orders to this supplier */
  supplierId?: string | number | null | undefined;
};

/** exactly one of quantity (base units) and purchaseUnitQuantity (the sourcing rule's purchase units) */
export type PurchaseOrderLineInput = {
  /** one of the caller's items (NOT_FOUND on input.lines[i].itemId otherwise) */
  itemId: string | number;
  /** in the sourcing rule's purchase unit (e.g. cases); stored as quantity x unitsPerPurchaseUnit */
  purchaseUnitQuantity?: number | null | undefined;
  /** in the item's base unit; a whole number of purchase units when the sourcing rule has one */
  quantity?: number | null | undefined;
  /** the day the retailer needs it at the ship-to location; not in the past */
  requestedDate: string;
  /** price per base unit; defaults to the sourcing rule's unit cost (BAD_USER_INPUT on input.lines[i].unitCost when there is no rule to take it from) */
  unitCost?: string | null | undefined;
};

/** A line's status by the open-quantity model (DESIGN.md, The open-quantity model): q ordered, c cancelled, r received. */
export type PurchaseOrderLineStatus =
  /** c = q: the whole quantity was taken off by the retailer */
  | 'CANCELLED'
  /** closed short by the retailer after a partial receipt: r > 0 and nothing open */
  | 'CLOSED'
  /** the promise plus what is in transit covers all of the open quantity */
  | 'CONFIRMED'
  /** no promise yet from the supplier */
  | 'OPEN'
  /** the promise plus what is in transit covers less than the open quantity */
  | 'PARTIALLY_CONFIRMED'
  /** 0 < r < q - c and something is still open */
  | 'PARTIALLY_RECEIVED'
  /** r >= q - c and r > 0: received in full */
  | 'RECEIVED'
  /** the supplier rejected the line (rejectionReason says why) */
  | 'REJECTED';

/** Where a purchase order is in its lifecycle: DRAFT -> ISSUED -> (PARTIALLY_)CONFIRMED / REJECTED -> (PARTIALLY_)RECEIVED -> CLOSED; CANCELLED from DRAFT or ISSUED. Once issued it rolls up from its lines (DESIGN.md, Purchase orders and confirmations). */
export type PurchaseOrderStatus =
  /** cancelled by the retailer before anything was received */
  | 'CANCELLED'
  /** closed by the retailer: nothing more is expected */
  | 'CLOSED'
  /** every line confirmed for all of its open quantity */
  | 'CONFIRMED'
  /** created, not yet sent: the supplier does not see it */
  | 'DRAFT'
  /** sent to the supplier; no line answered yet */
  | 'ISSUED'
  /** some lines answered (confirmed or rejected), or promised short of their open quantity */
  | 'PARTIALLY_CONFIRMED'
  /** something was received and some line still owes */
  | 'PARTIALLY_RECEIVED'
  /** every live line received in full or closed */
  | 'RECEIVED'
  /** every line not cancelled was rejected by the supplier */
  | 'REJECTED';

/** Where a reallocation proposal stands. */
export type ReallocationStatus =
  /** its moves were issued as new purchase orders and the slipped line was reduced */
  | 'APPLIED'
  /** a buyer turned it down; nothing was ordered */
  | 'DISMISSED'
  /** waiting for a buyer (policy MANUAL, or AUTO outside its limits) */
  | 'PROPOSED'
  /** replaced by a newer proposal for the same line (the line changed since) */
  | 'SUPERSEDED';

/** retailer side: goods arrived for one line; they are added to on-hand stock at the ship-to location. */
export type ReceivePurchaseOrderLineInput = {
  /** repeating a key returns the first result and applies nothing twice */
  idempotencyKey?: string | null | undefined;
  /** a line of one of the caller's issued orders */
  lineId: string | number;
  /** base units, 1 to 100,000,000; at most the open quantity plus overDeliveryTolerancePercent of the ordered quantity (the error names the maximum) */
  quantity: number;
  /** default: today at the ship-to location (its time zone); not after it */
  receivedAt?: string | null | undefined;
};

/** retailer side: what arrived against one ship notice. */
export type ReceiveShipNoticeInput = {
  /** repeating a key returns the first result and applies nothing twice */
  idempotencyKey?: string | null | undefined;
  /** what arrived, per order line on the notice (at most 500) */
  lines: Array<ShipNoticeLineInput>;
  /** default: today at the ship-to location (its time zone); not after it */
  receivedAt?: string | null | undefined;
  /** a ship notice addressed to the caller */
  shipNoticeId: string | number;
};

/** up to 100,000 lines; idempotent per item x location x date (the latest value wins) */
export type RecordSalesInput = {
  /** 1 to 100,000 lines, one per item x location x date; a bad one rejects the whole call (BAD_USER_INPUT naming input.lines[i].field) */
  lines: Array<SalesLineInput>;
};

/** supplier side: refuse a line; it counts as slipped and the retailer is told. */
export type RejectPurchaseOrderLineInput = {
  /** up to 200 characters; repeating a key returns the first result and applies nothing twice */
  idempotencyKey?: string | null | undefined;
  /** a line of an issued order addressed to the caller supplier */
  lineId: string | number;
  /** why, 1 to 2,000 characters; shown to the retailer */
  reason: string;
};

/** How bad the projected available balance (PAB) of an item x location gets within the horizon (DESIGN.md, Projected available balance). */
export type RiskLevel =
  /** PAB drops below safety stock on some day, never below zero */
  | 'AT_RISK'
  /** PAB stays at or above safety stock on every day of the horizon */
  | 'OK'
  /** PAB drops below zero on some day of the horizon */
  | 'STOCKOUT';

/** What a user may do in its organization. INTEGRATION is the role an API key acts with */
export type Role =
  /** everything its organization may do, plus users, API keys, partnerships and settings */
  | 'ADMIN'
  /** retailer: purchase orders, receipts, sourcing rules, reallocations */
  | 'BUYER'
  /** an API key; what it may do is set by its scopes, never assigned to a user */
  | 'INTEGRATION'
  /** retailer: catalog (items, locations), inventory, safety stock, forecasts */
  | 'PLANNER'
  /** supplier: confirms, rejects and ships order lines, commits to forecasts */
  | 'SUPPLIER_REP';

/** What sold of one item at one location on one day. */
export type SalesLineInput = {
  /** the day of the sales: today or earlier */
  date: string;
  /** one of the caller's items */
  itemId: string | number;
  /** one of the caller's locations */
  locationId: string | number;
  /** units sold that day in the item's base unit, 0 to 1,000,000,000 */
  quantity: number;
};

/** One promised delivery: a quantity on a date. */
export type ScheduleLineInput = {
  /** not in the past; one quantity per date */
  deliveryDate: string;
  /** base units, 1 to 100,000,000 */
  quantity: number;
};

/** The stock an item x location should keep in reserve; the projection flags AT_RISK below it. */
export type SetSafetyStockInput = {
  /** one of the caller's items */
  itemId: string | number;
  /** one of the caller's locations */
  locationId: string | number;
  /** base units, 0 to 1,000,000,000 */
  safetyStock: number;
};

/** A quantity of one purchase order line, shipped or received. */
export type ShipNoticeLineInput = {
  /** the purchase order line */
  lineId: string | number;
  /** in the item's base unit, 1 to 100,000,000 */
  quantity: number;
};

/** IN_TRANSIT, PARTIALLY_RECEIVED, RECEIVED; CLOSED: the retailer closed it with a remainder; CANCELLED: the supplier withdrew it before any receipt */
export type ShipNoticeStatus =
  /** the supplier withdrew it before any receipt: the quantities return to the lines' open, unscheduled quantity */
  | 'CANCELLED'
  /** the retailer closed it with a remainder: that remainder returns to the lines' open, unscheduled quantity */
  | 'CLOSED'
  /** shipped, nothing received yet: its quantities count as inbound on expectedArrival */
  | 'IN_TRANSIT'
  /** some of it received; the rest is still in transit */
  | 'PARTIALLY_RECEIVED'
  /** every line received in full */
  | 'RECEIVED';

/** Narrows shortage risks; the conditions combine with AND. */
export type ShortageRiskFilter = {
  /** also the risks of retired items and locations (setItemActive / setLocationActive false); default false: left out */
  includeInactive?: boolean | null | undefined;
  /** only this item's risks */
  itemId?: string | number | null | undefined;
  /** only risks at one of these levels; null: any */
  levels?: Array<RiskLevel> | null | undefined;
  /** only this location's risks */
  locationId?: string | number | null | undefined;
  /** items this supplier has a sourcing rule for */
  supplierId?: string | number | null | undefined;
};

/** A new organization and its first user, who becomes its ADMIN. */
export type SignUpInput = {
  /** the ADMIN's sign-in email; BAD_USER_INPUT (field input.email) when already registered */
  email: string;
  /** RETAILER or SUPPLIER; cannot be changed later */
  kind: OrganizationKind;
  /** the organization's name, not empty */
  organizationName: string;
  /** 12 to 200 characters, not only spaces, not a common password (BAD_USER_INPUT on input.password) */
  password: string;
  /** the organization's IANA time zone, e.g. Asia/Shanghai (BAD_USER_INPUT on input.timeZone otherwise); default UTC. "Today" at its locations is counted there unless a location has its own */
  timeZone?: string | null | undefined;
};

/** what-if: slips and outages to apply, in memory only, to the caller's current plan */
export type SimulateInput = {
  /** at most 100 */
  outages?: Array<SimulatedOutageInput> | null | undefined;
  /** at most 100, one per line */
  slips?: Array<SimulatedSlipInput> | null | undefined;
};

/** what-if: the supplier delivers nothing dated from..to; those deliveries move to the day after `to` */
export type SimulatedOutageInput = {
  /** the first day of the outage */
  from: string;
  /** a supplier the caller has a partnership with */
  supplierId: string | number;
  /** on or after `from` */
  to: string;
};

/** what-if: a line delivering later and/or less (null keeps the current value) */
export type SimulatedSlipInput = {
  /** everything the line still brings (besides what is in transit) comes on this date, today or later; null: on its current dates */
  deliveryDate?: string | null | undefined;
  /** an order line of the caller, of an issued order, still expected to deliver something besides what is in transit */
  lineId: string | number;
  /** units the line still brings besides what is in transit: at most what it is expected to bring now (0: nothing more, as a rejection); null: all of it */
  quantity?: number | null | undefined;
};

/** What happens to a new reallocation proposal. */
export type SourcingMode =
  /** applied at once when it covers the shortfall on time within maxCostIncreasePercent; otherwise it waits like MANUAL */
  | 'AUTO'
  /** it waits for a buyer to apply or dismiss it */
  | 'MANUAL';

/** The caller retailer's reallocation policy. */
export type SourcingPolicyInput = {
  /** AUTO applies a proposal only when it covers the whole shortfall and adds at most this % to the cost of the moved quantity */
  maxCostIncreasePercent?: number;
  /** MANUAL or AUTO */
  mode: SourcingMode;
};

/** A batch of stock positions, each replacing the item x location's position unless older than it. */
export type UpsertInventoryInput = {
  /** at most 50,000; one bad position rejects the whole call (BAD_USER_INPUT naming input.positions[i].field) */
  positions: Array<InventoryPositionInput>;
};

/** A batch of items to create or update by SKU, all or nothing. */
export type UpsertItemsInput = {
  /** created, or updated when the SKU exists; at most 10,000 per call */
  items: Array<CreateItemInput>;
};

/** creates the rule for item x supplier, or replaces it */
export type UpsertSourcingRuleInput = {
  /** false keeps the rule but stops using it */
  active?: boolean;
  /** one of the caller's items */
  itemId: string | number;
  /** base units, at least 1 */
  minOrderQuantity?: number;
  /** base units, at least 1 */
  orderMultiple?: number;
  /** receipts may exceed the open quantity by at most this % of the ordered quantity */
  overDeliveryTolerancePercent?: number;
  /** at least 1; 1 is the primary source */
  priority: number;
  /** the unit the supplier sells in, e.g. CS; null = the item's base unit */
  purchaseUnit?: string | null | undefined;
  /** days, 0 to 365 */
  quotedLeadTimeDays: number;
  /** a supplier partnered with the caller */
  supplierId: string | number;
  /** price per base unit, not negative, up to 4 decimals */
  unitCost: string;
  /** base units in one purchase unit (12 for a case of 12); 1 when purchaseUnit is null */
  unitsPerPurchaseUnit?: number;
  /** base units per ISO week the supplier can ship for this retailer, not negative; null = unlimited */
  weeklyCapacity?: number | null | undefined;
};

/** PENDING: queued or being retried; DELIVERED: the receiver answered 2xx; FAILED: given up after 24 hours of failures (the endpoint was deactivated) */
export type WebhookDeliveryStatus =
  /** the receiver answered 2xx */
  | 'DELIVERED'
  /** still failing 24 hours after its first failure: given up, and the endpoint was deactivated */
  | 'FAILED'
  /** queued, or failed and waiting for its retry (exponential backoff); it holds the deliveries behind it */
  | 'PENDING';

export type AlertFieldsFragment = { id: string, cursor: string, type: AlertType, createdAt: string, message: string, purchaseOrder: { id: string, number: string } | null, purchaseOrderLine: { id: string, lineNumber: number } | null, shipNotice: { id: string, number: string, status: ShipNoticeStatus } | null, shortageRisk: { level: RiskLevel, projectedStockoutDate: string | null, shortageQuantity: number, item: { sku: string }, location: { code: string } } | null };

export type AlertsQueryVariables = Exact<{
  types?: Array<AlertType> | AlertType | null | undefined;
  after?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type AlertsQuery = { alerts: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, cursor: string, type: AlertType, createdAt: string, message: string, purchaseOrder: { id: string, number: string } | null, purchaseOrderLine: { id: string, lineNumber: number } | null, shipNotice: { id: string, number: string, status: ShipNoticeStatus } | null, shortageRisk: { level: RiskLevel, projectedStockoutDate: string | null, shortageQuantity: number, item: { sku: string }, location: { code: string } } | null } }> } };

export type AlertStreamSubscriptionVariables = Exact<{
  types?: Array<AlertType> | AlertType | null | undefined;
  after?: string | null | undefined;
}>;


export type AlertStreamSubscription = { alerts: { id: string, cursor: string, type: AlertType, createdAt: string, message: string, purchaseOrder: { id: string, number: string } | null, purchaseOrderLine: { id: string, lineNumber: number } | null, shipNotice: { id: string, number: string, status: ShipNoticeStatus } | null, shortageRisk: { level: RiskLevel, projectedStockoutDate: string | null, shortageQuantity: number, item: { sku: string }, location: { code: string } } | null } };

export type ItemFieldsFragment = { id: string, sku: string, name: string, unitPrice: string, unitOfMeasure: string };

export type LocationFieldsFragment = { id: string, code: string, name: string };

export type CreateItemMutationVariables = Exact<{
  input: CreateItemInput;
}>;


export type CreateItemMutation = { createItem: { id: string, sku: string, name: string, unitPrice: string, unitOfMeasure: string } };

export type CreateLocationMutationVariables = Exact<{
  input: CreateLocationInput;
}>;


export type CreateLocationMutation = { createLocation: { id: string, code: string, name: string } };

export type ItemsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ItemsQuery = { items: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, sku: string, name: string, unitPrice: string, unitOfMeasure: string } }> } };

export type ItemsPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ItemsPageQuery = { items: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, sku: string, name: string, unitPrice: string, unitOfMeasure: string } }> } };

export type ItemQueryVariables = Exact<{
  id: string | number;
}>;


export type ItemQuery = { item: { id: string, sku: string, name: string, unitPrice: string, unitOfMeasure: string } | null };

export type LocationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | number | null | undefined;
}>;


export type LocationsQuery = { locations: Array<{ id: string, code: string, name: string }> };

export type LocationQueryVariables = Exact<{
  id: string | number;
}>;


export type LocationQuery = { location: { id: string, code: string, name: string } | null };

export type UpsertItemsMutationVariables = Exact<{
  input: UpsertItemsInput;
}>;


export type UpsertItemsMutation = { upsertItems: Array<{ id: string, sku: string, name: string, unitPrice: string, unitOfMeasure: string }> };

export type ChangeLineFieldsFragment = { id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, proposedUnitCost: string | null, acknowledgementRequired: boolean, status: PurchaseOrderLineStatus, slipped: boolean, openQuantity: number, receivedQuantity: number, inTransitQuantity: number, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number } };

export type ChangePurchaseOrderLineMutationVariables = Exact<{
  input: ChangePurchaseOrderLineInput;
}>;


export type ChangePurchaseOrderLineMutation = { changePurchaseOrderLine: { id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, proposedUnitCost: string | null, acknowledgementRequired: boolean, status: PurchaseOrderLineStatus, slipped: boolean, openQuantity: number, receivedQuantity: number, inTransitQuantity: number, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number } } };

export type AcceptPriceChangeMutationVariables = Exact<{
  lineId: string | number;
}>;


export type AcceptPriceChangeMutation = { acceptPriceChange: { id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, proposedUnitCost: string | null, acknowledgementRequired: boolean, status: PurchaseOrderLineStatus, slipped: boolean, openQuantity: number, receivedQuantity: number, inTransitQuantity: number, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number } } };

export type RejectPriceChangeMutationVariables = Exact<{
  lineId: string | number;
  reason: string;
}>;


export type RejectPriceChangeMutation = { rejectPriceChange: { id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, proposedUnitCost: string | null, acknowledgementRequired: boolean, status: PurchaseOrderLineStatus, slipped: boolean, openQuantity: number, receivedQuantity: number, inTransitQuantity: number, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number } } };

export type ConfirmLineWithPriceMutationVariables = Exact<{
  input: ConfirmPurchaseOrderLineInput;
}>;


export type ConfirmLineWithPriceMutation = { confirmPurchaseOrderLine: { id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, proposedUnitCost: string | null, acknowledgementRequired: boolean, status: PurchaseOrderLineStatus, slipped: boolean, openQuantity: number, receivedQuantity: number, inTransitQuantity: number, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number } } };

export type ConfirmLinesWithPriceMutationVariables = Exact<{
  input: ConfirmPurchaseOrderLinesInput;
}>;


export type ConfirmLinesWithPriceMutation = { confirmPurchaseOrderLines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, proposedUnitCost: string | null, acknowledgementRequired: boolean, status: PurchaseOrderLineStatus, slipped: boolean, openQuantity: number, receivedQuantity: number, inTransitQuantity: number, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number } }> };

export type OrderChangesQueryVariables = Exact<{
  id: string | number;
}>;


export type OrderChangesQuery = { purchaseOrder: { id: string, number: string, version: number, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, proposedUnitCost: string | null, acknowledgementRequired: boolean, status: PurchaseOrderLineStatus, slipped: boolean, openQuantity: number, receivedQuantity: number, inTransitQuantity: number, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number } }>, history: Array<{ action: string, details: string, line: { id: string } | null }> } | null };

export type SetItemActiveMutationVariables = Exact<{
  id: string | number;
  active: boolean;
}>;


export type SetItemActiveMutation = { setItemActive: { id: string, sku: string, active: boolean } };

export type SetLocationActiveMutationVariables = Exact<{
  id: string | number;
  active: boolean;
}>;


export type SetLocationActiveMutation = { setLocationActive: { id: string, code: string, active: boolean, timeZone: string } };

export type SetOrganizationTimeZoneMutationVariables = Exact<{
  timeZone: string;
}>;


export type SetOrganizationTimeZoneMutation = { setOrganizationTimeZone: { id: string, timeZone: string } };

export type LocationZoneQueryVariables = Exact<{
  id: string | number;
}>;


export type LocationZoneQuery = { location: { id: string, code: string, timeZone: string, active: boolean } | null };

export type MyOrganizationQueryVariables = Exact<{ [key: string]: never; }>;


export type MyOrganizationQuery = { me: { organization: { id: string, name: string, timeZone: string } } };

export type RiskListQueryVariables = Exact<{
  filter?: ShortageRiskFilter | null | undefined;
}>;


export type RiskListQuery = { shortageRisks: { edges: Array<{ node: { level: RiskLevel, item: { id: string, sku: string, active: boolean }, location: { id: string, code: string, active: boolean } } }> } };

export type PortalChangedLinesQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalChangedLinesQuery = { purchaseOrders: { edges: Array<{ node: { id: string, number: string, status: PurchaseOrderStatus, version: number, retailer: { name: string }, supplier: { name: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, proposedUnitCost: string | null, acknowledgementRequired: boolean, status: PurchaseOrderLineStatus, slipped: boolean, openQuantity: number, receivedQuantity: number, inTransitQuantity: number, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number } }> } }> } };

export type PortalLineChangesQueryVariables = Exact<{
  id: string | number;
}>;


export type PortalLineChangesQuery = { purchaseOrder: { id: string, history: Array<{ action: string, details: string, line: { id: string } | null }> } | null };

export type RecordSalesMutationVariables = Exact<{
  input: RecordSalesInput;
}>;


export type RecordSalesMutation = { recordSales: number };

export type SalesQueryVariables = Exact<{
  itemId?: string | number | null | undefined;
  locationId?: string | number | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SalesQuery = { sales: { totalCount: number, edges: Array<{ cursor: string, node: { date: string, quantity: number, item: { id: string, sku: string }, location: { id: string, code: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type PreviewForecastQueryVariables = Exact<{
  itemId: string | number;
  locationId: string | number;
  horizonWeeks?: number | null | undefined;
  method?: ForecastMethod | null | undefined;
}>;


export type PreviewForecastQuery = { previewForecast: { method: ForecastMethod, holdoutWape: number | null, item: { id: string, sku: string, name: string }, location: { id: string, code: string, name: string }, history: Array<{ periodStart: string, quantity: number }>, forecast: Array<{ periodStart: string, quantity: number }> } };

export type GenerateForecastMutationVariables = Exact<{
  input: GenerateForecastInput;
}>;


export type GenerateForecastMutation = { generateForecast: { id: string, version: number, scope: ForecastScope, lineCount: number, positionsDropped: number, publishedAt: string } };

export type ForecastAccuracyQueryVariables = Exact<{
  from: string;
  to: string;
  groupBy?: KpiGroup | null | undefined;
  first?: number | null | undefined;
  after?: string | number | null | undefined;
}>;


export type ForecastAccuracyQuery = { forecastAccuracy: Array<{ key: string, label: string, wape: number | null, bias: number | null, days: number, actualQuantity: number, forecastQuantity: number }> };

export type ForecastWithMethodsQueryVariables = Exact<{
  itemId?: string | number | null | undefined;
  locationId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ForecastWithMethodsQuery = { forecast: { totalCount: number, edges: Array<{ node: { periodStart: string, periodDays: number, quantity: number, version: number, method: ForecastMethod | null, item: { id: string }, location: { id: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ForecastCommitFieldsFragment = { id: string, forecastVersion: number, periodStart: string, periodDays: number, forecastQuantity: number, committedQuantity: number | null, committedAt: string | null, exception: boolean, retailer: { id: string, name: string }, supplier: { id: string, name: string }, item: { id: string, sku: string }, location: { id: string, code: string } };

export type CommitForecastMutationVariables = Exact<{
  input: CommitForecastInput;
}>;


export type CommitForecastMutation = { commitForecast: Array<{ id: string, forecastVersion: number, periodStart: string, periodDays: number, forecastQuantity: number, committedQuantity: number | null, committedAt: string | null, exception: boolean, retailer: { id: string, name: string }, supplier: { id: string, name: string }, item: { id: string, sku: string }, location: { id: string, code: string } }> };

export type ForecastCommitsQueryVariables = Exact<{
  supplierId?: string | number | null | undefined;
  retailerId?: string | number | null | undefined;
  itemId?: string | number | null | undefined;
  locationId?: string | number | null | undefined;
  exceptionsOnly?: boolean | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ForecastCommitsQuery = { forecastCommits: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, forecastVersion: number, periodStart: string, periodDays: number, forecastQuantity: number, committedQuantity: number | null, committedAt: string | null, exception: boolean, retailer: { id: string, name: string }, supplier: { id: string, name: string }, item: { id: string, sku: string }, location: { id: string, code: string } } }> } };

export type ForecastCommitAlertsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ForecastCommitAlertsQuery = { alerts: { edges: Array<{ node: { type: AlertType, message: string, forecastCommit: { id: string, forecastVersion: number, periodStart: string, periodDays: number, forecastQuantity: number, committedQuantity: number | null, committedAt: string | null, exception: boolean, retailer: { id: string, name: string }, supplier: { id: string, name: string }, item: { id: string, sku: string }, location: { id: string, code: string } } | null } }> } };

export type PublishForecastMutationVariables = Exact<{
  input: PublishForecastInput;
}>;


export type PublishForecastMutation = { publishForecast: { id: string, version: number, publishedAt: string, lineCount: number, scope: ForecastScope, positionsDropped: number } };

export type ForecastQueryVariables = Exact<{
  itemId?: string | number | null | undefined;
  locationId?: string | number | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ForecastQuery = { forecast: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { periodStart: string, periodDays: number, quantity: number, version: number, item: { id: string, sku: string }, location: { id: string, code: string } } }> } };

export type ForecastVersionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | number | null | undefined;
}>;


export type ForecastVersionsQuery = { forecastVersions: Array<{ id: string, version: number, publishedAt: string, lineCount: number, scope: ForecastScope, positionsDropped: number }> };

export type InventoryPositionFieldsFragment = { onHand: number, reserved: number, qualityHold: number, available: number, asOf: string, item: { id: string, sku: string }, location: { id: string, code: string } };

export type ShortageRiskFieldsFragment = { level: RiskLevel, availableNow: number, safetyStock: number, projectedStockoutDate: string | null, shortageQuantity: number, daysOfCover: number, revenueAtRisk: string, computedAt: string, item: { id: string, sku: string }, location: { id: string, code: string } };

export type UpsertInventoryMutationVariables = Exact<{
  input: UpsertInventoryInput;
}>;


export type UpsertInventoryMutation = { upsertInventory: Array<{ onHand: number, reserved: number, qualityHold: number, available: number, asOf: string, item: { id: string, sku: string }, location: { id: string, code: string } }> };

export type UpsertInventoryCompactMutationVariables = Exact<{
  input: UpsertInventoryInput;
}>;


export type UpsertInventoryCompactMutation = { upsertInventory: Array<{ onHand: number }> };

export type InventoryQueryVariables = Exact<{
  locationId?: string | number | null | undefined;
  itemId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type InventoryQuery = { inventory: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { onHand: number, reserved: number, qualityHold: number, available: number, asOf: string, item: { id: string, sku: string }, location: { id: string, code: string } } }> } };

export type InventoryPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type InventoryPageQuery = { inventory: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { onHand: number, available: number, item: { sku: string }, location: { code: string } } }> } };

export type SetSafetyStockMutationVariables = Exact<{
  input: SetSafetyStockInput;
}>;


export type SetSafetyStockMutation = { setSafetyStock: { level: RiskLevel, availableNow: number, safetyStock: number, projectedStockoutDate: string | null, shortageQuantity: number, daysOfCover: number, revenueAtRisk: string, computedAt: string, item: { id: string, sku: string }, location: { id: string, code: string } } };

export type KpisQueryVariables = Exact<{
  from: string;
  to: string;
  groupBy?: KpiGroup | null | undefined;
  first?: number | null | undefined;
  after?: string | number | null | undefined;
}>;


export type KpisQuery = { kpis: Array<{ key: string, label: string, fillRate: number | null, onTimeInFullRate: number | null, confirmationLatencyHours: number | null, stockoutDays: number, positionDays: number, revenueAtRisk: string }> };

export type RiskTrendQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type RiskTrendQuery = { riskTrend: Array<{ date: string, stockoutPositions: number, atRiskPositions: number, revenueAtRisk: string }> };

export type LeadTimeStatsQueryVariables = Exact<{
  supplierId: string | number;
  itemId: string | number;
}>;


export type LeadTimeStatsQuery = { leadTimeStats: { quotedLeadTimeDays: number | null, confirmedCount: number, confirmedMeanDays: number | null, confirmedP90Days: number | null, actualCount: number, actualMeanDays: number | null, actualP90Days: number | null, onTimeInFullRate: number | null, supplier: { id: string, name: string }, item: { id: string, sku: string } } };

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node:
    | { __typename: 'Alert', type: AlertType, cursor: string, id: string }
    | { __typename: 'ApiKey', id: string }
    | { __typename: 'ForecastCommit', forecastQuantity: number, committedQuantity: number | null, id: string, supplier: { id: string } }
    | { __typename: 'ForecastVersion', id: string }
    | { __typename: 'InventoryPosition', onHand: number, id: string }
    | { __typename: 'Item', sku: string, id: string }
    | { __typename: 'Location', code: string, id: string }
    | { __typename: 'Organization', name: string, kind: OrganizationKind, id: string }
    | { __typename: 'Partnership', id: string }
    | { __typename: 'PurchaseOrder', number: string, status: PurchaseOrderStatus, id: string }
    | { __typename: 'PurchaseOrderLine', lineNumber: number, quantity: number, id: string }
    | { __typename: 'ReallocationProposal', id: string }
    | { __typename: 'ShipNotice', id: string }
    | { __typename: 'ShortageRisk', level: RiskLevel, shortageQuantity: number, id: string, item: { id: string }, location: { id: string } }
    | { __typename: 'SourcingRule', id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'WebhookDelivery', id: string }
    | { __typename: 'WebhookEndpoint', id: string }
   | null };

export type PortalOrderListQueryVariables = Exact<{
  filter?: PurchaseOrderFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type PortalOrderListQuery = { purchaseOrders: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, number: string, status: PurchaseOrderStatus, issuedAt: string | null, version: number, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string, name: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, slipped: boolean, openQuantity: number, inTransitQuantity: number, receivedQuantity: number, purchaseUnit: string | null, unitsPerPurchaseUnit: number, item: { id: string, sku: string, name: string, unitOfMeasure: string }, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> }> } }> } };

export type PortalOrderQueryVariables = Exact<{
  id: string | number;
}>;


export type PortalOrderQuery = { purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, issuedAt: string | null, version: number, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string, name: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, slipped: boolean, confirmedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, receivedQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, item: { id: string, sku: string, name: string, unitOfMeasure: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }>, shipNoticeLines: Array<{ quantity: number, receivedQuantity: number, shipNotice: { id: string, number: string, status: ShipNoticeStatus, shippedOn: string, expectedArrival: string, carrier: string | null, trackingNumber: string | null } }> }>, history: Array<{ at: string, actor: string, action: string, details: string, line: { id: string, lineNumber: number } | null }> } | null };

export type PortalAcknowledgeOrderMutationVariables = Exact<{
  input: AcknowledgePurchaseOrderInput;
}>;


export type PortalAcknowledgeOrderMutation = { acknowledgePurchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number, lines: Array<{ id: string, status: PurchaseOrderLineStatus }> } };

export type PortalFilterChoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalFilterChoicesQuery = { partnerships: Array<{ id: string, status: PartnershipStatus, retailer: { id: string, name: string }, supplier: { id: string, name: string } }>, locations: Array<{ id: string, code: string, name: string }> };

export type PortalRiskListQueryVariables = Exact<{
  filter?: ShortageRiskFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type PortalRiskListQuery = { shortageRisks: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { level: RiskLevel, availableNow: number, safetyStock: number, projectedStockoutDate: string | null, shortageQuantity: number, daysOfCover: number, revenueAtRisk: string, item: { id: string, sku: string, name: string, unitOfMeasure: string }, location: { id: string, code: string, name: string } } }> } };

export type PortalRiskQueryVariables = Exact<{
  itemId: string | number;
  locationId: string | number;
}>;


export type PortalRiskQuery = { shortageRisks: { edges: Array<{ node: { level: RiskLevel, availableNow: number, safetyStock: number, projectedStockoutDate: string | null, shortageQuantity: number, daysOfCover: number, revenueAtRisk: string, computedAt: string, item: { id: string, sku: string, name: string, unitOfMeasure: string }, location: { id: string, code: string, name: string } } }> }, projectedInventory: Array<{ date: string, demand: number, inbound: number, projectedAvailable: number }>, purchaseOrders: { edges: Array<{ node: { id: string, number: string, status: PurchaseOrderStatus, supplier: { id: string, name: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, slipped: boolean, openQuantity: number, inTransitQuantity: number, receivedQuantity: number, item: { id: string, unitOfMeasure: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> }> } }> } };

export type PortalProposalFragment = { id: string, status: ReallocationStatus, shortfallQuantity: number, neededBy: string, reduceSourceBy: number, uncoveredQuantity: number, addedCost: string, createdAt: string, sourceLine: { id: string, lineNumber: number, item: { id: string, sku: string, unitOfMeasure: string }, purchaseOrder: { id: string, number: string, shipTo: { id: string, code: string }, supplier: { id: string, name: string } } }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string }, purchaseOrderLine: { id: string, purchaseOrder: { id: string, number: string } } | null }>, candidates: Array<{ verdict: CandidateVerdict, quantity: number, expectedDate: string | null, reason: string, supplier: { id: string, name: string } }> };

export type PortalProposalsQueryVariables = Exact<{
  itemId: string | number;
  locationId: string | number;
  after?: string | null | undefined;
}>;


export type PortalProposalsQuery = { reallocationProposals: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, status: ReallocationStatus, shortfallQuantity: number, neededBy: string, reduceSourceBy: number, uncoveredQuantity: number, addedCost: string, createdAt: string, sourceLine: { id: string, lineNumber: number, item: { id: string, sku: string, unitOfMeasure: string }, purchaseOrder: { id: string, number: string, shipTo: { id: string, code: string }, supplier: { id: string, name: string } } }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string }, purchaseOrderLine: { id: string, purchaseOrder: { id: string, number: string } } | null }>, candidates: Array<{ verdict: CandidateVerdict, quantity: number, expectedDate: string | null, reason: string, supplier: { id: string, name: string } }> } }> } };

export type PortalProposeReallocationMutationVariables = Exact<{
  lineId: string | number;
}>;


export type PortalProposeReallocationMutation = { proposeReallocation: { id: string, status: ReallocationStatus, shortfallQuantity: number, neededBy: string, reduceSourceBy: number, uncoveredQuantity: number, addedCost: string, createdAt: string, sourceLine: { id: string, lineNumber: number, item: { id: string, sku: string, unitOfMeasure: string }, purchaseOrder: { id: string, number: string, shipTo: { id: string, code: string }, supplier: { id: string, name: string } } }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string }, purchaseOrderLine: { id: string, purchaseOrder: { id: string, number: string } } | null }>, candidates: Array<{ verdict: CandidateVerdict, quantity: number, expectedDate: string | null, reason: string, supplier: { id: string, name: string } }> } };

export type PortalApplyReallocationMutationVariables = Exact<{
  id: string | number;
}>;


export type PortalApplyReallocationMutation = { applyReallocation: { id: string, status: ReallocationStatus, shortfallQuantity: number, neededBy: string, reduceSourceBy: number, uncoveredQuantity: number, addedCost: string, createdAt: string, sourceLine: { id: string, lineNumber: number, item: { id: string, sku: string, unitOfMeasure: string }, purchaseOrder: { id: string, number: string, shipTo: { id: string, code: string }, supplier: { id: string, name: string } } }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string }, purchaseOrderLine: { id: string, purchaseOrder: { id: string, number: string } } | null }>, candidates: Array<{ verdict: CandidateVerdict, quantity: number, expectedDate: string | null, reason: string, supplier: { id: string, name: string } }> } };

export type PortalDismissReallocationMutationVariables = Exact<{
  id: string | number;
}>;


export type PortalDismissReallocationMutation = { dismissReallocation: { id: string, status: ReallocationStatus, shortfallQuantity: number, neededBy: string, reduceSourceBy: number, uncoveredQuantity: number, addedCost: string, createdAt: string, sourceLine: { id: string, lineNumber: number, item: { id: string, sku: string, unitOfMeasure: string }, purchaseOrder: { id: string, number: string, shipTo: { id: string, code: string }, supplier: { id: string, name: string } } }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string }, purchaseOrderLine: { id: string, purchaseOrder: { id: string, number: string } } | null }>, candidates: Array<{ verdict: CandidateVerdict, quantity: number, expectedDate: string | null, reason: string, supplier: { id: string, name: string } }> } };

export type PortalMeQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalMeQuery = { me: { id: string, email: string, role: Role, organization: { id: string, name: string, kind: OrganizationKind, timeZone: string } } };

export type PortalOpenOrdersQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalOpenOrdersQuery = { purchaseOrders: { edges: Array<{ node: { id: string, number: string, issuedAt: string | null, version: number, retailer: { id: string, name: string }, shipTo: { id: string, code: string, name: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, slipped: boolean, receivedQuantity: number, openQuantity: number, inTransitQuantity: number, unshippedQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, remainingSchedule: Array<{ quantity: number, deliveryDate: string }>, item: { id: string, sku: string, name: string, unitOfMeasure: string } }> } }> } };

export type PortalShipNoticesQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalShipNoticesQuery = { shipNotices: { edges: Array<{ node: { id: string, number: string, status: ShipNoticeStatus, shippedOn: string, expectedArrival: string, carrier: string | null, trackingNumber: string | null, retailer: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ quantity: number, receivedQuantity: number, purchaseOrderLine: { id: string, lineNumber: number, purchaseUnit: string | null, unitsPerPurchaseUnit: number, item: { sku: string, unitOfMeasure: string }, purchaseOrder: { id: string, number: string } } }> } }> } };

export type PortalForecastVersionsQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalForecastVersionsQuery = { forecastVersions: Array<{ id: string, version: number, publishedAt: string, lineCount: number, scope: ForecastScope, positionsDropped: number }> };

export type PortalForecastQueryVariables = Exact<{
  from: string;
  to: string;
  after?: string | null | undefined;
}>;


export type PortalForecastQuery = { forecast: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { periodStart: string, periodDays: number, quantity: number, item: { id: string, sku: string, name: string, unitOfMeasure: string }, location: { id: string, code: string } } }> } };

export type PortalSourcedItemsQueryVariables = Exact<{
  after?: string | number | null | undefined;
}>;


export type PortalSourcedItemsQuery = { sourcingRules: Array<{ id: string, quotedLeadTimeDays: number, item: { id: string, sku: string, name: string } }> };

export type PortalLeadTimesQueryVariables = Exact<{
  supplierId: string | number;
  itemId: string | number;
}>;


export type PortalLeadTimesQuery = { leadTimeStats: { quotedLeadTimeDays: number | null, confirmedCount: number, confirmedMeanDays: number | null, confirmedP90Days: number | null, actualCount: number, actualMeanDays: number | null, onTimeInFullRate: number | null, item: { id: string, sku: string, name: string } } };

export type PortalAlertCursorQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalAlertCursorQuery = { alertCursor: string };

export type PortalAlertsSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type PortalAlertsSubscription = { alerts: { cursor: string, type: AlertType, message: string, createdAt: string } };

export type PortalRisksQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalRisksQuery = { shortageRisks: { edges: Array<{ node: { level: RiskLevel, availableNow: number, safetyStock: number, projectedStockoutDate: string | null, shortageQuantity: number, daysOfCover: number, revenueAtRisk: string, item: { id: string, sku: string, name: string }, location: { id: string, code: string, name: string } } }> } };

export type PortalProjectionQueryVariables = Exact<{
  itemId: string | number;
  locationId: string | number;
}>;


export type PortalProjectionQuery = { projectedInventory: Array<{ date: string, demand: number, inbound: number, projectedAvailable: number }> };

export type PortalForecastCommitsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type PortalForecastCommitsQuery = { forecastCommits: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, forecastVersion: number, periodStart: string, periodDays: number, forecastQuantity: number, committedQuantity: number | null, exception: boolean, retailer: { id: string, name: string }, item: { id: string, sku: string, name: string }, location: { id: string, code: string } } }> } };

export type PortalCommitRulesQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalCommitRulesQuery = { partnerships: Array<{ id: string, status: PartnershipStatus, retailer: { id: string }, rules: { commitTolerancePercent: number, commitDueDays: number } }> };

export type PortalCommitForecastMutationVariables = Exact<{
  input: CommitForecastInput;
}>;


export type PortalCommitForecastMutation = { commitForecast: Array<{ id: string, committedQuantity: number | null, exception: boolean }> };

export type PortalKpisQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type PortalKpisQuery = { kpis: Array<{ key: string, fillRate: number | null, onTimeInFullRate: number | null, confirmationLatencyHours: number | null, stockoutDays: number, positionDays: number, revenueAtRisk: string }>, riskTrend: Array<{ date: string, stockoutPositions: number, atRiskPositions: number, revenueAtRisk: string }> };

export type PortalCommitExceptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalCommitExceptionsQuery = { forecastCommits: { pageInfo: { hasNextPage: boolean }, edges: Array<{ node: { id: string, forecastVersion: number, periodStart: string, periodDays: number, forecastQuantity: number, committedQuantity: number | null, supplier: { id: string, name: string }, item: { id: string, sku: string, name: string, unitOfMeasure: string }, location: { id: string, code: string } } }> } };

export type PortalWhatIfSourcesQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalWhatIfSourcesQuery = { purchaseOrders: { edges: Array<{ node: { id: string, number: string, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, slipped: boolean, openQuantity: number, inTransitQuantity: number, unshippedQuantity: number, item: { id: string, sku: string, name: string, unitOfMeasure: string }, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> }> } }> }, partnerships: Array<{ id: string, status: PartnershipStatus, supplier: { id: string, name: string } }> };

export type PortalSimulateQueryVariables = Exact<{
  input: SimulateInput;
}>;


export type PortalSimulateQuery = { simulate: { positionCount: number, changeCount: number, revenueAtRiskBefore: string, revenueAtRiskAfter: string, changes: Array<{ levelBefore: RiskLevel, levelAfter: RiskLevel, stockoutDateBefore: string | null, stockoutDateAfter: string | null, shortageBefore: number, shortageAfter: number, revenueAtRiskBefore: string, revenueAtRiskAfter: string, item: { id: string, sku: string, name: string, unitOfMeasure: string }, location: { id: string, code: string } }>, plans: Array<{ neededBy: string, shortfallQuantity: number, uncoveredQuantity: number, addedCost: string, optimal: boolean, sourceLine: { id: string, lineNumber: number, purchaseOrder: { id: string, number: string }, item: { sku: string } }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string } }>, candidates: Array<{ verdict: CandidateVerdict, reason: string, quantity: number, expectedDate: string | null, supplier: { id: string, name: string } }> }> } };

export type PortalPreviewForecastQueryVariables = Exact<{
  itemId: string | number;
  locationId: string | number;
  horizonWeeks?: number | null | undefined;
  method?: ForecastMethod | null | undefined;
}>;


export type PortalPreviewForecastQuery = { previewForecast: { method: ForecastMethod, holdoutWape: number | null, history: Array<{ periodStart: string, quantity: number }>, forecast: Array<{ periodStart: string, quantity: number }> } };

export type PortalGenerateForecastMutationVariables = Exact<{
  input: GenerateForecastInput;
}>;


export type PortalGenerateForecastMutation = { generateForecast: { id: string, version: number, scope: ForecastScope, lineCount: number, positionsDropped: number } };

export type PortalForecastAccuracyQueryVariables = Exact<{
  from: string;
  to: string;
  groupBy?: KpiGroup | null | undefined;
}>;


export type PortalForecastAccuracyQuery = { forecastAccuracy: Array<{ key: string, label: string, wape: number | null, bias: number | null, days: number, actualQuantity: number, forecastQuantity: number }> };

export type ScheduleFieldsFragment = { quantity: number, deliveryDate: string };

export type LineFieldsFragment = { id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, overDeliveredQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, rejectionReason: string | null, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> };

export type OrderFieldsFragment = { id: string, number: string, status: PurchaseOrderStatus, version: number, issuedAt: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, overDeliveredQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, rejectionReason: string | null, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> }> };

export type CreatePurchaseOrderMutationVariables = Exact<{
  input: CreatePurchaseOrderInput;
}>;


export type CreatePurchaseOrderMutation = { createPurchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number, issuedAt: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, overDeliveredQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, rejectionReason: string | null, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> }> } };

export type IssuePurchaseOrderMutationVariables = Exact<{
  id: string | number;
}>;


export type IssuePurchaseOrderMutation = { issuePurchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number, issuedAt: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, overDeliveredQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, rejectionReason: string | null, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> }> } };

export type CancelPurchaseOrderMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelPurchaseOrderMutation = { cancelPurchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number, issuedAt: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, overDeliveredQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, rejectionReason: string | null, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> }> } };

export type ClosePurchaseOrderMutationVariables = Exact<{
  id: string | number;
}>;


export type ClosePurchaseOrderMutation = { closePurchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number, issuedAt: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, overDeliveredQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, rejectionReason: string | null, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> }> } };

export type PurchaseOrderQueryVariables = Exact<{
  id: string | number;
}>;


export type PurchaseOrderQuery = { purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, version: number, issuedAt: string | null, createdAt: string, history: Array<{ at: string, actor: string, action: string, details: string, cursor: string, line: { id: string, lineNumber: number } | null }>, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, overDeliveredQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, rejectionReason: string | null, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> }> } | null };

export type PurchaseOrderPromisesQueryVariables = Exact<{
  id: string | number;
}>;


export type PurchaseOrderPromisesQuery = { purchaseOrder: { id: string, lines: Array<{ id: string, requestedDate: string, firstConfirmedSchedule: Array<{ quantity: number, deliveryDate: string }> | null, schedule: Array<{ quantity: number, deliveryDate: string }>, confirmations: Array<{ sequence: number, kind: string, reason: string | null, actor: string, createdAt: string, cursor: string, schedule: Array<{ quantity: number, deliveryDate: string }> }>, receipts: Array<{ quantity: number, receivedOn: string, actor: string, cursor: string }> }> } | null };

export type PurchaseOrdersQueryVariables = Exact<{
  filter?: PurchaseOrderFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PurchaseOrdersQuery = { purchaseOrders: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, number: string, status: PurchaseOrderStatus, version: number, issuedAt: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, overDeliveredQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, rejectionReason: string | null, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> }> } }> } };

export type PurchaseOrdersNestedQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PurchaseOrdersNestedQuery = { purchaseOrders: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, number: string, status: PurchaseOrderStatus, version: number, issuedAt: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, rejectionReason: string | null, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }> }> } }> } };

export type ConfirmPurchaseOrderLineMutationVariables = Exact<{
  input: ConfirmPurchaseOrderLineInput;
}>;


export type ConfirmPurchaseOrderLineMutation = { confirmPurchaseOrderLine: { id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, overDeliveredQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, rejectionReason: string | null, purchaseOrder: { id: string, status: PurchaseOrderStatus, version: number }, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> } };

export type ConfirmPurchaseOrderLinesMutationVariables = Exact<{
  input: ConfirmPurchaseOrderLinesInput;
}>;


export type ConfirmPurchaseOrderLinesMutation = { confirmPurchaseOrderLines: Array<{ id: string, status: PurchaseOrderLineStatus, confirmedQuantity: number }> };

export type RejectPurchaseOrderLineMutationVariables = Exact<{
  input: RejectPurchaseOrderLineInput;
}>;


export type RejectPurchaseOrderLineMutation = { rejectPurchaseOrderLine: { id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, overDeliveredQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, rejectionReason: string | null, purchaseOrder: { id: string, status: PurchaseOrderStatus, version: number }, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> } };

export type ReceivePurchaseOrderLineMutationVariables = Exact<{
  input: ReceivePurchaseOrderLineInput;
}>;


export type ReceivePurchaseOrderLineMutation = { receivePurchaseOrderLine: { id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, overDeliveredQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, rejectionReason: string | null, purchaseOrder: { id: string, status: PurchaseOrderStatus, version: number }, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> } };

export type ClosePurchaseOrderLineMutationVariables = Exact<{
  input: ClosePurchaseOrderLineInput;
}>;


export type ClosePurchaseOrderLineMutation = { closePurchaseOrderLine: { id: string, lineNumber: number, quantity: number, requestedDate: string, unitCost: string, status: PurchaseOrderLineStatus, confirmedQuantity: number, confirmedLeadTimeDays: number | null, slipped: boolean, receivedQuantity: number, openQuantity: number, cancelledQuantity: number, inTransitQuantity: number, unshippedQuantity: number, overDeliveredQuantity: number, purchaseUnit: string | null, purchaseUnitQuantity: number | null, unitsPerPurchaseUnit: number, rejectionReason: string | null, purchaseOrder: { id: string, status: PurchaseOrderStatus, version: number }, item: { id: string, sku: string, name: string }, schedule: Array<{ quantity: number, deliveryDate: string }>, remainingSchedule: Array<{ quantity: number, deliveryDate: string }> } };

export type PurchaseOrderLineShipmentsQueryVariables = Exact<{
  id: string | number;
}>;


export type PurchaseOrderLineShipmentsQuery = { purchaseOrder: { id: string, lines: Array<{ id: string, openQuantity: number, inTransitQuantity: number, shipNoticeLines: Array<{ quantity: number, receivedQuantity: number, shipNotice: { id: string, number: string, status: ShipNoticeStatus, expectedArrival: string } }> }> } | null };

export type ProposalFieldsFragment = { id: string, status: ReallocationStatus, shortfallQuantity: number, neededBy: string, reduceSourceBy: number, uncoveredQuantity: number, addedCost: string, optimal: boolean, createdAt: string, decidedAt: string | null, decidedBy: string | null, sourceLine: { id: string, quantity: number, cancelledQuantity: number, openQuantity: number, status: PurchaseOrderLineStatus, slipped: boolean, schedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, version: number } }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string }, purchaseOrderLine: { id: string, quantity: number, requestedDate: string, unitCost: string, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, supplier: { id: string } } } | null }>, candidates: Array<{ verdict: CandidateVerdict, quantity: number, expectedDate: string | null, reason: string, supplier: { id: string, name: string } }> };

export type ReallocationProposalsQueryVariables = Exact<{
  status?: ReallocationStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ReallocationProposalsQuery = { reallocationProposals: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, status: ReallocationStatus, shortfallQuantity: number, neededBy: string, reduceSourceBy: number, uncoveredQuantity: number, addedCost: string, optimal: boolean, createdAt: string, decidedAt: string | null, decidedBy: string | null, sourceLine: { id: string, quantity: number, cancelledQuantity: number, openQuantity: number, status: PurchaseOrderLineStatus, slipped: boolean, schedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, version: number } }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string }, purchaseOrderLine: { id: string, quantity: number, requestedDate: string, unitCost: string, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, supplier: { id: string } } } | null }>, candidates: Array<{ verdict: CandidateVerdict, quantity: number, expectedDate: string | null, reason: string, supplier: { id: string, name: string } }> } }> } };

export type ReallocationProposalQueryVariables = Exact<{
  id: string | number;
}>;


export type ReallocationProposalQuery = { reallocationProposal: { id: string, status: ReallocationStatus, shortfallQuantity: number, neededBy: string, reduceSourceBy: number, uncoveredQuantity: number, addedCost: string, optimal: boolean, createdAt: string, decidedAt: string | null, decidedBy: string | null, sourceLine: { id: string, quantity: number, cancelledQuantity: number, openQuantity: number, status: PurchaseOrderLineStatus, slipped: boolean, schedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, version: number } }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string }, purchaseOrderLine: { id: string, quantity: number, requestedDate: string, unitCost: string, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, supplier: { id: string } } } | null }>, candidates: Array<{ verdict: CandidateVerdict, quantity: number, expectedDate: string | null, reason: string, supplier: { id: string, name: string } }> } | null };

export type ProposeReallocationMutationVariables = Exact<{
  lineId: string | number;
}>;


export type ProposeReallocationMutation = { proposeReallocation: { id: string, status: ReallocationStatus, shortfallQuantity: number, neededBy: string, reduceSourceBy: number, uncoveredQuantity: number, addedCost: string, optimal: boolean, createdAt: string, decidedAt: string | null, decidedBy: string | null, sourceLine: { id: string, quantity: number, cancelledQuantity: number, openQuantity: number, status: PurchaseOrderLineStatus, slipped: boolean, schedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, version: number } }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string }, purchaseOrderLine: { id: string, quantity: number, requestedDate: string, unitCost: string, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, supplier: { id: string } } } | null }>, candidates: Array<{ verdict: CandidateVerdict, quantity: number, expectedDate: string | null, reason: string, supplier: { id: string, name: string } }> } };

export type ApplyReallocationMutationVariables = Exact<{
  id: string | number;
}>;


export type ApplyReallocationMutation = { applyReallocation: { id: string, status: ReallocationStatus, shortfallQuantity: number, neededBy: string, reduceSourceBy: number, uncoveredQuantity: number, addedCost: string, optimal: boolean, createdAt: string, decidedAt: string | null, decidedBy: string | null, sourceLine: { id: string, quantity: number, cancelledQuantity: number, openQuantity: number, status: PurchaseOrderLineStatus, slipped: boolean, schedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, version: number } }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string }, purchaseOrderLine: { id: string, quantity: number, requestedDate: string, unitCost: string, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, supplier: { id: string } } } | null }>, candidates: Array<{ verdict: CandidateVerdict, quantity: number, expectedDate: string | null, reason: string, supplier: { id: string, name: string } }> } };

export type DismissReallocationMutationVariables = Exact<{
  id: string | number;
}>;


export type DismissReallocationMutation = { dismissReallocation: { id: string, status: ReallocationStatus, shortfallQuantity: number, neededBy: string, reduceSourceBy: number, uncoveredQuantity: number, addedCost: string, optimal: boolean, createdAt: string, decidedAt: string | null, decidedBy: string | null, sourceLine: { id: string, quantity: number, cancelledQuantity: number, openQuantity: number, status: PurchaseOrderLineStatus, slipped: boolean, schedule: Array<{ quantity: number, deliveryDate: string }>, purchaseOrder: { id: string, number: string, version: number } }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string }, purchaseOrderLine: { id: string, quantity: number, requestedDate: string, unitCost: string, purchaseOrder: { id: string, number: string, status: PurchaseOrderStatus, supplier: { id: string } } } | null }>, candidates: Array<{ verdict: CandidateVerdict, quantity: number, expectedDate: string | null, reason: string, supplier: { id: string, name: string } }> } };

export type SetSourcingPolicyMutationVariables = Exact<{
  input: SourcingPolicyInput;
}>;


export type SetSourcingPolicyMutation = { setSourcingPolicy: SourcingMode };

export type RiskFieldsFragment = { level: RiskLevel, availableNow: number, safetyStock: number, projectedStockoutDate: string | null, shortageQuantity: number, daysOfCover: number, revenueAtRisk: string, computedAt: string, item: { id: string, sku: string }, location: { id: string, code: string } };

export type ShortageRisksQueryVariables = Exact<{
  filter?: ShortageRiskFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ShortageRisksQuery = { shortageRisks: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { level: RiskLevel, availableNow: number, safetyStock: number, projectedStockoutDate: string | null, shortageQuantity: number, daysOfCover: number, revenueAtRisk: string, computedAt: string, item: { id: string, sku: string }, location: { id: string, code: string } } }> } };

export type ProjectedInventoryQueryVariables = Exact<{
  itemId: string | number;
  locationId: string | number;
  horizonDays?: number | null | undefined;
}>;


export type ProjectedInventoryQuery = { projectedInventory: Array<{ date: string, demand: number, inbound: number, projectedAvailable: number }> };

export type ShortageRiskChangedSubscriptionVariables = Exact<{
  filter?: ShortageRiskFilter | null | undefined;
}>;


export type ShortageRiskChangedSubscription = { shortageRiskChanged: { level: RiskLevel, availableNow: number, safetyStock: number, projectedStockoutDate: string | null, shortageQuantity: number, daysOfCover: number, revenueAtRisk: string, computedAt: string, item: { id: string, sku: string }, location: { id: string, code: string } } };

export type ShipNoticeFieldsFragment = { id: string, number: string, status: ShipNoticeStatus, shippedOn: string, expectedArrival: string, carrier: string | null, trackingNumber: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ quantity: number, receivedQuantity: number, purchaseOrderLine: { id: string, lineNumber: number, status: PurchaseOrderLineStatus, openQuantity: number, inTransitQuantity: number, receivedQuantity: number, purchaseOrder: { id: string, number: string } } }> };

export type CreateShipNoticeMutationVariables = Exact<{
  input: CreateShipNoticeInput;
}>;


export type CreateShipNoticeMutation = { createShipNotice: { id: string, number: string, status: ShipNoticeStatus, shippedOn: string, expectedArrival: string, carrier: string | null, trackingNumber: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ quantity: number, receivedQuantity: number, purchaseOrderLine: { id: string, lineNumber: number, status: PurchaseOrderLineStatus, openQuantity: number, inTransitQuantity: number, receivedQuantity: number, purchaseOrder: { id: string, number: string } } }> } };

export type CancelShipNoticeMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelShipNoticeMutation = { cancelShipNotice: { id: string, number: string, status: ShipNoticeStatus, shippedOn: string, expectedArrival: string, carrier: string | null, trackingNumber: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ quantity: number, receivedQuantity: number, purchaseOrderLine: { id: string, lineNumber: number, status: PurchaseOrderLineStatus, openQuantity: number, inTransitQuantity: number, receivedQuantity: number, purchaseOrder: { id: string, number: string } } }> } };

export type ReceiveShipNoticeMutationVariables = Exact<{
  input: ReceiveShipNoticeInput;
}>;


export type ReceiveShipNoticeMutation = { receiveShipNotice: { id: string, number: string, status: ShipNoticeStatus, shippedOn: string, expectedArrival: string, carrier: string | null, trackingNumber: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ quantity: number, receivedQuantity: number, purchaseOrderLine: { id: string, lineNumber: number, status: PurchaseOrderLineStatus, openQuantity: number, inTransitQuantity: number, receivedQuantity: number, purchaseOrder: { id: string, number: string } } }> } };

export type CloseShipNoticeMutationVariables = Exact<{
  id: string | number;
}>;


export type CloseShipNoticeMutation = { closeShipNotice: { id: string, number: string, status: ShipNoticeStatus, shippedOn: string, expectedArrival: string, carrier: string | null, trackingNumber: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ quantity: number, receivedQuantity: number, purchaseOrderLine: { id: string, lineNumber: number, status: PurchaseOrderLineStatus, openQuantity: number, inTransitQuantity: number, receivedQuantity: number, purchaseOrder: { id: string, number: string } } }> } };

export type ShipNoticeQueryVariables = Exact<{
  id: string | number;
}>;


export type ShipNoticeQuery = { shipNotice: { id: string, number: string, status: ShipNoticeStatus, shippedOn: string, expectedArrival: string, carrier: string | null, trackingNumber: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ quantity: number, receivedQuantity: number, purchaseOrderLine: { id: string, lineNumber: number, status: PurchaseOrderLineStatus, openQuantity: number, inTransitQuantity: number, receivedQuantity: number, purchaseOrder: { id: string, number: string } } }> } | null };

export type ShipNoticesQueryVariables = Exact<{
  status?: ShipNoticeStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ShipNoticesQuery = { shipNotices: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, number: string, status: ShipNoticeStatus, shippedOn: string, expectedArrival: string, carrier: string | null, trackingNumber: string | null, createdAt: string, retailer: { id: string, name: string }, supplier: { id: string, name: string }, shipTo: { id: string, code: string }, lines: Array<{ quantity: number, receivedQuantity: number, purchaseOrderLine: { id: string, lineNumber: number, status: PurchaseOrderLineStatus, openQuantity: number, inTransitQuantity: number, receivedQuantity: number, purchaseOrder: { id: string, number: string } } }> } }> } };

export type SourcingRuleFieldsFragment = { id: string, priority: number, quotedLeadTimeDays: number, unitCost: string, minOrderQuantity: number, orderMultiple: number, weeklyCapacity: number | null, active: boolean, purchaseUnit: string | null, unitsPerPurchaseUnit: number, overDeliveryTolerancePercent: number, item: { id: string, sku: string }, supplier: { id: string, name: string } };

export type UpsertSourcingRuleMutationVariables = Exact<{
  input: UpsertSourcingRuleInput;
}>;


export type UpsertSourcingRuleMutation = { upsertSourcingRule: { id: string, priority: number, quotedLeadTimeDays: number, unitCost: string, minOrderQuantity: number, orderMultiple: number, weeklyCapacity: number | null, active: boolean, purchaseUnit: string | null, unitsPerPurchaseUnit: number, overDeliveryTolerancePercent: number, item: { id: string, sku: string }, supplier: { id: string, name: string } } };

export type SourcingRulesQueryVariables = Exact<{
  itemId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | number | null | undefined;
}>;


export type SourcingRulesQuery = { sourcingRules: Array<{ id: string, priority: number, quotedLeadTimeDays: number, unitCost: string, minOrderQuantity: number, orderMultiple: number, weeklyCapacity: number | null, active: boolean, purchaseUnit: string | null, unitsPerPurchaseUnit: number, overDeliveryTolerancePercent: number, item: { id: string, sku: string }, supplier: { id: string, name: string } }> };

export type UserFieldsFragment = { id: string, email: string, role: Role, organization: { id: string, name: string, kind: OrganizationKind } };

export type PartnershipFieldsFragment = { id: string, status: PartnershipStatus, retailer: { id: string, name: string, kind: OrganizationKind }, supplier: { id: string, name: string, kind: OrganizationKind } };

export type ApiKeyFieldsFragment = { id: string, name: string, scopes: Array<string>, createdAt: string, lastUsedAt: string | null, revokedAt: string | null };

export type SignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type SignUpMutation = { signUp: { token: string, user: { id: string, email: string, role: Role, organization: { id: string, name: string, kind: OrganizationKind } } } };

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LoginMutation = { login: { token: string, user: { id: string, email: string, role: Role, organization: { id: string, name: string, kind: OrganizationKind } } } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, email: string, role: Role, organization: { id: string, name: string, kind: OrganizationKind } } };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser: { id: string, email: string, role: Role, organization: { id: string, name: string, kind: OrganizationKind } } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, name: string, scopes: Array<string>, createdAt: string, lastUsedAt: string | null, revokedAt: string | null } } };

export type RevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { id: string, name: string, scopes: Array<string>, createdAt: string, lastUsedAt: string | null, revokedAt: string | null } };

export type ApiKeysQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | number | null | undefined;
}>;


export type ApiKeysQuery = { apiKeys: Array<{ id: string, name: string, scopes: Array<string>, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }> };

export type InvitePartnerMutationVariables = Exact<{
  input: InvitePartnerInput;
}>;


export type InvitePartnerMutation = { invitePartner: { id: string, status: PartnershipStatus, retailer: { id: string, name: string, kind: OrganizationKind }, supplier: { id: string, name: string, kind: OrganizationKind } } };

export type AcceptPartnershipMutationVariables = Exact<{
  id: string | number;
}>;


export type AcceptPartnershipMutation = { acceptPartnership: { id: string, status: PartnershipStatus, retailer: { id: string, name: string, kind: OrganizationKind }, supplier: { id: string, name: string, kind: OrganizationKind } } };

export type SuspendPartnershipMutationVariables = Exact<{
  id: string | number;
}>;


export type SuspendPartnershipMutation = { suspendPartnership: { id: string, status: PartnershipStatus, retailer: { id: string, name: string, kind: OrganizationKind }, supplier: { id: string, name: string, kind: OrganizationKind } } };

export type SetCollaborationRulesMutationVariables = Exact<{
  input: CollaborationRulesInput;
}>;


export type SetCollaborationRulesMutation = { setCollaborationRules: { id: string, rules: { commitTolerancePercent: number, commitDueDays: number, confirmationDueHours: number, shareSales: boolean } } };

export type PartnershipRulesQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnershipRulesQuery = { partnerships: Array<{ id: string, status: PartnershipStatus, rules: { commitTolerancePercent: number, commitDueDays: number, confirmationDueHours: number, shareSales: boolean } }> };

export type PartnershipsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | number | null | undefined;
}>;


export type PartnershipsQuery = { partnerships: Array<{ id: string, status: PartnershipStatus, retailer: { id: string, name: string, kind: OrganizationKind }, supplier: { id: string, name: string, kind: OrganizationKind } }> };

export type WebhookEndpointFieldsFragment = { id: string, url: string, types: Array<AlertType> | null, active: boolean, createdAt: string, lastDeliveryAt: string | null, lastError: string | null };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { createWebhookEndpoint: { secret: string, endpoint: { id: string, url: string, types: Array<AlertType> | null, active: boolean, createdAt: string, lastDeliveryAt: string | null, lastError: string | null } } };

export type DeleteWebhookEndpointMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteWebhookEndpointMutation = { deleteWebhookEndpoint: { id: string, url: string, types: Array<AlertType> | null, active: boolean, createdAt: string, lastDeliveryAt: string | null, lastError: string | null } };

export type ReplayWebhookDeliveriesMutationVariables = Exact<{
  endpointId: string | number;
  after: string;
}>;


export type ReplayWebhookDeliveriesMutation = { replayWebhookDeliveries: number };

export type WebhookEndpointsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhookEndpointsQuery = { webhookEndpoints: Array<{ id: string, url: string, types: Array<AlertType> | null, active: boolean, createdAt: string, lastDeliveryAt: string | null, lastError: string | null }> };

export type WebhookDeliveriesQueryVariables = Exact<{
  endpointId: string | number;
  status?: WebhookDeliveryStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebhookDeliveriesQuery = { webhookDeliveries: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, status: WebhookDeliveryStatus, attempts: number, lastAttemptAt: string | null, responseStatus: number | null, nextAttemptAt: string | null, alert: { id: string, cursor: string, type: AlertType, message: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SimulateQueryVariables = Exact<{
  input: SimulateInput;
}>;


export type SimulateQuery = { simulate: { changeCount: number, positionCount: number, revenueAtRiskBefore: string, revenueAtRiskAfter: string, changes: Array<{ levelBefore: RiskLevel, levelAfter: RiskLevel, stockoutDateBefore: string | null, stockoutDateAfter: string | null, shortageBefore: number, shortageAfter: number, revenueAtRiskBefore: string, revenueAtRiskAfter: string, item: { id: string, sku: string }, location: { id: string, code: string } }>, plans: Array<{ shortfallQuantity: number, neededBy: string, uncoveredQuantity: number, addedCost: string, optimal: boolean, sourceLine: { id: string, lineNumber: number }, moves: Array<{ quantity: number, expectedDate: string, unitCost: string, supplier: { id: string, name: string } }>, candidates: Array<{ verdict: CandidateVerdict, quantity: number, expectedDate: string | null, reason: string, supplier: { id: string, name: string } }> }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AlertFieldsFragmentDoc = new TypedDocumentString(`
    fragment AlertFields on Alert {
  id
  cursor
  type
  createdAt
  message
  purchaseOrder {
    id
    number
  }
  purchaseOrderLine {
    id
    lineNumber
  }
  shipNotice {
    id
    number
    status
  }
  shortageRisk {
    level
    projectedStockoutDate
    shortageQuantity
    item {
      sku
    }
    location {
      code
    }
  }
}
    `, {"fragmentName":"AlertFields"}) as unknown as TypedDocumentString<AlertFieldsFragment, unknown>;
export const ItemFieldsFragmentDoc = new TypedDocumentString(`
    fragment ItemFields on Item {
  id
  sku
  name
  unitPrice
  unitOfMeasure
}
    `, {"fragmentName":"ItemFields"}) as unknown as TypedDocumentString<ItemFieldsFragment, unknown>;
export const LocationFieldsFragmentDoc = new TypedDocumentString(`
    fragment LocationFields on Location {
  id
  code
  name
}
    `, {"fragmentName":"LocationFields"}) as unknown as TypedDocumentString<LocationFieldsFragment, unknown>;
export const ChangeLineFieldsFragmentDoc = new TypedDocumentString(`
    fragment ChangeLineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  proposedUnitCost
  acknowledgementRequired
  status
  slipped
  openQuantity
  receivedQuantity
  inTransitQuantity
  schedule {
    quantity
    deliveryDate
  }
  remainingSchedule {
    quantity
    deliveryDate
  }
  purchaseOrder {
    id
    number
    status
    version
  }
}
    `, {"fragmentName":"ChangeLineFields"}) as unknown as TypedDocumentString<ChangeLineFieldsFragment, unknown>;
export const ForecastCommitFieldsFragmentDoc = new TypedDocumentString(`
    fragment ForecastCommitFields on ForecastCommit {
  id
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  item {
    id
    sku
  }
  location {
    id
    code
  }
  forecastVersion
  periodStart
  periodDays
  forecastQuantity
  committedQuantity
  committedAt
  exception
}
    `, {"fragmentName":"ForecastCommitFields"}) as unknown as TypedDocumentString<ForecastCommitFieldsFragment, unknown>;
export const InventoryPositionFieldsFragmentDoc = new TypedDocumentString(`
    fragment InventoryPositionFields on InventoryPosition {
  item {
    id
    sku
  }
  location {
    id
    code
  }
  onHand
  reserved
  qualityHold
  available
  asOf
}
    `, {"fragmentName":"InventoryPositionFields"}) as unknown as TypedDocumentString<InventoryPositionFieldsFragment, unknown>;
export const ShortageRiskFieldsFragmentDoc = new TypedDocumentString(`
    fragment ShortageRiskFields on ShortageRisk {
  item {
    id
    sku
  }
  location {
    id
    code
  }
  level
  availableNow
  safetyStock
  projectedStockoutDate
  shortageQuantity
  daysOfCover
  revenueAtRisk
  computedAt
}
    `, {"fragmentName":"ShortageRiskFields"}) as unknown as TypedDocumentString<ShortageRiskFieldsFragment, unknown>;
export const PortalProposalFragmentDoc = new TypedDocumentString(`
    fragment PortalProposal on ReallocationProposal {
  id
  status
  sourceLine {
    id
    lineNumber
    item {
      id
      sku
      unitOfMeasure
    }
    purchaseOrder {
      id
      number
      shipTo {
        id
        code
      }
      supplier {
        id
        name
      }
    }
  }
  shortfallQuantity
  neededBy
  reduceSourceBy
  moves {
    supplier {
      id
      name
    }
    quantity
    expectedDate
    unitCost
    purchaseOrderLine {
      id
      purchaseOrder {
        id
        number
      }
    }
  }
  candidates {
    supplier {
      id
      name
    }
    verdict
    quantity
    expectedDate
    reason
  }
  uncoveredQuantity
  addedCost
  createdAt
}
    `, {"fragmentName":"PortalProposal"}) as unknown as TypedDocumentString<PortalProposalFragment, unknown>;
export const ScheduleFieldsFragmentDoc = new TypedDocumentString(`
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}
    `, {"fragmentName":"ScheduleFields"}) as unknown as TypedDocumentString<ScheduleFieldsFragment, unknown>;
export const LineFieldsFragmentDoc = new TypedDocumentString(`
    fragment LineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  status
  schedule {
    ...ScheduleFields
  }
  remainingSchedule {
    ...ScheduleFields
  }
  confirmedQuantity
  confirmedLeadTimeDays
  slipped
  receivedQuantity
  openQuantity
  cancelledQuantity
  inTransitQuantity
  unshippedQuantity
  overDeliveredQuantity
  purchaseUnit
  purchaseUnitQuantity
  unitsPerPurchaseUnit
  rejectionReason
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}`, {"fragmentName":"LineFields"}) as unknown as TypedDocumentString<LineFieldsFragment, unknown>;
export const OrderFieldsFragmentDoc = new TypedDocumentString(`
    fragment OrderFields on PurchaseOrder {
  id
  number
  status
  version
  issuedAt
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    ...LineFields
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}
fragment LineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  status
  schedule {
    ...ScheduleFields
  }
  remainingSchedule {
    ...ScheduleFields
  }
  confirmedQuantity
  confirmedLeadTimeDays
  slipped
  receivedQuantity
  openQuantity
  cancelledQuantity
  inTransitQuantity
  unshippedQuantity
  overDeliveredQuantity
  purchaseUnit
  purchaseUnitQuantity
  unitsPerPurchaseUnit
  rejectionReason
}`, {"fragmentName":"OrderFields"}) as unknown as TypedDocumentString<OrderFieldsFragment, unknown>;
export const ProposalFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProposalFields on ReallocationProposal {
  id
  status
  sourceLine {
    id
    quantity
    cancelledQuantity
    openQuantity
    status
    slipped
    schedule {
      quantity
      deliveryDate
    }
    purchaseOrder {
      id
      number
      version
    }
  }
  shortfallQuantity
  neededBy
  reduceSourceBy
  moves {
    supplier {
      id
      name
    }
    quantity
    expectedDate
    unitCost
    purchaseOrderLine {
      id
      quantity
      requestedDate
      unitCost
      purchaseOrder {
        id
        number
        status
        supplier {
          id
        }
      }
    }
  }
  candidates {
    supplier {
      id
      name
    }
    verdict
    quantity
    expectedDate
    reason
  }
  uncoveredQuantity
  addedCost
  optimal
  createdAt
  decidedAt
  decidedBy
}
    `, {"fragmentName":"ProposalFields"}) as unknown as TypedDocumentString<ProposalFieldsFragment, unknown>;
export const RiskFieldsFragmentDoc = new TypedDocumentString(`
    fragment RiskFields on ShortageRisk {
  item {
    id
    sku
  }
  location {
    id
    code
  }
  level
  availableNow
  safetyStock
  projectedStockoutDate
  shortageQuantity
  daysOfCover
  revenueAtRisk
  computedAt
}
    `, {"fragmentName":"RiskFields"}) as unknown as TypedDocumentString<RiskFieldsFragment, unknown>;
export const ShipNoticeFieldsFragmentDoc = new TypedDocumentString(`
    fragment ShipNoticeFields on ShipNotice {
  id
  number
  status
  shippedOn
  expectedArrival
  carrier
  trackingNumber
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    quantity
    receivedQuantity
    purchaseOrderLine {
      id
      lineNumber
      status
      openQuantity
      inTransitQuantity
      receivedQuantity
      purchaseOrder {
        id
        number
      }
    }
  }
}
    `, {"fragmentName":"ShipNoticeFields"}) as unknown as TypedDocumentString<ShipNoticeFieldsFragment, unknown>;
export const SourcingRuleFieldsFragmentDoc = new TypedDocumentString(`
    fragment SourcingRuleFields on SourcingRule {
  id
  item {
    id
    sku
  }
  supplier {
    id
    name
  }
  priority
  quotedLeadTimeDays
  unitCost
  minOrderQuantity
  orderMultiple
  weeklyCapacity
  active
  purchaseUnit
  unitsPerPurchaseUnit
  overDeliveryTolerancePercent
}
    `, {"fragmentName":"SourcingRuleFields"}) as unknown as TypedDocumentString<SourcingRuleFieldsFragment, unknown>;
export const UserFieldsFragmentDoc = new TypedDocumentString(`
    fragment UserFields on User {
  id
  email
  role
  organization {
    id
    name
    kind
  }
}
    `, {"fragmentName":"UserFields"}) as unknown as TypedDocumentString<UserFieldsFragment, unknown>;
export const PartnershipFieldsFragmentDoc = new TypedDocumentString(`
    fragment PartnershipFields on Partnership {
  id
  status
  retailer {
    id
    name
    kind
  }
  supplier {
    id
    name
    kind
  }
}
    `, {"fragmentName":"PartnershipFields"}) as unknown as TypedDocumentString<PartnershipFieldsFragment, unknown>;
export const ApiKeyFieldsFragmentDoc = new TypedDocumentString(`
    fragment ApiKeyFields on ApiKey {
  id
  name
  scopes
  createdAt
  lastUsedAt
  revokedAt
}
    `, {"fragmentName":"ApiKeyFields"}) as unknown as TypedDocumentString<ApiKeyFieldsFragment, unknown>;
export const WebhookEndpointFieldsFragmentDoc = new TypedDocumentString(`
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  types
  active
  createdAt
  lastDeliveryAt
  lastError
}
    `, {"fragmentName":"WebhookEndpointFields"}) as unknown as TypedDocumentString<WebhookEndpointFieldsFragment, unknown>;
export const AlertsDocument = new TypedDocumentString(`
    query Alerts($types: [AlertType!], $after: String, $first: Int) {
  alerts(types: $types, after: $after, first: $first) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...AlertFields
      }
    }
  }
}
    fragment AlertFields on Alert {
  id
  cursor
  type
  createdAt
  message
  purchaseOrder {
    id
    number
  }
  purchaseOrderLine {
    id
    lineNumber
  }
  shipNotice {
    id
    number
    status
  }
  shortageRisk {
    level
    projectedStockoutDate
    shortageQuantity
    item {
      sku
    }
    location {
      code
    }
  }
}`) as unknown as TypedDocumentString<AlertsQuery, AlertsQueryVariables>;
export const AlertStreamDocument = new TypedDocumentString(`
    subscription AlertStream($types: [AlertType!], $after: String) {
  alerts(types: $types, after: $after) {
    ...AlertFields
  }
}
    fragment AlertFields on Alert {
  id
  cursor
  type
  createdAt
  message
  purchaseOrder {
    id
    number
  }
  purchaseOrderLine {
    id
    lineNumber
  }
  shipNotice {
    id
    number
    status
  }
  shortageRisk {
    level
    projectedStockoutDate
    shortageQuantity
    item {
      sku
    }
    location {
      code
    }
  }
}`) as unknown as TypedDocumentString<AlertStreamSubscription, AlertStreamSubscriptionVariables>;
export const CreateItemDocument = new TypedDocumentString(`
    mutation CreateItem($input: CreateItemInput!) {
  createItem(input: $input) {
    ...ItemFields
  }
}
    fragment ItemFields on Item {
  id
  sku
  name
  unitPrice
  unitOfMeasure
}`) as unknown as TypedDocumentString<CreateItemMutation, CreateItemMutationVariables>;
export const CreateLocationDocument = new TypedDocumentString(`
    mutation CreateLocation($input: CreateLocationInput!) {
  createLocation(input: $input) {
    ...LocationFields
  }
}
    fragment LocationFields on Location {
  id
  code
  name
}`) as unknown as TypedDocumentString<CreateLocationMutation, CreateLocationMutationVariables>;
export const ItemsDocument = new TypedDocumentString(`
    query Items($first: Int, $after: String) {
  items(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...ItemFields
      }
    }
  }
}
    fragment ItemFields on Item {
  id
  sku
  name
  unitPrice
  unitOfMeasure
}`) as unknown as TypedDocumentString<ItemsQuery, ItemsQueryVariables>;
export const ItemsPageDocument = new TypedDocumentString(`
    query ItemsPage($first: Int, $after: String) {
  items(first: $first, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...ItemFields
      }
    }
  }
}
    fragment ItemFields on Item {
  id
  sku
  name
  unitPrice
  unitOfMeasure
}`) as unknown as TypedDocumentString<ItemsPageQuery, ItemsPageQueryVariables>;
export const ItemDocument = new TypedDocumentString(`
    query Item($id: ID!) {
  item(id: $id) {
    ...ItemFields
  }
}
    fragment ItemFields on Item {
  id
  sku
  name
  unitPrice
  unitOfMeasure
}`) as unknown as TypedDocumentString<ItemQuery, ItemQueryVariables>;
export const LocationsDocument = new TypedDocumentString(`
    query Locations($first: Int, $after: ID) {
  locations(first: $first, after: $after) {
    ...LocationFields
  }
}
    fragment LocationFields on Location {
  id
  code
  name
}`) as unknown as TypedDocumentString<LocationsQuery, LocationsQueryVariables>;
export const LocationDocument = new TypedDocumentString(`
    query Location($id: ID!) {
  location(id: $id) {
    ...LocationFields
  }
}
    fragment LocationFields on Location {
  id
  code
  name
}`) as unknown as TypedDocumentString<LocationQuery, LocationQueryVariables>;
export const UpsertItemsDocument = new TypedDocumentString(`
    mutation UpsertItems($input: UpsertItemsInput!) {
  upsertItems(input: $input) {
    ...ItemFields
  }
}
    fragment ItemFields on Item {
  id
  sku
  name
  unitPrice
  unitOfMeasure
}`) as unknown as TypedDocumentString<UpsertItemsMutation, UpsertItemsMutationVariables>;
export const ChangePurchaseOrderLineDocument = new TypedDocumentString(`
    mutation ChangePurchaseOrderLine($input: ChangePurchaseOrderLineInput!) {
  changePurchaseOrderLine(input: $input) {
    ...ChangeLineFields
  }
}
    fragment ChangeLineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  proposedUnitCost
  acknowledgementRequired
  status
  slipped
  openQuantity
  receivedQuantity
  inTransitQuantity
  schedule {
    quantity
    deliveryDate
  }
  remainingSchedule {
    quantity
    deliveryDate
  }
  purchaseOrder {
    id
    number
    status
    version
  }
}`) as unknown as TypedDocumentString<ChangePurchaseOrderLineMutation, ChangePurchaseOrderLineMutationVariables>;
export const AcceptPriceChangeDocument = new TypedDocumentString(`
    mutation AcceptPriceChange($lineId: ID!) {
  acceptPriceChange(lineId: $lineId) {
    ...ChangeLineFields
  }
}
    fragment ChangeLineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  proposedUnitCost
  acknowledgementRequired
  status
  slipped
  openQuantity
  receivedQuantity
  inTransitQuantity
  schedule {
    quantity
    deliveryDate
  }
  remainingSchedule {
    quantity
    deliveryDate
  }
  purchaseOrder {
    id
    number
    status
    version
  }
}`) as unknown as TypedDocumentString<AcceptPriceChangeMutation, AcceptPriceChangeMutationVariables>;
export const RejectPriceChangeDocument = new TypedDocumentString(`
    mutation RejectPriceChange($lineId: ID!, $reason: String!) {
  rejectPriceChange(lineId: $lineId, reason: $reason) {
    ...ChangeLineFields
  }
}
    fragment ChangeLineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  proposedUnitCost
  acknowledgementRequired
  status
  slipped
  openQuantity
  receivedQuantity
  inTransitQuantity
  schedule {
    quantity
    deliveryDate
  }
  remainingSchedule {
    quantity
    deliveryDate
  }
  purchaseOrder {
    id
    number
    status
    version
  }
}`) as unknown as TypedDocumentString<RejectPriceChangeMutation, RejectPriceChangeMutationVariables>;
export const ConfirmLineWithPriceDocument = new TypedDocumentString(`
    mutation ConfirmLineWithPrice($input: ConfirmPurchaseOrderLineInput!) {
  confirmPurchaseOrderLine(input: $input) {
    ...ChangeLineFields
  }
}
    fragment ChangeLineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  proposedUnitCost
  acknowledgementRequired
  status
  slipped
  openQuantity
  receivedQuantity
  inTransitQuantity
  schedule {
    quantity
    deliveryDate
  }
  remainingSchedule {
    quantity
    deliveryDate
  }
  purchaseOrder {
    id
    number
    status
    version
  }
}`) as unknown as TypedDocumentString<ConfirmLineWithPriceMutation, ConfirmLineWithPriceMutationVariables>;
export const ConfirmLinesWithPriceDocument = new TypedDocumentString(`
    mutation ConfirmLinesWithPrice($input: ConfirmPurchaseOrderLinesInput!) {
  confirmPurchaseOrderLines(input: $input) {
    ...ChangeLineFields
  }
}
    fragment ChangeLineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  proposedUnitCost
  acknowledgementRequired
  status
  slipped
  openQuantity
  receivedQuantity
  inTransitQuantity
  schedule {
    quantity
    deliveryDate
  }
  remainingSchedule {
    quantity
    deliveryDate
  }
  purchaseOrder {
    id
    number
    status
    version
  }
}`) as unknown as TypedDocumentString<ConfirmLinesWithPriceMutation, ConfirmLinesWithPriceMutationVariables>;
export const OrderChangesDocument = new TypedDocumentString(`
    query OrderChanges($id: ID!) {
  purchaseOrder(id: $id) {
    id
    number
    version
    lines {
      ...ChangeLineFields
    }
    history {
      action
      details
      line {
        id
      }
    }
  }
}
    fragment ChangeLineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  proposedUnitCost
  acknowledgementRequired
  status
  slipped
  openQuantity
  receivedQuantity
  inTransitQuantity
  schedule {
    quantity
    deliveryDate
  }
  remainingSchedule {
    quantity
    deliveryDate
  }
  purchaseOrder {
    id
    number
    status
    version
  }
}`) as unknown as TypedDocumentString<OrderChangesQuery, OrderChangesQueryVariables>;
export const SetItemActiveDocument = new TypedDocumentString(`
    mutation SetItemActive($id: ID!, $active: Boolean!) {
  setItemActive(id: $id, active: $active) {
    id
    sku
    active
  }
}
    `) as unknown as TypedDocumentString<SetItemActiveMutation, SetItemActiveMutationVariables>;
export const SetLocationActiveDocument = new TypedDocumentString(`
    mutation SetLocationActive($id: ID!, $active: Boolean!) {
  setLocationActive(id: $id, active: $active) {
    id
    code
    active
    timeZone
  }
}
    `) as unknown as TypedDocumentString<SetLocationActiveMutation, SetLocationActiveMutationVariables>;
export const SetOrganizationTimeZoneDocument = new TypedDocumentString(`
    mutation SetOrganizationTimeZone($timeZone: String!) {
  setOrganizationTimeZone(timeZone: $timeZone) {
    id
    timeZone
  }
}
    `) as unknown as TypedDocumentString<SetOrganizationTimeZoneMutation, SetOrganizationTimeZoneMutationVariables>;
export const LocationZoneDocument = new TypedDocumentString(`
    query LocationZone($id: ID!) {
  location(id: $id) {
    id
    code
    timeZone
    active
  }
}
    `) as unknown as TypedDocumentString<LocationZoneQuery, LocationZoneQueryVariables>;
export const MyOrganizationDocument = new TypedDocumentString(`
    query MyOrganization {
  me {
    organization {
      id
      name
      timeZone
    }
  }
}
    `) as unknown as TypedDocumentString<MyOrganizationQuery, MyOrganizationQueryVariables>;
export const RiskListDocument = new TypedDocumentString(`
    query RiskList($filter: ShortageRiskFilter) {
  shortageRisks(filter: $filter, first: 100) {
    edges {
      node {
        item {
          id
          sku
          active
        }
        location {
          id
          code
          active
        }
        level
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RiskListQuery, RiskListQueryVariables>;
export const PortalChangedLinesDocument = new TypedDocumentString(`
    query PortalChangedLines {
  purchaseOrders(first: 100) {
    edges {
      node {
        id
        number
        status
        version
        retailer {
          name
        }
        supplier {
          name
        }
        lines {
          ...ChangeLineFields
        }
      }
    }
  }
}
    fragment ChangeLineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  proposedUnitCost
  acknowledgementRequired
  status
  slipped
  openQuantity
  receivedQuantity
  inTransitQuantity
  schedule {
    quantity
    deliveryDate
  }
  remainingSchedule {
    quantity
    deliveryDate
  }
  purchaseOrder {
    id
    number
    status
    version
  }
}`) as unknown as TypedDocumentString<PortalChangedLinesQuery, PortalChangedLinesQueryVariables>;
export const PortalLineChangesDocument = new TypedDocumentString(`
    query PortalLineChanges($id: ID!) {
  purchaseOrder(id: $id) {
    id
    history(first: 500) {
      action
      details
      line {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PortalLineChangesQuery, PortalLineChangesQueryVariables>;
export const RecordSalesDocument = new TypedDocumentString(`
    mutation RecordSales($input: RecordSalesInput!) {
  recordSales(input: $input)
}
    `) as unknown as TypedDocumentString<RecordSalesMutation, RecordSalesMutationVariables>;
export const SalesDocument = new TypedDocumentString(`
    query Sales($itemId: ID, $locationId: ID, $from: Date, $to: Date, $first: Int, $after: String) {
  sales(
    itemId: $itemId
    locationId: $locationId
    from: $from
    to: $to
    first: $first
    after: $after
  ) {
    totalCount
    edges {
      cursor
      node {
        date
        quantity
        item {
          id
          sku
        }
        location {
          id
          code
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<SalesQuery, SalesQueryVariables>;
export const PreviewForecastDocument = new TypedDocumentString(`
    query PreviewForecast($itemId: ID!, $locationId: ID!, $horizonWeeks: Int, $method: ForecastMethod) {
  previewForecast(
    itemId: $itemId
    locationId: $locationId
    horizonWeeks: $horizonWeeks
    method: $method
  ) {
    item {
      id
      sku
      name
    }
    location {
      id
      code
      name
    }
    method
    holdoutWape
    history {
      periodStart
      quantity
    }
    forecast {
      periodStart
      quantity
    }
  }
}
    `) as unknown as TypedDocumentString<PreviewForecastQuery, PreviewForecastQueryVariables>;
export const GenerateForecastDocument = new TypedDocumentString(`
    mutation GenerateForecast($input: GenerateForecastInput!) {
  generateForecast(input: $input) {
    id
    version
    scope
    lineCount
    positionsDropped
    publishedAt
  }
}
    `) as unknown as TypedDocumentString<GenerateForecastMutation, GenerateForecastMutationVariables>;
export const ForecastAccuracyDocument = new TypedDocumentString(`
    query ForecastAccuracy($from: Date!, $to: Date!, $groupBy: KpiGroup, $first: Int, $after: ID) {
  forecastAccuracy(
    from: $from
    to: $to
    groupBy: $groupBy
    first: $first
    after: $after
  ) {
    key
    label
    wape
    bias
    days
    actualQuantity
    forecastQuantity
  }
}
    `) as unknown as TypedDocumentString<ForecastAccuracyQuery, ForecastAccuracyQueryVariables>;
export const ForecastWithMethodsDocument = new TypedDocumentString(`
    query ForecastWithMethods($itemId: ID, $locationId: ID, $first: Int, $after: String) {
  forecast(itemId: $itemId, locationId: $locationId, first: $first, after: $after) {
    totalCount
    edges {
      node {
        periodStart
        periodDays
        quantity
        version
        method
        item {
          id
        }
        location {
          id
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ForecastWithMethodsQuery, ForecastWithMethodsQueryVariables>;
export const CommitForecastDocument = new TypedDocumentString(`
    mutation CommitForecast($input: CommitForecastInput!) {
  commitForecast(input: $input) {
    ...ForecastCommitFields
  }
}
    fragment ForecastCommitFields on ForecastCommit {
  id
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  item {
    id
    sku
  }
  location {
    id
    code
  }
  forecastVersion
  periodStart
  periodDays
  forecastQuantity
  committedQuantity
  committedAt
  exception
}`) as unknown as TypedDocumentString<CommitForecastMutation, CommitForecastMutationVariables>;
export const ForecastCommitsDocument = new TypedDocumentString(`
    query ForecastCommits($supplierId: ID, $retailerId: ID, $itemId: ID, $locationId: ID, $exceptionsOnly: Boolean, $first: Int, $after: String) {
  forecastCommits(
    supplierId: $supplierId
    retailerId: $retailerId
    itemId: $itemId
    locationId: $locationId
    exceptionsOnly: $exceptionsOnly
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...ForecastCommitFields
      }
    }
  }
}
    fragment ForecastCommitFields on ForecastCommit {
  id
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  item {
    id
    sku
  }
  location {
    id
    code
  }
  forecastVersion
  periodStart
  periodDays
  forecastQuantity
  committedQuantity
  committedAt
  exception
}`) as unknown as TypedDocumentString<ForecastCommitsQuery, ForecastCommitsQueryVariables>;
export const ForecastCommitAlertsDocument = new TypedDocumentString(`
    query ForecastCommitAlerts($after: String) {
  alerts(types: [FORECAST_COMMIT_EXCEPTION], after: $after) {
    edges {
      node {
        type
        message
        forecastCommit {
          ...ForecastCommitFields
        }
      }
    }
  }
}
    fragment ForecastCommitFields on ForecastCommit {
  id
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  item {
    id
    sku
  }
  location {
    id
    code
  }
  forecastVersion
  periodStart
  periodDays
  forecastQuantity
  committedQuantity
  committedAt
  exception
}`) as unknown as TypedDocumentString<ForecastCommitAlertsQuery, ForecastCommitAlertsQueryVariables>;
export const PublishForecastDocument = new TypedDocumentString(`
    mutation PublishForecast($input: PublishForecastInput!) {
  publishForecast(input: $input) {
    id
    version
    publishedAt
    lineCount
    scope
    positionsDropped
  }
}
    `) as unknown as TypedDocumentString<PublishForecastMutation, PublishForecastMutationVariables>;
export const ForecastDocument = new TypedDocumentString(`
    query Forecast($itemId: ID, $locationId: ID, $from: Date, $to: Date, $first: Int, $after: String) {
  forecast(
    itemId: $itemId
    locationId: $locationId
    from: $from
    to: $to
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        item {
          id
          sku
        }
        location {
          id
          code
        }
        periodStart
        periodDays
        quantity
        version
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ForecastQuery, ForecastQueryVariables>;
export const ForecastVersionsDocument = new TypedDocumentString(`
    query ForecastVersions($first: Int, $after: ID) {
  forecastVersions(first: $first, after: $after) {
    id
    version
    publishedAt
    lineCount
    scope
    positionsDropped
  }
}
    `) as unknown as TypedDocumentString<ForecastVersionsQuery, ForecastVersionsQueryVariables>;
export const UpsertInventoryDocument = new TypedDocumentString(`
    mutation UpsertInventory($input: UpsertInventoryInput!) {
  upsertInventory(input: $input) {
    ...InventoryPositionFields
  }
}
    fragment InventoryPositionFields on InventoryPosition {
  item {
    id
    sku
  }
  location {
    id
    code
  }
  onHand
  reserved
  qualityHold
  available
  asOf
}`) as unknown as TypedDocumentString<UpsertInventoryMutation, UpsertInventoryMutationVariables>;
export const UpsertInventoryCompactDocument = new TypedDocumentString(`
    mutation UpsertInventoryCompact($input: UpsertInventoryInput!) {
  upsertInventory(input: $input) {
    onHand
  }
}
    `) as unknown as TypedDocumentString<UpsertInventoryCompactMutation, UpsertInventoryCompactMutationVariables>;
export const InventoryDocument = new TypedDocumentString(`
    query Inventory($locationId: ID, $itemId: ID, $first: Int, $after: String) {
  inventory(
    locationId: $locationId
    itemId: $itemId
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...InventoryPositionFields
      }
    }
  }
}
    fragment InventoryPositionFields on InventoryPosition {
  item {
    id
    sku
  }
  location {
    id
    code
  }
  onHand
  reserved
  qualityHold
  available
  asOf
}`) as unknown as TypedDocumentString<InventoryQuery, InventoryQueryVariables>;
export const InventoryPageDocument = new TypedDocumentString(`
    query InventoryPage($first: Int, $after: String) {
  inventory(first: $first, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        onHand
        available
        item {
          sku
        }
        location {
          code
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<InventoryPageQuery, InventoryPageQueryVariables>;
export const SetSafetyStockDocument = new TypedDocumentString(`
    mutation SetSafetyStock($input: SetSafetyStockInput!) {
  setSafetyStock(input: $input) {
    ...ShortageRiskFields
  }
}
    fragment ShortageRiskFields on ShortageRisk {
  item {
    id
    sku
  }
  location {
    id
    code
  }
  level
  availableNow
  safetyStock
  projectedStockoutDate
  shortageQuantity
  daysOfCover
  revenueAtRisk
  computedAt
}`) as unknown as TypedDocumentString<SetSafetyStockMutation, SetSafetyStockMutationVariables>;
export const KpisDocument = new TypedDocumentString(`
    query Kpis($from: Date!, $to: Date!, $groupBy: KpiGroup, $first: Int, $after: ID) {
  kpis(from: $from, to: $to, groupBy: $groupBy, first: $first, after: $after) {
    key
    label
    fillRate
    onTimeInFullRate
    confirmationLatencyHours
    stockoutDays
    positionDays
    revenueAtRisk
  }
}
    `) as unknown as TypedDocumentString<KpisQuery, KpisQueryVariables>;
export const RiskTrendDocument = new TypedDocumentString(`
    query RiskTrend($from: Date!, $to: Date!) {
  riskTrend(from: $from, to: $to) {
    date
    stockoutPositions
    atRiskPositions
    revenueAtRisk
  }
}
    `) as unknown as TypedDocumentString<RiskTrendQuery, RiskTrendQueryVariables>;
export const LeadTimeStatsDocument = new TypedDocumentString(`
    query LeadTimeStats($supplierId: ID!, $itemId: ID!) {
  leadTimeStats(supplierId: $supplierId, itemId: $itemId) {
    supplier {
      id
      name
    }
    item {
      id
      sku
    }
    quotedLeadTimeDays
    confirmedCount
    confirmedMeanDays
    confirmedP90Days
    actualCount
    actualMeanDays
    actualP90Days
    onTimeInFullRate
  }
}
    `) as unknown as TypedDocumentString<LeadTimeStatsQuery, LeadTimeStatsQueryVariables>;
export const NodeDocument = new TypedDocumentString(`
    query Node($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Organization {
      name
      kind
    }
    ... on Item {
      sku
    }
    ... on Location {
      code
    }
    ... on PurchaseOrder {
      number
      status
    }
    ... on PurchaseOrderLine {
      lineNumber
      quantity
    }
    ... on ShortageRisk {
      level
      shortageQuantity
      item {
        id
      }
      location {
        id
      }
    }
    ... on InventoryPosition {
      onHand
    }
    ... on Alert {
      type
      cursor
    }
    ... on ForecastCommit {
      forecastQuantity
      committedQuantity
      supplier {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<NodeQuery, NodeQueryVariables>;
export const PortalOrderListDocument = new TypedDocumentString(`
    query PortalOrderList($filter: PurchaseOrderFilter, $first: Int!, $after: String) {
  purchaseOrders(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        number
        status
        issuedAt
        version
        retailer {
          id
          name
        }
        supplier {
          id
          name
        }
        shipTo {
          id
          code
          name
        }
        lines {
          id
          lineNumber
          quantity
          requestedDate
          unitCost
          status
          slipped
          openQuantity
          inTransitQuantity
          receivedQuantity
          purchaseUnit
          unitsPerPurchaseUnit
          item {
            id
            sku
            name
            unitOfMeasure
          }
          remainingSchedule {
            quantity
            deliveryDate
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PortalOrderListQuery, PortalOrderListQueryVariables>;
export const PortalOrderDocument = new TypedDocumentString(`
    query PortalOrder($id: ID!) {
  purchaseOrder(id: $id) {
    id
    number
    status
    issuedAt
    version
    retailer {
      id
      name
    }
    supplier {
      id
      name
    }
    shipTo {
      id
      code
      name
    }
    lines {
      id
      lineNumber
      quantity
      requestedDate
      unitCost
      status
      slipped
      confirmedQuantity
      openQuantity
      cancelledQuantity
      inTransitQuantity
      unshippedQuantity
      receivedQuantity
      purchaseUnit
      purchaseUnitQuantity
      unitsPerPurchaseUnit
      item {
        id
        sku
        name
        unitOfMeasure
      }
      schedule {
        quantity
        deliveryDate
      }
      remainingSchedule {
        quantity
        deliveryDate
      }
      shipNoticeLines {
        quantity
        receivedQuantity
        shipNotice {
          id
          number
          status
          shippedOn
          expectedArrival
          carrier
          trackingNumber
        }
      }
    }
    history {
      at
      actor
      action
      details
      line {
        id
        lineNumber
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PortalOrderQuery, PortalOrderQueryVariables>;
export const PortalAcknowledgeOrderDocument = new TypedDocumentString(`
    mutation PortalAcknowledgeOrder($input: AcknowledgePurchaseOrderInput!) {
  acknowledgePurchaseOrder(input: $input) {
    id
    number
    status
    version
    lines {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<PortalAcknowledgeOrderMutation, PortalAcknowledgeOrderMutationVariables>;
export const PortalFilterChoicesDocument = new TypedDocumentString(`
    query PortalFilterChoices {
  partnerships {
    id
    status
    retailer {
      id
      name
    }
    supplier {
      id
      name
    }
  }
  locations(first: 500) {
    id
    code
    name
  }
}
    `) as unknown as TypedDocumentString<PortalFilterChoicesQuery, PortalFilterChoicesQueryVariables>;
export const PortalRiskListDocument = new TypedDocumentString(`
    query PortalRiskList($filter: ShortageRiskFilter, $after: String) {
  shortageRisks(filter: $filter, first: 500, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        item {
          id
          sku
          name
          unitOfMeasure
        }
        location {
          id
          code
          name
        }
        level
        availableNow
        safetyStock
        projectedStockoutDate
        shortageQuantity
        daysOfCover
        revenueAtRisk
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PortalRiskListQuery, PortalRiskListQueryVariables>;
export const PortalRiskDocument = new TypedDocumentString(`
    query PortalRisk($itemId: ID!, $locationId: ID!) {
  shortageRisks(filter: {itemId: $itemId, locationId: $locationId}, first: 1) {
    edges {
      node {
        item {
          id
          sku
          name
          unitOfMeasure
        }
        location {
          id
          code
          name
        }
        level
        availableNow
        safetyStock
        projectedStockoutDate
        shortageQuantity
        daysOfCover
        revenueAtRisk
        computedAt
      }
    }
  }
  projectedInventory(itemId: $itemId, locationId: $locationId) {
    date
    demand
    inbound
    projectedAvailable
  }
  purchaseOrders(
    filter: {itemId: $itemId, shipToId: $locationId, statuses: [ISSUED, PARTIALLY_CONFIRMED, CONFIRMED, REJECTED, PARTIALLY_RECEIVED]}
    first: 100
  ) {
    edges {
      node {
        id
        number
        status
        supplier {
          id
          name
        }
        lines {
          id
          lineNumber
          quantity
          requestedDate
          unitCost
          status
          slipped
          openQuantity
          inTransitQuantity
          receivedQuantity
          item {
            id
            unitOfMeasure
          }
          schedule {
            quantity
            deliveryDate
          }
          remainingSchedule {
            quantity
            deliveryDate
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PortalRiskQuery, PortalRiskQueryVariables>;
export const PortalProposalsDocument = new TypedDocumentString(`
    query PortalProposals($itemId: ID!, $locationId: ID!, $after: String) {
  reallocationProposals(
    itemId: $itemId
    locationId: $locationId
    first: 50
    after: $after
  ) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...PortalProposal
      }
    }
  }
}
    fragment PortalProposal on ReallocationProposal {
  id
  status
  sourceLine {
    id
    lineNumber
    item {
      id
      sku
      unitOfMeasure
    }
    purchaseOrder {
      id
      number
      shipTo {
        id
        code
      }
      supplier {
        id
        name
      }
    }
  }
  shortfallQuantity
  neededBy
  reduceSourceBy
  moves {
    supplier {
      id
      name
    }
    quantity
    expectedDate
    unitCost
    purchaseOrderLine {
      id
      purchaseOrder {
        id
        number
      }
    }
  }
  candidates {
    supplier {
      id
      name
    }
    verdict
    quantity
    expectedDate
    reason
  }
  uncoveredQuantity
  addedCost
  createdAt
}`) as unknown as TypedDocumentString<PortalProposalsQuery, PortalProposalsQueryVariables>;
export const PortalProposeReallocationDocument = new TypedDocumentString(`
    mutation PortalProposeReallocation($lineId: ID!) {
  proposeReallocation(lineId: $lineId) {
    ...PortalProposal
  }
}
    fragment PortalProposal on ReallocationProposal {
  id
  status
  sourceLine {
    id
    lineNumber
    item {
      id
      sku
      unitOfMeasure
    }
    purchaseOrder {
      id
      number
      shipTo {
        id
        code
      }
      supplier {
        id
        name
      }
    }
  }
  shortfallQuantity
  neededBy
  reduceSourceBy
  moves {
    supplier {
      id
      name
    }
    quantity
    expectedDate
    unitCost
    purchaseOrderLine {
      id
      purchaseOrder {
        id
        number
      }
    }
  }
  candidates {
    supplier {
      id
      name
    }
    verdict
    quantity
    expectedDate
    reason
  }
  uncoveredQuantity
  addedCost
  createdAt
}`) as unknown as TypedDocumentString<PortalProposeReallocationMutation, PortalProposeReallocationMutationVariables>;
export const PortalApplyReallocationDocument = new TypedDocumentString(`
    mutation PortalApplyReallocation($id: ID!) {
  applyReallocation(id: $id) {
    ...PortalProposal
  }
}
    fragment PortalProposal on ReallocationProposal {
  id
  status
  sourceLine {
    id
    lineNumber
    item {
      id
      sku
      unitOfMeasure
    }
    purchaseOrder {
      id
      number
      shipTo {
        id
        code
      }
      supplier {
        id
        name
      }
    }
  }
  shortfallQuantity
  neededBy
  reduceSourceBy
  moves {
    supplier {
      id
      name
    }
    quantity
    expectedDate
    unitCost
    purchaseOrderLine {
      id
      purchaseOrder {
        id
        number
      }
    }
  }
  candidates {
    supplier {
      id
      name
    }
    verdict
    quantity
    expectedDate
    reason
  }
  uncoveredQuantity
  addedCost
  createdAt
}`) as unknown as TypedDocumentString<PortalApplyReallocationMutation, PortalApplyReallocationMutationVariables>;
export const PortalDismissReallocationDocument = new TypedDocumentString(`
    mutation PortalDismissReallocation($id: ID!) {
  dismissReallocation(id: $id) {
    ...PortalProposal
  }
}
    fragment PortalProposal on ReallocationProposal {
  id
  status
  sourceLine {
    id
    lineNumber
    item {
      id
      sku
      unitOfMeasure
    }
    purchaseOrder {
      id
      number
      shipTo {
        id
        code
      }
      supplier {
        id
        name
      }
    }
  }
  shortfallQuantity
  neededBy
  reduceSourceBy
  moves {
    supplier {
      id
      name
    }
    quantity
    expectedDate
    unitCost
    purchaseOrderLine {
      id
      purchaseOrder {
        id
        number
      }
    }
  }
  candidates {
    supplier {
      id
      name
    }
    verdict
    quantity
    expectedDate
    reason
  }
  uncoveredQuantity
  addedCost
  createdAt
}`) as unknown as TypedDocumentString<PortalDismissReallocationMutation, PortalDismissReallocationMutationVariables>;
export const PortalMeDocument = new TypedDocumentString(`
    query PortalMe {
  me {
    id
    email
    role
    organization {
      id
      name
      kind
      timeZone
    }
  }
}
    `) as unknown as TypedDocumentString<PortalMeQuery, PortalMeQueryVariables>;
export const PortalOpenOrdersDocument = new TypedDocumentString(`
    query PortalOpenOrders {
  purchaseOrders(
    filter: {statuses: [ISSUED, PARTIALLY_CONFIRMED, CONFIRMED, REJECTED, PARTIALLY_RECEIVED]}
    first: 100
  ) {
    edges {
      node {
        id
        number
        issuedAt
        version
        retailer {
          id
          name
        }
        shipTo {
          id
          code
          name
        }
        lines {
          id
          lineNumber
          quantity
          requestedDate
          unitCost
          status
          slipped
          receivedQuantity
          openQuantity
          inTransitQuantity
          unshippedQuantity
          purchaseUnit
          purchaseUnitQuantity
          unitsPerPurchaseUnit
          remainingSchedule {
            quantity
            deliveryDate
          }
          item {
            id
            sku
            name
            unitOfMeasure
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PortalOpenOrdersQuery, PortalOpenOrdersQueryVariables>;
export const PortalShipNoticesDocument = new TypedDocumentString(`
    query PortalShipNotices {
  shipNotices(first: 50) {
    edges {
      node {
        id
        number
        status
        shippedOn
        expectedArrival
        carrier
        trackingNumber
        retailer {
          id
          name
        }
        shipTo {
          id
          code
        }
        lines {
          quantity
          receivedQuantity
          purchaseOrderLine {
            id
            lineNumber
            purchaseUnit
            unitsPerPurchaseUnit
            item {
              sku
              unitOfMeasure
            }
            purchaseOrder {
              id
              number
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PortalShipNoticesQuery, PortalShipNoticesQueryVariables>;
export const PortalForecastVersionsDocument = new TypedDocumentString(`
    query PortalForecastVersions {
  forecastVersions(first: 5) {
    id
    version
    publishedAt
    lineCount
    scope
    positionsDropped
  }
}
    `) as unknown as TypedDocumentString<PortalForecastVersionsQuery, PortalForecastVersionsQueryVariables>;
export const PortalForecastDocument = new TypedDocumentString(`
    query PortalForecast($from: Date!, $to: Date!, $after: String) {
  forecast(from: $from, to: $to, first: 500, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        item {
          id
          sku
          name
          unitOfMeasure
        }
        location {
          id
          code
        }
        periodStart
        periodDays
        quantity
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PortalForecastQuery, PortalForecastQueryVariables>;
export const PortalSourcedItemsDocument = new TypedDocumentString(`
    query PortalSourcedItems($after: ID) {
  sourcingRules(first: 500, after: $after) {
    id
    item {
      id
      sku
      name
    }
    quotedLeadTimeDays
  }
}
    `) as unknown as TypedDocumentString<PortalSourcedItemsQuery, PortalSourcedItemsQueryVariables>;
export const PortalLeadTimesDocument = new TypedDocumentString(`
    query PortalLeadTimes($supplierId: ID!, $itemId: ID!) {
  leadTimeStats(supplierId: $supplierId, itemId: $itemId) {
    item {
      id
      sku
      name
    }
    quotedLeadTimeDays
    confirmedCount
    confirmedMeanDays
    confirmedP90Days
    actualCount
    actualMeanDays
    onTimeInFullRate
  }
}
    `) as unknown as TypedDocumentString<PortalLeadTimesQuery, PortalLeadTimesQueryVariables>;
export const PortalAlertCursorDocument = new TypedDocumentString(`
    query PortalAlertCursor {
  alertCursor
}
    `) as unknown as TypedDocumentString<PortalAlertCursorQuery, PortalAlertCursorQueryVariables>;
export const PortalAlertsDocument = new TypedDocumentString(`
    subscription PortalAlerts($after: String) {
  alerts(after: $after) {
    cursor
    type
    message
    createdAt
  }
}
    `) as unknown as TypedDocumentString<PortalAlertsSubscription, PortalAlertsSubscriptionVariables>;
export const PortalRisksDocument = new TypedDocumentString(`
    query PortalRisks {
  shortageRisks(first: 100) {
    edges {
      node {
        item {
          id
          sku
          name
        }
        location {
          id
          code
          name
        }
        level
        availableNow
        safetyStock
        projectedStockoutDate
        shortageQuantity
        daysOfCover
        revenueAtRisk
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PortalRisksQuery, PortalRisksQueryVariables>;
export const PortalProjectionDocument = new TypedDocumentString(`
    query PortalProjection($itemId: ID!, $locationId: ID!) {
  projectedInventory(itemId: $itemId, locationId: $locationId) {
    date
    demand
    inbound
    projectedAvailable
  }
}
    `) as unknown as TypedDocumentString<PortalProjectionQuery, PortalProjectionQueryVariables>;
export const PortalForecastCommitsDocument = new TypedDocumentString(`
    query PortalForecastCommits($after: String) {
  forecastCommits(first: 500, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        retailer {
          id
          name
        }
        item {
          id
          sku
          name
        }
        location {
          id
          code
        }
        forecastVersion
        periodStart
        periodDays
        forecastQuantity
        committedQuantity
        exception
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PortalForecastCommitsQuery, PortalForecastCommitsQueryVariables>;
export const PortalCommitRulesDocument = new TypedDocumentString(`
    query PortalCommitRules {
  partnerships {
    id
    retailer {
      id
    }
    status
    rules {
      commitTolerancePercent
      commitDueDays
    }
  }
}
    `) as unknown as TypedDocumentString<PortalCommitRulesQuery, PortalCommitRulesQueryVariables>;
export const PortalCommitForecastDocument = new TypedDocumentString(`
    mutation PortalCommitForecast($input: CommitForecastInput!) {
  commitForecast(input: $input) {
    id
    committedQuantity
    exception
  }
}
    `) as unknown as TypedDocumentString<PortalCommitForecastMutation, PortalCommitForecastMutationVariables>;
export const PortalKpisDocument = new TypedDocumentString(`
    query PortalKpis($from: Date!, $to: Date!) {
  kpis(from: $from, to: $to, groupBy: ALL) {
    key
    fillRate
    onTimeInFullRate
    confirmationLatencyHours
    stockoutDays
    positionDays
    revenueAtRisk
  }
  riskTrend(from: $from, to: $to) {
    date
    stockoutPositions
    atRiskPositions
    revenueAtRisk
  }
}
    `) as unknown as TypedDocumentString<PortalKpisQuery, PortalKpisQueryVariables>;
export const PortalCommitExceptionsDocument = new TypedDocumentString(`
    query PortalCommitExceptions {
  forecastCommits(exceptionsOnly: true, first: 100) {
    pageInfo {
      hasNextPage
    }
    edges {
      node {
        id
        supplier {
          id
          name
        }
        item {
          id
          sku
          name
          unitOfMeasure
        }
        location {
          id
          code
        }
        forecastVersion
        periodStart
        periodDays
        forecastQuantity
        committedQuantity
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PortalCommitExceptionsQuery, PortalCommitExceptionsQueryVariables>;
export const PortalWhatIfSourcesDocument = new TypedDocumentString(`
    query PortalWhatIfSources {
  purchaseOrders(
    filter: {statuses: [ISSUED, PARTIALLY_CONFIRMED, CONFIRMED, PARTIALLY_RECEIVED]}
    first: 100
  ) {
    edges {
      node {
        id
        number
        supplier {
          id
          name
        }
        shipTo {
          id
          code
        }
        lines {
          id
          lineNumber
          quantity
          requestedDate
          slipped
          openQuantity
          inTransitQuantity
          unshippedQuantity
          item {
            id
            sku
            name
            unitOfMeasure
          }
          remainingSchedule {
            quantity
            deliveryDate
          }
        }
      }
    }
  }
  partnerships {
    id
    status
    supplier {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<PortalWhatIfSourcesQuery, PortalWhatIfSourcesQueryVariables>;
export const PortalSimulateDocument = new TypedDocumentString(`
    query PortalSimulate($input: SimulateInput!) {
  simulate(input: $input) {
    positionCount
    changeCount
    revenueAtRiskBefore
    revenueAtRiskAfter
    changes {
      item {
        id
        sku
        name
        unitOfMeasure
      }
      location {
        id
        code
      }
      levelBefore
      levelAfter
      stockoutDateBefore
      stockoutDateAfter
      shortageBefore
      shortageAfter
      revenueAtRiskBefore
      revenueAtRiskAfter
    }
    plans {
      sourceLine {
        id
        lineNumber
        purchaseOrder {
          id
          number
        }
        item {
          sku
        }
      }
      neededBy
      shortfallQuantity
      uncoveredQuantity
      addedCost
      optimal
      moves {
        supplier {
          id
          name
        }
        quantity
        expectedDate
        unitCost
      }
      candidates {
        supplier {
          id
          name
        }
        verdict
        reason
        quantity
        expectedDate
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PortalSimulateQuery, PortalSimulateQueryVariables>;
export const PortalPreviewForecastDocument = new TypedDocumentString(`
    query PortalPreviewForecast($itemId: ID!, $locationId: ID!, $horizonWeeks: Int, $method: ForecastMethod) {
  previewForecast(
    itemId: $itemId
    locationId: $locationId
    horizonWeeks: $horizonWeeks
    method: $method
  ) {
    method
    holdoutWape
    history {
      periodStart
      quantity
    }
    forecast {
      periodStart
      quantity
    }
  }
}
    `) as unknown as TypedDocumentString<PortalPreviewForecastQuery, PortalPreviewForecastQueryVariables>;
export const PortalGenerateForecastDocument = new TypedDocumentString(`
    mutation PortalGenerateForecast($input: GenerateForecastInput!) {
  generateForecast(input: $input) {
    id
    version
    scope
    lineCount
    positionsDropped
  }
}
    `) as unknown as TypedDocumentString<PortalGenerateForecastMutation, PortalGenerateForecastMutationVariables>;
export const PortalForecastAccuracyDocument = new TypedDocumentString(`
    query PortalForecastAccuracy($from: Date!, $to: Date!, $groupBy: KpiGroup) {
  forecastAccuracy(from: $from, to: $to, groupBy: $groupBy) {
    key
    label
    wape
    bias
    days
    actualQuantity
    forecastQuantity
  }
}
    `) as unknown as TypedDocumentString<PortalForecastAccuracyQuery, PortalForecastAccuracyQueryVariables>;
export const CreatePurchaseOrderDocument = new TypedDocumentString(`
    mutation CreatePurchaseOrder($input: CreatePurchaseOrderInput!) {
  createPurchaseOrder(input: $input) {
    ...OrderFields
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}
fragment LineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  status
  schedule {
    ...ScheduleFields
  }
  remainingSchedule {
    ...ScheduleFields
  }
  confirmedQuantity
  confirmedLeadTimeDays
  slipped
  receivedQuantity
  openQuantity
  cancelledQuantity
  inTransitQuantity
  unshippedQuantity
  overDeliveredQuantity
  purchaseUnit
  purchaseUnitQuantity
  unitsPerPurchaseUnit
  rejectionReason
}
fragment OrderFields on PurchaseOrder {
  id
  number
  status
  version
  issuedAt
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    ...LineFields
  }
}`) as unknown as TypedDocumentString<CreatePurchaseOrderMutation, CreatePurchaseOrderMutationVariables>;
export const IssuePurchaseOrderDocument = new TypedDocumentString(`
    mutation IssuePurchaseOrder($id: ID!) {
  issuePurchaseOrder(id: $id) {
    ...OrderFields
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}
fragment LineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  status
  schedule {
    ...ScheduleFields
  }
  remainingSchedule {
    ...ScheduleFields
  }
  confirmedQuantity
  confirmedLeadTimeDays
  slipped
  receivedQuantity
  openQuantity
  cancelledQuantity
  inTransitQuantity
  unshippedQuantity
  overDeliveredQuantity
  purchaseUnit
  purchaseUnitQuantity
  unitsPerPurchaseUnit
  rejectionReason
}
fragment OrderFields on PurchaseOrder {
  id
  number
  status
  version
  issuedAt
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    ...LineFields
  }
}`) as unknown as TypedDocumentString<IssuePurchaseOrderMutation, IssuePurchaseOrderMutationVariables>;
export const CancelPurchaseOrderDocument = new TypedDocumentString(`
    mutation CancelPurchaseOrder($id: ID!) {
  cancelPurchaseOrder(id: $id) {
    ...OrderFields
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}
fragment LineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  status
  schedule {
    ...ScheduleFields
  }
  remainingSchedule {
    ...ScheduleFields
  }
  confirmedQuantity
  confirmedLeadTimeDays
  slipped
  receivedQuantity
  openQuantity
  cancelledQuantity
  inTransitQuantity
  unshippedQuantity
  overDeliveredQuantity
  purchaseUnit
  purchaseUnitQuantity
  unitsPerPurchaseUnit
  rejectionReason
}
fragment OrderFields on PurchaseOrder {
  id
  number
  status
  version
  issuedAt
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    ...LineFields
  }
}`) as unknown as TypedDocumentString<CancelPurchaseOrderMutation, CancelPurchaseOrderMutationVariables>;
export const ClosePurchaseOrderDocument = new TypedDocumentString(`
    mutation ClosePurchaseOrder($id: ID!) {
  closePurchaseOrder(id: $id) {
    ...OrderFields
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}
fragment LineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  status
  schedule {
    ...ScheduleFields
  }
  remainingSchedule {
    ...ScheduleFields
  }
  confirmedQuantity
  confirmedLeadTimeDays
  slipped
  receivedQuantity
  openQuantity
  cancelledQuantity
  inTransitQuantity
  unshippedQuantity
  overDeliveredQuantity
  purchaseUnit
  purchaseUnitQuantity
  unitsPerPurchaseUnit
  rejectionReason
}
fragment OrderFields on PurchaseOrder {
  id
  number
  status
  version
  issuedAt
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    ...LineFields
  }
}`) as unknown as TypedDocumentString<ClosePurchaseOrderMutation, ClosePurchaseOrderMutationVariables>;
export const PurchaseOrderDocument = new TypedDocumentString(`
    query PurchaseOrder($id: ID!) {
  purchaseOrder(id: $id) {
    ...OrderFields
    history {
      at
      actor
      action
      details
      line {
        id
        lineNumber
      }
      cursor
    }
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}
fragment LineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  status
  schedule {
    ...ScheduleFields
  }
  remainingSchedule {
    ...ScheduleFields
  }
  confirmedQuantity
  confirmedLeadTimeDays
  slipped
  receivedQuantity
  openQuantity
  cancelledQuantity
  inTransitQuantity
  unshippedQuantity
  overDeliveredQuantity
  purchaseUnit
  purchaseUnitQuantity
  unitsPerPurchaseUnit
  rejectionReason
}
fragment OrderFields on PurchaseOrder {
  id
  number
  status
  version
  issuedAt
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    ...LineFields
  }
}`) as unknown as TypedDocumentString<PurchaseOrderQuery, PurchaseOrderQueryVariables>;
export const PurchaseOrderPromisesDocument = new TypedDocumentString(`
    query PurchaseOrderPromises($id: ID!) {
  purchaseOrder(id: $id) {
    id
    lines {
      id
      requestedDate
      firstConfirmedSchedule {
        ...ScheduleFields
      }
      schedule {
        ...ScheduleFields
      }
      confirmations {
        sequence
        kind
        schedule {
          ...ScheduleFields
        }
        reason
        actor
        createdAt
        cursor
      }
      receipts {
        quantity
        receivedOn
        actor
        cursor
      }
    }
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}`) as unknown as TypedDocumentString<PurchaseOrderPromisesQuery, PurchaseOrderPromisesQueryVariables>;
export const PurchaseOrdersDocument = new TypedDocumentString(`
    query PurchaseOrders($filter: PurchaseOrderFilter, $first: Int, $after: String) {
  purchaseOrders(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...OrderFields
      }
    }
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}
fragment LineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  status
  schedule {
    ...ScheduleFields
  }
  remainingSchedule {
    ...ScheduleFields
  }
  confirmedQuantity
  confirmedLeadTimeDays
  slipped
  receivedQuantity
  openQuantity
  cancelledQuantity
  inTransitQuantity
  unshippedQuantity
  overDeliveredQuantity
  purchaseUnit
  purchaseUnitQuantity
  unitsPerPurchaseUnit
  rejectionReason
}
fragment OrderFields on PurchaseOrder {
  id
  number
  status
  version
  issuedAt
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    ...LineFields
  }
}`) as unknown as TypedDocumentString<PurchaseOrdersQuery, PurchaseOrdersQueryVariables>;
export const PurchaseOrdersNestedDocument = new TypedDocumentString(`
    query PurchaseOrdersNested($first: Int, $after: String) {
  purchaseOrders(first: $first, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        number
        status
        version
        issuedAt
        createdAt
        retailer {
          id
          name
        }
        supplier {
          id
          name
        }
        shipTo {
          id
          code
        }
        lines {
          id
          lineNumber
          item {
            id
            sku
            name
          }
          quantity
          requestedDate
          unitCost
          status
          schedule {
            ...ScheduleFields
          }
          confirmedQuantity
          confirmedLeadTimeDays
          slipped
          receivedQuantity
          rejectionReason
        }
      }
    }
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}`) as unknown as TypedDocumentString<PurchaseOrdersNestedQuery, PurchaseOrdersNestedQueryVariables>;
export const ConfirmPurchaseOrderLineDocument = new TypedDocumentString(`
    mutation ConfirmPurchaseOrderLine($input: ConfirmPurchaseOrderLineInput!) {
  confirmPurchaseOrderLine(input: $input) {
    ...LineFields
    purchaseOrder {
      id
      status
      version
    }
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}
fragment LineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  status
  schedule {
    ...ScheduleFields
  }
  remainingSchedule {
    ...ScheduleFields
  }
  confirmedQuantity
  confirmedLeadTimeDays
  slipped
  receivedQuantity
  openQuantity
  cancelledQuantity
  inTransitQuantity
  unshippedQuantity
  overDeliveredQuantity
  purchaseUnit
  purchaseUnitQuantity
  unitsPerPurchaseUnit
  rejectionReason
}`) as unknown as TypedDocumentString<ConfirmPurchaseOrderLineMutation, ConfirmPurchaseOrderLineMutationVariables>;
export const ConfirmPurchaseOrderLinesDocument = new TypedDocumentString(`
    mutation ConfirmPurchaseOrderLines($input: ConfirmPurchaseOrderLinesInput!) {
  confirmPurchaseOrderLines(input: $input) {
    id
    status
    confirmedQuantity
  }
}
    `) as unknown as TypedDocumentString<ConfirmPurchaseOrderLinesMutation, ConfirmPurchaseOrderLinesMutationVariables>;
export const RejectPurchaseOrderLineDocument = new TypedDocumentString(`
    mutation RejectPurchaseOrderLine($input: RejectPurchaseOrderLineInput!) {
  rejectPurchaseOrderLine(input: $input) {
    ...LineFields
    purchaseOrder {
      id
      status
      version
    }
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}
fragment LineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  status
  schedule {
    ...ScheduleFields
  }
  remainingSchedule {
    ...ScheduleFields
  }
  confirmedQuantity
  confirmedLeadTimeDays
  slipped
  receivedQuantity
  openQuantity
  cancelledQuantity
  inTransitQuantity
  unshippedQuantity
  overDeliveredQuantity
  purchaseUnit
  purchaseUnitQuantity
  unitsPerPurchaseUnit
  rejectionReason
}`) as unknown as TypedDocumentString<RejectPurchaseOrderLineMutation, RejectPurchaseOrderLineMutationVariables>;
export const ReceivePurchaseOrderLineDocument = new TypedDocumentString(`
    mutation ReceivePurchaseOrderLine($input: ReceivePurchaseOrderLineInput!) {
  receivePurchaseOrderLine(input: $input) {
    ...LineFields
    purchaseOrder {
      id
      status
      version
    }
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}
fragment LineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  status
  schedule {
    ...ScheduleFields
  }
  remainingSchedule {
    ...ScheduleFields
  }
  confirmedQuantity
  confirmedLeadTimeDays
  slipped
  receivedQuantity
  openQuantity
  cancelledQuantity
  inTransitQuantity
  unshippedQuantity
  overDeliveredQuantity
  purchaseUnit
  purchaseUnitQuantity
  unitsPerPurchaseUnit
  rejectionReason
}`) as unknown as TypedDocumentString<ReceivePurchaseOrderLineMutation, ReceivePurchaseOrderLineMutationVariables>;
export const ClosePurchaseOrderLineDocument = new TypedDocumentString(`
    mutation ClosePurchaseOrderLine($input: ClosePurchaseOrderLineInput!) {
  closePurchaseOrderLine(input: $input) {
    ...LineFields
    purchaseOrder {
      id
      status
      version
    }
  }
}
    fragment ScheduleFields on ScheduleLine {
  quantity
  deliveryDate
}
fragment LineFields on PurchaseOrderLine {
  id
  lineNumber
  item {
    id
    sku
    name
  }
  quantity
  requestedDate
  unitCost
  status
  schedule {
    ...ScheduleFields
  }
  remainingSchedule {
    ...ScheduleFields
  }
  confirmedQuantity
  confirmedLeadTimeDays
  slipped
  receivedQuantity
  openQuantity
  cancelledQuantity
  inTransitQuantity
  unshippedQuantity
  overDeliveredQuantity
  purchaseUnit
  purchaseUnitQuantity
  unitsPerPurchaseUnit
  rejectionReason
}`) as unknown as TypedDocumentString<ClosePurchaseOrderLineMutation, ClosePurchaseOrderLineMutationVariables>;
export const PurchaseOrderLineShipmentsDocument = new TypedDocumentString(`
    query PurchaseOrderLineShipments($id: ID!) {
  purchaseOrder(id: $id) {
    id
    lines {
      id
      openQuantity
      inTransitQuantity
      shipNoticeLines {
        quantity
        receivedQuantity
        shipNotice {
          id
          number
          status
          expectedArrival
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PurchaseOrderLineShipmentsQuery, PurchaseOrderLineShipmentsQueryVariables>;
export const ReallocationProposalsDocument = new TypedDocumentString(`
    query ReallocationProposals($status: ReallocationStatus, $first: Int, $after: String) {
  reallocationProposals(status: $status, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...ProposalFields
      }
    }
  }
}
    fragment ProposalFields on ReallocationProposal {
  id
  status
  sourceLine {
    id
    quantity
    cancelledQuantity
    openQuantity
    status
    slipped
    schedule {
      quantity
      deliveryDate
    }
    purchaseOrder {
      id
      number
      version
    }
  }
  shortfallQuantity
  neededBy
  reduceSourceBy
  moves {
    supplier {
      id
      name
    }
    quantity
    expectedDate
    unitCost
    purchaseOrderLine {
      id
      quantity
      requestedDate
      unitCost
      purchaseOrder {
        id
        number
        status
        supplier {
          id
        }
      }
    }
  }
  candidates {
    supplier {
      id
      name
    }
    verdict
    quantity
    expectedDate
    reason
  }
  uncoveredQuantity
  addedCost
  optimal
  createdAt
  decidedAt
  decidedBy
}`) as unknown as TypedDocumentString<ReallocationProposalsQuery, ReallocationProposalsQueryVariables>;
export const ReallocationProposalDocument = new TypedDocumentString(`
    query ReallocationProposal($id: ID!) {
  reallocationProposal(id: $id) {
    ...ProposalFields
  }
}
    fragment ProposalFields on ReallocationProposal {
  id
  status
  sourceLine {
    id
    quantity
    cancelledQuantity
    openQuantity
    status
    slipped
    schedule {
      quantity
      deliveryDate
    }
    purchaseOrder {
      id
      number
      version
    }
  }
  shortfallQuantity
  neededBy
  reduceSourceBy
  moves {
    supplier {
      id
      name
    }
    quantity
    expectedDate
    unitCost
    purchaseOrderLine {
      id
      quantity
      requestedDate
      unitCost
      purchaseOrder {
        id
        number
        status
        supplier {
          id
        }
      }
    }
  }
  candidates {
    supplier {
      id
      name
    }
    verdict
    quantity
    expectedDate
    reason
  }
  uncoveredQuantity
  addedCost
  optimal
  createdAt
  decidedAt
  decidedBy
}`) as unknown as TypedDocumentString<ReallocationProposalQuery, ReallocationProposalQueryVariables>;
export const ProposeReallocationDocument = new TypedDocumentString(`
    mutation ProposeReallocation($lineId: ID!) {
  proposeReallocation(lineId: $lineId) {
    ...ProposalFields
  }
}
    fragment ProposalFields on ReallocationProposal {
  id
  status
  sourceLine {
    id
    quantity
    cancelledQuantity
    openQuantity
    status
    slipped
    schedule {
      quantity
      deliveryDate
    }
    purchaseOrder {
      id
      number
      version
    }
  }
  shortfallQuantity
  neededBy
  reduceSourceBy
  moves {
    supplier {
      id
      name
    }
    quantity
    expectedDate
    unitCost
    purchaseOrderLine {
      id
      quantity
      requestedDate
      unitCost
      purchaseOrder {
        id
        number
        status
        supplier {
          id
        }
      }
    }
  }
  candidates {
    supplier {
      id
      name
    }
    verdict
    quantity
    expectedDate
    reason
  }
  uncoveredQuantity
  addedCost
  optimal
  createdAt
  decidedAt
  decidedBy
}`) as unknown as TypedDocumentString<ProposeReallocationMutation, ProposeReallocationMutationVariables>;
export const ApplyReallocationDocument = new TypedDocumentString(`
    mutation ApplyReallocation($id: ID!) {
  applyReallocation(id: $id) {
    ...ProposalFields
  }
}
    fragment ProposalFields on ReallocationProposal {
  id
  status
  sourceLine {
    id
    quantity
    cancelledQuantity
    openQuantity
    status
    slipped
    schedule {
      quantity
      deliveryDate
    }
    purchaseOrder {
      id
      number
      version
    }
  }
  shortfallQuantity
  neededBy
  reduceSourceBy
  moves {
    supplier {
      id
      name
    }
    quantity
    expectedDate
    unitCost
    purchaseOrderLine {
      id
      quantity
      requestedDate
      unitCost
      purchaseOrder {
        id
        number
        status
        supplier {
          id
        }
      }
    }
  }
  candidates {
    supplier {
      id
      name
    }
    verdict
    quantity
    expectedDate
    reason
  }
  uncoveredQuantity
  addedCost
  optimal
  createdAt
  decidedAt
  decidedBy
}`) as unknown as TypedDocumentString<ApplyReallocationMutation, ApplyReallocationMutationVariables>;
export const DismissReallocationDocument = new TypedDocumentString(`
    mutation DismissReallocation($id: ID!) {
  dismissReallocation(id: $id) {
    ...ProposalFields
  }
}
    fragment ProposalFields on ReallocationProposal {
  id
  status
  sourceLine {
    id
    quantity
    cancelledQuantity
    openQuantity
    status
    slipped
    schedule {
      quantity
      deliveryDate
    }
    purchaseOrder {
      id
      number
      version
    }
  }
  shortfallQuantity
  neededBy
  reduceSourceBy
  moves {
    supplier {
      id
      name
    }
    quantity
    expectedDate
    unitCost
    purchaseOrderLine {
      id
      quantity
      requestedDate
      unitCost
      purchaseOrder {
        id
        number
        status
        supplier {
          id
        }
      }
    }
  }
  candidates {
    supplier {
      id
      name
    }
    verdict
    quantity
    expectedDate
    reason
  }
  uncoveredQuantity
  addedCost
  optimal
  createdAt
  decidedAt
  decidedBy
}`) as unknown as TypedDocumentString<DismissReallocationMutation, DismissReallocationMutationVariables>;
export const SetSourcingPolicyDocument = new TypedDocumentString(`
    mutation SetSourcingPolicy($input: SourcingPolicyInput!) {
  setSourcingPolicy(input: $input)
}
    `) as unknown as TypedDocumentString<SetSourcingPolicyMutation, SetSourcingPolicyMutationVariables>;
export const ShortageRisksDocument = new TypedDocumentString(`
    query ShortageRisks($filter: ShortageRiskFilter, $first: Int, $after: String) {
  shortageRisks(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...RiskFields
      }
    }
  }
}
    fragment RiskFields on ShortageRisk {
  item {
    id
    sku
  }
  location {
    id
    code
  }
  level
  availableNow
  safetyStock
  projectedStockoutDate
  shortageQuantity
  daysOfCover
  revenueAtRisk
  computedAt
}`) as unknown as TypedDocumentString<ShortageRisksQuery, ShortageRisksQueryVariables>;
export const ProjectedInventoryDocument = new TypedDocumentString(`
    query ProjectedInventory($itemId: ID!, $locationId: ID!, $horizonDays: Int) {
  projectedInventory(
    itemId: $itemId
    locationId: $locationId
    horizonDays: $horizonDays
  ) {
    date
    demand
    inbound
    projectedAvailable
  }
}
    `) as unknown as TypedDocumentString<ProjectedInventoryQuery, ProjectedInventoryQueryVariables>;
export const ShortageRiskChangedDocument = new TypedDocumentString(`
    subscription ShortageRiskChanged($filter: ShortageRiskFilter) {
  shortageRiskChanged(filter: $filter) {
    ...RiskFields
  }
}
    fragment RiskFields on ShortageRisk {
  item {
    id
    sku
  }
  location {
    id
    code
  }
  level
  availableNow
  safetyStock
  projectedStockoutDate
  shortageQuantity
  daysOfCover
  revenueAtRisk
  computedAt
}`) as unknown as TypedDocumentString<ShortageRiskChangedSubscription, ShortageRiskChangedSubscriptionVariables>;
export const CreateShipNoticeDocument = new TypedDocumentString(`
    mutation CreateShipNotice($input: CreateShipNoticeInput!) {
  createShipNotice(input: $input) {
    ...ShipNoticeFields
  }
}
    fragment ShipNoticeFields on ShipNotice {
  id
  number
  status
  shippedOn
  expectedArrival
  carrier
  trackingNumber
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    quantity
    receivedQuantity
    purchaseOrderLine {
      id
      lineNumber
      status
      openQuantity
      inTransitQuantity
      receivedQuantity
      purchaseOrder {
        id
        number
      }
    }
  }
}`) as unknown as TypedDocumentString<CreateShipNoticeMutation, CreateShipNoticeMutationVariables>;
export const CancelShipNoticeDocument = new TypedDocumentString(`
    mutation CancelShipNotice($id: ID!) {
  cancelShipNotice(id: $id) {
    ...ShipNoticeFields
  }
}
    fragment ShipNoticeFields on ShipNotice {
  id
  number
  status
  shippedOn
  expectedArrival
  carrier
  trackingNumber
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    quantity
    receivedQuantity
    purchaseOrderLine {
      id
      lineNumber
      status
      openQuantity
      inTransitQuantity
      receivedQuantity
      purchaseOrder {
        id
        number
      }
    }
  }
}`) as unknown as TypedDocumentString<CancelShipNoticeMutation, CancelShipNoticeMutationVariables>;
export const ReceiveShipNoticeDocument = new TypedDocumentString(`
    mutation ReceiveShipNotice($input: ReceiveShipNoticeInput!) {
  receiveShipNotice(input: $input) {
    ...ShipNoticeFields
  }
}
    fragment ShipNoticeFields on ShipNotice {
  id
  number
  status
  shippedOn
  expectedArrival
  carrier
  trackingNumber
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    quantity
    receivedQuantity
    purchaseOrderLine {
      id
      lineNumber
      status
      openQuantity
      inTransitQuantity
      receivedQuantity
      purchaseOrder {
        id
        number
      }
    }
  }
}`) as unknown as TypedDocumentString<ReceiveShipNoticeMutation, ReceiveShipNoticeMutationVariables>;
export const CloseShipNoticeDocument = new TypedDocumentString(`
    mutation CloseShipNotice($id: ID!) {
  closeShipNotice(id: $id) {
    ...ShipNoticeFields
  }
}
    fragment ShipNoticeFields on ShipNotice {
  id
  number
  status
  shippedOn
  expectedArrival
  carrier
  trackingNumber
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    quantity
    receivedQuantity
    purchaseOrderLine {
      id
      lineNumber
      status
      openQuantity
      inTransitQuantity
      receivedQuantity
      purchaseOrder {
        id
        number
      }
    }
  }
}`) as unknown as TypedDocumentString<CloseShipNoticeMutation, CloseShipNoticeMutationVariables>;
export const ShipNoticeDocument = new TypedDocumentString(`
    query ShipNotice($id: ID!) {
  shipNotice(id: $id) {
    ...ShipNoticeFields
  }
}
    fragment ShipNoticeFields on ShipNotice {
  id
  number
  status
  shippedOn
  expectedArrival
  carrier
  trackingNumber
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    quantity
    receivedQuantity
    purchaseOrderLine {
      id
      lineNumber
      status
      openQuantity
      inTransitQuantity
      receivedQuantity
      purchaseOrder {
        id
        number
      }
    }
  }
}`) as unknown as TypedDocumentString<ShipNoticeQuery, ShipNoticeQueryVariables>;
export const ShipNoticesDocument = new TypedDocumentString(`
    query ShipNotices($status: ShipNoticeStatus, $first: Int, $after: String) {
  shipNotices(status: $status, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...ShipNoticeFields
      }
    }
  }
}
    fragment ShipNoticeFields on ShipNotice {
  id
  number
  status
  shippedOn
  expectedArrival
  carrier
  trackingNumber
  createdAt
  retailer {
    id
    name
  }
  supplier {
    id
    name
  }
  shipTo {
    id
    code
  }
  lines {
    quantity
    receivedQuantity
    purchaseOrderLine {
      id
      lineNumber
      status
      openQuantity
      inTransitQuantity
      receivedQuantity
      purchaseOrder {
        id
        number
      }
    }
  }
}`) as unknown as TypedDocumentString<ShipNoticesQuery, ShipNoticesQueryVariables>;
export const UpsertSourcingRuleDocument = new TypedDocumentString(`
    mutation UpsertSourcingRule($input: UpsertSourcingRuleInput!) {
  upsertSourcingRule(input: $input) {
    ...SourcingRuleFields
  }
}
    fragment SourcingRuleFields on SourcingRule {
  id
  item {
    id
    sku
  }
  supplier {
    id
    name
  }
  priority
  quotedLeadTimeDays
  unitCost
  minOrderQuantity
  orderMultiple
  weeklyCapacity
  active
  purchaseUnit
  unitsPerPurchaseUnit
  overDeliveryTolerancePercent
}`) as unknown as TypedDocumentString<UpsertSourcingRuleMutation, UpsertSourcingRuleMutationVariables>;
export const SourcingRulesDocument = new TypedDocumentString(`
    query SourcingRules($itemId: ID, $first: Int, $after: ID) {
  sourcingRules(itemId: $itemId, first: $first, after: $after) {
    ...SourcingRuleFields
  }
}
    fragment SourcingRuleFields on SourcingRule {
  id
  item {
    id
    sku
  }
  supplier {
    id
    name
  }
  priority
  quotedLeadTimeDays
  unitCost
  minOrderQuantity
  orderMultiple
  weeklyCapacity
  active
  purchaseUnit
  unitsPerPurchaseUnit
  overDeliveryTolerancePercent
}`) as unknown as TypedDocumentString<SourcingRulesQuery, SourcingRulesQueryVariables>;
export const SignUpDocument = new TypedDocumentString(`
    mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) {
    token
    user {
      ...UserFields
    }
  }
}
    fragment UserFields on User {
  id
  email
  role
  organization {
    id
    name
    kind
  }
}`) as unknown as TypedDocumentString<SignUpMutation, SignUpMutationVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    user {
      ...UserFields
    }
  }
}
    fragment UserFields on User {
  id
  email
  role
  organization {
    id
    name
    kind
  }
}`) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    ...UserFields
  }
}
    fragment UserFields on User {
  id
  email
  role
  organization {
    id
    name
    kind
  }
}`) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const CreateUserDocument = new TypedDocumentString(`
    mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    ...UserFields
  }
}
    fragment UserFields on User {
  id
  email
  role
  organization {
    id
    name
    kind
  }
}`) as unknown as TypedDocumentString<CreateUserMutation, CreateUserMutationVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      ...ApiKeyFields
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  scopes
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = new TypedDocumentString(`
    mutation RevokeApiKey($id: ID!) {
  revokeApiKey(id: $id) {
    ...ApiKeyFields
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  scopes
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const ApiKeysDocument = new TypedDocumentString(`
    query ApiKeys($first: Int, $after: ID) {
  apiKeys(first: $first, after: $after) {
    ...ApiKeyFields
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  scopes
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<ApiKeysQuery, ApiKeysQueryVariables>;
export const InvitePartnerDocument = new TypedDocumentString(`
    mutation InvitePartner($input: InvitePartnerInput!) {
  invitePartner(input: $input) {
    ...PartnershipFields
  }
}
    fragment PartnershipFields on Partnership {
  id
  status
  retailer {
    id
    name
    kind
  }
  supplier {
    id
    name
    kind
  }
}`) as unknown as TypedDocumentString<InvitePartnerMutation, InvitePartnerMutationVariables>;
export const AcceptPartnershipDocument = new TypedDocumentString(`
    mutation AcceptPartnership($id: ID!) {
  acceptPartnership(id: $id) {
    ...PartnershipFields
  }
}
    fragment PartnershipFields on Partnership {
  id
  status
  retailer {
    id
    name
    kind
  }
  supplier {
    id
    name
    kind
  }
}`) as unknown as TypedDocumentString<AcceptPartnershipMutation, AcceptPartnershipMutationVariables>;
export const SuspendPartnershipDocument = new TypedDocumentString(`
    mutation SuspendPartnership($id: ID!) {
  suspendPartnership(id: $id) {
    ...PartnershipFields
  }
}
    fragment PartnershipFields on Partnership {
  id
  status
  retailer {
    id
    name
    kind
  }
  supplier {
    id
    name
    kind
  }
}`) as unknown as TypedDocumentString<SuspendPartnershipMutation, SuspendPartnershipMutationVariables>;
export const SetCollaborationRulesDocument = new TypedDocumentString(`
    mutation SetCollaborationRules($input: CollaborationRulesInput!) {
  setCollaborationRules(input: $input) {
    id
    rules {
      commitTolerancePercent
      commitDueDays
      confirmationDueHours
      shareSales
    }
  }
}
    `) as unknown as TypedDocumentString<SetCollaborationRulesMutation, SetCollaborationRulesMutationVariables>;
export const PartnershipRulesDocument = new TypedDocumentString(`
    query PartnershipRules {
  partnerships {
    id
    status
    rules {
      commitTolerancePercent
      commitDueDays
      confirmationDueHours
      shareSales
    }
  }
}
    `) as unknown as TypedDocumentString<PartnershipRulesQuery, PartnershipRulesQueryVariables>;
export const PartnershipsDocument = new TypedDocumentString(`
    query Partnerships($first: Int, $after: ID) {
  partnerships(first: $first, after: $after) {
    ...PartnershipFields
  }
}
    fragment PartnershipFields on Partnership {
  id
  status
  retailer {
    id
    name
    kind
  }
  supplier {
    id
    name
    kind
  }
}`) as unknown as TypedDocumentString<PartnershipsQuery, PartnershipsQueryVariables>;
export const CreateWebhookEndpointDocument = new TypedDocumentString(`
    mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    endpoint {
      ...WebhookEndpointFields
    }
    secret
  }
}
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  types
  active
  createdAt
  lastDeliveryAt
  lastError
}`) as unknown as TypedDocumentString<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables>;
export const DeleteWebhookEndpointDocument = new TypedDocumentString(`
    mutation DeleteWebhookEndpoint($id: ID!) {
  deleteWebhookEndpoint(id: $id) {
    ...WebhookEndpointFields
  }
}
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  types
  active
  createdAt
  lastDeliveryAt
  lastError
}`) as unknown as TypedDocumentString<DeleteWebhookEndpointMutation, DeleteWebhookEndpointMutationVariables>;
export const ReplayWebhookDeliveriesDocument = new TypedDocumentString(`
    mutation ReplayWebhookDeliveries($endpointId: ID!, $after: String!) {
  replayWebhookDeliveries(endpointId: $endpointId, after: $after)
}
    `) as unknown as TypedDocumentString<ReplayWebhookDeliveriesMutation, ReplayWebhookDeliveriesMutationVariables>;
export const WebhookEndpointsDocument = new TypedDocumentString(`
    query WebhookEndpoints {
  webhookEndpoints {
    ...WebhookEndpointFields
  }
}
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  types
  active
  createdAt
  lastDeliveryAt
  lastError
}`) as unknown as TypedDocumentString<WebhookEndpointsQuery, WebhookEndpointsQueryVariables>;
export const WebhookDeliveriesDocument = new TypedDocumentString(`
    query WebhookDeliveries($endpointId: ID!, $status: WebhookDeliveryStatus, $first: Int, $after: String) {
  webhookDeliveries(
    endpointId: $endpointId
    status: $status
    first: $first
    after: $after
  ) {
    edges {
      cursor
      node {
        id
        status
        attempts
        lastAttemptAt
        responseStatus
        nextAttemptAt
        alert {
          id
          cursor
          type
          message
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    `) as unknown as TypedDocumentString<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const SimulateDocument = new TypedDocumentString(`
    query Simulate($input: SimulateInput!) {
  simulate(input: $input) {
    changeCount
    positionCount
    revenueAtRiskBefore
    revenueAtRiskAfter
    changes {
      item {
        id
        sku
      }
      location {
        id
        code
      }
      levelBefore
      levelAfter
      stockoutDateBefore
      stockoutDateAfter
      shortageBefore
      shortageAfter
      revenueAtRiskBefore
      revenueAtRiskAfter
    }
    plans {
      sourceLine {
        id
        lineNumber
      }
      shortfallQuantity
      neededBy
      uncoveredQuantity
      addedCost
      optimal
      moves {
        supplier {
          id
          name
        }
        quantity
        expectedDate
        unitCost
      }
      candidates {
        supplier {
          id
          name
        }
        verdict
        quantity
        expectedDate
        reason
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SimulateQuery, SimulateQueryVariables>;