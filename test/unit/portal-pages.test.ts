import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatDate, formatDateTime } from '../../src/modules/portal/app/dates';
import { lineValue, matchesSearch, orderTotal, toCsv } from '../../src/modules/portal/app/fields';
import { href, parseRoute } from '../../src/modules/portal/app/routes';

describe('portal pages: one date format with the year', () => {
  it('shows calendar dates as the API gives them (ISO) and moments in UTC with the year', () => {
    expect(formatDate('2026-12-05')).toBe('2026-12-05');
    expect(formatDate('2026-11-30T23:59:59.000Z')).toBe('2026-11-30');
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime('2026-11-30T14:05:09.123Z')).toBe('2026-11-30 14:05 UTC');
    expect(formatDateTime('2026-12-01T00:30:00+02:00')).toBe('2026-11-30 22:30 UTC');
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
  });
});

describe('portal pages: prices and totals', () => {
  it('values a line at quantity x unit cost, rounded to cents, and an order as the sum of its lines', () => {
    expect(lineValue(240, '1.2500')).toBe(300);
    expect(lineValue(3, '0.3333')).toBe(1); // 0.9999 -> 1.00
    expect(lineValue(7, '2.005')).toBe(14.04); // 14.035 -> 14.04
    expect(lineValue(5, 'x')).toBe(0);
    // 3 x 0.3333 = 0.9999 -> 1.00, 1 x 0.005 = 0.005 -> 0.01 (each line rounded, then added)
    expect(orderTotal([{ quantity: 3, unitCost: '0.3333' }, { quantity: 1, unitCost: '0.005' }])).toBe(1.01);
    expect(orderTotal([])).toBe(0);
  });
});

describe('portal pages: CSV exports', () => {
  it('writes RFC 4180 CSV: quoted fields where needed, CRLF, no formula injection', () => {
    expect(toCsv(['a', 'b'], [['plain', 1], ['with, comma', 'say "hi"'], ['two\nlines', null], ['=SUM(A1)', '-5'], ['@x', -5]])).toBe(
      'a,b\r\nplain,1\r\n"with, comma","say ""hi"""\r\n"two\nlines",\r\n\'=SUM(A1),\'-5\r\n\'@x,-5\r\n',
    );
  });
});

describe('portal pages: risk search and routes', () => {
  const risk = { item: { sku: 'SKU-1005', name: 'Greek Yogurt 500g' }, location: { code: 'STORE-001', name: 'Harbour Street store' } };
  it('matches a risk on its SKU, item name, location code or name, case-insensitive', () => {
    expect(matchesSearch(risk, '')).toBe(true);
    expect(matchesSearch(risk, ' sku-1005 ')).toBe(true);
    expect(matchesSearch(risk, 'yogurt')).toBe(true);
    expect(matchesSearch(risk, 'harbour')).toBe(true);
    expect(matchesSearch(risk, 'store-002')).toBe(false);
  });
  it('reads a page and its ids from the URL fragment, and writes it back', () => {
    expect(parseRoute('')).toEqual([]);
    expect(parseRoute('#/orders')).toEqual(['orders']);
    expect(parseRoute('#/risks/a%2Fb/c?x=1')).toEqual(['risks', 'a/b', 'c']);
    expect(href('risks', 'a/b', 'c')).toBe('#/risks/a%2Fb/c');
    expect(parseRoute(href('orders', 'f00'))).toEqual(['orders', 'f00']);
  });
});

describe('portal pages: one way to load', () => {
  /**
   * A load that runs again when its inputs change goes through useLoadEffect
   * (api.ts), so a slower answer to an earlier choice never lands over a
   * newer one: this scan fails for any useEffect that requests data with
   * inputs that can change (the race was fixed page by page twice before).
   */
  it('requests data in a useEffect only when it runs once', () => {
    const dir = path.join(__dirname, '../../src/modules/portal/app');
    const offenders: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.tsx'))) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const { index } of text.matchAll(/\buseEffect\(/g)) {
        const end = text.indexOf('\n  }, [', index);
        const body = text.slice(index, end === -1 ? undefined : end);
        const deps = end === -1 ? '' : text.slice(end + 6, text.indexOf(']', end) + 1);
        if (/\brequest\(/.test(body) && deps !== '[]') offenders.push(`${file}: ${text.slice(0, index).split('\n').length}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
