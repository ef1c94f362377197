import { Client } from 'pg';
import { dropDatabase } from '../../src/db/database-admin';
import { ADMIN_URL_ENV, TEMPLATE_ENV } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[ADMIN_URL_ENV];
  const template = process.env[TEMPLATE_ENV];
  if (adminUrl && template && process.env.DATABASE_URL) {
    // On an external server, leave nothing behind (an embedded cluster is deleted whole).
    await dropTemplate(adminUrl, template).catch(() => undefined);
  }
  const cleanup = (globalThis as Record<string, unknown>).__shortstopTestCleanup as (() => Promise<void>) | undefined;
  await cleanup?.();
}

async function dropTemplate(adminUrl: string, template: string) {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE "${template}" WITH is_template false`);
  } finally {
    await client.end();
  }
  await dropDatabase(adminUrl, template);
}
