import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

/**
 * Flags of the package meant for AWS Lambda that the tests leave out:
 * --single-process (there a sandbox restriction needs it; here, with
 * --no-sandbox, the normal process model works, and single-process Chromium
 * dies when a browser context closes, so one browser could not serve several
 * tests), and the two that switch off the web's security model
 * (--disable-web-security, --allow-running-insecure-content): the tests check
 * the portal under the same-origin policy and its Content-Security-Policy as a
 * user's browser enforces them.
 */
const LEFT_OUT = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

/**
 * A real headless Chromium: the one shipped inside the @sparticuz/chromium npm
 * package (unpacked to /tmp on first use), or CHROMIUM_PATH if set. The
 * package is ESM-only, so its path and flags are read in a plain Node process.
 * One browser can serve many tests, each in its own context.
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
  return chromium.launch({ executablePath, args: args.filter((a) => !LEFT_OUT.has(a)), headless: true });
}

/** axe-core's source, run in the page through the DevTools protocol (so the portal's CSP, which allows no injected script, does not stop it). */
let axeSource: string | undefined;

/** The serious and critical accessibility violations axe-core finds on the page as it is now (WCAG 2 A/AA and best practices). */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const result = await page.evaluate<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>("window.axe.run(document, { resultTypes: ['violations'] })");
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/** How many CSS pixels the page scrolls sideways (0 when it fits its viewport). */
export const sidewaysScroll = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
