/** Pure helpers of the portal (no DOM), shared with the unit tests. */

/** "input.schedule[1].quantity" -> { row: 1, key: "quantity" } */
export function scheduleField(field: string | undefined): { row: number | null; key: string | null } {
  const match = /^input\.schedule(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(field ?? '');
  if (!match) return { row: null, key: null };
  return { row: match[1] === undefined ? null : Number(match[1]), key: match[2] ?? null };
}

/** "input.lines[2].quantity" -> { row: 2, key: "quantity" } (a ship notice's lines) */
export function linesField(field: string | undefined): { row: number | null; key: string | null } {
  const match = /^input\.lines(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(field ?? '');
  if (!match) return { row: null, key: null };
  return { row: match[1] === undefined ? null : Number(match[1]), key: match[2] ?? null };
}

/** How a line counts: its base unit, and the supplier's purchase unit if it sells in one. */
export interface Units {
  unitOfMeasure: string;
  purchaseUnit: string | null;
  unitsPerPurchaseUnit: number;
}

/**
 * A quantity in the purchase unit with the base units beside: "20 CS (240 EA)";
 * "3 CS + 4 EA (40 EA)" when it is not whole cases; "7 EA" without a purchase unit.
 */
export function formatQuantity(quantity: number, units: Units): string {
  const base = `${quantity} ${units.unitOfMeasure}`;
  if (!units.purchaseUnit || units.unitsPerPurchaseUnit <= 1) return base;
  const whole = Math.floor(quantity / units.unitsPerPurchaseUnit);
  const rest = quantity % units.unitsPerPurchaseUnit;
  const inCases = rest === 0 ? `${whole} ${units.purchaseUnit}` : `${whole} ${units.purchaseUnit} + ${rest} ${units.unitOfMeasure}`;
  return `${inCases} (${base})`;
}

/** A quantity as the ship form shows it: whole purchase units and loose base units beside (all base units without a purchase unit). */
export interface UnitsSplit {
  whole: number;
  loose: number;
}

const hasPurchaseUnit = (units: Units) => Boolean(units.purchaseUnit) && units.unitsPerPurchaseUnit > 1;

/** 40 EA in cases of 12 -> 3 CS + 4 EA; 5 EA -> 0 CS + 5 EA; without a purchase unit, all of it in the one field. */
export function splitQuantity(quantity: number, units: Units): UnitsSplit {
  if (!hasPurchaseUnit(units)) return { whole: quantity, loose: 0 };
  return { whole: Math.floor(quantity / units.unitsPerPurchaseUnit), loose: quantity % units.unitsPerPurchaseUnit };
}

/**
 * Base units of what the ship form says ("3" CS and "4" EA -> 40), or why it
 * cannot be shipped: each field a whole number of at least 0 (empty is 0),
 * at least 1 base unit in all, at most `limit`.
 */
export function shipQuantity(whole: string, loose: string, units: Units, limit: number): { quantity: number; problem: string | null } {
  const [w, l] = [whole, loose].map((text) => (text.trim() === '' ? 0 : Number(text)));
  const quantity = w * (hasPurchaseUnit(units) ? units.unitsPerPurchaseUnit : 1) + (hasPurchaseUnit(units) ? l : 0);
  if (![w, l].every((n) => Number.isInteger(n) && n >= 0)) return { quantity: 0, problem: 'Enter whole numbers (0 or more)' };
  if (quantity < 1) return { quantity, problem: `Enter at least 1 ${units.unitOfMeasure} to ship` };
  if (quantity > limit) return { quantity, problem: `At most ${formatQuantity(limit, units)} is left to ship` };
  return { quantity, problem: null };
}

/**
 * The smallest commit that is not an exception against `forecast` with the
 * partnership's tolerance: a commit is short when committed < forecast x
 * (1 - tolerance/100) (DESIGN.md, Planning collaboration), i.e. below
 * ceil(forecast x (100 - tolerance) / 100). 100 of forecast at 10% -> 90;
 * 70 at 5% -> 67 (66.5 rounded up).
 */
export function commitFloor(forecast: number, tolerancePercent: number): number {
  return Math.ceil((forecast * (100 - tolerancePercent)) / 100);
}

/** What a commit field says before sending: a problem with the entry, or whether the quantity would raise an exception. */
export function commitCheck(text: string, forecast: number, tolerancePercent: number): { quantity: number | null; problem: string | null; short: boolean } {
  if (text.trim() === '') return { quantity: null, problem: null, short: false };
  const quantity = Number(text);
  if (!Number.isInteger(quantity) || quantity < 0) return { quantity: null, problem: 'Enter a whole number (0 or more)', short: false };
  if (quantity > 1_000_000_000) return { quantity: null, problem: 'At most 1,000,000,000', short: false };
  return { quantity, problem: null, short: quantity < commitFloor(forecast, tolerancePercent) };
}

/**
 * The currency of every money figure the API returns (Decimal strings: unit
 * costs, revenue at risk). The API carries no currency field; a deployment
 * trades in one currency, the demo's in US dollars.
 */
export const CURRENCY = 'USD';

/** "1234.5000" -> "$1,234.50" (en-US, 2 decimals); "—" without a value. */
export function formatMoney(value: string | number | null | undefined, currency = CURRENCY): string {
  if (value === null || value === undefined || value === '') return '—';
  const amount = Number(value);
  if (!Number.isFinite(amount)) return '—';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
}

/** A rate of 0..1 (the API's 4 decimals) as a percentage with one decimal: 0.8333 -> "83.3%"; null (nothing to measure) -> "—". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}

/** Whether a user of this role may publish a forecast (generateForecast: a retailer's PLANNER or ADMIN); the API refuses the others. */
export const mayPublishForecasts = (role: string): boolean => role === 'PLANNER' || role === 'ADMIN';

/**
 * Why previewForecast's holdoutWape is null, by its description: fewer than
 * 8 weeks of history (56 for SEASONAL_NAIVE, fitted on the weeks before the
 * 4 held out), else nothing sold to score (CROSTON: or before them).
 */
export function holdoutMissing(method: string, weeks: number): string {
  if (weeks < 8) return 'fewer than 8 weeks of history';
  if (method === 'SEASONAL_NAIVE' && weeks < 56) return 'seasonal naive is scored from 56 weeks: 52 before the 4 held out';
  if (method === 'CROSTON') return 'nothing sold in the last 4 weeks, or before them';
  return 'nothing sold in the last 4 weeks';
}

/** The note when the API used another method than the one asked for (an explicit method that does not apply falls back to SES); null otherwise. */
export function fallbackNote(asked: string, used: string): string | null {
  return asked === 'AUTO' || asked === used ? null : `${asked} does not apply to this series: fell back to ${used}`;
}

/** What a publish did, a wipe first in words (DESIGN.md: positions that lost all demand are visible at once). */
export function publishedText(v: { version: number; scope: string; lineCount: number; positionsDropped: number }): string {
  const dropped = v.positionsDropped > 0 ? `${v.positionsDropped} item x location(s) lost all demand` : 'no item x location lost its demand';
  return `Published forecast version ${v.version} (${v.scope}, ${v.lineCount} lines in all); ${dropped}.`;
}

/** A KPI window as the API accepts it (at most 400 days, `to` not before `from`), or the problem and the field it belongs to. */
export function windowCheck(from: string, to: string): { field: 'from' | 'to'; problem: string } | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(from) || Number.isNaN(Date.parse(from))) return { field: 'from', problem: 'Enter a date (YYYY-MM-DD)' };
  if (!iso.test(to) || Number.isNaN(Date.parse(to))) return { field: 'to', problem: 'Enter a date (YYYY-MM-DD)' };
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  if (days < 1) return { field: 'to', problem: 'The end is before the start' };
  if (days > 400) return { field: 'to', problem: `At most 400 days (this is ${days})` };
  return null;
}

