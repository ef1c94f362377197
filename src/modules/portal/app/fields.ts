/** Pure helpers of the portal (no DOM), shared with the unit tests. */

/** "input.schedule[1].quantity" -> { row: 1, key: "quantity" } */
export function scheduleField(field: string | undefined): { row: number | null; key: string | null } {
  const match = /^input\.schedule(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(field ?? '');
  if (!match) return { row: null, key: null };
  return { row: match[1] === undefined ? null : Number(match[1]), key: match[2] ?? null };
}
