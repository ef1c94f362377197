import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/test-database';

/**
 * `kill -TERM <pid of npm start>` must reach the server. npm forwards SIGTERM
 * and SIGINT to the one process it spawned, the shell running the script
 * (`sh -c "npm run build && node $(node dist/src/runtime-flags.js) dist/src/main.js"`); a shell that waits on a
 * command does not pass a signal on, it dies and leaves the server running as
 * an orphan (still serving, /readyz 200, the embedded PostgreSQL up): no
 * graceful shutdown at all. So the script must `exec` the server.
 *
 * This runs the repository's own start script with real npm, in a scratch
 * package whose build is a no-op, with the real dist/src/runtime-flags.js
 * (built before the tests run), and whose dist/src/main.js only reports the
 * signal it gets (the real server's shutdown is process.test.ts's business).
 * It says "ready" only once its handlers are in place (a signal before that
 * would kill it by default, a false failure on a loaded machine), and the
 * output is read to the end of the pipe before it is checked.
 */
jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../..');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it.each(['SIGTERM', 'SIGINT'] as const)('npm start passes %s on to the server process', async (signal) => {
  const start: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const dir = tempDir('npm-start-');
  mkdirSync(path.join(dir, 'dist/src'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'start-signal', private: true, scripts: { build: 'true', start } }));
  copyFileSync(path.join(ROOT, 'dist/src/runtime-flags.js'), path.join(dir, 'dist/src/runtime-flags.js'));
  writeFileSync(
    path.join(dir, 'dist/src/main.js'),
    `for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => { console.log('got ' + s); process.exit(0); });
     console.log('ready ' + process.pid);
     setInterval(() => {}, 1000);`,
  );
  const npm = spawn('npm', ['start', '--silent'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  npm.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  // The server writes into the same pipe; everything it wrote has been read once the pipe closes.
  const drained = new Promise<void>((resolve) => npm.stdout.on('close', () => resolve()));
  const deadline = Date.now() + 30_000;
  while (!/ready (\d+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const serverPid = Number(/ready (\d+)/.exec(out)?.[1]);
  expect(serverPid).toBeGreaterThan(0);

  npm.kill(signal);
  while (alive(serverPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const orphaned = alive(serverPid);
  if (orphaned) process.kill(serverPid, 'SIGKILL');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([drained, new Promise((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now()))))]);
  clearTimeout(timer);
  rmSync(dir, { recursive: true, force: true });
  expect(orphaned).toBe(false);
  expect(out).toContain(`got ${signal}`);
});
