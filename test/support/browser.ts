import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

/**
 * A real headless Chromium: the one shipped inside the @sparticuz/chromium npm
 * package (unpacked to /tmp on first use), or CHROMIUM_PATH if set. The
 * package is ESM-only, so its path and flags are read in a plain Node process.
 */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (process.env.CHROMIUM_PATH) {
    return chromium.launch({
      executablePath: process.env.CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      headless: true,
    });
  }
  const script = `import('@sparticuz/chromium').then(async ({ default: c }) => process.stdout.write(JSON.stringify({ path: await c.executablePath(), args: c.args })))`;
  const { path: executablePath, args } = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '../..') }).toString()) as {
    path: string;
    args: string[];
  };
  return chromium.launch({ executablePath, args, headless: true });
}
