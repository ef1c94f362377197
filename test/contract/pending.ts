/**
 * Contract coordinates not implemented yet, with the issue that brings them.
 * A type name covers the whole type; "Type.field" covers one field (or input
 * field, or enum value) and its arguments; any other key, such as
 * "Type implements Node", covers exactly that coordinate of compareWithContract.
 * The contract test fails when something listed here is no longer reported
 * (then delete the line) or something not listed is missing or incompatible.
 */
export const PENDING: Record<string, string> = {};

/** Whether the pending key covers a coordinate of compareWithContract. */
function covers(key: string, coordinate: string): boolean {
  if (key === coordinate) return true;
  const [, type, member] = /^(\w+)(?:\.(\w+))?/.exec(coordinate) ?? [];
  return key === type || (member !== undefined && key === `${type}.${member}`);
}

export function isPending(coordinate: string, pending: Record<string, string> = PENDING): boolean {
  return Object.keys(pending).some((key) => covers(key, coordinate));
}

/**
 * Pending keys the comparison no longer reports: neither the key itself
 * (a type, field, input field, enum value or "Type implements Interface")
 * nor, for a field, one of its arguments. A pending type that exists is stale
 * even if some of its fields are still missing: list those fields instead.
 */
export function stalePending(reported: Iterable<string>, pending: Record<string, string> = PENDING): string[] {
  const coordinates = [...reported];
  return Object.keys(pending).filter((key) => !coordinates.some((c) => c === key || c.startsWith(`${key}(`)));
}
