import type { EntityManager } from '@mikro-orm/postgresql';
import { prepareValue } from 'pg/lib/utils';

/**
 * Runs parameterised SQL ($1, $2, ... placeholders) on the EntityManager's
 * connection, inside its transaction when it has one, and through MikroORM's
 * logger so statement counts include it. Used for set-based reads and writes
 * the ORM would do row by row.
 */
export async function sql<T extends object = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  // knex binds "?" and would spread a JS array over several placeholders, so
  // arrays go over as PostgreSQL array literals (cast in the SQL, e.g. $1::uuid[]).
  const order: number[] = [];
  const converted = text.replace(/\$(\d+)/g, (_m, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  const bindings = order.map((i) => {
    const value = params[i];
    return Array.isArray(value) ? prepareValue(value) : value;
  });
  return em.getConnection().execute<T[]>(converted, bindings, 'all', em.getTransactionContext());
}

/** Collects parameters while a query is assembled: `p.add(value)` returns its placeholder ($n). */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
