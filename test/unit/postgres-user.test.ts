import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync, existsSync, symlinkSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { fallbackDataDir, firstBlockedDirectory, relocatedBinaries, type StatOf } from '../../src/db/postgres-user';

const POSTGRES = { uid: 101, gid: 104 };
const DIR = 0o040000;

/** A fake file system: path -> owner and mode (directories only). */
function tree(entries: Record<string, { uid?: number; gid?: number; mode: number }>): StatOf {
  return (file) => {
    const entry = entries[file];
    return entry ? { uid: entry.uid ?? 0, gid: entry.gid ?? 0, mode: DIR | entry.mode, isDirectory: () => true } : null;
  };
}

describe('firstBlockedDirectory', () => {
  const clone = tree({
    '/': { mode: 0o755 },
    '/root': { mode: 0o700 },
    '/root/shortstop': { mode: 0o755 },
    '/root/shortstop/node_modules': { mode: 0o755 },
    '/tmp': { mode: 0o1777 },
    '/srv': { mode: 0o755 },
    '/srv/shortstop': { uid: 0, gid: 104, mode: 0o750 },
    '/srv/private': { uid: 0, gid: 0, mode: 0o750 },
    '/srv/own': { uid: 101, gid: 0, mode: 0o700 },
  });

  it('names the first directory on the way the postgres user may not pass through', () => {
    expect(firstBlockedDirectory('/root/shortstop/node_modules/pkg/bin', POSTGRES, clone)).toBe('/root');
    expect(firstBlockedDirectory('/root/shortstop/.data/pg', POSTGRES, clone)).toBe('/root');
    expect(firstBlockedDirectory('/root', POSTGRES, clone)).toBe('/root');
  });

  it('reads owner, group and other bits the way the kernel does', () => {
    expect(firstBlockedDirectory('/tmp/shortstop-pg-1/pg', POSTGRES, clone)).toBeNull();
    expect(firstBlockedDirectory('/srv/shortstop/pg', POSTGRES, clone)).toBeNull(); // group postgres may search
    expect(firstBlockedDirectory('/srv/private/pg', POSTGRES, clone)).toBe('/srv/private');
    expect(firstBlockedDirectory('/srv/own/pg', POSTGRES, clone)).toBeNull(); // owner
    expect(firstBlockedDirectory('/root/shortstop', { uid: 0, gid: 0 }, clone)).toBeNull(); // root passes everywhere
  });

  it('stops at the first part that does not exist yet (it is created for the postgres user)', () => {
    expect(firstBlockedDirectory('/opt/shortstop/pg', POSTGRES, clone)).toBeNull();
  });

  it('works on the real file system: a 0700 folder hides what is inside it', () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'reach-'));
    try {
      const hidden = path.join(base, 'home');
      mkdirSync(path.join(hidden, 'clone'), { recursive: true });
      chmodSync(base, 0o755);
      chmodSync(hidden, 0o700);
      const stranger = { uid: 4_000_000, gid: 4_000_000 };
      const tmpBlocked = firstBlockedDirectory(os.tmpdir(), stranger);
      if (tmpBlocked === null) {
        expect(firstBlockedDirectory(path.join(hidden, 'clone', 'pg'), stranger)).toBe(hidden);
        expect(firstBlockedDirectory(path.join(base, 'elsewhere'), stranger)).toBeNull();
      }
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('the postgres user\'s places', () => {
  it('puts an unreachable default data directory under the temporary directory, one per configured path', () => {
    const a = fallbackDataDir('/root/a/.data/pg', '/tmp');
    expect(a).toMatch(/^\/tmp\/shortstop-pg-[0-9a-f]{12}\/pg$/);
    expect(fallbackDataDir('/root/a/.data/pg', '/tmp')).toBe(a);
    expect(fallbackDataDir('/root/b/.data/pg', '/tmp')).not.toBe(a);
  });

  it('copies the binaries once per version, symlinks as they are, and reuses the copy', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'relocate-'));
    try {
      const native = path.join(base, 'native');
      mkdirSync(path.join(native, 'bin'), { recursive: true });
      mkdirSync(path.join(native, 'lib'));
      writeFileSync(path.join(native, 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o755 });
      writeFileSync(path.join(native, 'lib', 'libpq.so.5.15'), 'lib');
      symlinkSync('libpq.so.5.15', path.join(native, 'lib', 'libpq.so.5'));
      const bin = await relocatedBinaries(native, '1.0', path.join(base, 'tmp'));
      expect(bin).toBe(path.join(base, 'tmp', `shortstop-postgres-1.0-${process.platform}-${process.arch}`, 'bin'));
      expect(readFileSync(path.join(bin, 'postgres'), 'utf8')).toBe('#!/bin/sh\n');
      expect(readlinkSync(path.join(bin, '..', 'lib', 'libpq.so.5'))).toBe('libpq.so.5.15');
      // Reused as it is: a change to the original is not copied again for the same version.
      writeFileSync(path.join(native, 'bin', 'postgres'), 'changed');
      expect(await relocatedBinaries(native, '1.0', path.join(base, 'tmp'))).toBe(bin);
      expect(readFileSync(path.join(bin, 'postgres'), 'utf8')).toBe('#!/bin/sh\n');
      expect(existsSync(`${path.dirname(bin)}.${process.pid}.partial`)).toBe(false);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('knows whether EMBEDDED_PG_DIR was chosen: only the default may move', () => {
    expect(loadConfig({}).embeddedPg).toEqual({ dir: '.data/pg', port: 54329, dirIsDefault: true });
    expect(loadConfig({ EMBEDDED_PG_DIR: '/var/lib/shortstop/pg' }).embeddedPg).toMatchObject({ dir: '/var/lib/shortstop/pg', dirIsDefault: false });
  });
});
