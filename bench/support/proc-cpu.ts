import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ on Linux). */
const TICKS = 100;

/** CPU time (user + system, ms) a process has used, from /proc (Linux); 0 when it has ended. */
export function cpuMsOf(pid: number | 'self'): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

/** CPU time (ms) used so far by each PostgreSQL process this user can see (the local server's backends and workers), by pid. */
export function postgresCpuMs(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('postgres')) byPid.set(d, cpuMsOf(Number(d)));
    } catch {
      // the process ended between listing and reading
    }
  }
  return byPid;
}

/** PostgreSQL's CPU time (ms) between two readings: a process that started meanwhile counts whole, one that ended is lost (its last moments only). */
export function postgresCpuSince(before: Map<string, number>): number {
  let sum = 0;
  for (const [pid, ms] of postgresCpuMs()) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

/**
 * Write system calls this process has made so far (/proc/self/io's syscw; Linux, else 0): each message to
 * PostgreSQL and each HTTP answer is one, and on a 2-core VM each costs the sender the loopback's work too.
 */
export function writeSyscalls(): number {
  try {
    return Number(/^syscw: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
