/** Pure helpers of the portal (no DOM), shared with the unit tests. */

/** "input.schedule[1].quantity" -> { row: 1, key: "quantity" } */
export function scheduleField(field: string | undefined): { row: number | null; key: string | null } {
  const match = /^input\.schedule(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(field ?? '');
  if (!match) return { row: null, key: null };
  return { row: match[1] === undefined ? null : Number(match[1]), key: match[2] ?? null };
}

/** "input.lines[2].quantity" -> { row: 2, key: "quantity" } (a ship notice's lines) */
export function linesField(field: string | undefined): { row: number | null; key: string | null } {
  const match = /^input\.lines(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(field ?? '');
  if (!match) return { row: null, key: null };
  return { row: match[1] === undefined ? null : Number(match[1]), key: match[2] ?? null };
}

/** How a line counts: its base unit, and the supplier's purchase unit if it sells in one. */
export interface Units {
  unitOfMeasure: string;
  purchaseUnit: string | null;
  unitsPerPurchaseUnit: number;
}

/**
 * A quantity in the purchase unit with the base units beside: "20 CS (240 EA)";
 * "3 CS + 4 EA (40 EA)" when it is not whole cases; "7 EA" without a purchase unit.
 */
export function formatQuantity(quantity: number, units: Units): string {
  const base = `${quantity} ${units.unitOfMeasure}`;
  if (!units.purchaseUnit || units.unitsPerPurchaseUnit <= 1) return base;
  const whole = Math.floor(quantity / units.unitsPerPurchaseUnit);
  const rest = quantity % units.unitsPerPurchaseUnit;
  const inCases = rest === 0 ? `${whole} ${units.purchaseUnit}` : `${whole} ${units.purchaseUnit} + ${rest} ${units.unitOfMeasure}`;
  return `${inCases} (${base})`;
}
