import { addDays, type CalendarDate } from '../../shared/calendar';
import { moveDeliveries, slip, type LineQuantities } from '../open-orders/open-quantity';
import { project, type Projection } from '../risk/projection';
import type { WhatIfPair } from '../risk/risk.service';

/** A line delivering later and/or less: null keeps the current value (DESIGN.md, Planning collaboration). */
export interface SimulatedSlip {
  lineId: string;
  deliveryDate?: CalendarDate | null;
  quantity?: number | null;
}

/** A supplier delivering nothing dated in [from, to]: those deliveries come the day after `to`. */
export interface SimulatedOutage {
  supplierId: string;
  from: CalendarDate;
  to: CalendarDate;
}

/**
 * A what-if as a pure function of plain data: what the given slips and
 * outages make of an order line's facts and of a supplier's delivery dates.
 * It changes copies only, through the open-quantity model's own changes
 * (`slip`, `moveDeliveries`), so the projection and the selector read the
 * simulated lines by the same rules as the real ones.
 *
 * Order: a line's slip first, then its supplier's outages (a slip onto a day
 * of an outage comes after the outage). A delivery moved past one outage
 * into another of the same supplier moves again.
 */
export class Scenario {
  private readonly slips: Map<string, SimulatedSlip>;
  private readonly outages = new Map<string, SimulatedOutage[]>();

  constructor(slips: readonly SimulatedSlip[], outages: readonly SimulatedOutage[]) {
    this.slips = new Map(slips.map((s) => [s.lineId, s]));
    for (const o of outages) this.outages.set(o.supplierId, [...(this.outages.get(o.supplierId) ?? []), o]);
  }

  /** True when the scenario may change this line (it slips, or its supplier has an outage). */
  touches(lineId: string, supplierId: string): boolean {
    return this.slips.has(lineId) || this.outages.has(supplierId);
  }

  /** The date a delivery of the supplier due on `date` comes: the day after each outage that covers it. */
  readonly delivery = (supplierId: string, date: CalendarDate): CalendarDate => {
    const own = this.outages.get(supplierId);
    if (!own) return date;
    let moved = date;
    // Each pass moves the date past one outage's `to`, so no outage applies twice: at most own.length passes.
    for (let again = true; again; ) {
      again = false;
      for (const o of own) {
        if (moved >= o.from && moved <= o.to) {
          moved = addDays(o.to, 1);
          again = true;
        }
      }
    }
    return moved;
  };

  /** The line's facts under the scenario (the same object when nothing changes it). */
  readonly line = <L extends LineQuantities>(lineId: string, supplierId: string, facts: L): L => {
    let line = facts;
    const change = this.slips.get(lineId);
    if (change) line = slip(line, change);
    if (this.outages.has(supplierId)) line = moveDeliveries(line, (date) => this.delivery(supplierId, date));
    return line;
  };

  /**
   * One item x location before and after: both projected from the same
   * inputs by the risk engine's projection; `after` is `before` itself when
   * the scenario touches none of its inbound lines.
   */
  project(pair: WhatIfPair): { before: Projection; after: Projection } {
    const before = project(pair.input);
    if (!pair.lines.some((l) => this.touches(l.id, l.supplierId))) return { before, after: before };
    const inbound = pair.input.inbound.map((facts, i) => this.line(pair.lines[i].id, pair.lines[i].supplierId, facts));
    return { before, after: project({ ...pair.input, inbound }) };
  }
}
