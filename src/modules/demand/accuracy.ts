import { daysBetween, type CalendarDate } from '../../shared/calendar';
import { shareOfDay } from '../risk/projection';

/**
 * Forecast accuracy (DESIGN.md, "Demand"): for each day with a sales row, the
 * forecast of that day is its daily share (the projection's spreading rule)
 * of the lines of the version that was newest at the start of that day;
 * over a group of days
 *
 *   WAPE = sum |F - A| / sum A,  bias = sum (F - A) / sum A  (null when sum A = 0).
 *
 * Pure: the service reads the sales days and the lines that cover them.
 */

/** One forecast line covering a sales day (a version may hold overlapping periods: their shares add up). */
export interface CoveringLine {
  periodStart: CalendarDate;
  periodDays: number;
  quantity: number;
}

/** The forecast of `day` from the lines (of one version, one item x location) that cover it; 0 without any. */
export function forecastOfDay(day: CalendarDate, lines: readonly CoveringLine[]): number {
  let total = 0;
  for (const line of lines) {
    const k = daysBetween(line.periodStart, day);
    if (k >= 0 && k < line.periodDays) total += shareOfDay(line.quantity, line.periodDays, k);
  }
  return total;
}

export interface Accuracy {
  wape: number | null;
  bias: number | null;
  days: number;
  actualQuantity: number;
  forecastQuantity: number;
}

/** Sums of one group, added to day by day. */
export class AccuracySums {
  days = 0;
  actual = 0;
  forecast = 0;
  absError = 0;

  add(forecast: number, actual: number): void {
    this.days++;
    this.actual += actual;
    this.forecast += forecast;
    this.absError += Math.abs(forecast - actual);
  }

  /** WAPE and bias to 4 decimals. */
  result(): Accuracy {
    const ratio = (x: number) => (this.actual === 0 ? null : Math.round((x / this.actual) * 10_000) / 10_000);
    return {
      wape: ratio(this.absError),
      bias: ratio(this.forecast - this.actual),
      days: this.days,
      actualQuantity: this.actual,
      forecastQuantity: this.forecast,
    };
  }
}
