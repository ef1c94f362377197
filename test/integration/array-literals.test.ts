import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { prepareValue } from 'pg/lib/utils';
import { initOrm, type Orm } from '../../src/db/orm';
import { beginDeferred, endDeferred } from '../../src/shared/deferred-transaction';
import { plainArrayLiteral, sql } from '../../src/shared/sql';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database';
import { ADMIN_URL_ENV } from '../support/test-database';

/**
 * sql()'s bulk arrays: plainArrayLiteral joins numbers and plain strings as
 * they are and hands everything else to pg's quoting. Each case is read back
 * by PostgreSQL from both literals and must come out the same. Long lists
 * are converted a turn of the event loop at a time, which must not reorder
 * a transaction's statements.
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

describe('statements of one transaction go out in the order given, long lists or not', () => {
  let database: FreshDatabase;
  let orm: Orm;
  beforeAll(async () => {
    database = await freshDatabase('ss_sql_order');
    orm = await initOrm(database.url, { actAsAppRole: false });
  });
  afterAll(async () => {
    await orm.close();
    await database.drop();
  });

  /** Sends, without waiting between them, a statement with three long lists, one with one, then a short one. */
  const race = async (em: EntityManager) => {
    await sql(em, 'CREATE TEMP TABLE sent (n serial, tag text) ON COMMIT DROP');
    const many = Array.from({ length: 5_000 }, (_, i) => i);
    const sent = [
      sql(em, `INSERT INTO sent (tag) SELECT 'three lists' FROM unnest($1::int[], $2::int[], $3::int[]) LIMIT 1`, [many, many, many]),
      sql(em, `INSERT INTO sent (tag) SELECT 'one list' FROM unnest($1::int[]) LIMIT 1`, [many]),
      sql(em, `INSERT INTO sent (tag) VALUES ('short')`),
      sql<{ tags: string }>(em, `SELECT string_agg(tag, ', ' ORDER BY n) AS tags FROM sent`),
    ];
    return ((await Promise.all(sent))[3] as { tags: string }[])[0].tags;
  };

  it('in a request transaction (deferred connection) and in a plain one', async () => {
    const em = orm.em.fork();
    await beginDeferred(em, { sql: 'SELECT 1', logged: 'SELECT 1' });
    try {
      expect(await race(em)).toBe('three lists, one list, short');
    } finally {
      await endDeferred(em, 'commit');
    }
    await orm.em.fork().transactional(async (tx) => expect(await race(tx as EntityManager)).toBe('three lists, one list, short'));
  });
});
