import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../src/core/clock';
import { canonicalTimeZone, latestDateAnywhere, LocalDates, localDate, startOfLocalDay } from '../../src/core/local-dates';

describe('localDate: the calendar date at an instant in an IANA zone (Intl, no hand-written offsets)', () => {
  // 2026-11-30 10:30 UTC: 23:30 on the 29th in Pago Pago (UTC-11), 00:30 on Dec 1st at Kiritimati (UTC+14).
  const instant = new Date('2026-11-30T10:30:00Z');
  it.each([
    ['Pacific/Pago_Pago', '2026-11-29'],
    ['UTC', '2026-11-30'],
    ['Pacific/Kiritimati', '2026-12-01'],
    ['Asia/Shanghai', '2026-11-30'],
    ['America/Los_Angeles', '2026-11-30'],
  ])('%s -> %s', (zone, date) => {
    expect(localDate(instant, zone)).toBe(date);
  });

  it('follows daylight saving time from the IANA database: Los Angeles at 00:50 UTC is 17:50 PDT in July, 16:50 PST in November', () => {
    expect(localDate(new Date('2026-07-30T06:59:00Z'), 'America/Los_Angeles')).toBe('2026-07-29'); // 23:59 PDT
    expect(localDate(new Date('2026-07-30T07:00:00Z'), 'America/Los_Angeles')).toBe('2026-07-30'); // 00:00 PDT
    expect(localDate(new Date('2026-11-30T07:59:00Z'), 'America/Los_Angeles')).toBe('2026-11-29'); // 23:59 PST
    expect(localDate(new Date('2026-11-30T08:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-30'); // 00:00 PST
  });

  it('the latest date anywhere is UTC+14', () => {
    expect(latestDateAnywhere(new Date('2026-11-30T09:59:00Z'))).toBe('2026-11-30');
    expect(latestDateAnywhere(new Date('2026-11-30T10:00:00Z'))).toBe('2026-12-01');
  });

  it('LocalDates reads the injectable clock: moved across midnight at UTC-11, UTC and UTC+14', () => {
    const clock = new ManualClock(new Date('2026-11-30T09:59:00Z'));
    const dates = new LocalDates(clock);
    const all = () => ['Pacific/Pago_Pago', 'UTC', 'Pacific/Kiritimati'].map((z) => dates.todayIn(z));
    expect(all()).toEqual(['2026-11-29', '2026-11-30', '2026-11-30']);
    clock.advance({ minutes: 1 }); // 10:00 UTC: midnight at UTC+14
    expect(all()).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
    clock.set(new Date('2026-11-30T23:59:00Z'));
    expect(all()).toEqual(['2026-11-30', '2026-11-30', '2026-12-01']);
    clock.advance({ minutes: 1 }); // midnight UTC
    expect(all()).toEqual(['2026-11-30', '2026-12-01', '2026-12-01']);
    clock.set(new Date('2026-12-01T10:59:00Z'));
    expect(all()).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    clock.advance({ minutes: 1 }); // 11:00 UTC: midnight at UTC-11
    expect(all()).toEqual(['2026-12-01', '2026-12-01', '2026-12-02']);
  });
});

describe('startOfLocalDay: the instant a date begins in a zone (the inverse of localDate)', () => {
  it.each([
    ['2026-12-01', 'Asia/Shanghai', '2026-11-30T16:00:00.000Z'], // UTC+8
    ['2026-12-01', 'UTC', '2026-12-01T00:00:00.000Z'],
    ['2026-12-01', 'Pacific/Kiritimati', '2026-11-30T10:00:00.000Z'], // UTC+14
    ['2026-12-01', 'Pacific/Pago_Pago', '2026-12-01T11:00:00.000Z'], // UTC-11
    ['2026-11-30', 'America/Los_Angeles', '2026-11-30T08:00:00.000Z'], // PST
    ['2026-07-30', 'America/Los_Angeles', '2026-07-30T07:00:00.000Z'], // PDT
    ['2026-03-08', 'America/Los_Angeles', '2026-03-08T08:00:00.000Z'], // the day clocks go forward at 02:00: midnight is still PST
    // Chile goes forward at midnight on 2026-09-06: 00:00 does not exist, the day begins at 01:00 (-03).
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
    // ... and back at midnight on 2026-04-05 (24:00 -03 becomes 23:00 -04 on the 4th): the day begins at 00:00 -04.
    ['2026-04-05', 'America/Santiago', '2026-04-05T04:00:00.000Z'],
  ])('%s in %s begins at %s', (date, zone, instant) => {
    const start = startOfLocalDay(date, zone);
    expect(start.toISOString()).toBe(instant);
    expect(localDate(start, zone)).toBe(date);
    expect(localDate(new Date(start.getTime() - 1), zone) < date).toBe(true);
  });
});

describe('canonicalTimeZone: IANA names only', () => {
  it('accepts IANA names, in canonical spelling', () => {
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('america/los_angeles')).toBe('America/Los_Angeles');
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).not.toBeNull(); // ICU may answer its alias America/Buenos_Aires
  });

  it.each(['', 'Mars/Olympus_Mons', '+05:00', 'PST', 'UTC+8', 'Asia/', 'Europe/Paris; DROP TABLE'])('refuses %j', (name) => {
    expect(canonicalTimeZone(name)).toBeNull();
  });
});

