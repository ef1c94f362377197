import type { LineQuantities, ScheduleEntry, Shipment } from './open-quantity';

/*
 * Reading a purchase-order line's facts for the open-quantity model, shared by
 * every module that asks the model (purchasing, risk, sourcing, lead times,
 * what-if). Reads only: purchasing writes these tables.
 */

/** What is in transit for a line on one open ship notice. */
export interface NoticeShipment extends Shipment {
  shipNoticeId: string;
}

/** A line's open-quantity facts, with the ship notice of each shipment. */
export interface LineFacts extends LineQuantities {
  inTransit: NoticeShipment[];
}

/** The rest of a line's facts, beside the columns of purchasing's LINE_COLUMNS (or FACT_COLUMNS). */
export interface LineStateRow {
  scheduleTaken: number;
  rejected: boolean;
  schedule: ScheduleEntry[];
  inTransit: NoticeShipment[];
}

/**
 * The columns of a line (alias l) that the open-quantity model needs beyond
 * purchasing's LINE_COLUMNS: the promise as given (the line's copy of its
 * schedule_line rows by date, which writeLineChanges keeps; a sub-select of
 * the rows cost about 7 microseconds a line, each row probing the line
 * again under its policy), what was taken off it, and its open ship notices
 * (looked up only when something is in transit).
 */
export const LINE_STATE_COLUMNS = `l.schedule_taken AS "scheduleTaken", l.status = 'REJECTED' AS rejected, l.schedule,
  CASE WHEN l.in_transit_quantity > 0 THEN coalesce((
    SELECT json_agg(json_build_object('shipNoticeId', sn.id, 'quantity', snl.quantity - snl.received_quantity, 'expectedArrival', sn.expected_arrival)
                    ORDER BY sn.expected_arrival, sn.id)
      FROM ship_notice_line snl JOIN ship_notice sn ON sn.id = snl.ship_notice_id
     WHERE snl.line_id = l.id AND sn.status IN ('IN_TRANSIT', 'PARTIALLY_RECEIVED') AND snl.received_quantity < snl.quantity), '[]') ELSE '[]' END AS "inTransit"`;

/** Every column the model needs, for readers that do not need purchasing's LINE_COLUMNS (the projection, the selector). */
export const FACT_COLUMNS = `l.quantity, l.requested_date::text AS "requestedDate", l.cancelled_quantity AS "cancelledQuantity",
  l.received_quantity AS "receivedQuantity", l.over_delivered_quantity AS "overDeliveredQuantity", l.closed_at IS NOT NULL AS closed,
  l.acknowledgement_required AS "acknowledgementRequired", ${LINE_STATE_COLUMNS}`;

/** A row read with FACT_COLUMNS: every fact of the model (purchasing's LineRow with LINE_STATE_COLUMNS has them too). */
export type FactRow = Required<LineFacts>;

/** The model's facts of a line read with FACT_COLUMNS (or LINE_COLUMNS and LINE_STATE_COLUMNS). */
export function factsOf(row: FactRow): LineFacts {
  return {
    quantity: row.quantity,
    requestedDate: row.requestedDate,
    cancelledQuantity: row.cancelledQuantity,
    receivedQuantity: row.receivedQuantity,
    overDeliveredQuantity: row.overDeliveredQuantity,
    schedule: row.schedule,
    scheduleTaken: row.scheduleTaken,
    inTransit: row.inTransit,
    rejected: row.rejected,
    closed: row.closed,
    acknowledgementRequired: row.acknowledgementRequired,
  };
}
