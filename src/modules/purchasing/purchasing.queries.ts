import type { PurchaseOrderLineStatus, PurchaseOrderStatus } from './purchasing.enums';

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
  rejectionReason: string | null;
  /** UTC date the order was issued; null while DRAFT. */
  issuedOn: string | null;
}

export const ORDER_COLUMNS = `po.id, po.number, po.retailer_id AS retailer, po.supplier_id AS supplier, po.ship_to_id AS "shipTo",
  po.status, po.version, po.issued_at AS "issuedAt", po.created_at AS "createdAt"`;

export const LINE_COLUMNS = `l.id, l.purchase_order_id AS "purchaseOrder", l.line_number AS "lineNumber", l.item_id AS item,
  l.ship_to_id AS "shipTo", l.supplier_id AS supplier, l.retailer_id AS retailer, l.quantity,
  l.requested_date::text AS "requestedDate", l.unit_cost AS "unitCost", l.status, l.confirmed_quantity AS "confirmedQuantity",
  l.latest_delivery_date::text AS "latestDeliveryDate", l.slipped, l.received_quantity AS "receivedQuantity",
  l.rejection_reason AS "rejectionReason", (po.issued_at AT TIME ZONE 'UTC')::date::text AS "issuedOn"`;
