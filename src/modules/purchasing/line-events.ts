import type { AuthedContext } from '../../core/context';

/**
 * What purchasing tells other modules about its lines, inside the
 * transaction of the change (sourcing answers a slip with a reallocation
 * proposal and retires proposals of closed orders). Purchasing names no
 * listener; the composition root (src/server/services.ts) connects them, so
 * the dependency points one way: sourcing uses purchasing.
 */
export interface LineListener {
  /** Lines of one retailer that became slipped or slipped further. */
  linesSlipped(tx: AuthedContext, retailerId: string, lineIds: string[]): Promise<void>;
  /** Lines whose order was closed: nothing more is expected of them. */
  linesClosed(tx: AuthedContext, lineIds: string[]): Promise<void>;
}

/** Passes line events to the listeners connected at start-up, in order. */
export class LineEvents implements LineListener {
  private readonly listeners: LineListener[] = [];

  listen(listener: LineListener): void {
    this.listeners.push(listener);
  }

  async linesSlipped(tx: AuthedContext, retailerId: string, lineIds: string[]): Promise<void> {
    for (const listener of this.listeners) await listener.linesSlipped(tx, retailerId, lineIds);
  }

  async linesClosed(tx: AuthedContext, lineIds: string[]): Promise<void> {
    for (const listener of this.listeners) await listener.linesClosed(tx, lineIds);
  }
}
