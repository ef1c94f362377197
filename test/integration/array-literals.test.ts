import { Client } from 'pg';
import { prepareValue } from 'pg/lib/utils';
import { plainArrayLiteral } from '../../src/shared/sql';
import { ADMIN_URL_ENV } from '../support/test-database';

/**
 * sql()'s bulk arrays: plainArrayLiteral joins numbers and plain strings as
 * they are and hands everything else to pg's quoting. Each case is read back
 * by PostgreSQL from both literals and must come out the same.
 */

let db: Client;
beforeAll(async () => {
  db = new Client({ connectionString: process.env[ADMIN_URL_ENV] });
  await db.connect();
});
afterAll(() => db.end());

const roundTrip = async (values: unknown[], type: string) => {
  const ours = plainArrayLiteral(values) ?? (prepareValue(values) as string);
  const theirs = prepareValue(values) as string;
  const { rows } = await db.query(`SELECT $1::${type}[]::text AS ours, $2::${type}[]::text AS theirs`, [ours, theirs]);
  return rows[0] as { ours: string; theirs: string };
};

it('joins ids, dates and numbers as they are, read by PostgreSQL as pg would send them', async () => {
  const ids = ['8f14e45f-ceea-467f-a9b0-5c2a1c6b1d11', '00000000-0000-4000-8000-000000000000'];
  expect(plainArrayLiteral(ids)).toBe(`{${ids.join(',')}}`);
  for (const [values, type] of [
    [ids, 'uuid'],
    [['2026-11-30', '2024-02-29'], 'date'],
    [[0, -1, 2147483647, 42], 'int'],
    [[0.5, -1e-7, 12345.678], 'float8'],
    [['WEEKLY', 'SES', 'SKU-1.2_3:4+5'], 'text'],
    [[], 'int'],
  ] as const) {
    const { ours, theirs } = await roundTrip([...values], type);
    expect(ours).toBe(theirs);
  }
});

it('leaves anything that needs quoting, nulls and non-finite numbers to pg', async () => {
  const awkward = ['', 'NULL', 'null', 'Null', 'a b', 'a,b', ',', 'a"b', 'a\\b', '{x}', 'tab\there', 'line\nbreak', 'é ü'];
  for (const value of awkward) {
    for (const list of [['plain', value], [value, 'plain'], ['one', value, 'two'], [value]]) {
      expect(plainArrayLiteral(list)).toBeUndefined();
      const { ours, theirs } = await roundTrip(list, 'text');
      expect(ours).toBe(theirs);
    }
  }
  expect(plainArrayLiteral(['nullable', 'annul', 'NULLS'])).toBe('{nullable,annul,NULLS}');
  expect(plainArrayLiteral([1, null])).toBeUndefined();
  expect(plainArrayLiteral([1, Number.NaN])).toBeUndefined();
  expect(plainArrayLiteral([new Date(0)])).toBeUndefined();
  expect(plainArrayLiteral([[1, 2]])).toBeUndefined();
  expect(plainArrayLiteral([true])).toBeUndefined();
  const { ours, theirs } = await roundTrip(['x', null], 'text');
  expect(ours).toBe(theirs);
});
