import 'reflect-metadata';
import { initOrm } from '../db/orm';

/**
 * Developer tool: diffs the entities against a database migrated to the
 * latest migration and writes the difference as a new migration file.
 * Usage: DATABASE_URL=postgres://... npm run migration:create -- <name>
 * Then add the new class to migrations/index.ts.
 */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a scratch database');
  // As the owner: migrations create tables, which the application role may not.
  const orm = await initOrm(url, { actAsAppRole: false, poolMax: 1 });
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration('migrations', false, false, process.argv[2]);
    process.stdout.write(result.diff.up.length ? `Wrote ${result.fileName}\n` : 'No changes: entities match the migrations\n');
  } finally {
    await orm.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
