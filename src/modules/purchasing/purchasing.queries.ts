import { columnsFor } from '../../shared/selected-columns';
import type { PurchaseOrderLineStatus } from '../open-orders/line-status';
import type { PurchaseOrderStatus, ShipNoticeStatus } from './purchasing.enums';

/** An order as read from the database (ids for related objects). */
export interface OrderRow {
  id: string;
  number: string;
  retailer: string;
  supplier: string;
  shipTo: string;
  status: PurchaseOrderStatus;
  version: number;
  issuedAt: string | null;
  createdAt: string;
}

export interface LineRow {
  id: string;
  purchaseOrder: string;
  lineNumber: number;
  item: string;
  shipTo: string;
  supplier: string;
  retailer: string;
  quantity: number;
  requestedDate: string;
  unitCost: string;
  status: PurchaseOrderLineStatus;
  confirmedQuantity: number;
  latestDeliveryDate: string | null;
  slipped: boolean;
  receivedQuantity: number;
  cancelledQuantity: number;
  inTransitQuantity: number;
  overDeliveredQuantity: number;
  /** The supplier's purchase unit when the line was ordered (null: the item's base unit) and its size in base units. */
  purchaseUnit: string | null;
  unitsPerPurchaseUnit: number;
  /** The retailer closed the line. */
  closed: boolean;
  rejectionReason: string | null;
  /** UTC date the order was issued; null while DRAFT. */
  issuedOn: string | null;
  /** The buyer changed the line after the supplier's promise; the supplier has not answered since. */
  acknowledgementRequired: boolean;
  /** A price the supplier proposed with its confirmation, awaiting the retailer. */
  proposedUnitCost: string | null;
}

export const ORDER_COLUMNS = `po.id, po.number, po.retailer_id AS retailer, po.supplier_id AS supplier, po.ship_to_id AS "shipTo",
  po.status, po.version, po.issued_at AS "issuedAt", po.created_at AS "createdAt"`;

/**
 * Order fields read straight from one column each, or from the ids (null: the order's id alone, always read): a
 * list of orders that selects only these reads only their columns (a 100-order page of numbers and supplier names
 * read and parsed nine columns a row, three of them timestamps, for two). Any other field needs the whole row.
 */
const ORDER_FIELD_COLUMNS: Readonly<Record<string, string | null>> = {
  __typename: null,
  id: null,
  number: 'po.number',
  status: 'po.status',
  version: 'po.version',
  issuedAt: 'po.issued_at AS "issuedAt"',
  createdAt: 'po.created_at AS "createdAt"',
  retailer: 'po.retailer_id AS retailer',
  supplier: 'po.supplier_id AS supplier',
  shipTo: 'po.ship_to_id AS "shipTo"',
  lines: null,
  history: null,
};

/** The columns a list of orders selecting `fields` reads (columnsFor): the order's id and the selected fields' own. */
export function orderColumnsFor(fields: ReadonlySet<string> | undefined): string {
  return columnsFor(fields, ORDER_FIELD_COLUMNS, ['po.id'], ORDER_COLUMNS);
}

export const LINE_COLUMNS = `l.id, l.purchase_order_id AS "purchaseOrder", l.line_number AS "lineNumber", l.item_id AS item,
  l.ship_to_id AS "shipTo", l.supplier_id AS supplier, l.retailer_id AS retailer, l.quantity,
  l.requested_date::text AS "requestedDate", l.unit_cost AS "unitCost", l.status, l.confirmed_quantity AS "confirmedQuantity",
  l.latest_delivery_date::text AS "latestDeliveryDate", l.slipped, l.received_quantity AS "receivedQuantity",
  l.cancelled_quantity AS "cancelledQuantity", l.in_transit_quantity AS "inTransitQuantity", l.over_delivered_quantity AS "overDeliveredQuantity",
  l.purchase_unit AS "purchaseUnit", l.units_per_purchase_unit AS "unitsPerPurchaseUnit", l.closed_at IS NOT NULL AS closed,
  l.rejection_reason AS "rejectionReason", (po.issued_at AT TIME ZONE 'UTC')::date::text AS "issuedOn",
  l.acknowledgement_required AS "acknowledgementRequired", l.proposed_unit_cost AS "proposedUnitCost"`;

/**
 * `FROM ${LINES_AND_ORDERS_BY_ID(list)}`: the lines whose ids are in the
 * list (alias `l`), each with its order (alias `po`), found line by line:
 * each id read by primary key, then its order by primary key (both LATERAL
 * sub-selects, so the planner can start from nothing but the list). Both
 * tables' row-level security applies. Without this, a plan may start from
 * every order the caller may see (the orders' RLS policy repeats the scope's
 * condition, and the two together look very selective to the planner) and
 * probe the id list once per order: 1.7 ms instead of 0.1 ms for one line
 * of a supplier with 300 orders, and 120 s instead of 35 ms for 10,000
 * lines of 1,000 orders (a custom plan of a long list); started from the
 * items a query joins, it scanned the list once per line (8 s instead of
 * 0.2 s).
 */
export const LINES_AND_ORDERS_BY_ID = (list: string) =>
  `unnest(${list}) AS wanted(id)
   CROSS JOIN LATERAL (SELECT * FROM purchase_order_line pl WHERE pl.id = wanted.id OFFSET 0) l
   CROSS JOIN LATERAL (SELECT * FROM purchase_order o WHERE o.id = l.purchase_order_id OFFSET 0) po`;

/** A ship notice as read from the database (ids for related objects). */
export interface ShipNoticeRow {
  id: string;
  number: string;
  retailer: string;
  supplier: string;
  shipTo: string;
  status: ShipNoticeStatus;
  shippedOn: string;
  expectedArrival: string;
  carrier: string | null;
  trackingNumber: string | null;
  createdAt: string;
}

export const SHIP_NOTICE_COLUMNS = `n.id, n.number, n.retailer_id AS retailer, n.supplier_id AS supplier, n.ship_to_id AS "shipTo", n.status,
  n.shipped_on::text AS "shippedOn", n.expected_arrival::text AS "expectedArrival", n.carrier, n.tracking_number AS "trackingNumber",
  n.created_at AS "createdAt"`;
