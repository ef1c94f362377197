/**
 * The columns a list reads for the fields a client selected (PageArgs.fields,
 * selectedFields): `always` (what identifies a row and its neighbours), then
 * the column of each selected field when every one is in `byField` (null: a
 * field that reads no column of its own, such as __typename or one resolved
 * from the ids); `all` when the fields are not known or one is not in
 * `byField` (its resolver may read any column of the row). Rows read this way
 * carry only those columns: they answer this selection, and are never cached
 * for another.
 */
export function columnsFor(fields: ReadonlySet<string> | undefined, byField: Readonly<Record<string, string | null>>, always: readonly string[], all: string): string {
  if (!fields) return all;
  const columns = [...always];
  for (const field of fields) {
    const column = byField[field];
    if (column === undefined) return all;
    if (column !== null && !columns.includes(column)) columns.push(column);
  }
  return columns.join(', ');
}
