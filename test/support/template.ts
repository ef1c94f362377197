import { Client } from 'pg';
import { ensureDatabase, withDatabase } from '../../src/db/database-admin';
import { initOrm, migrate } from '../../src/db/orm';

/**
 * Makes the migrated template database once per run, whichever test file
 * comes first; the others wait on an advisory lock. Copying a template
 * (CREATE DATABASE ... TEMPLATE) is much faster than migrating each database.
 */
export async function ensureTemplate(adminUrl: string, template: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(4242001)');
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate', [template]);
    if (rowCount) return;
    await ensureDatabase(adminUrl, template);
    const orm = await initOrm(withDatabase(adminUrl, template));
    try {
      await migrate(orm);
    } finally {
      await orm.close();
    }
    await client.query(`ALTER DATABASE "${template}" WITH is_template true`);
  } finally {
    await client.query('SELECT pg_advisory_unlock(4242001)').catch(() => undefined);
    await client.end();
  }
}
