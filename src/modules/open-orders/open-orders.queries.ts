import { NOT_INBOUND_STATUSES, type LineQuantities, type ScheduleEntry, type Shipment } from './open-quantity';

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

const IN_TRANSIT = `CASE WHEN l.in_transit_quantity > 0 THEN coalesce((
    SELECT json_agg(json_build_object('shipNoticeId', sn.id, 'quantity', snl.quantity - snl.received_quantity, 'expectedArrival', sn.expected_arrival)
                    ORDER BY sn.expected_arrival, sn.id)
      FROM ship_notice_line snl JOIN ship_notice sn ON sn.id = snl.ship_notice_id
     WHERE snl.line_id = l.id AND sn.status IN ('IN_TRANSIT', 'PARTIALLY_RECEIVED') AND snl.received_quantity < snl.quantity), '[]') ELSE '[]' END`;

/** LINE_STATE_COLUMNS' fields: name, SQL expression (alias l). */
const LINE_STATE_FIELDS: readonly (readonly [keyof LineStateRow, string])[] = [
  ['scheduleTaken', 'l.schedule_taken'],
  ['rejected', `l.status = 'REJECTED'`],
  ['schedule', 'l.schedule'],
  ['inTransit', IN_TRANSIT],
];

const columns = (fields: readonly (readonly [string, string])[]) => fields.map(([name, expression]) => `${expression} AS "${name}"`).join(', ');

/**
 * The columns of a line (alias l) that the open-quantity model needs beyond
 * purchasing's LINE_COLUMNS: the promise as given (the line's copy of its
 * schedule_line rows by date, which writeLineChanges keeps; a sub-select of
 * the rows cost about 7 microseconds a line, each row probing the line
 * again under its policy), what was taken off it, and its open ship notices
 * (looked up only when something is in transit).
 */
export const LINE_STATE_COLUMNS = columns(LINE_STATE_FIELDS);

/** Every fact of the model: name, SQL expression (alias l), in the order of FACT_VALUES. */
const FACT_FIELDS: readonly (readonly [keyof FactRow, string])[] = [
  ['quantity', 'l.quantity'],
  ['requestedDate', 'l.requested_date::text'],
  ['cancelledQuantity', 'l.cancelled_quantity'],
  ['receivedQuantity', 'l.received_quantity'],
  ['overDeliveredQuantity', 'l.over_delivered_quantity'],
  ['closed', 'l.closed_at IS NOT NULL'],
  ['acknowledgementRequired', 'l.acknowledgement_required'],
  ...LINE_STATE_FIELDS,
];

/** Every column the model needs, for readers that do not need purchasing's LINE_COLUMNS (the projection, the selector). */
export const FACT_COLUMNS = columns(FACT_FIELDS);

/**
 * The same facts as FACT_COLUMNS, as a comma-separated list of values in a
 * fixed order, for a reader that packs each line into a JSON array
 * (`json_build_array(l.id, ${FACT_VALUES})`) rather than an object: the
 * risk inputs' read of every inbound line of an item is a third cheaper in
 * PostgreSQL that way (no key per value, no record turned into JSON).
 * factsOfValues reads such an array back.
 */
export const FACT_VALUES = FACT_FIELDS.map(([, expression]) => expression).join(', ');

/** The facts of a line packed with FACT_VALUES (the array's values from `from` on). */
export function factsOfValues(values: readonly unknown[], from = 0): LineFacts {
  return Object.fromEntries(FACT_FIELDS.map(([name], i) => [name, values[from + i]])) as unknown as LineFacts;
}

/**
 * An order line (alias l) that may still bring something, for every reader
 * of inbound (risk, the selector, what-if, overdue confirmations): its order
 * has left DRAFT (the line's order_past_draft, which the database keeps with
 * the order's status) and the line is not RECEIVED or CLOSED (nothing open)
 * nor CANCELLED or REJECTED (nothing owed, nothing shipped). A cancelled order's lines are all CANCELLED (cancelling writes them
 * in its transaction), so no reader needs the order's status.
 */
export const INBOUND_LINE = `(l.order_past_draft AND l.status NOT IN (${NOT_INBOUND_STATUSES.map((status) => `'${status}'`).join(', ')}))`;

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
