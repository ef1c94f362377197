import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The project's compiled output (dist, made by `npm test`'s type-check step and by `npm run build`). */
export const compiled = (...parts: string[]) => path.join(__dirname, '..', '..', 'dist', ...parts);

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
