import { columnsFor } from '../../shared/selected-columns';
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

/** Each field of Alert read off the row and the column it reads (cursor and id always). */
const ALERT_FIELD_COLUMNS: Readonly<Record<string, string | null>> = {
  __typename: null,
  id: null,
  cursor: null,
  type: 'a.type',
  message: 'a.message',
  createdAt: 'a.created_at AS "createdAt"',
  webhookEndpointId: 'a.webhook_endpoint_id AS "webhookEndpointId"',
};

/**
 * The columns a page of alerts selecting `fields` reads (columnsFor): the id
 * and cursor, and the selected own fields'; all of ALERT_COLUMNS when one is
 * a link (purchaseOrder, shortageRisk...), whose resolvers read the row's
 * other columns.
 */
export function alertColumnsFor(fields: ReadonlySet<string> | undefined): string {
  return columnsFor(fields, ALERT_FIELD_COLUMNS, ['a.id', 'a.cursor::int8 AS cursor'], ALERT_COLUMNS);
}

/** bigint arrives as a string; cursors stay far below 2^53. The row itself, its cursor a number. */
export const toAlertRow = (row: AlertRow): AlertRow => {
  row.cursor = Number(row.cursor);
  return row;
};