/** "input.slips[0].deliveryDate" -> { list: "slips", row: 0, key: "deliveryDate" }; the same for outages; nulls for anything else. */
export function simulateField(field: string | undefined): { list: 'slips' | 'outages' | null; row: number | null; key: string | null } {
  const match = /^input\.(slips|outages)(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(field ?? '');
  if (!match) return { list: null, row: null, key: null };
  return { list: match[1] as 'slips' | 'outages', row: match[2] === undefined ? null : Number(match[2]), key: match[3] ?? null };
}

/** A line's value: quantity x unit cost (the API's Decimal string), in the currency's units. */
export function lineValue(quantity: number, unitCost: string | null | undefined): number {
  const cost = Number(unitCost);
  return Number.isFinite(cost) ? Math.round(quantity * cost * 100) / 100 : 0;
}

/** An order's total over its lines, rounded to cents once per line as lineValue does. */
export function orderTotal(lines: { quantity: number; unitCost: string }[]): number {
  return Math.round(lines.reduce((sum, l) => sum + lineValue(l.quantity, l.unitCost) * 100, 0)) / 100;
}

/**
 * RFC 4180 CSV: a header row and the rows, CRLF line ends; a field with a
 * comma, quote or line break is quoted, quotes doubled. A field starting
 * with =, +, - or @ gets a leading apostrophe, so a spreadsheet never runs
 * it as a formula (numbers are passed as numbers and left alone).
 */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cell = (value: string | number | null | undefined) => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return String(value);
    const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Risks whose item SKU or name, or location code or name, contains the text (case-insensitive); blank: all. */
export function matchesSearch(risk: { item: { sku: string; name: string }; location: { code: string; name: string } }, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [risk.item.sku, risk.item.name, risk.location.code, risk.location.name].some((v) => v.toLowerCase().includes(needle));
}
