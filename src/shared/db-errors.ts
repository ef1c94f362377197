/** The unique constraint a database error violated, if that is what it is (SQLSTATE 23505). */
export function violatedUniqueConstraint(err: unknown): string | undefined {
  const e = err as { code?: string; sqlState?: string; constraint?: string } | null;
  if (!e || (e.code !== '23505' && e.sqlState !== '23505')) return undefined;
  return e.constraint ?? 'unknown';
}
