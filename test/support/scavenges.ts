import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * A file of the project's compiled output (dist), which the child processes
 * run: `npm test` compiles it first (its type-check step), `npm run
 * test:unit` and a bare `jest` do not, so run `npm run build` before those.
 */
export const compiled = (...parts: string[]) => {
  const file = path.join(__dirname, '..', '..', 'dist', ...parts);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build (npm test builds it) first`);
  return file;
};

/**
 * What V8's young-generation collections (scavenges) promote to the old
 * generation while `source` runs in a fresh Node (`--trace-gc-nvp`): bytes in
 * all, and per scavenge. A loop that makes per-request objects and keeps
 * none should promote next to nothing; one whose finished requests stay
 * alive through the scavenges promotes them all (README, Session 26 under
 * Side by side).
 */
export function promotedByScavenges(source: string): { promoted: number; scavenges: number; perScavenge: number } {
  const out = execFileSync(process.execPath, ['--trace-gc-nvp', '-e', source], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let promoted = 0;
  let scavenges = 0;
  for (const line of out.split('\n')) {
    if (!/\bgc=s\b/.test(line)) continue;
    scavenges += 1;
    promoted += Number(/\bpromoted=(\d+)/.exec(line)?.[1] ?? 0);
  }
  return { promoted, scavenges, perScavenge: scavenges ? promoted / scavenges : 0 };
}
