import { decodeForecastCommitNodeId, decodeRiskNodeId, forecastCommitNodeId, riskNodeId } from '../../src/shared/node';

describe('ShortageRisk node ids', () => {
  const item = '0192f0c4-1b2c-7d3e-8f40-123456789abc';
  const location = '0192f0c4-1b2c-7d3e-8f40-fedcba987654';

  it('round-trips, is 48 characters, and differs by order and by pair', () => {
    const id = riskNodeId(item, location);
    expect(id).toHaveLength(48);
    expect(id).toMatch(/^risk_[A-Za-z0-9_-]{43}$/);
    expect(decodeRiskNodeId(id)).toEqual({ itemId: item, locationId: location });
    expect(riskNodeId(location, item)).not.toBe(id);
    expect(riskNodeId(item.toUpperCase(), location)).toBe(id);
  });

  it('decodes nothing else: UUIDs, other prefixes, wrong lengths, non-canonical base64url', () => {
    const id = riskNodeId(item, location);
    const last = id[id.length - 1];
    // The 43rd character carries 2 spare bits: a neighbour with the same 256 payload bits is not the canonical id.
    const sibling = id.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) + 1);
    for (const other of [item, '', 'risk_', `${id}A`, id.slice(0, -1), `Risk_${id.slice(5)}`, `risk_${'!'.repeat(43)}`, sibling]) {
      expect(decodeRiskNodeId(other)).toBeNull();
    }
  });
});

describe('ForecastCommit node ids', () => {
  const key = {
    versionId: '0192f0c4-1b2c-7d3e-8f40-000000000001',
    supplierId: '0192f0c4-1b2c-7d3e-8f40-000000000002',
    itemId: '0192f0c4-1b2c-7d3e-8f40-000000000003',
    locationId: '0192f0c4-1b2c-7d3e-8f40-000000000004',
    periodStart: '2026-12-07',
  };

  it('round-trips the key, is 99 characters, and differs by any part of the key', () => {
    const id = forecastCommitNodeId(key);
    expect(id).toHaveLength(99);
    expect(id).toMatch(/^fcommit_[A-Za-z0-9_-]{91}$/);
    expect(decodeForecastCommitNodeId(id)).toEqual(key);
    expect(forecastCommitNodeId({ ...key, itemId: key.itemId.toUpperCase() })).toBe(id);
    for (const other of [{ periodStart: '2026-12-08' }, { periodStart: '1969-12-31' }, { supplierId: key.locationId }, { versionId: key.itemId }]) {
      const changed = { ...key, ...other };
      expect(forecastCommitNodeId(changed)).not.toBe(id);
      expect(decodeForecastCommitNodeId(forecastCommitNodeId(changed))).toEqual(changed);
    }
  });

  it('decodes nothing else: risk ids, UUIDs, wrong lengths, non-canonical base64url', () => {
    const id = forecastCommitNodeId(key);
    const last = id[id.length - 1];
    const sibling = id.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) + 1);
    for (const other of [key.itemId, '', 'fcommit_', `${id}A`, id.slice(0, -1), riskNodeId(key.itemId, key.locationId), `Fcommit_${id.slice(8)}`, sibling]) {
      expect(decodeForecastCommitNodeId(other)).toBeNull();
    }
    expect(decodeRiskNodeId(id)).toBeNull();
  });
});
