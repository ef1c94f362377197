import { DomainError } from '../../src/shared/errors';
import { isKeyValue, jsonCursor, keyCondition, planPage, type KeysetQuery, type SortKey } from '../../src/shared/keyset';
import { Params } from '../../src/shared/sql';

const ITEM = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const LOCATION = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';

/** The shortage-risk order: mixed directions, ending in the (item, location) tiebreak. */
const URGENCY: SortKey = [
  { sql: 'r.level_rank', type: 'smallint' },
  { sql: "coalesce(r.projected_stockout_date, 'infinity'::date)", type: 'date' },
  { sql: 'r.revenue_at_risk', type: 'numeric', desc: true },
  { sql: 'r.item_id', type: 'uuid' },
  { sql: 'r.location_id', type: 'uuid' },
];
const BY_ID: SortKey = [{ sql: 'i.id', type: 'uuid' }];

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

function rejection(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe('jsonCursor', () => {
  const codec = jsonCursor(URGENCY);

  it('round-trips the key values through an opaque base64url string', () => {
    for (const values of [
      [0, '2026-12-03', '50.0000', ITEM, LOCATION],
      [2, 'infinity', '0.0000', ITEM, LOCATION],
      [1, '2027-02-28', '-12345678901234.5678', ITEM, LOCATION],
    ]) {
      const cursor = codec.encode(values);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(codec.decode(cursor, 'after')).toEqual(values);
    }
    const bigint = jsonCursor([{ sql: 'a.cursor', type: 'bigint' }, { sql: 'a.at', type: 'timestamptz' }, { sql: 'a.name', type: 'text' }]);
    const values = ['9223372036854775807', '2026-12-03 10:11:12.123456+00', 'Ünïcode, "quotes" and | pipes'];
    expect(bigint.decode(bigint.encode(values), 'before')).toEqual(values);
  });

  it('refuses every malformed cursor with BAD_USER_INPUT on the argument that carried it', () => {
    const good = codec.encode([0, '2026-12-03', '50.0000', ITEM, LOCATION]);
    const malformed: [string, string][] = [
      ['empty', ''],
      ['not base64url', 'not a cursor!'],
      ['garbage', 'garbage'],
      ['standard base64 alphabet', Buffer.from('[0,"2026-12-03",">>??"]').toString('base64')],
      ['padded', `${good}==`],
      ['not JSON', b64('0|2026-12-03|50|x|y')],
      ['invalid UTF-8', Buffer.from([0x5b, 0xff, 0xfe, 0x5d]).toString('base64url')],
      ['a JSON object', b64(JSON.stringify({ rank: 0 }))],
      ['a JSON string', b64(JSON.stringify(ITEM))],
      ['JSON null', b64('null')],
      ['too few values', b64(JSON.stringify([0, '2026-12-03', '50.0000', ITEM]))],
      ['too many values', b64(JSON.stringify([0, '2026-12-03', '50.0000', ITEM, LOCATION, 1]))],
      ['a null value', b64(JSON.stringify([0, null, '50.0000', ITEM, LOCATION]))],
      ['too long', b64(JSON.stringify([0, '2026-12-03', '5'.repeat(2000), ITEM, LOCATION]))],
      ['an old pipe-separated risk cursor', b64(`0|2026-12-03|-50.0000|${ITEM}|${LOCATION}`)],
    ];
    for (const [label, cursor] of malformed) {
      const error = rejection(() => codec.decode(cursor, 'after'));
      expect({ label, code: error.code, field: error.field, message: error.message }).toEqual({ label, code: 'BAD_USER_INPUT', field: 'after', message: 'Invalid cursor' });
    }
    expect(rejection(() => codec.decode('garbage', 'before')).field).toBe('before');
    expect(codec.decode(good, 'after')).toHaveLength(5);
  });

  it('accepts only the canonical spelling of a cursor', () => {
    const byId = jsonCursor(BY_ID);
    const cursor = byId.encode([ITEM]); // 40 bytes: the last character carries 4 unused bits
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sloppy = cursor.slice(0, -1) + alphabet[alphabet.indexOf(cursor.slice(-1)) ^ 1];
    expect(Buffer.from(sloppy, 'base64url').equals(Buffer.from(cursor, 'base64url'))).toBe(true);
    expect(rejection(() => byId.decode(sloppy, 'after'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('type-checks every value against its column', () => {
    const mismatches: [string, unknown[]][] = [
      ['string for smallint', ['0', '2026-12-03', '50.0000', ITEM, LOCATION]],
      ['fraction for smallint', [0.5, '2026-12-03', '50.0000', ITEM, LOCATION]],
      ['smallint out of range', [40000, '2026-12-03', '50.0000', ITEM, LOCATION]],
      ['impossible date', [0, '2026-02-30', '50.0000', ITEM, LOCATION]],
      ['date with a time', [0, '2026-12-03T00:00:00Z', '50.0000', ITEM, LOCATION]],
      ['number for numeric', [0, '2026-12-03', 50, ITEM, LOCATION]],
      ['NaN numeric', [0, '2026-12-03', 'NaN', ITEM, LOCATION]],
      ['SQL in numeric', [0, '2026-12-03', '1); DROP TABLE item; --', ITEM, LOCATION]],
      ['not a uuid', [0, '2026-12-03', '50.0000', 'item-1', LOCATION]],
      ['number for uuid', [0, '2026-12-03', '50.0000', ITEM, 42]],
      ['nested array', [[0], '2026-12-03', '50.0000', ITEM, LOCATION]],
    ];
    for (const [label, values] of mismatches) {
      const error = rejection(() => codec.decode(b64(JSON.stringify(values)), 'after'));
      expect({ label, code: error.code, field: error.field }).toEqual({ label, code: 'BAD_USER_INPUT', field: 'after' });
    }
    expect(isKeyValue('bigint', '9223372036854775808')).toBe(false);
    expect(isKeyValue('integer', 2147483648)).toBe(false);
    expect(isKeyValue('timestamptz', '2026-12-03 10:11:12+01')).toBe(true);
    expect(isKeyValue('timestamptz', 'yesterday')).toBe(false);
    expect(isKeyValue('text', 'a\u0000b')).toBe(false);
  });

  it('gives rows that tie on the leading columns different cursors, told apart by the tiebreak', () => {
    const [first, second] = [LOCATION, ITEM].sort();
    const a = codec.encode([2, 'infinity', '0.0000', ITEM, first]);
    const b = codec.encode([2, 'infinity', '0.0000', ITEM, second]);
    expect(a).not.toBe(b);
    expect(codec.decode(a, 'after')[4]).toBe(first);
  });
});

describe('keyCondition', () => {
  it('compares one row value when every column runs the same way, including the tiebreak', () => {
    const key: SortKey = [{ sql: 'po.created_on', type: 'date' }, { sql: 'po.id', type: 'uuid' }];
    const p = new Params();
    expect(keyCondition(key, ['2026-12-03', ITEM], 'after', p)).toBe('(po.created_on, po.id) > ($1::date, $2::uuid)');
    expect(keyCondition(key, ['2026-12-03', ITEM], 'before', p)).toBe('(po.created_on, po.id) < ($3::date, $4::uuid)');
    const desc: SortKey = [{ sql: 'po.id', type: 'uuid', desc: true }];
    expect(keyCondition(desc, [ITEM], 'after', new Params())).toBe('po.id < $1::uuid');
    expect(keyCondition(desc, [ITEM], 'before', new Params())).toBe('po.id > $1::uuid');
    expect(p.values).toEqual(['2026-12-03', ITEM, '2026-12-03', ITEM]);
  });

  it('expands mixed directions column by column, the tiebreak last', () => {
    const key: SortKey = [
      { sql: 'r.level_rank', type: 'smallint' },
      { sql: 'r.revenue_at_risk', type: 'numeric', desc: true },
      { sql: 'r.item_id', type: 'uuid' },
    ];
    expect(keyCondition(key, [1, '5.00', ITEM], 'after', new Params())).toBe(
      '((r.level_rank > $1::smallint) OR (r.level_rank = $1::smallint AND r.revenue_at_risk < $2::numeric)'
        + ' OR (r.level_rank = $1::smallint AND r.revenue_at_risk = $2::numeric AND r.item_id > $3::uuid))',
    );
    expect(keyCondition(key, [1, '5.00', ITEM], 'before', new Params())).toBe(
      '((r.level_rank < $1::smallint) OR (r.level_rank = $1::smallint AND r.revenue_at_risk > $2::numeric)'
        + ' OR (r.level_rank = $1::smallint AND r.revenue_at_risk = $2::numeric AND r.item_id < $3::uuid))',
    );
  });
});

describe('planPage', () => {
  const items = (): KeysetQuery => {
    const p = new Params();
    return { select: 'i.id, i.sku', from: 'item i', where: [`i.retailer_id = ${p.add(LOCATION)}`], params: p, key: BY_ID };
  };
  const cursor = jsonCursor(BY_ID).encode([ITEM]);
  const squash = (text: string) => text.replace(/\s+/g, ' ');

  it('fetches one more than asked, in key order, with no look-back on the first page', () => {
    const plan = planPage(items(), { first: 2 });
    expect(squash(plan.text)).toBe('SELECT i.id, i.sku, (i.id)::text AS "__k0" FROM item i WHERE i.retailer_id = $1 WINDOW page AS (ORDER BY i.id ASC) ORDER BY i.id ASC LIMIT $2');
    expect(plan.values).toEqual([LOCATION, 3]);
    expect(plan).toMatchObject({ size: 2, backward: false, beyondText: null });
  });

  it('after a cursor, asks once whether any row lies at or before it (hasPreviousPage)', () => {
    const plan = planPage(items(), { first: 2, after: cursor });
    const beyond = 'EXISTS (SELECT 1 FROM item i WHERE i.retailer_id = $1 AND NOT i.id > $3::uuid)';
    expect(squash(plan.text)).toBe(
      `SELECT i.id, i.sku, (i.id)::text AS "__k0", ${beyond} AS "__beyond" FROM item i WHERE i.retailer_id = $1 AND i.id > $2::uuid WINDOW page AS (ORDER BY i.id ASC) ORDER BY i.id ASC LIMIT $4`,
    );
    expect(plan.beyondText).toBe(`SELECT ${beyond} AS "__beyond"`);
    expect(plan.values).toEqual([LOCATION, ITEM, ITEM, 3]);
  });

  it('pages backward by reversing the order, and looks past `before` for hasNextPage', () => {
    const plan = planPage(items(), { last: 3, before: cursor, after: cursor });
    expect(squash(plan.text)).toContain('WHERE i.retailer_id = $1 AND i.id > $2::uuid AND i.id < $3::uuid');
    expect(squash(plan.text)).toContain('NOT i.id < $4::uuid');
    expect(squash(plan.text)).toMatch(/ORDER BY i\.id DESC LIMIT \$5$/);
    expect(plan).toMatchObject({ size: 3, backward: true });
    expect(plan.values[4]).toBe(4);
  });

  it('checks cursors before anything runs, and leaves the caller\'s parameters alone', () => {
    const query = items();
    expect(rejection(() => planPage(query, { first: 2, after: 'garbage' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(rejection(() => planPage(query, { last: 2, before: jsonCursor(URGENCY).encode([0, 'infinity', '1', ITEM, ITEM]) }))).toMatchObject({ field: 'before' });
    planPage(query, { first: 2, after: cursor });
    expect(query.params.values).toEqual([LOCATION]);
    expect(() => planPage(query, { first: 2, last: 2 })).toThrow('exactly one of first and last');
  });
});
