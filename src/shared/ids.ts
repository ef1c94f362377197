import { v7 as uuidv7 } from 'uuid';

/**
 * Time-ordered UUIDs (v7): ids sort in creation order, so keyset pagination on
 * the primary key is stable and newest-first needs no extra column.
 */
export const newId = (): string => uuidv7();

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID_RE.test(s);
