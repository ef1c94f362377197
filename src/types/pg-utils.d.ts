declare module 'pg/lib/utils' {
  /** node-postgres' own conversion of a JS value (arrays included) to its text form. */
  export function prepareValue(value: unknown): unknown;
}
