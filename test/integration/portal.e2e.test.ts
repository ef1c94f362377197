import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConfirmPurchaseOrderLineDocument, CreatePurchaseOrderDocument, LoginDocument, PortalKpisDocument, ReceivePurchaseOrderLineDocument } from '../../src/sdk/generated/graphql';
import { formatMoney } from '../../src/modules/portal/app/fields';
import { seedDemoData } from '../../src/demo/seed';
import { createLogger } from '../../src/logger';
import { buildPortal } from '../../src/modules/portal/build';
import { localDate } from '../../src/core/local-dates';
import { DEMO_TIME_ZONE } from '../../src/demo/seed';
import { addDays } from '../../src/shared/calendar';
import { ARTIFACTS, axeViolations, launchBrowser, sidewaysScroll } from '../support/browser';

/** A date relative to today where the demo companies work (UTC+8): the seed's dates and the portal's "today" are local there. */
const inDays = (days: number) => addDays(localDate(new Date(), DEMO_TIME_ZONE), days);
import { startTestServer, type TestServer } from '../support/server';

/**
 * The supplier portal in a real headless Chromium against the real server and
 * database with the demo data: a supplier confirms (split) and rejects lines,
 * sees a new order arrive live, re-promises a backorder and ships a notice;
 * a buyer sees the risk page and its chart.
 */
jest.setTimeout(120_000);

