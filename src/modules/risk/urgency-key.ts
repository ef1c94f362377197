import { badInput } from '../../shared/errors';
import { jsonCursor, type CursorCodec, type KeyValue, type SortKey } from '../../shared/keyset';

/**
 * shortageRisks' order, most urgent first: STOCKOUT, AT_RISK, OK (level
 * rank 0, 1, 2); the earliest stockout (none last); the largest revenue at
 * risk; then item and location. Its cursors carry these five values, as
 * they always have.
 */
export const URGENCY_COLUMNS: SortKey = [
  { sql: 'r.level_rank', type: 'smallint' },
  { sql: "coalesce(r.projected_stockout_date, 'infinity'::date)", type: 'date' },
  { sql: 'r.revenue_at_risk', type: 'numeric', desc: true },
  { sql: 'r.item_id', type: 'uuid' },
  { sql: 'r.location_id', type: 'uuid' },
];

/**
 * The list itself sorts by the five as one column, `urgency_key`, generated
 * by PostgreSQL (migration Migration20261210010000_risk_urgency_key says the
 * encoding and why): text that sorts byte by byte (collation "C") as the five
 * columns do.
 */
export const URGENCY: SortKey = [{ sql: 'r.urgency_key', type: 'text' }];

const DAY_MS = 86_400_000;
/** Milliseconds of a calendar date at 00:00 UTC, any year from 1 (Date.UTC would read years 0 to 99 as 1900 to 1999). */
function utcMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const at = new Date(0);
  at.setUTCFullYear(y, m - 1, d);
  return at.getTime();
}
const DAY_ONE = utcMs('0001-01-01');
const NO_STOCKOUT = '9999999999';
const complement = (digits: string) => digits.replace(/\d/g, (d) => String(9 - Number(d)));

/**
 * urgency_key of the five values (as a cursor carries them: the level rank a
 * number, the others PostgreSQL's text), computed as the generated column
 * computes it; null for values outside what that column can hold (no such
 * risk is ever written): a date of -infinity, an amount with more than 4
 * decimals or 34 integer digits.
 */
export function urgencyKey(values: readonly KeyValue[]): string | null {
  const [level, date, revenue, item, location] = values.map(String);
  if (date === '-infinity') return null;
  const days = date === 'infinity' ? NO_STOCKOUT : String(Math.round((utcMs(date) - DAY_ONE) / DAY_MS)).padStart(10, '0');
  const amount = /^(-?)(\d+)(?:\.(\d+))?$/.exec(revenue);
  if (!amount) return null;
  const [, sign, whole, fraction = ''] = amount;
  const integer = whole.replace(/^0+/, '');
  if (integer.length > 34 || fraction.length > 4) return null;
  const digits = integer.padStart(34, '0') + fraction.padEnd(4, '0');
  const negative = sign === '-' && /[1-9]/.test(digits);
  return (
    level.padStart(5, '0').slice(0, 5) + days + (negative ? `1${digits}` : `0${complement(digits)}`) + item.toLowerCase() + location.toLowerCase()
  );
}

/** The five values of an urgency_key, as a cursor carries them (the inverse of urgencyKey). */
export function urgencyValues(key: string): KeyValue[] {
  const days = key.slice(5, 15);
  let date = 'infinity';
  if (days !== NO_STOCKOUT) {
    const at = new Date(DAY_ONE + Number(days) * DAY_MS);
    date = `${String(at.getUTCFullYear()).padStart(4, '0')}-${String(at.getUTCMonth() + 1).padStart(2, '0')}-${String(at.getUTCDate()).padStart(2, '0')}`;
  }
  const negative = key[15] === '1';
  const digits = negative ? key.slice(16, 54) : complement(key.slice(16, 54));
  const revenue = `${negative ? '-' : ''}${digits.slice(0, 34).replace(/^0+/, '') || '0'}.${digits.slice(34)}`;
  return [Number(key.slice(0, 5)), date, revenue, key.slice(54, 90), key.slice(90, 126)];
}

const FIVE = jsonCursor(URGENCY_COLUMNS);

/**
 * The risk list's cursors: the five values (the format clients have held
 * since the list began, checked type by type: anything else is
 * BAD_USER_INPUT "Invalid cursor" on the argument), turned into the
 * urgency_key the page is bounded by, and back.
 */
export const URGENCY_CURSOR: CursorCodec = {
  encode: ([key]) => FIVE.encode(urgencyValues(String(key))),
  decode(cursor, field) {
    const key = urgencyKey(FIVE.decode(cursor, field));
    if (key === null) throw badInput(field, 'Invalid cursor');
    return [key];
  },
};
