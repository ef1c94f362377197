import { UTCDate } from '@date-fns/utc';
import { addDays as addDaysFns, differenceInCalendarDays, formatISO, getISOWeek, getISOWeekYear } from 'date-fns';

/**
 * Calendar dates ("YYYY-MM-DD", UTC) as the domain uses them: delivery
 * dates, forecast periods, "today". date-fns over UTCDate keeps every
 * computation in UTC whatever the process time zone is.
 */
export type CalendarDate = string;

const toUtc = (date: CalendarDate) => new UTCDate(`${date}T00:00:00Z`);
const format = (date: Date): CalendarDate => formatISO(date, { representation: 'date' });

export const todayUtc = (now: Date = new Date()): CalendarDate => format(new UTCDate(now));

export const addDays = (date: CalendarDate, days: number): CalendarDate => format(addDaysFns(toUtc(date), days));

/**
 * Whole days from `from` to `to` (negative when `to` is earlier). This sits
 * on the risk engine's hot path (hundreds of thousands of calls per full
 * recompute), so it counts days from the epoch with the native ISO parser
 * instead of building date objects.
 */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** The slower, library version of daysBetween, kept to check the fast one against. */
export const daysBetweenChecked = (from: CalendarDate, to: CalendarDate): number => differenceInCalendarDays(toUtc(to), toUtc(from));

/** The UTC calendar date of an instant. */
export const dateOf = (instant: Date | string): CalendarDate => format(new UTCDate(new Date(instant)));

/** Dates already keyed by isoWeek (few distinct dates, many calls: the selector keys every open delivery). */
const isoWeeks = new Map<CalendarDate, string>();
const ISO_WEEKS_KEPT = 10_000;

/** ISO week key, e.g. "2026-W49" (weeks start on Monday; the year is the ISO week-numbering year). */
export const isoWeek = (date: CalendarDate): string => {
  let week = isoWeeks.get(date);
  if (week === undefined) {
    const d = toUtc(date);
    week = `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`;
    if (isoWeeks.size >= ISO_WEEKS_KEPT) isoWeeks.clear();
    isoWeeks.set(date, week);
  }
  return week;
};