let server: TestServer;
let base: string;
// One browser for the whole file; each test gets its own context (its own session storage), closed at its end.
let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  [browser] = await Promise.all([
    launchBrowser(),
    (async () => {
      await buildPortal();
      server = await startTestServer();
      await seedDemoData(server.orm, server.app.services, createLogger('silent'));
      base = server.url.replace('/graphql', '');
    })(),
  ]);
});
beforeEach(async () => {
  context = await browser.newContext({ acceptDownloads: true });
});
afterEach(async () => {
  await context?.close();
  // No page the portal served broke its own Content-Security-Policy (an inline style or script would show here).
  const broken = cspViolations.splice(0);
  expect(broken).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Console reports of Content-Security-Policy violations, from every page but the one that provokes one on purpose. */
const cspViolations: string[] = [];

const newPage = async (viewport: { width: number; height: number }, options: { provokesCsp?: boolean } = {}) => {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  if (!options.provokesCsp) {
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }
  return page;
};

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** Logs in on the portal page `route` (e.g. "confirm" for #/confirm); the app opens that page once logged in. */
async function logIn(page: Page, email: string, route = '') {
  await page.goto(`${base}/portal/${route ? `#/${route}` : ''}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('shortstop-demo');
  await page.getByRole('button', { name: 'Log in' }).click();
}

/**
 * The checks every page passes: no serious or critical axe-core violation
 * (run once, at 375 px: the same markup at both widths), and at 375 px and
 * then 1280 px wide nothing scrolls sideways and a full-page screenshot goes
 * to test-artifacts (name-375.jpg, name-1280.jpg). Leaves the page at
 * `endWidth`.
 */
async function checkPage(page: Page, name: string, endWidth = 375) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    expect({ page: name, width, sideways: await sidewaysScroll(page) }).toEqual({ page: name, width, sideways: 0 });
    if (width === 375) expect({ page: name, violations: await axeViolations(page) }).toEqual({ page: name, violations: [] });
    // JPEG: a tall page's full-page PNG takes seconds to encode on a loaded machine.
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.jpg`), fullPage: true, type: 'jpeg', quality: 80 });
  }
  if (endWidth !== 1280) await page.setViewportSize({ width: endWidth, height: 812 });
}

const lineIdOf = async (page: Page, sku: string) => (await page.locator('li.line', { hasText: sku }).getAttribute('data-line-id'))!;

it('a supplier splits one line, rejects another, and sees a new order arrive live', async () => {
  const page = await newPage({ width: 375, height: 812 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, 'rep@acme.example', 'confirm');
  await page.getByRole('heading', { name: /Awaiting your confirmation/ }).waitFor();
  await page.getByTestId('live-state').filter({ hasText: 'Live' }).waitFor();
  await shot(page, 'supplier-open-lines');

  // Most urgent first, per customer, with the overdue badge on the order issued two days ago.
  const cards = page.locator('li.line');
  const skus = await cards.locator('.line-head strong').allTextContents();
  expect(skus[0]).toBe('SKU-1009');
  expect(await page.locator('li.line', { hasText: 'SKU-1009' }).getByText('Overdue').count()).toBe(1);
  expect(await page.locator('li.line', { hasText: 'SKU-1011' }).getByText('Overdue').count()).toBe(0);

  // Split 144 units of SKU-1011: first too many (the message shows before sending), then 100 + 44 a week later.
  const splitId = await lineIdOf(page, 'SKU-1011');
  const card = page.locator(`li[data-line-id="${splitId}"]`);
  const [{ requested_date: requested }] = await server.query<{ requested_date: string }>('SELECT requested_date::text FROM purchase_order_line WHERE id = $1', [splitId]);
  await card.getByRole('button', { name: 'Split or change dates…' }).click();
  await card.getByLabel('Quantity').first().fill('140');
  await card.getByRole('button', { name: 'Confirm schedule' }).click();
  await card.getByText(/more than the 144 ordered/).first().waitFor();
  await shot(page, 'supplier-split-validation');
  await card.getByLabel('Quantity').first().fill('100');
  await card.getByLabel('Delivery date').first().fill(requested);
  await card.getByLabel('Quantity').nth(1).fill('44');
  await card.getByLabel('Delivery date').nth(1).fill(inDaysFrom(requested, 7));
  await card.getByText('144 of 144 scheduled').waitFor();
  await card.getByRole('button', { name: 'Confirm schedule' }).click();
  await page.locator(`li[data-line-id="${splitId}"]`).waitFor({ state: 'detached' });

  const schedule = await server.query<{ quantity: number; delivery_date: string }>(
    'SELECT quantity, delivery_date::text FROM schedule_line WHERE line_id = $1 ORDER BY delivery_date',
    [splitId],
  );
  expect(schedule).toEqual([{ quantity: 100, delivery_date: requested }, { quantity: 44, delivery_date: inDaysFrom(requested, 7) }]);

  // Reject SKU-1012: a reason is required.
  const rejectId = await lineIdOf(page, 'SKU-1012');
  const rejectCard = page.locator(`li[data-line-id="${rejectId}"]`);
  await rejectCard.getByRole('button', { name: 'Reject…' }).click();
  await rejectCard.getByRole('button', { name: 'Reject line' }).click();
  await rejectCard.getByText('Say why you cannot supply this line').waitFor();
  await rejectCard.getByLabel('Reason for rejecting').fill('Line maintenance until January');
  await rejectCard.getByRole('button', { name: 'Reject line' }).click();
  await page.locator(`li[data-line-id="${rejectId}"]`).waitFor({ state: 'detached' });
  const [rejected] = await server.query<{ status: string; rejection_reason: string }>('SELECT status, rejection_reason FROM purchase_order_line WHERE id = $1', [rejectId]);
  expect(rejected).toEqual({ status: 'REJECTED', rejection_reason: 'Line maintenance until January' });

  // The retailer received both answers as alerts.
  const [retailer] = await server.query<{ id: string }>(`SELECT id FROM organization WHERE name = 'Northwind Grocers'`);
  const alerts = await server.query<{ type: string; message: string; purchase_order_line_id: string }>(
    `SELECT type, message, purchase_order_line_id FROM alert WHERE organization_id = $1 AND purchase_order_line_id = ANY($2::uuid[]) ORDER BY cursor`,
    [retailer.id, [splitId, rejectId]],
  );
  expect(alerts.filter((a) => a.type === 'PURCHASE_ORDER_CONFIRMED').map((a) => a.message)).toEqual([
    expect.stringContaining(`confirmed`),
    expect.stringContaining('rejected'),
  ]);
  expect(alerts.find((a) => a.purchase_order_line_id === splitId)?.message).toContain(`100 on ${requested}, 44 on ${inDaysFrom(requested, 7)}`);

  // A new order issued by the buyer appears without reloading, within 2 s.
  const { login } = await server.ok(LoginDocument, { email: 'buyer@northwind.example', password: 'shortstop-demo' });
  const [acme] = await server.query<{ id: string }>(`SELECT id FROM organization WHERE name = 'Acme Foods'`);
  const [item] = await server.query<{ id: string }>(`SELECT id FROM item WHERE sku = 'SKU-1020'`);
  const [location] = await server.query<{ id: string }>(`SELECT id FROM location WHERE code = 'STORE-002'`);
  await server.ok(CreatePurchaseOrderDocument, {
    input: { supplierId: acme.id, shipToId: location.id, issue: true, lines: [{ itemId: item.id, quantity: 77, requestedDate: inDays(15), unitCost: '1.00' }] },
  }, login.token);
  const started = Date.now();
  await page.locator('li.line', { hasText: 'SKU-1020' }).waitFor({ timeout: 2_000 });
  expect(Date.now() - started).toBeLessThan(2_000);
  await page.getByLabel('Latest alerts').getByText(/issued PO-\d+: 1 line\(s\), 77 units/).waitFor();
  await shot(page, 'supplier-after-changes');

  // The connection drops; an order is issued meanwhile; the page reconnects and catches up from its last alert.
  server.app.dropWebSockets();
  await page.getByTestId('live-state').filter({ hasNotText: 'Live' }).waitFor({ timeout: 5_000 });
  await server.ok(CreatePurchaseOrderDocument, {
    input: { supplierId: acme.id, shipToId: location.id, issue: true, lines: [{ itemId: item.id, quantity: 55, requestedDate: inDays(16), unitCost: '1.00' }] },
  }, login.token);
  await page.getByTestId('live-state').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
  await page.getByLabel('Latest alerts').getByText(/55 units/).waitFor({ timeout: 5_000 });
  expect(await page.getByLabel('Latest alerts').getByText(/77 units/).count()).toBe(1); // resumed, not replayed
  // The alert shows first; the open orders it triggers reloading follow (wait for them, then count).
  await page.locator('li.line', { hasText: 'SKU-1020' }).nth(1).waitFor({ timeout: 5_000 });
  expect(await page.locator('li.line', { hasText: 'SKU-1020' }).count()).toBe(2);
  expect(errors).toEqual([]);
});

it('a buyer sees the KPI tiles, the risk trend and the one commit exception, and runs a what-if on the slipped line (375 px, then 1280 px)', async () => {
  const page = await newPage({ width: 375, height: 812 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const horizontalScroll = () => sidewaysScroll(page);
  await logIn(page, 'buyer@northwind.example', 'planning');

  // KPI tiles over the last 30 days (the default window): the demo's figures, as the API gives them.
  const [from, to] = [inDays(-29), inDays(0)];
  await page.getByTestId('kpi-window').filter({ hasText: `${from} to ${to}` }).waitFor();
  const { login } = await server.ok(LoginDocument, { email: 'buyer@northwind.example', password: 'shortstop-demo' });
  const { kpis, riskTrend } = await server.ok(PortalKpisDocument, { from, to }, login.token);
  expect(kpis).toHaveLength(1);
  const [all] = kpis;
  // 30 snapshot days of 60 item x locations; no day-0 stockout; nothing of the demo's orders was due before today.
  expect([all.positionDays, all.stockoutDays, all.fillRate, all.onTimeInFullRate]).toEqual([1800, 0, null, null]);
  const tile = async (id: string) => (await page.getByTestId(id).locator('.tile-value').textContent())!;
  expect(await tile('kpi-fill-rate')).toBe('—');
  expect(await tile('kpi-otif')).toBe('—');
  expect(await tile('kpi-latency')).toBe(`${all.confirmationLatencyHours!.toFixed(1)} h`);
  expect(await tile('kpi-stockout-days')).toBe('0 / 1800');
  expect(await tile('kpi-revenue')).toBe(formatMoney(all.revenueAtRisk));
  expect(all.revenueAtRisk).toBe(riskTrend[29].revenueAtRisk);
  expect(await tile('kpi-revenue')).toMatch(/^\$[\d,]+\.\d\d$/);

  // The trend: one bar pair per snapshot day (30), the two demo STOCKOUTs every day.
  await page.getByTestId('risk-trend-counts').waitFor();
  expect(riskTrend).toHaveLength(30);
  expect(riskTrend.every((d) => d.stockoutPositions === 2)).toBe(true);
  expect(await page.getByTestId('risk-trend-counts').locator('rect.bar.stockout').count()).toBe(30);
  expect(await page.getByTestId('risk-trend').locator('.x-labels').first().textContent()).toBe(`${from}${to}`);

  // The one commit exception: oat milk at DC-EAST, week 2, 20 against 32.
  await page.getByTestId('exception-count').filter({ hasText: '1' }).waitFor();
  const exception = page.locator('table.exceptions tbody tr');
  expect(await exception.count()).toBe(1);
  expect(await exception.locator('td').allTextContents()).toEqual([
    // v3: the demo's versions 1 and 2 are the baselines generated 8 and 4 weeks ago.
    'Acme Foods', 'SKU-1001 Oat Milk 1L', 'DC-EAST', `${inDays(7)} to ${inDays(13)} (v3)`, '32 EA', '20 EA', '12 EA', 'What if…',
  ]);
  await shot(page, 'buyer-planning-375');
  expect(await horizontalScroll()).toBe(0);

  // From the exception, a what-if: Acme delivers nothing over that week (filled in, focus on the supplier).
  await exception.getByRole('button', { name: `What if Acme Foods delivers nothing from ${inDays(7)} to ${inDays(13)}` }).click();
  const supplier = page.getByLabel('Supplier', { exact: true });
  await page.locator('[aria-label="Supplier"]:focus').waitFor();
  expect(await supplier.locator('option:checked').textContent()).toBe('Acme Foods');
  expect([await page.getByLabel('Outage from').inputValue(), await page.getByLabel('Outage to').inputValue()]).toEqual([inDays(7), inDays(13)]);
  expect(await page.getByLabel('Order line').inputValue()).toBe('');
  await page.getByRole('button', { name: 'Run what-if' }).click();
  await page.getByTestId('whatif-totals').waitFor();
  // A bad outage: the API's error lands next to the field it names (input.outages[0].to).
  await page.getByLabel('Outage to').fill(inDays(2));
  await page.getByRole('button', { name: 'Run what-if' }).click();
  await page.locator('#whatif-to-error').filter({ hasText: /./ }).waitFor();
  expect(await page.getByLabel('Outage to').getAttribute('aria-invalid')).toBe('true');
  await supplier.selectOption({ label: 'No outage' });
  const lineSelect = page.getByLabel('Order line');

  // What-if on the demo's slipped line (SKU-1005 to STORE-001, listed first): nothing more comes.
  const slipped = (await lineSelect.locator('option').allTextContents()).filter((t) => t.endsWith('(slipped)'));
  expect(slipped[0]).toMatch(/^PO-\d+ line \d+: SKU-1005 to STORE-001 from Acme Foods, 60 EA still to come/);
  await lineSelect.selectOption({ label: slipped[0] });
  await page.getByLabel('Quantity still coming').fill('0');
  const alertsBefore = await server.query('SELECT 1 FROM alert');
  await page.getByRole('button', { name: 'Run what-if' }).click();
  const result = page.getByTestId('whatif-result');
  await result.waitFor();
  const changed = result.locator('table.changes tbody tr', { hasText: 'SKU-1005' });
  expect(await changed.locator('td').allTextContents()).toEqual(expect.arrayContaining(['STORE-001', '41 EA → 101 EA']));
  expect(await page.getByTestId('whatif-totals').textContent()).toMatch(/^Revenue at risk \$[\d,.]+ now, \$[\d,.]+ with this; 1 of \d+ item x location\(s\) change\. Nothing was saved\.$/);
  await page.getByTestId('whatif-plan').filter({ hasText: 'Bravo Supply' }).waitFor();
  expect(await server.query('SELECT 1 FROM alert')).toHaveLength(alertsBefore.length);
  await shot(page, 'buyer-whatif-375');
  expect(await horizontalScroll()).toBe(0);

  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await horizontalScroll()).toBe(0);
  await shot(page, 'buyer-planning-1280');
  expect(errors).toEqual([]);
});

it('a supplier re-promises a backorder and ships a notice, quantities in cases with base units beside', async () => {
  // A remainder that is not whole cases: 2 CS of espresso beans (24 EA) to STORE-001, confirmed, 19 received: 5 EA left to ship.
  // (Set up before the page opens: the line is there on its first load.)
  const { login: buyer } = await server.ok(LoginDocument, { email: 'buyer@northwind.example', password: 'shortstop-demo' });
  const { login: rep } = await server.ok(LoginDocument, { email: 'rep@acme.example', password: 'shortstop-demo' });
  const [acme] = await server.query<{ id: string }>(`SELECT id FROM organization WHERE name = 'Acme Foods'`);
  const [espresso] = await server.query<{ id: string }>(`SELECT id FROM item WHERE sku = 'SKU-1002'`);
  const [store] = await server.query<{ id: string }>(`SELECT id FROM location WHERE code = 'STORE-001'`);
  const { createPurchaseOrder: inCases } = await server.ok(CreatePurchaseOrderDocument, {
    input: { supplierId: acme.id, shipToId: store.id, issue: true, lines: [{ itemId: espresso.id, purchaseUnitQuantity: 2, requestedDate: inDays(12) }] },
  }, buyer.token);
  const casesLineId = inCases.lines[0].id;
  await server.ok(ConfirmPurchaseOrderLineDocument, { input: { lineId: casesLineId, schedule: [{ quantity: 24, deliveryDate: inDays(12) }] } }, rep.token);
  await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId: casesLineId, quantity: 19 } }, buyer.token);

  const page = await newPage({ width: 375, height: 812 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, 'rep@acme.example', 'shipping');
  await page.getByRole('heading', { name: /To ship/ }).waitFor();
  const shipLine = (sku: string) => page.locator('li.shipline', { hasText: sku });

  // The backorder: 96 ordered, 60 received, the remaining 36 promised late; re-promised on the requested date.
  const backorder = shipLine('SKU-1014');
  await backorder.getByText('Partly received').waitFor();
  expect(await backorder.getByTestId('to-ship').textContent()).toBe('to ship 36 EA');
  await backorder.getByText('received 60 EA').waitFor();
  const backorderId = (await backorder.getAttribute('data-ship-line-id'))!;
  const [{ requested_date: requested }] = await server.query<{ requested_date: string }>('SELECT requested_date::text FROM purchase_order_line WHERE id = $1', [backorderId]);
  await backorder.getByRole('button', { name: 'Re-promise the remainder…' }).click();
  await backorder.getByLabel('Quantity', { exact: true }).fill('37');
  await backorder.getByRole('button', { name: 'Re-promise' }).click();
  await backorder.getByText(/more than the 36 still to come/).first().waitFor();
  await backorder.getByLabel('Quantity', { exact: true }).fill('36');
  await backorder.getByLabel('Delivery date', { exact: true }).fill(requested);
  await backorder.getByRole('button', { name: 'Re-promise' }).click();
  await shipLine('SKU-1014').getByText('Slipped').waitFor({ state: 'detached' });
  expect(await server.query('SELECT quantity, delivery_date::text FROM schedule_line WHERE line_id = $1', [backorderId])).toEqual([{ quantity: 36, delivery_date: requested }]);
  await shot(page, 'supplier-backorder-repromised');

  // Ship oat milk (20 cases of 12 ordered) and sourdough to DC-EAST on one notice: quantities in cases, base units beside.
  const oatMilk = shipLine('SKU-1001');
  await oatMilk.getByText('ordered 20 CS (240 EA)').waitFor();
  const dc = page.getByRole('form', { name: /Ship to DC-EAST/ });
  await oatMilk.getByLabel('Ship this line').check();
  await oatMilk.getByLabel('Quantity to ship (CS)').fill('25');
  await dc.getByRole('button', { name: /Send ship notice/ }).click();
  await oatMilk.getByText('At most 20 CS (240 EA) is left to ship').waitFor();
  await oatMilk.getByLabel('Quantity to ship (CS)').fill('10');
  await oatMilk.getByText('= 120 EA').waitFor();
  await shipLine('SKU-1003').getByLabel('Ship this line').check();
  await dc.getByLabel('Carrier').fill('DHL Freight');
  await dc.getByLabel('Tracking number').fill('JD0002');
  await shot(page, 'supplier-ship-notice-form');
  await dc.getByRole('button', { name: 'Send ship notice (2 lines)' }).click();
  await page.getByText(/ASN-000002 sent: 2 line\(s\) on their way/).waitFor();
  const shipped = await server.query<{ sku: string; quantity: number }>(
    `SELECT i.sku, nl.quantity FROM ship_notice n JOIN ship_notice_line nl ON nl.ship_notice_id = n.id JOIN purchase_order_line l ON l.id = nl.line_id
       JOIN item i ON i.id = l.item_id WHERE n.number = 'ASN-000002' AND n.carrier = 'DHL Freight' ORDER BY i.sku`,
  );
  expect(shipped).toEqual([{ sku: 'SKU-1001', quantity: 120 }, { sku: 'SKU-1003', quantity: 96 }]);
  // What is left to ship, and the notice on its way.
  // (the lines reload after the notice is sent: wait for them)
  await shipLine('SKU-1001').getByText('in transit 10 CS (120 EA)').waitFor();
  expect(await shipLine('SKU-1001').getByTestId('to-ship').textContent()).toBe('to ship 10 CS (120 EA)');
  expect(await shipLine('SKU-1003').count()).toBe(0);
  await page.locator('li.notice', { hasText: 'ASN-000002' }).waitFor();
  await shot(page, 'supplier-notice-in-transit');

  // A remainder that is not whole cases (set up above): 5 EA of espresso beans left to ship.
  const remainder = page.locator(`li.shipline[data-ship-line-id="${casesLineId}"]`);
  await remainder.getByText('received 1 CS + 7 EA (19 EA)').waitFor();
  expect(await remainder.getByTestId('to-ship').textContent()).toBe('to ship 0 CS + 5 EA (5 EA)');
  // The form starts with what is left: 0 cases and 5 loose units.
  expect([await remainder.getByLabel('Quantity to ship (CS)').inputValue(), await remainder.getByLabel('Loose units to ship (EA)').inputValue()]).toEqual(['0', '5']);
  const store1 = page.getByRole('form', { name: /Ship to STORE-001/ });
  await remainder.getByLabel('Ship this line').check();
  await remainder.getByLabel('Quantity to ship (CS)').fill('1');
  await store1.getByRole('button', { name: /Send ship notice/ }).click();
  await remainder.getByText('At most 0 CS + 5 EA (5 EA) is left to ship').waitFor();
  await remainder.getByLabel('Quantity to ship (CS)').fill('0');
  await remainder.getByLabel('Loose units to ship (EA)').fill('0');
  await store1.getByRole('button', { name: /Send ship notice/ }).click();
  await remainder.getByText('Enter at least 1 EA to ship').waitFor();
  await remainder.getByLabel('Loose units to ship (EA)').fill('5');
  await remainder.getByText('= 5 EA').waitFor();
  // The line's card only: right after a full-page screenshot this click landed about 120 px off the button (the
  // screenshot resizes the viewport); the card fits in the viewport, so taking it changes nothing.
  await remainder.screenshot({ path: path.join(ARTIFACTS, 'supplier-ship-loose-units.png') });
  await store1.getByRole('button', { name: 'Send ship notice (1 line)' }).click();
  await page.getByText(/ASN-\d+ sent: 1 line\(s\) on their way to STORE-001/).waitFor();
  expect(await server.query('SELECT quantity FROM ship_notice_line WHERE line_id = $1', [casesLineId])).toEqual([{ quantity: 5 }]);
  await remainder.waitFor({ state: 'detached' });
  expect(errors).toEqual([]);
});

it('a supplier commits to the forecast and sees the exception before sending', async () => {
  const page = await newPage({ width: 1280, height: 900 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The demo: Acme committed 12 periods, one short (oat milk at DC-EAST, week 2: 20 of 32).
  const seeded = await server.query<{ n: number; short: number }>(
    `SELECT count(*)::int AS n, count(exception_raised_at)::int AS short FROM forecast_commit`,
  );
  expect(seeded).toEqual([{ n: 12, short: 1 }]);
  await logIn(page, 'rep@acme.example', 'forecast');
  await page.getByRole('heading', { name: 'Commit to the forecast' }).waitFor();
  const grid = page.locator('form.commits', { hasText: 'Northwind Grocers' });
  await grid.locator('td.commit-cell').first().waitFor();
  expect(await grid.locator('td.commit-cell.short').count()).toBe(1);
  const oatMilk = grid.getByLabel(new RegExp(`^SKU-1001 at DC-EAST, from ${inDays(7)} `));
  expect(await oatMilk.inputValue()).toBe('20');

  // SKU-1004 at DC-EAST this week: forecast 44, so 40 (44 x 90% = 39.6, rounded up) is the least that is not an exception.
  const cell = grid.getByLabel(new RegExp(`^SKU-1004 at DC-EAST, from ${inDays(0)} .*forecast of 44$`));
  await cell.fill('40');
  await grid.getByText('1 commit(s) to send.').waitFor();
  await cell.fill('39');
  await grid.getByText('1 commit(s) to send; 1 below the 10% tolerance: Northwind Grocers will see it as exceptions.').waitFor();
  await grid.locator('td.commit-cell.short', { hasText: 'Exception: below 40' }).waitFor();
  await shot(page, 'supplier-commit-exception-before-sending');
  await grid.getByRole('button', { name: 'Send commits' }).click();
  await grid.getByText('Sent 1 commit(s); 1 below the tolerance, reported to Northwind Grocers.').waitFor();
  const stored = await server.query<{ committed_quantity: number; raised: boolean }>(
    `SELECT fc.committed_quantity, fc.exception_raised_at IS NOT NULL AS raised FROM forecast_commit fc JOIN item i ON i.id = fc.item_id JOIN location l ON l.id = fc.location_id
      WHERE i.sku = 'SKU-1004' AND l.code = 'DC-EAST' AND fc.period_start = $1`,
    [inDays(0)],
  );
  expect(stored).toEqual([{ committed_quantity: 39, raised: true }]);
  expect(await server.query(`SELECT 1 FROM alert a JOIN organization o ON o.id = a.organization_id WHERE o.name = 'Northwind Grocers' AND a.type = 'FORECAST_COMMIT_EXCEPTION'`)).toHaveLength(2);
  // A bad entry is caught before sending: the button stays off. (Typed again if the grid's reload after sending
  // re-rendered the cell while it was being typed: seen once in a loaded run.)
  for (let attempt = 1; ; attempt++) {
    await cell.fill('-3');
    const shown = await grid.getByText('Enter a whole number (0 or more)').waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (shown) break;
    if (attempt === 3) throw new Error('the bad entry never showed its message');
  }
  expect(await grid.getByRole('button', { name: 'Send commits' }).isDisabled()).toBe(true);
  expect(errors).toEqual([]);
});

/** Presses Tab until the focused element matches `selector` (at most 60 times); keyboard only, as a user without a mouse. */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const readDownload = async (page: Page, click: () => Promise<void>) => {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
};

it('a supplier finds orders by search and filters, acknowledges whole orders, reads an order page and exports CSV, keyboard only where it counts', async () => {
  const page = await newPage({ width: 375, height: 812 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, 'rep@acme.example');
  await page.getByRole('heading', { name: 'Orders' }).waitFor();
  const table = page.locator('table.orders');
  await table.waitFor();
  const [{ n: visible }] = await server.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM purchase_order po JOIN organization o ON o.id = po.supplier_id WHERE o.name = 'Acme Foods' AND po.status <> 'DRAFT'`,
  );
  await page.getByTestId('order-count').filter({ hasText: new RegExp(`^${visible} order\\(s\\)`) }).waitFor();
  await checkPage(page, 'supplier-orders');

  // Keyboard only: Tab to the search field, type, Enter; then Tab to the order's link and Enter opens its page.
  const order = async (sku: string) =>
    (await server.query<{ id: string; number: string; version: number }>(
      `SELECT DISTINCT po.id, po.number, po.version FROM purchase_order po JOIN purchase_order_line l ON l.purchase_order_id = po.id JOIN item i ON i.id = l.item_id
        WHERE i.sku = $1 AND po.status <> 'DRAFT' ORDER BY po.number LIMIT 1`, [sku],
    ))[0];
  const onTime = await order('SKU-1002');
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await tabTo(page, 'input[type="search"]');
  await page.keyboard.type('SKU-1003');
  await page.keyboard.press('Enter');
  await page.getByTestId('order-count').filter({ hasText: /^1 order\(s\)$/ }).waitFor();
  expect(await table.locator('tbody tr th').allTextContents()).toEqual([onTime.number]);
  await tabTo(page, `a[href="#/orders/${onTime.id}"]`);
  await page.keyboard.press('Enter');

  // The order page: header, lines with prices and the total in USD, the ship notice, the history.
  await page.getByRole('heading', { name: `Order ${onTime.number}` }).waitFor();
  const lines = await server.query<{ quantity: number; unit_cost: string }>(`SELECT quantity, unit_cost::text FROM purchase_order_line WHERE purchase_order_id = $1`, [onTime.id]);
  const total = lines.reduce((sum, l) => sum + Math.round(l.quantity * Number(l.unit_cost) * 100), 0) / 100;
  expect(await page.getByTestId('order-total').textContent()).toBe(formatMoney(total));
  const oatMilk = page.locator('table.order-lines tbody tr', { hasText: 'SKU-1001' });
  expect(await oatMilk.locator('td').nth(1).textContent()).toBe('20 CS (240 EA)');
  expect(await oatMilk.locator('td').nth(7).textContent()).toMatch(/^\$[\d,]+\.\d\d \/ EA$/);
  await page.locator('table.notices tbody tr', { hasText: 'ASN-000001' }).waitFor();
  expect(await page.locator('table.history tbody tr').count()).toBeGreaterThanOrEqual(4);
  expect(await page.locator('table.history tbody tr td').first().textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  await checkPage(page, 'supplier-order-page');

  // Back to the list; filters: customer, ship-to, issue days, status.
  await page.getByRole('link', { name: '← All orders' }).click();
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByLabel('Customer').selectOption({ label: 'Northwind Grocers' });
  await page.getByLabel('Ship to').selectOption({ label: 'STORE-001 Harbour Street store' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const [{ n: store1 }] = await server.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM purchase_order po JOIN organization o ON o.id = po.supplier_id JOIN location l ON l.id = po.ship_to_id
      WHERE o.name = 'Acme Foods' AND po.status <> 'DRAFT' AND l.code = 'STORE-001'`,
  );
  await page.getByTestId('order-count').filter({ hasText: new RegExp(`^${store1} order\\(s\\)`) }).waitFor();
  expect(new Set(await table.locator('tbody tr td:nth-child(3)').allTextContents())).toEqual(new Set(['STORE-001']));
  await page.getByLabel('Issued from').fill(inDays(1));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByText('No order matches.').waitFor();
  await page.getByLabel('Issued from').fill('');
  await page.getByLabel('Status').selectOption({ label: 'issued' });
  await page.getByRole('button', { name: 'Apply filters' }).click();

  // Acknowledge a whole order as requested, from the list, in one click: one mutation, every waiting line confirmed on its requested date.
  const waiting = await order('SKU-1010');
  const row = table.locator(`tr[data-order-id="${waiting.id}"]`);
  await row.getByRole('button', { name: `Acknowledge ${waiting.number} as requested (1 line(s))` }).click();
  await page.getByTestId('orders-note').filter({ hasText: `${waiting.number} acknowledged: 1 line(s) confirmed as requested` }).waitFor();
  expect(await server.query(
    `SELECT l.status, s.quantity, s.delivery_date = l.requested_date AS on_time FROM purchase_order_line l JOIN schedule_line s ON s.line_id = l.id WHERE l.purchase_order_id = $1`,
    [waiting.id],
  )).toEqual([{ status: 'CONFIRMED', quantity: 60, on_time: true }]);

  // And from the order page (the overdue one).
  const overdue = await order('SKU-1009');
  await page.goto(`${base}/portal/#/orders/${overdue.id}`);
  await page.getByRole('button', { name: `Acknowledge ${overdue.number} as requested (1 line(s))` }).click();
  await page.getByTestId('order-note').filter({ hasText: 'acknowledged' }).waitFor();
  await page.locator('table.history tbody tr', { hasText: 'line confirmed' }).waitFor();
  const [{ n: answers }] = await server.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM alert a JOIN organization o ON o.id = a.organization_id WHERE o.name = 'Northwind Grocers' AND a.type = 'PURCHASE_ORDER_CONFIRMED' AND a.purchase_order_id = ANY($1::uuid[])`,
    [[waiting.id, overdue.id]],
  );
  expect(answers).toBe(2);

  // Export: the open lines (every page of the filtered list) and the forecast, as CSV with a header.
  await page.goto(`${base}/portal/#/orders`);
  await table.waitFor();
  const openLines = await readDownload(page, () => page.getByRole('button', { name: 'Export open lines (CSV)' }).click());
  expect(openLines.name).toMatch(/^open-lines-\d{4}-\d\d-\d\d\.csv$/);
  const [header, ...csvRows] = openLines.text.trim().split('\r\n');
  expect(header).toBe('customer,supplier,order,line,sku,item,ship_to,ordered,open,in_transit,unit,requested_date,promised,unit_price,currency,open_value,status,slipped');
  expect(csvRows.find((r) => r.includes(',SKU-1005,'))).toMatch(/,STORE-001,60,60,0,EA,\d{4}-\d\d-\d\d,60 on \d{4}-\d\d-\d\d,[\d.]+,USD,[\d.]+,CONFIRMED,yes$/);
  await page.getByRole('link', { name: 'Forecast and commits' }).click();
  const forecast = await readDownload(page, () => page.getByRole('button', { name: 'Export the forecast (CSV)' }).click());
  const forecastRows = forecast.text.trim().split('\r\n');
  expect(forecastRows[0]).toBe('forecast_version,sku,item,location,period_start,period_days,quantity,unit');
  expect(forecastRows.length).toBeGreaterThan(1);
  await checkPage(page, 'supplier-forecast');

  // The other pages, each checked at both widths: the line being confirmed shows its price.
  await page.getByRole('link', { name: 'To confirm' }).click();
  await page.getByRole('heading', { name: /Awaiting your confirmation/ }).waitFor();
  expect(await page.getByTestId('line-price').first().textContent()).toMatch(/^at \$[\d,]+\.\d\d \/ EA = \$[\d,]+\.\d\d$/);
  await checkPage(page, 'supplier-confirm');
  await page.getByRole('link', { name: 'Ship and re-promise' }).click();
  await page.getByRole('heading', { name: /To ship/ }).waitFor();
  await checkPage(page, 'supplier-shipping');
  expect(errors).toEqual([]);
});

it('a buyer lists its orders, slipped ones only, and opens one; the KPI page passes the checks too', async () => {
  const page = await newPage({ width: 375, height: 812 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, 'buyer@northwind.example', 'orders');
  const table = page.locator('table.orders');
  await table.waitFor();
  await page.getByLabel('Slipped only').check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const [{ n: slipped }] = await server.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM purchase_order po JOIN organization o ON o.id = po.retailer_id
      WHERE o.name = 'Northwind Grocers' AND EXISTS (SELECT 1 FROM purchase_order_line l WHERE l.purchase_order_id = po.id AND l.slipped)`,
  );
  expect(slipped).toBeGreaterThan(0);
  await page.getByTestId('order-count').filter({ hasText: new RegExp(`^${slipped} order\\(s\\)`) }).waitFor();
  expect(await table.locator('tbody tr').count()).toBe(slipped);
  expect(await table.locator('tbody tr', { hasNotText: 'Slipped' }).count()).toBe(0);
  expect(await table.getByRole('button').count()).toBe(0); // a buyer does not acknowledge
  await checkPage(page, 'buyer-orders');
  await table.locator('tbody tr th a').first().click();
  await page.getByRole('heading', { name: /^Order PO-/ }).waitFor();
  await page.locator('table.history tbody tr').first().waitFor();
  await checkPage(page, 'buyer-order-page');
  await page.getByRole('link', { name: 'KPIs and what-if' }).click();
  await page.getByTestId('risk-trend-counts').waitFor();
  await checkPage(page, 'buyer-kpis');
  expect(errors).toEqual([]);
});

it('a buyer filters the risks (OK hidden by default), opens one, and applies, dismisses and re-proposes reallocations (a CONFLICT explained)', async () => {
  const page = await newPage({ width: 1280, height: 900 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, 'buyer@northwind.example');
  await page.getByRole('heading', { name: 'Shortage risk' }).waitFor();
  const rows = page.locator('table.risks tbody tr');
  await rows.first().waitFor();
  const levels = await page.locator('table.risks tbody tr td:nth-child(2)').allTextContents();
  // OK positions are hidden until asked for; the order is the API's: stockouts first.
  expect(levels[0]).toBe('STOCKOUT');
  expect(new Set(levels)).toEqual(new Set(['STOCKOUT', 'AT RISK']));
  const rank = (l: string) => ({ STOCKOUT: 0, 'AT RISK': 1, OK: 2 })[l] ?? 3;
  expect(levels.map(rank)).toEqual([...levels.map(rank)].sort((a, b) => a - b));
  await checkPage(page, 'buyer-risks', 1280);

  await page.getByLabel('Level').selectOption({ label: 'All, OK included' });
  await page.getByTestId('risk-count').filter({ hasText: '60 of 60 position(s)' }).waitFor();
  await page.getByLabel('Location').selectOption({ label: 'STORE-002 Market Square store' });
  await page.getByTestId('risk-count').filter({ hasText: '20 of 20' }).waitFor();
  expect(new Set(await page.locator('table.risks tbody tr td:nth-child(3)').allTextContents())).toEqual(new Set(['STORE-002']));
  await page.getByLabel('Supplier').selectOption({ label: 'Bravo Supply' });
  const [bravo] = await server.query<{ n: number }>(
    `SELECT count(DISTINCT sr.item_id)::int AS n FROM sourcing_rule sr JOIN organization o ON o.id = sr.supplier_id WHERE o.name = 'Bravo Supply' AND sr.active`,
  );
  await page.getByTestId('risk-count').filter({ hasText: `${bravo.n} of ${bravo.n}` }).waitFor();
  await page.getByLabel('Supplier').selectOption({ label: 'Any supplier' });
  await page.getByLabel('Search').fill('sku-1006');
  await page.getByTestId('risk-count').filter({ hasText: '1 of 20' }).waitFor();
  await page.getByLabel('Level').selectOption({ label: 'Stockout and at risk' });
  await page.getByLabel('Location').selectOption({ label: 'All locations' });
  await page.getByLabel('Search').fill('SKU-1005');
  await page.getByTestId('risk-count').filter({ hasText: /^1 of \d+/ }).waitFor();

  // The late line's risk: its chart, its inbound line and its proposal with every supplier considered.
  await page.getByRole('link', { name: /SKU-1005/ }).click();
  await page.getByRole('heading', { name: /SKU-1005 .* at STORE-001/ }).waitFor();
  const chart = page.getByTestId('projection-chart');
  await chart.waitFor();
  expect(await chart.locator('path.balance').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){55}$/);
  // Demand of this item x location (issue 17): 60 weeks sold beside the 8-week baseline, its method, accuracy by item.
  const demand = page.getByTestId('demand-chart');
  await demand.waitFor();
  expect(await demand.locator('rect.bar.history').count()).toBe(60);
  expect(await demand.locator('path.forecast').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){7}$/);
  expect(await page.getByTestId('demand-method').textContent()).toMatch(/^Method: (SES|HOLT|CROSTON|SEASONAL_NAIVE) · holdout WAPE [\d.]+% · 60 weeks of history$/);
  await page.getByTestId('forecast-accuracy').locator('tbody tr').first().waitFor();
  expect(await page.getByTestId('forecast-accuracy').locator('tbody tr').count()).toBe(20);
  // A buyer may not publish a forecast (generateForecast: PLANNER or ADMIN): the panel previews methods, no button to be refused.
  expect(await page.getByRole('button', { name: /Publish the baseline/ }).count()).toBe(0);
  expect(await page.getByTestId('demand-publish-note').textContent()).toContain('for planners and admins');
  // A window the check refuses: the error, and no rows of the previous window beside it; a good window brings them back.
  const accuracy = page.getByTestId('forecast-accuracy');
  const accuracyTo = await accuracy.getByLabel('To').inputValue();
  const accuracyFrom = await accuracy.getByLabel('From').inputValue();
  await accuracy.getByLabel('From').fill(addDays(accuracyTo, 1));
  await accuracy.locator('#accuracy-to-error').waitFor();
  expect(await accuracy.locator('table').count()).toBe(0);
  await accuracy.getByLabel('From').fill(accuracyFrom);
  await accuracy.locator('tbody tr').nth(19).waitFor();
  const inbound = page.locator('table.inbound tbody tr', { hasText: 'Slipped' });
  await inbound.first().waitFor();
  const lineId = (await inbound.first().getAttribute('data-line-id'))!;
  const [line] = await server.query<{ number: string; line_number: number }>(
    `SELECT po.number, l.line_number FROM purchase_order_line l JOIN purchase_order po ON po.id = l.purchase_order_id WHERE l.id = $1`, [lineId],
  );
  const proposal = page.locator('article.proposal', { hasText: `Proposal for ${line.number} line ${line.line_number}` }).first();
  await proposal.waitFor();
  expect(await proposal.locator('table.candidates tbody tr').count()).toBeGreaterThan(0);
  expect(await proposal.locator('table.candidates .verdict').first().textContent()).toMatch(/^(chosen|too late|no capacity|below minimum order|inactive|more expensive|not needed)$/);
  await checkPage(page, 'buyer-risk-page', 1280);

  // The line changes after the proposal was made (60 more received... here 10): Apply is refused with CONFLICT, explained, nothing ordered.
  const proposalId = (await proposal.getAttribute('data-proposal-id'))!;
  const { login } = await server.ok(LoginDocument, { email: 'buyer@northwind.example', password: 'shortstop-demo' });
  await server.ok(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity: 10 } }, login.token);
  const ordersBefore = await server.query('SELECT 1 FROM purchase_order');
  await page.locator(`article[data-proposal-id="${proposalId}"]`).getByRole('button', { name: 'Apply: place these orders' }).click();
  const conflict = page.getByTestId('proposal-conflict');
  await conflict.waitFor();
  expect(await conflict.textContent()).toContain('the line changed after this proposal was made');
  expect(await server.query('SELECT 1 FROM purchase_order')).toHaveLength(ordersBefore.length);
  await shot(page, 'buyer-proposal-conflict-1280');
  expect(await axeViolations(page)).toEqual([]);

  // A new proposal from the line as it is now, applied: the orders it placed are linked.
  await conflict.getByRole('button', { name: 'Propose again' }).click();
  const fresh = page.locator(`article.proposal:not([data-proposal-id="${proposalId}"])`, { hasText: `Proposal for ${line.number} line ${line.line_number}` }).first();
  await page.locator(`article.proposal:not([data-proposal-id="${proposalId}"])`, { hasText: `Proposal for ${line.number} line ${line.line_number}` }).first().waitFor();
  await fresh.getByRole('button', { name: 'Apply: place these orders' }).click();
  await page.getByText(/^Applied: /).waitFor();
  const [applied] = await server.query<{ status: string }>(`SELECT status FROM reallocation_proposal WHERE source_line_id = $1 ORDER BY created_at DESC LIMIT 1`, [lineId]);
  expect(applied.status).toBe('APPLIED');

  // The rejected line's risk (SKU-1006 at STORE-002): its proposal dismissed.
  await page.getByRole('link', { name: '← All risks' }).click();
  await page.getByLabel('Search').fill('SKU-1006');
  await page.getByRole('link', { name: /SKU-1006/ }).click();
  const other = page.locator('article.proposal').first();
  await other.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByText('Dismissed: nothing was ordered.').waitFor();
  await page.setViewportSize({ width: 375, height: 812 });
  expect(await sidewaysScroll(page)).toBe(0);
  await shot(page, 'buyer-risk-dismissed-375');
  expect(errors).toEqual([]);
});

it('serves the portal with a Content-Security-Policy and the usual security headers, and the browser enforces the policy', async () => {
  const response = await fetch(`${base}/portal/`);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect((await fetch(`${base}/portal/app.js`)).headers.get('x-content-type-options')).toBe('nosniff');

  const page = await newPage({ width: 375, height: 812 }, { provokesCsp: true });
  const reported: string[] = [];
  page.on('console', (message) => reported.push(message.text()));
  await page.goto(`${base}/portal/`);
  await page.getByLabel('Email').waitFor();
  // A script injected into the page does not run: the policy allows none but the portal's own file.
  const ran = await page.evaluate(`new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', () => resolve(window.__injected === true ? 'ran' : 'blocked'), { once: true });
    const s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.body.appendChild(s);
    setTimeout(() => resolve(window.__injected === true ? 'ran' : 'no event'), 2000);
  })`);
  expect(ran).toBe('blocked');
  // ... and the console says so, as the other tests' pages would (they are checked for such reports after each test).
  expect(reported.filter((m) => /Content Security Policy/i.test(m))).toHaveLength(1);
  await checkPage(page, 'login');
});

function inDaysFrom(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
