import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedDemoData } from '../../src/demo/seed';
import { createLogger } from '../../src/logger';
import { buildPortal } from '../../src/modules/portal/build';
import { ARTIFACTS, launchBrowser } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The portal's changes panel (src/modules/portal/app/changes.tsx) on the demo data, in a real headless Chromium:
 * Acme sees the line Northwind changed (SKU-1007: 120 promised for day 8, cut to 90 for day 10) with its old
 * promise and the new terms side by side and acknowledges it in one click; Northwind's buyer accepts the price
 * Bravo proposed (SKU-1015) and sends a change order.
 */
jest.setTimeout(120_000);

let server: TestServer;
let base: string;
let browser: Browser | undefined;
beforeAll(async () => {
  await buildPortal();
  server = await startTestServer();
  await seedDemoData(server.orm, server.app.services, createLogger('silent'));
  base = server.url.replace('/graphql', '');
});
beforeEach(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await browser?.close();
});
afterAll(async () => {
  await server?.close();
});

async function logIn(page: Page, email: string, route: string) {
  await page.goto(`${base}/portal/#/${route}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('shortstop-demo');
  await page.getByRole('button', { name: 'Log in' }).click();
}

const lineOf = async (sku: string) =>
  (await server.query<{ id: string; acknowledgement_required: boolean; unit_cost: string; proposed_unit_cost: string | null; quantity: number }>(
    `SELECT l.id, l.acknowledgement_required, l.unit_cost::text, l.proposed_unit_cost::text, l.quantity FROM purchase_order_line l JOIN item i ON i.id = l.item_id WHERE i.sku = $1 AND l.status <> 'CANCELLED' ORDER BY l.created_at`, [sku]))[0];

it('the supplier sees a changed line old and new side by side and acknowledges it in one click', async () => {
  const page = await browser!.newPage({ viewport: { width: 1024, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, 'rep@acme.example', 'confirm');
  await page.getByRole('heading', { name: /Changed by the buyer/ }).waitFor();
  const card = page.locator('li.change-card', { hasText: 'SKU-1007' });
  const cells = await card.locator('table.side-by-side td').allTextContents();
  expect(cells[0]).toMatch(/^120 on /); // the old promise
  expect(cells[1]).toMatch(/^90 needed /); // the buyer's new terms
  await card.getByText(/Promotion moved a week later/).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'portal-changed-line.png'), fullPage: true });
  await card.getByRole('button', { name: /^Acknowledge: deliver 90 on / }).click();
  await card.waitFor({ state: 'detached' });
  expect((await lineOf('SKU-1007')).acknowledgement_required).toBe(false);
  expect(errors).toEqual([]);
});

it('the buyer accepts a proposed price and sends a change order', async () => {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const before = await lineOf('SKU-1015');
  expect(before.proposed_unit_cost).not.toBeNull();
  await logIn(page, 'buyer@northwind.example', 'orders');
  await page.getByRole('heading', { name: /change orders and prices/ }).waitFor();
  const row = page.locator('table.line-changes tbody tr', { hasText: 'SKU-1015' });
  await row.getByText(/Proposed unit cost/).waitFor();
  await row.getByRole('button', { name: 'Accept price' }).click();
  await row.getByText(/Proposed unit cost/).waitFor({ state: 'detached' });
  const accepted = await lineOf('SKU-1015');
  expect([accepted.unit_cost, accepted.proposed_unit_cost]).toEqual([before.proposed_unit_cost, null]);

  const open = page.locator('table.line-changes tbody tr', { hasText: 'SKU-1016' });
  await open.getByRole('button', { name: 'Change…' }).click();
  await open.getByLabel('Quantity').fill('80');
  await open.getByRole('button', { name: 'Send change order' }).click();
  await open.getByText('Say why the line changes (the supplier reads it)').waitFor(); // a reason is required
  await open.getByLabel('Reason').fill('Shelf reset');
  await open.getByRole('button', { name: 'Send change order' }).click();
  await open.getByRole('button', { name: 'Change…' }).waitFor();
  expect((await lineOf('SKU-1016')).quantity).toBe(80);
  expect(errors).toEqual([]);
});