/**
 * "Today" has one source (DESIGN.md, Local dates): src/core/local-dates.ts.
 * This scan fails on any other server path that computes a date from "now"
 * in UTC (or in the process's zone), so a new rule cannot quietly count
 * today at Greenwich. Each allowed exception says why it is not a "today".
 */
describe('no other path computes today', () => {
  const src = path.resolve(__dirname, '../../src');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return name === 'generated' ? [] : files(full);
      return /\.tsx?$/.test(name) ? [full] : [];
    });
  const FORBIDDEN: [RegExp, string][] = [
    [/\btodayUtc\s*\(/, 'todayUtc()'],
    [/\.toISOString\(\)\s*\.\s*(slice|substring|substr)\(\s*0\s*,\s*10\s*\)/, 'toISOString().slice(0, 10)'],
    [/\bCURRENT_DATE\b/i, 'CURRENT_DATE'],
    [/now\(\)\s*::\s*date/i, 'now()::date'],
    [/\bnew UTCDate\(\s*\)/, 'new UTCDate()'],
    [/\bdateOf\(\s*(new Date\(\s*\)|Date\.now\(\))/, 'dateOf(now)'],
    [/AT TIME ZONE 'UTC'\)?\s*::\s*date[^\n]*(now\(\)|current_timestamp)|(now\(\)|current_timestamp)\s*AT TIME ZONE/i, 'now() at a zone in SQL'],
    [/\.toDateString\(\)|\.getDate\(\)/, 'a Date\'s day in the process\'s zone'],
  ];
  /** file (relative to src) -> what may appear there, and why it is not "today". */
  const ALLOWED: Record<string, { pattern: string; why: string }[]> = {
    'shared/calendar.ts': [{ pattern: 'todayUtc()', why: 'the UTC helper itself (demo, benchmarks, tests)' }],
    'shared/scalars.ts': [{ pattern: 'toISOString().slice(0, 10)', why: 'serialising a Date value as the Date scalar' }],
    'shared/bounds.ts': [{ pattern: 'toISOString().slice(0, 10)', why: 'the 10-year input bound: a day either way is within it' }],
    'modules/purchasing/overdue.ts': [{ pattern: 'toISOString().slice(0, 10)', why: 'the once-per-line key of CONFIRMATION_OVERDUE (the issue instant), not a date rule' }],
    'shared/node.ts': [{ pattern: 'toISOString().slice(0, 10)', why: 'a ForecastCommit id\'s period: a day number back to its date, not a "today"' }],
    'modules/portal/app/dates.ts': [{ pattern: 'toISOString().slice(0, 10)', why: 'the browser\'s date inputs; the server checks every date at the location' }],
  };

  it('finds "today" computed only in src/core/local-dates.ts (and the listed exceptions)', () => {
    const found: string[] = [];
    for (const file of files(src)) {
      const rel = path.relative(src, file).split(path.sep).join('/');
      if (rel === 'core/local-dates.ts') continue;
      const text = readFileSync(file, 'utf8');
      for (const [pattern, name] of FORBIDDEN) {
        if (!pattern.test(text)) continue;
        if ((ALLOWED[rel] ?? []).some((a) => a.pattern === name)) continue;
        found.push(`${rel}: ${name}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the scan would catch a new path', () => {
    const line = 'const today = new Date().toISOString().slice(0, 10);';
    expect(FORBIDDEN.some(([pattern]) => pattern.test(line))).toBe(true);
    expect(FORBIDDEN.some(([pattern]) => pattern.test('if (d < todayUtc()) throw x;'))).toBe(true);
    expect(FORBIDDEN.some(([pattern]) => pattern.test("WHERE l.requested_date < CURRENT_DATE"))).toBe(true);
    expect(FORBIDDEN.some(([pattern]) => pattern.test("WHERE d < (now() AT TIME ZONE 'UTC')::date"))).toBe(true);
    expect(FORBIDDEN.some(([pattern]) => pattern.test('const day = dateOf(new Date());'))).toBe(true);
  });
});
