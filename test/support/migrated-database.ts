import { Client } from 'pg';
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
