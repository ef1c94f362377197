import { rm } from 'node:fs/promises';
import { withDatabase } from '../../src/db/database-admin';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { ADMIN_URL_ENV, freePort, TEMPLATE_ENV, tempDir, uniqueName } from './test-database';

/**
 * One PostgreSQL server for the run: the one in DATABASE_URL, or else a
 * throwaway embedded cluster. The migrated template database each test file
 * copies is made by the first file that needs it (see template.ts): MikroORM
 * must not be loaded here, outside the test files' module registry.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    const dir = tempDir('shortstop-test-pg');
    // Under the temporary directory, which the postgres system user must reach when the tests run as root (PostgreSQL then runs as that user).
    const cluster = await startEmbeddedPostgres({ dir, port: await freePort(), dirSetting: 'TMPDIR' });
    adminUrl = cluster.adminUrl;
    (globalThis as Record<string, unknown>).__shortstopTestCleanup = async () => {
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_ENV] = uniqueName('ss_template');
  // Every shortage risk a confirmation keeps (RiskService.recomputeAfterChange) is projected again and compared, in
  // every test that confirms a line: a kept risk that is not its inputs' fails the test that made it.
  process.env.SHORTSTOP_CHECK_KEPT_RISK = '1';
}
