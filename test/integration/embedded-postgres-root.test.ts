import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { fallbackDataDir } from '../../src/db/postgres-user';
import { spawnNode } from '../support/process';
import { freePort, tempDir } from '../support/test-database';

/**
 * Started by root, PostgreSQL runs as the postgres system user: a data
 * directory inside a folder that user cannot enter (a clone in /root, mode
 * 0700) moves under the temporary directory when it is the default, and is
 * refused with one sentence naming the fix when it was chosen. (Only root can
 * run this; the reachability rules themselves are unit-tested.)
 */
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const rootOnly = asRoot ? it : it.skip;

let home: string;
beforeAll(() => {
  home = tempDir('shortstop-root-home');
  mkdirSync(path.join(home, 'clone'), { recursive: true });
  chmodSync(home, 0o700);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

rootOnly('refuses a chosen data directory the postgres user cannot reach, naming the fix', async () => {
  const dir = path.join(home, 'clone', '.data', 'pg');
  const started = startEmbeddedPostgres({ dir, port: await freePort(), dirIsDefault: false });
  await expect(started).rejects.toThrow(EmbeddedPostgresError);
  await expect(started).rejects.toThrow(`the PostgreSQL data directory ${dir} is inside ${home}, which the postgres system user cannot enter`);
  await expect(started).rejects.toThrow(/: set EMBEDDED_PG_DIR to a directory that user can reach \(e\.g\. \/var\/lib\/shortstop\), or set DATABASE_URL\.$/);
});

rootOnly('moves the default data directory under the temporary directory and runs there', async () => {
  const dir = path.join(home, 'clone', '.data', 'pg');
  const port = await freePort();
  // In a process of its own: embedded-postgres is ESM-only, which the test VM does not load.
  const script = `const log = { warn: (o, m) => console.log('WARN ' + m), info: () => {}, debug: () => {} };
    require('./dist/src/db/embedded-postgres').startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, port: ${port}, dirIsDefault: true, logger: log })
      .then((pg) => { console.log('cluster ready in ' + pg.dir); process.on('SIGTERM', () => pg.stop().then(() => process.exit(0))); })
      .catch((err) => { console.log('FAILED ' + err.message); process.exit(1); })`;
  const cluster = spawnNode(['-e', script], {});
  const fallback = fallbackDataDir(dir);
  try {
    await cluster.waitFor(/cluster ready/, 60_000);
    expect(cluster.output()).toContain(`cluster ready in ${fallback}`);
    expect(cluster.output()).toContain(`using ${fallback} instead`);
    const client = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
    await client.connect();
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
    expect(await cluster.stop()).toBe(0);
  } finally {
    await cluster.stop('SIGKILL');
    rmSync(path.dirname(fallback), { recursive: true, force: true });
  }
}, 90_000);
