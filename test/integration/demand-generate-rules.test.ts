import {
  ForecastWithMethodsDocument,
  GenerateForecastDocument,
  PreviewForecastDocument,
  RecordSalesDocument,
  SetItemActiveDocument,
  SetLocationActiveDocument,
} from '../../src/sdk/generated/graphql';
import { addDays } from '../../src/shared/calendar';
import { createItem, createLocation, expectError, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * generateForecast's rules beyond the fitting (DESIGN.md "Demand", "Local
 * dates", "Retiring"): each series is cut at today where it is sold and its
 * periods start there, so what is published is what previewForecast showed;
 * retired items and locations get no new lines.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Today's date in an IANA zone, from the real clock (the server runs on it too). */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** Three weekly blocks before `today`: 10, 20, 30 (the last on yesterday, so a cut-off a day early loses it). */
const threeWeeks = (itemId: string, locationId: string, today: string) =>
  [15, 8, 1].map((back, i) => ({ itemId, locationId, date: addDays(today as never, -back), quantity: 10 * (i + 1) }));

it('cuts each series at today where it is sold, and publishes exactly what previewForecast showed', async () => {
  // UTC+14 and UTC-11: their dates always differ (by one or two days).
  const { retailer, item } = await tradingPair(server);
  const kiri = await createLocation(server, retailer.token, { timeZone: 'Pacific/Kiritimati' });
  const pago = await createLocation(server, retailer.token, { timeZone: 'Pacific/Pago_Pago' });
  const [kiriToday, pagoToday] = [todayIn('Pacific/Kiritimati'), todayIn('Pacific/Pago_Pago')];
  expect(kiriToday > pagoToday).toBe(true);
  await server.ok(RecordSalesDocument, { input: { lines: [...threeWeeks(item.id, kiri.id, kiriToday), ...threeWeeks(item.id, pago.id, pagoToday)] } }, retailer.token);

  const preview = async (locationId: string) =>
    (await server.ok(PreviewForecastDocument, { itemId: item.id, locationId, horizonWeeks: 2, method: 'SES' }, retailer.token)).previewForecast;
  const [kiriPreview, pagoPreview] = [await preview(kiri.id), await preview(pago.id)];
  expect(kiriPreview.history.map((h) => h.quantity)).toEqual([10, 20, 30]);
  expect(kiriPreview.forecast.map((f) => f.periodStart)).toEqual([kiriToday, addDays(kiriToday as never, 7)]);
  expect(pagoPreview.history.map((h) => h.quantity)).toEqual([10, 20, 30]);
  expect(pagoPreview.forecast.map((f) => f.periodStart)).toEqual([pagoToday, addDays(pagoToday as never, 7)]);

  await server.ok(GenerateForecastDocument, { input: { horizonWeeks: 2, method: 'SES' } }, retailer.token);
  const lines = (await server.ok(ForecastWithMethodsDocument, { itemId: item.id, first: 100 }, retailer.token)).forecast.edges.map((e) => e.node);
  const published = (locationId: string) =>
    lines.filter((l) => l.location.id === locationId).map((l) => ({ periodStart: l.periodStart, quantity: l.quantity }));
  expect(published(kiri.id)).toEqual(kiriPreview.forecast);
  expect(published(pago.id)).toEqual(pagoPreview.forecast);
  // SES on 10, 20, 30 from level 10: the grid's best a is 0.95 (19.5, then 29.475), 29 a week.
  expect(kiriPreview.forecast.map((f) => f.quantity)).toEqual([29, 29]);
});

it('gives retired items and locations no new lines: skipped when generating everything, refused when named', async () => {
  const { retailer, item, location } = await tradingPair(server);
  const retiredItem = await createItem(server, retailer.token);
  const retiredLocation = await createLocation(server, retailer.token);
  const today = todayIn('UTC');
  await server.ok(RecordSalesDocument, {
    input: {
      lines: [
        ...threeWeeks(item.id, location.id, today),
        ...threeWeeks(retiredItem.id, location.id, today),
        ...threeWeeks(item.id, retiredLocation.id, today),
      ],
    },
  }, retailer.token);
  await server.ok(SetItemActiveDocument, { id: retiredItem.id, active: false }, retailer.token);
  await server.ok(SetLocationActiveDocument, { id: retiredLocation.id, active: false }, retailer.token);

  const { generateForecast } = await server.ok(GenerateForecastDocument, { input: { horizonWeeks: 1 } }, retailer.token);
  expect(generateForecast.lineCount).toBe(1);
  const lines = (await server.ok(ForecastWithMethodsDocument, { first: 100 }, retailer.token)).forecast.edges.map((e) => [e.node.item.id, e.node.location.id]);
  expect(lines).toEqual([[item.id, location.id]]);

  expectError(await server.gql(GenerateForecastDocument, { input: { itemIds: [item.id, retiredItem.id] } }, retailer.token), 'BAD_USER_INPUT', 'input.itemIds[1]');
  expectError(await server.gql(GenerateForecastDocument, { input: { locationIds: [retiredLocation.id] } }, retailer.token), 'BAD_USER_INPUT', 'input.locationIds[0]');
});
