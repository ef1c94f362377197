import { Field, ID, InterfaceType } from 'type-graphql';
import { isUuid } from './ids';

/** The GraphQL type name of each object Query.node returned (plain rows and entities carry no class to tell). */
const TYPE_OF = new WeakMap<object, string>();

/**
 * Relay's Node: every object type with an identity implements it, and
 * Query.node(id) finds any of them the caller may see. Ids are the objects'
 * UUIDs, except for types keyed by item x location (ShortageRisk), whose id is
 * an opaque string (riskNodeId).
 */
// Its resolveType is set on the built schema (schema.ts, resolveAbstractTypesAtOnce: nodeTypeOf, answered at once).
@InterfaceType('Node', {
  description: 'An object with a stable identity: refetch it with Query.node(id); a client cache may key it by __typename and id.',
})
export abstract class NodeInterface {
  @Field(() => ID, { description: 'unique among the objects of this type; stable for the life of the object' })
  id!: string;
}

/** The GraphQL type name `asNode` marked the value with. */
export const nodeTypeOf = (value: object): string | undefined => TYPE_OF.get(value);

/** Marks a value Query.node returns with its GraphQL type name (what Node.resolveType answers). */
export function asNode<T extends object>(typeName: string, value: T | null): T | null {
  if (value) TYPE_OF.set(value, typeName);
  return value;
}

const RISK_PREFIX = 'risk_';
const RISK_ID = /^risk_([A-Za-z0-9_-]{43})$/;

const uuidBytes = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuidOf = (bytes: Buffer): string => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * The id of the shortage risk of an item at a location: "risk_" followed by
 * the two UUIDs' 32 bytes in base64url (43 characters), 48 characters in all.
 * Clients treat it as opaque; it never changes for that item x location.
 */
export function riskNodeId(itemId: string, locationId: string): string {
  return RISK_PREFIX + Buffer.concat([uuidBytes(itemId), uuidBytes(locationId)]).toString('base64url');
}

/** The item and location a riskNodeId names; null for any other string. */
export function decodeRiskNodeId(id: string): { itemId: string; locationId: string } | null {
  const match = RISK_ID.exec(id);
  if (!match) return null;
  const bytes = Buffer.from(match[1], 'base64url');
  if (bytes.length !== 32) return null;
  const itemId = uuidOf(bytes.subarray(0, 16));
  const locationId = uuidOf(bytes.subarray(16));
  // Only the canonical encoding decodes (base64url's last character has spare bits): one risk, one id.
  if (!isUuid(itemId) || !isUuid(locationId) || riskNodeId(itemId, locationId) !== id) return null;
  return { itemId, locationId };
}

/** What identifies a forecast commit: one supplier against one line (item x location x period) of one forecast version. */
export interface ForecastCommitKey {
  versionId: string;
  supplierId: string;
  itemId: string;
  locationId: string;
  /** the period's first day, YYYY-MM-DD */
  periodStart: string;
}

const COMMIT_PREFIX = 'fcommit_';
const COMMIT_ID = /^fcommit_([A-Za-z0-9_-]{91})$/;
const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The id of a forecast commit: "fcommit_" followed by its key in base64url
 * (four UUIDs and the period's signed day number since 1970-01-01 as 4 bytes: 68
 * bytes, 91 characters), 99 characters in all. The same before the supplier
 * commits (nothing is stored yet) and after. Clients treat it as opaque.
 */
export function forecastCommitNodeId(key: ForecastCommitKey): string {
  const day = Buffer.alloc(4);
  day.writeInt32BE(Date.parse(`${key.periodStart}T00:00:00Z`) / DAY_MS);
  return COMMIT_PREFIX + Buffer.concat([uuidBytes(key.versionId), uuidBytes(key.supplierId), uuidBytes(key.itemId), uuidBytes(key.locationId), day]).toString('base64url');
}

/** The key a forecastCommitNodeId carries; null for any other string. */
export function decodeForecastCommitNodeId(id: string): ForecastCommitKey | null {
  const match = COMMIT_ID.exec(id);
  if (!match) return null;
  const bytes = Buffer.from(match[1], 'base64url');
  if (bytes.length !== 68) return null;
  const [versionId, supplierId, itemId, locationId] = [0, 1, 2, 3].map((i) => uuidOf(bytes.subarray(i * 16, i * 16 + 16)));
  const periodStart = new Date(bytes.readInt32BE(64) * DAY_MS).toISOString().slice(0, 10);
  const key = { versionId, supplierId, itemId, locationId, periodStart };
  // As for risks: only the canonical encoding decodes, and only to UUIDs and a four-digit year.
  if (![versionId, supplierId, itemId, locationId].every(isUuid) || !ISO_DAY.test(periodStart) || forecastCommitNodeId(key) !== id) return null;
  return key;
}
