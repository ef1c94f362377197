/** A purchase-order line's status, as the open-quantity model derives it (lineStatus); purchasing stores it and shows it. */
export enum PurchaseOrderLineStatus {
  OPEN = 'OPEN',
  CONFIRMED = 'CONFIRMED',
  PARTIALLY_CONFIRMED = 'PARTIALLY_CONFIRMED',
  REJECTED = 'REJECTED',
  PARTIALLY_RECEIVED = 'PARTIALLY_RECEIVED',
  RECEIVED = 'RECEIVED',
  CANCELLED = 'CANCELLED',
  CLOSED = 'CLOSED',
}
