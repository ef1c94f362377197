import { decodeRiskNodeId, riskNodeId } from '../../src/shared/node';

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
