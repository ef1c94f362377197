import { dropDatabase, ensureDatabase, withDatabase } from '../../src/db/database-admin';
import { ensureTemplate } from './template';
import { ADMIN_URL_ENV, TEMPLATE_ENV, uniqueName } from './test-database';

export interface FreshDatabase {
  adminUrl: string;
  /** The new database, as the test cluster's admin (the owner of everything in it). */
  url: string;
  drop(): Promise<void>;
}

/** A migrated database of its own (a copy of the run's template), without a server. */
export async function freshDatabase(prefix = 'ss_db'): Promise<FreshDatabase> {
  const adminUrl = process.env[ADMIN_URL_ENV];
  const template = process.env[TEMPLATE_ENV];
  if (!adminUrl || !template) throw new Error('global set-up did not run');
  await ensureTemplate(adminUrl, template);
  const name = uniqueName(prefix);
  await ensureDatabase(adminUrl, name, template);
  return { adminUrl, url: withDatabase(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}
