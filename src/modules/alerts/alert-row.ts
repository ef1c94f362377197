import type { AlertType } from './alert-type';

/** An alert as stored; cursor is per recipient organization. */
export interface AlertRow {
  id: string;
  organizationId: string;
  cursor: number;
  type: AlertType;
  message: string;
  createdAt: string;
  purchaseOrderId: string | null;
  purchaseOrderLineId: string | null;
  itemId: string | null;
  locationId: string | null;
  reallocationId: string | null;
  shipNoticeId: string | null;
  forecastCommitId: string | null;
  webhookEndpointId: string | null;
}

export const ALERT_COLUMNS = `a.id, a.organization_id AS "organizationId", a.cursor::int8 AS cursor, a.type, a.message, a.created_at AS "createdAt",
  a.purchase_order_id AS "purchaseOrderId", a.purchase_order_line_id AS "purchaseOrderLineId", a.item_id AS "itemId", a.location_id AS "locationId",
  a.reallocation_id AS "reallocationId", a.ship_notice_id AS "shipNoticeId",
  a.forecast_commit_id AS "forecastCommitId", a.webhook_endpoint_id AS "webhookEndpointId"`;

/** bigint arrives as a string; cursors stay far below 2^53. */
export const toAlertRow = (row: AlertRow): AlertRow => ({ ...row, cursor: Number(row.cursor) });
