/** The unique constraint a database error violated, if that is what it is (SQLSTATE 23505). */
export function violatedUniqueConstraint(err: unknown): string | undefined {
  const e = err as { code?: string; sqlState?: string; constraint?: string } | null;
  if (!e || (e.code !== '23505' && e.sqlState !== '23505')) return undefined;
  return e.constraint ?? 'unknown';
}

/** A deadlock (40P01) or serialization failure (40001): the same change may succeed when tried again. */
export function isRetryableConflict(err: unknown): boolean {
  const e = err as { code?: string; sqlState?: string } | null;
  const code = e?.code ?? e?.sqlState;
  return code === '40P01' || code === '40001';
}
