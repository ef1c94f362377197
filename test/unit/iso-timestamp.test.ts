import { isoTimestamp } from '../../src/shared/scalars';

/**
 * DateTime's answer from PostgreSQL's UTC text, rewritten without a Date:
 * the same string a Date would give, for every fraction length and for the
 * forms that still go through Date.
 */
const viaDate = (value: unknown) => new Date(String(value)).toISOString();

it('rewrites PostgreSQL UTC text as Date would answer it, every fraction length', () => {
  const cases = [
    '2026-11-30 18:51:43+00',
    '2026-11-30 18:51:43.1+00',
    '2026-11-30 18:51:43.12+00',
    '2026-11-30 18:51:43.123+00',
    '2026-11-30 18:51:43.1234+00',
    '2026-11-30 18:51:43.12345+00',
    '2026-11-30 18:51:43.999999+00',
    '2024-02-29 00:00:00.000001+00',
    '1999-12-31 23:59:59.9995+00',
  ];
  for (const value of cases) expect(isoTimestamp(value)).toBe(viaDate(value));
  expect(isoTimestamp('2026-11-30 18:51:43.161526+00')).toBe('2026-11-30T18:51:43.161Z');
});

it('gives Dates, other offsets and ISO strings to Date, and refuses what is not a time', () => {
  expect(isoTimestamp(new Date(Date.UTC(2026, 0, 31, 12)))).toBe('2026-01-31T12:00:00.000Z');
  expect(isoTimestamp('2026-11-30 20:51:43.5+02')).toBe('2026-11-30T18:51:43.500Z');
  expect(isoTimestamp('2026-11-30T18:51:43Z')).toBe('2026-11-30T18:51:43.000Z');
  expect(() => isoTimestamp('not a time')).toThrow(/DateTime cannot represent/);
});
