import type { EntityManager } from '@mikro-orm/postgresql';
import type { CalendarDate } from '../shared/calendar';
import { badInput } from '../shared/errors';
import { Params, sql } from '../shared/sql';
import { systemClock, type Clock } from './clock';
import type { Scope } from './scope';
import { heldByTransactionOf } from './transaction';

/** The key of a transaction's known zones (heldByTransaction). */
const ZONES = Symbol('time zones by location');

/**
 * Local dates (DESIGN.md, "Local dates"): each organization has a time zone
 * (an IANA name, default UTC) and each location one (default: its
 * organization's). "Today" for anything about a location is the calendar
 * date there at the clock's instant: day 0 of its projection, requested and
 * delivery dates that may not be in the past, receipts that may not be in
 * the future, overdue alerts, the selector, the daily recompute and the
 * risk snapshot (KPIs). DateTime values stay in UTC.
 *
 * This file is the one place a server rule turns "now" into a date:
 * LocalDates.todayAt answers "today at these locations" (test/unit/
 * local-dates.test.ts fails on any other path computing today in UTC).
 * Time-zone arithmetic is the platform's (Intl, with the IANA database of
 * Node's ICU), never hand-written offsets.
 */

export const DEFAULT_TIME_ZONE = 'UTC';

/** An IANA zone name as people write it: Area/Location(/More), or UTC. Offsets (+05:00) and abbreviations (PST) are not names. */
const IANA_SHAPE = /^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * The zone's canonical IANA name (e.g. "asia/shanghai" -> "Asia/Shanghai"),
 * or null when it is not a time zone Node's IANA database knows.
 */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (!IANA_SHAPE.test(trimmed)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The canonical IANA name of a time zone given in input, or BAD_USER_INPUT on `field`. */
export function requireTimeZone(name: string, field: string): string {
  const zone = canonicalTimeZone(name);
  if (!zone) throw badInput(field, `"${name}" is not an IANA time zone name (e.g. America/Los_Angeles, Asia/Shanghai, UTC)`);
  return zone;
}

/** The calendar date at `instant` in `timeZone` (a valid IANA name): the pure core of every "today". */
export function localDate(instant: Date, timeZone: string): CalendarDate {
  return formatIn(timeZone).format(instant);
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant (its wall clock minus UTC), in ms, as Intl reads it. */
function offsetAt(ms: number, timeZone: string): number {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    clocks.set(timeZone, clock);
  }
  const parts = clock.formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((x) => x.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour') % 24, part('minute'), part('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant `date` begins in `timeZone` (a valid IANA name): the first
 * instant whose local date there is `date`, usually its 00:00 (01:00 where
 * a clock change skips midnight). The inverse of localDate, from the same
 * Intl database.
 */
export function startOfLocalDay(date: CalendarDate, timeZone: string): Date {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  // Local midnight is UTC midnight minus the offset then; a second pass takes the offset at that instant (a change that day).
  const guess = midnight - offsetAt(midnight - offsetAt(midnight, timeZone), timeZone);
  if (localDate(new Date(guess), timeZone) === date && localDate(new Date(guess - 1), timeZone) < date) return new Date(guess);
  // Midnight skipped by a clock change: the first millisecond of the date, between UTC-12 and UTC+14 (a margin either side).
  let before = midnight - 15 * 3_600_000;
  let from = midnight + 15 * 3_600_000;
  while (from - before > 1) {
    const mid = Math.floor((before + from) / 2);
    if (localDate(new Date(mid), timeZone) >= date) from = mid;
    else before = mid;
  }
  return new Date(from);
}

/** The latest calendar date anywhere on Earth at `instant` (UTC+14): a bound for candidate queries that are then decided per location. */
export const latestDateAnywhere = (instant: Date): CalendarDate => localDate(instant, 'Pacific/Kiritimati');

/** "Today" by location id: what LocalDates.todayAt answers. */
export type LocalToday = ReadonlyMap<string, CalendarDate>;

/** Each location's date at `at` in its zone; a location not read (not visible) counts in UTC (the caller's own checks refuse it). */
function datesOf(ids: readonly string[], zones: { id: string; zone: string }[], at: Date): LocalToday {
  const todays = new Map<string, CalendarDate>();
  for (const { id, zone } of zones) todays.set(id, localDate(at, zone));
  for (const id of ids) if (!todays.has(id)) todays.set(id, localDate(at, DEFAULT_TIME_ZONE));
  return todays;
}

/** What a location's local date needs: its own zone, else its organization's. */
export const LOCATION_TIME_ZONE_SQL = (location: string, organization: string) => `coalesce(${location}.time_zone, ${organization}.time_zone)`;

/** The zone of each location matching `condition` on `l` (parameters $1...): the one statement every zone read goes through. */
function zonesWhere(em: EntityManager, condition: string, params: unknown[]): Promise<{ id: string; zone: string }[]> {
  return sql(em, `SELECT l.id, ${LOCATION_TIME_ZONE_SQL('l', 'o')} AS zone FROM location l JOIN organization o ON o.id = l.retailer_id WHERE ${condition}`, params);
}

/**
 * "Today" at locations, on the process's clock (the system clock; tests move
 * a ManualClock). Created once per process with the clock the server got.
 */
export class LocalDates {
  constructor(private readonly clock: Clock = systemClock) {}

  /** The clock's instant (DateTime values stay in UTC). */
  now(): Date {
    return this.clock.now();
  }

  /** Today in a time zone (an organization's, for what is about no location). */
  todayIn(timeZone: string): CalendarDate {
    return localDate(this.clock.now(), timeZone);
  }

  /**
   * Today at each of the locations (their zone, else their organization's),
   * read through the caller's EntityManager (row-level security applies: a
   * location the caller may not read counts in UTC, and the caller's own
   * rules refuse it anyway). One statement whatever the number of locations.
   */
  async todayAt(em: EntityManager, locationIds: readonly string[], at: Date = this.clock.now()): Promise<LocalToday> {
    const ids = [...new Set(locationIds)];
    if (ids.length === 0) return new Map();
    const known = this.zonesOf(em);
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) {
      for (const { id, zone } of await zonesWhere(em, 'l.id = ANY($1::uuid[])', [missing])) known.set(id, zone);
    }
    return datesOf(ids, ids.filter((id) => known.has(id)).map((id) => ({ id, zone: known.get(id)! })), at);
  }

  /**
   * Zones the caller has read through its own scope with rows it needed
   * anyway (LOCATION_TIME_ZONE_SQL beside a line's ship-to): todayAt in the
   * same transaction then reads them from here.
   */
  learnZones(em: EntityManager, zones: { id: string; zone: string }[]): void {
    const known = this.zonesOf(em);
    for (const { id, zone } of zones) known.set(id, zone);
  }

  /**
   * The zones read in this EntityManager's transaction (kept with the
   * transaction: a document's next mutation reads them again), else in its
   * unit of work (a job step), by location: a receipt asks for its
   * location's today and for its order's issue day there, and reads the zone
   * once.
   */
  private zonesOf(em: EntityManager): Map<string, string> {
    const store = heldByTransactionOf(em) ?? this.zones.get(em) ?? this.zones.set(em, new Map()).get(em)!;
    let zones = store.get(ZONES) as Map<string, string> | undefined;
    if (!zones) store.set(ZONES, (zones = new Map()));
    return zones;
  }

  /** Outside a transaction (a job step's EntityManager): what zonesOf keeps, by EntityManager. */
  private readonly zones = new WeakMap<EntityManager, Map<unknown, unknown>>();

  /** Today at every location of a retailer (jobs and what-ifs that touch many of them), as todayAt. */
  async todayAtLocationsOf(em: EntityManager, retailerId: string, at: Date = this.clock.now()): Promise<LocalToday> {
    const zones = await zonesWhere(em, 'l.retailer_id = $1', [retailerId]);
    return datesOf(zones.map((z) => z.id), zones, at);
  }

  /** Every location `scope` may see, with its zone (its own, else its organization's): for arithmetic per local day. */
  zonesOfVisibleLocations(em: EntityManager, scope: Scope): Promise<{ id: string; zone: string }[]> {
    const p = new Params();
    const visible = scope.where('location', 'l', p);
    return zonesWhere(em, visible, p.values);
  }

  /** Today at one location. */
  async todayAtOne(em: EntityManager, locationId: string, at?: Date): Promise<CalendarDate> {
    return (await this.todayAt(em, [locationId], at)).get(locationId)!;
  }

  /** The local date at a location at some instant: an event's day there (e.g. the day an order was issued). */
  dateAt(em: EntityManager, locationId: string, instant: Date): Promise<CalendarDate> {
    return this.todayAtOne(em, locationId, instant);
  }

  /** The latest date anywhere now (see latestDateAnywhere). */
  latestToday(): CalendarDate {
    return latestDateAnywhere(this.clock.now());
  }
}

declare module './context' {
  interface ServiceRegistry {
    /** "Today" at a location (DESIGN.md, Local dates), on the process's clock. */
    localDates: LocalDates;
  }
}
