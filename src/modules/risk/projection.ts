import { addDays, daysBetween, type CalendarDate } from '../../shared/calendar';
import { times } from '../../shared/money';
import { expectedDeliveries, type LineQuantities } from '../open-orders/open-quantity';
import { RiskLevel } from './risk-level';

/**
 * The projected available balance of one item at one location (DESIGN.md,
 * "Projected available balance"): a pure function of plain data, so it can
 * be tested by hand-computed tables and run in bulk.
 *
 *   PAB(d) = available_today + inbound(0..d) - demand(0..d)
 */

/**
 * The largest quantity a projection reports (GraphQL Int, PostgreSQL int).
 * Each input is bounded (1,000,000,000 a forecast line), but sums of many are
 * not: they are computed exactly (doubles are exact far beyond any reachable
 * sum) and reported saturated at this limit, so storing them never overflows
 * and revenue at risk stays within numeric(38,4).
 */
export const MAX_REPORTED_QUANTITY = 2_147_483_647;
const MIN_REPORTED_QUANTITY = -2_147_483_648;
export const reported = (quantity: number): number => Math.min(MAX_REPORTED_QUANTITY, Math.max(MIN_REPORTED_QUANTITY, quantity));

export interface ForecastPeriod {
  periodStart: CalendarDate;
  periodDays: number;
  quantity: number;
}

/**
 * An order line of the item shipping to the location (ISSUED or later, not
 * cancelled), as the open-quantity model reads it: what it still brings and
 * when is the model's (expectedDeliveries).
 */
export type InboundLine = LineQuantities;

export interface ProjectionInput {
  today: CalendarDate;
  horizonDays: number;
  available: number;
  safetyStock: number;
  unitPrice: string;
  forecast: ForecastPeriod[];
  inbound: InboundLine[];
}

export interface ProjectedDay {
  date: CalendarDate;
  demand: number;
  inbound: number;
  projectedAvailable: number;
}

export interface Projection {
  level: RiskLevel;
  availableNow: number;
  safetyStock: number;
  projectedStockoutDate: CalendarDate | null;
  shortageQuantity: number;
  daysOfCover: number;
  revenueAtRisk: string;
  /** Only with { days: true }: dates cost time and only charts need them. */
  days: ProjectedDay[];
}

/**
 * Demand per day: a period of q units over p days gives every day floor(q/p)
 * and the first q mod p days one more, so each period sums to exactly q.
 * Days before today or past the horizon are dropped.
 */
export function dailyDemand(forecast: ForecastPeriod[], today: CalendarDate, horizonDays: number): number[] {
  const demand = new Array<number>(horizonDays).fill(0);
  for (const period of forecast) {
    const offset = daysBetween(today, period.periodStart);
    for (let k = 0; k < period.periodDays; k++) {
      const day = offset + k;
      if (day >= 0 && day < horizonDays) demand[day] += shareOfDay(period.quantity, period.periodDays, k);
    }
  }
  return demand;
}

/**
 * The spreading rule, for one day: day k (0-based) of a period of q units
 * over p days gets floor(q/p), one more when k < q mod p. The projection and
 * forecast accuracy (src/modules/demand) both read a forecast's days by it.
 */
export function shareOfDay(quantity: number, periodDays: number, k: number): number {
  return Math.floor(quantity / periodDays) + (k < quantity % periodDays ? 1 : 0);
}

/**
 * Inbound per day: each line's expected deliveries by the open-quantity
 * model (in transit on its ship notices' expected arrival, the rest of its
 * promise on its dates, a never-confirmed line's open quantity on the
 * requested date, a rejected or closed line only what is in transit: a
 * what-if slip to 0 is such a rejection). Overdue deliveries count on day
 * 0. The risk inputs' read gives it only lines whose status counts as
 * inbound (INBOUND_LINE); what it reads of those is the open-quantity
 * model's inboundPart.
 */
export function dailyInbound(lines: InboundLine[], today: CalendarDate, horizonDays: number): number[] {
  const inbound = new Array<number>(horizonDays).fill(0);
  for (const line of lines) {
    for (const delivery of expectedDeliveries(line)) {
      const day = Math.max(0, daysBetween(today, delivery.deliveryDate));
      if (day < horizonDays) inbound[day] += delivery.quantity;
    }
  }
  return inbound;
}

export function project(input: ProjectionInput, options: { days?: boolean } = {}): Projection {
  const { today, horizonDays } = input;
  const demand = dailyDemand(input.forecast, today, horizonDays);
  const inbound = dailyInbound(input.inbound, today, horizonDays);
  const days: ProjectedDay[] = [];
  let balance = input.available;
  let stockoutDay = -1;
  let belowSafety = false;
  let lowest = 0;
  for (let d = 0; d < horizonDays; d++) {
    balance += inbound[d] - demand[d];
    if (options.days) days.push({ date: addDays(today, d), demand: reported(demand[d]), inbound: reported(inbound[d]), projectedAvailable: reported(balance) });
    if (balance < 0 && stockoutDay < 0) stockoutDay = d;
    if (balance < input.safetyStock) belowSafety = true;
    lowest = Math.min(lowest, balance);
  }
  const shortageQuantity = reported(lowest < 0 ? -lowest : 0);
  return {
    level: stockoutDay >= 0 ? RiskLevel.STOCKOUT : belowSafety ? RiskLevel.AT_RISK : RiskLevel.OK,
    availableNow: input.available,
    safetyStock: input.safetyStock,
    projectedStockoutDate: stockoutDay >= 0 ? addDays(today, stockoutDay) : null,
    shortageQuantity,
    daysOfCover: stockoutDay >= 0 ? stockoutDay : horizonDays,
    revenueAtRisk: times(input.unitPrice, shortageQuantity),
    days,
  };
}

/** What a risk change is made of: level, first stockout date and shortage. */
export type RiskSummary = Pick<Projection, 'level' | 'projectedStockoutDate' | 'shortageQuantity'>;

/**
 * The rule for "the risk changed" (DESIGN.md: SHORTAGE_RISK_CHANGED is raised
 * when level, projectedStockoutDate or shortageQuantity changes), shared by
 * the engine's alerts and the what-if's list of changes. No previous risk
 * reads as OK with no stockout and no shortage.
 */
export function riskChanged(before: Partial<RiskSummary> | null, after: RiskSummary): boolean {
  return (before?.level ?? RiskLevel.OK) !== after.level
    || (before?.projectedStockoutDate ?? null) !== after.projectedStockoutDate
    || (before?.shortageQuantity ?? 0) !== after.shortageQuantity;
}
