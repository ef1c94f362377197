import { randomUUID } from 'node:crypto';
import { Client, type QueryResult } from 'pg';
import { dropDatabase, ensureDatabase, withDatabase } from '../../src/db/database-admin';
import { initOrm, type Orm } from '../../src/db/orm';
import { ADMIN_URL_ENV, uniqueName } from './test-database';

/**
 * A fresh database migrated up to `before` (a migration's name), for a test
 * of a later migration over data the code before it wrote: `orm` (the
 * owner, to run the rest of the migrations), `client` (the owner, to write
 * and read rows) and `drop` (for afterAll).
 */
export async function databaseAtMigration(prefix: string, before: string): Promise<{ orm: Orm; client: Client; drop: () => Promise<void> }> {
  const adminUrl = process.env[ADMIN_URL_ENV]!;
  const name = uniqueName(prefix);
  await ensureDatabase(adminUrl, name);
  const orm = await initOrm(withDatabase(adminUrl, name), { actAsAppRole: false, poolMax: 1 });
  await orm.getMigrator().up({ to: before });
  const client = new Client({ connectionString: withDatabase(adminUrl, name) });
  await client.connect();
  return {
    orm,
    client,
    drop: async () => {
      await client.end();
      await orm.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

/** A test file's database at a migration (databaseAtMigrationOfFile): its parts, once beforeAll has made it. */
export interface MigratedDatabase {
  /** The owner's ORM, to run the rest of the migrations. */
  readonly orm: Orm;
  /** A statement as the owner. */
  q(text: string, params?: unknown[]): Promise<QueryResult>;
}

/**
 * databaseAtMigration for one test file: made in its beforeAll, dropped in
 * its afterAll.
 */
export function databaseAtMigrationOfFile(prefix: string, before: string): MigratedDatabase {
  let db: Awaited<ReturnType<typeof databaseAtMigration>> | undefined;
  beforeAll(async () => {
    db = await databaseAtMigration(prefix, before);
  }, 60_000);
  afterAll(() => db?.drop());
  const made = () => {
    if (!db) throw new Error('the database at the migration is made in beforeAll');
    return db;
  };
  return {
    get orm() {
      return made().orm;
    },
    q: (text, params = []) => made().client.query(text, params),
  };
}

/** A retailer and a supplier, a location (DC) and an item (SKU) of the retailer's, written as rows: their ids. */
export async function tradingRows(db: MigratedDatabase): Promise<{ retailer: string; supplier: string; location: string; item: string }> {
  const [retailer, supplier, location, item] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await db.q(`INSERT INTO organization (id, name, kind, created_at) VALUES ($1, 'R', 'RETAILER', now()), ($2, 'S', 'SUPPLIER', now())`, [retailer, supplier]);
  await db.q(`INSERT INTO location (id, retailer_id, code, name, created_at) VALUES ($1, $2, 'DC', 'DC', now())`, [location, retailer]);
  await db.q(`INSERT INTO item (id, retailer_id, sku, name, unit_price, created_at) VALUES ($1, $2, 'SKU', 'Item', 1, now())`, [item, retailer]);
  return { retailer, supplier, location, item };
}
