import type { Orm } from '../db/orm';
import type { Logger } from '../logger';
import { createContext, type AuthedContext, type RequestContext } from '../core/context';
import { runInScope } from '../core/transaction';
import type { ServiceRegistry as Services } from '../core/context';
import { addDays } from '../shared/calendar';
import { sql } from '../shared/sql';
import { asSystem } from '../core/system';
import { raiseOverdueAlerts } from '../modules/purchasing/overdue.jobs';
import { OrganizationKind, Role } from '../core/tenancy.enums';
import { ManualClock } from '../core/clock';
import { startOfLocalDay } from '../core/local-dates';
import { DemandService } from '../modules/demand/demand.service';
import { ForecastMethod } from '../modules/forecasting/forecast-method';

export const DEMO_PASSWORD = 'shortstop-demo';
/** The demo companies work at UTC+8: their "today" is Shanghai's (DESIGN.md, Local dates). */
export const DEMO_TIME_ZONE = 'Asia/Shanghai';

export interface DemoLogin {
  email: string;
  role: Role;
  organization: string;
}

const ITEM_NAMES = [
  'Oat Milk 1L', 'Espresso Beans 1kg', 'Sourdough Loaf', 'Free-range Eggs 12', 'Greek Yogurt 500g',
  'Basmati Rice 5kg', 'Olive Oil 750ml', 'Tomato Passata 700g', 'Penne Pasta 500g', 'Cheddar 400g',
  'Butter 250g', 'Orange Juice 1L', 'Granola 750g', 'Peanut Butter 340g', 'Dark Chocolate 100g',
  'Sparkling Water 6x1L', 'Dish Soap 500ml', 'Paper Towels 6 rolls', 'Laundry Pods 30', 'Toothpaste 75ml',
];

/**
 * The context of a demo user, from the session token its sign-up returned,
 * authenticated like any request: the seed acts as real users, with their
 * credentials, never as a hand-made caller.
 */
async function contextFor(orm: Orm, services: Services, log: Logger, token: string): Promise<AuthedContext> {
  const { caller, problem } = await services.auth.authenticate(orm.em.fork(), `Bearer ${token}`);
  if (!caller) throw new Error(`demo seed: the new session was refused (${problem})`);
  return createContext({ em: orm.em, services, log }, caller) as AuthedContext;
}

/** Runs one step of the seed as its user, in a scoped transaction, as a request would. */
const act = <T>(ctx: AuthedContext, fn: (c: AuthedContext) => Promise<T>): Promise<T> => runInScope(ctx, (c) => fn(c as AuthedContext));

/** True when the database holds no organization yet. */
export async function isEmpty(orm: Orm): Promise<boolean> {
  const [row] = await sql<{ any: boolean }>(orm.em.fork(), 'SELECT organizations_exist() AS any');
  return !row.any;
}

/**
 * A small, realistic data set through the same services the API uses: one
 * retailer, three suppliers (a primary and two backups for most items), 20
 * items, 3 locations, sourcing rules, inventory, safety stock, purchase
 * orders in every state and a published forecast.
 */
export async function seedDemoData(orm: Orm, services: Services, log: Logger): Promise<DemoLogin[]> {
  const anonymous: RequestContext = createContext({ em: orm.em, services, log }, null);
  const logins: DemoLogin[] = [];

  const signUp = async (organizationName: string, kind: OrganizationKind, email: string) => {
    const { token } = await runInScope(anonymous, (c) => services.auth.signUp(c, { organizationName, kind, email, password: DEMO_PASSWORD, timeZone: DEMO_TIME_ZONE }));
    logins.push({ email, role: Role.ADMIN, organization: organizationName });
    return contextFor(orm, services, log, token);
  };

  const retailer = await signUp('Northwind Grocers', OrganizationKind.RETAILER, 'admin@northwind.example');
  for (const [email, role] of [['buyer@northwind.example', Role.BUYER], ['planner@northwind.example', Role.PLANNER]] as const) {
    await act(retailer, (c) => services.auth.createUser(c, { email, password: DEMO_PASSWORD, role }));
    logins.push({ email, role, organization: 'Northwind Grocers' });
  }
  const suppliers = [
    await signUp('Acme Foods', OrganizationKind.SUPPLIER, 'admin@acme.example'),
    await signUp('Bravo Supply', OrganizationKind.SUPPLIER, 'admin@bravo.example'),
    await signUp('Cobalt Wholesale', OrganizationKind.SUPPLIER, 'admin@cobalt.example'),
  ];
  await act(suppliers[0], (c) => services.auth.createUser(c, { email: 'rep@acme.example', password: DEMO_PASSWORD, role: Role.SUPPLIER_REP }));
  logins.push({ email: 'rep@acme.example', role: Role.SUPPLIER_REP, organization: 'Acme Foods' });

  for (const supplier of suppliers) {
    const partnership = await act(retailer, (c) => services.partnerships.invite(c, supplier.caller.organizationId));
    await act(supplier, (c) => services.partnerships.accept(c, partnership.id));
  }

  const locations: { id: string }[] = [];
  for (const [code, name] of [['DC-EAST', 'East distribution centre'], ['STORE-001', 'Harbour Street store'], ['STORE-002', 'Market Square store']]) {
    locations.push(await act(retailer, (c) => services.catalog.createLocation(c, { code, name })));
  }
  const items: { id: string; unitPrice: string }[] = [];
  for (const [i, name] of ITEM_NAMES.entries()) {
    const price = (2 + ((i * 37) % 23) + (i % 4) * 0.25).toFixed(2);
    items.push(await act(retailer, (c) => services.catalog.createItem(c, { sku: `SKU-${1001 + i}`, name, unitPrice: price })));
  }

  for (const [i, item] of items.entries()) {
    const cost = Number(item.unitPrice) * 0.6;
    // Acme is primary for the first 14 items, Bravo for the rest; the other two back up most items.
    const order = i < 14 ? [0, 1, 2] : [1, 2, 0];
    const backups = i % 5 === 4 ? 1 : 2;
    for (let rank = 0; rank <= backups; rank++) {
      // Acme sells its first three items (oat milk, espresso beans, sourdough) in cases of 12, and accepts 2% over-delivery on them.
      const cases = rank === 0 && i < 3;
      await act(retailer, (c) => services.sourcingRules.upsert(c, {
        itemId: item.id,
        supplierId: suppliers[order[rank]].caller.organizationId,
        priority: rank + 1,
        quotedLeadTimeDays: [5, 7, 10][rank],
        unitCost: (cost * [1, 1.08, 1.15][rank]).toFixed(2),
        minOrderQuantity: [24, 48, 100][rank],
        orderMultiple: [12, 24, 50][rank],
        weeklyCapacity: rank === 0 ? null : [null, 600, 400][rank],
        active: true,
        purchaseUnit: cases ? 'CS' : null,
        unitsPerPurchaseUnit: cases ? 12 : 1,
        overDeliveryTolerancePercent: cases ? 2 : 0,
      }));
    }
  }

  // Stock that mostly covers the forecast below; two store positions are short on purpose (see seedCollaboration).
  const positions = items.flatMap((item, i) =>
    locations.map((location, l) => {
      const short = (i === 4 && l === 1) || (i === 5 && l === 2);
      const onHand = short ? 12 : l === 0 ? 400 + ((i * 53) % 300) : 70 + ((i * 17 + l * 11) % 60);
      return { itemId: item.id, locationId: location.id, onHand, reserved: Math.floor(onHand / 10), qualityHold: i % 7 === 0 ? 5 : 0 };
    }),
  );
  await act(retailer, (c) => services.inventory.upsert(c, positions));
  for (const item of items.slice(0, 10)) {
    for (const location of locations.slice(1)) {
      await act(retailer, (c) => services.inventory.setSafetyStock(c, { itemId: item.id, locationId: location.id, safetyStock: 40 }));
    }
  }
  await seedSalesHistory(services, retailer, items, locations);
  await seedCollaboration(services, retailer, suppliers, items, locations);
  await seedRiskHistory(services, retailer);
  // The overdue confirmation alerts at once (the overdue job would raise them within minutes of the first start).
  const northwind = { id: retailer.caller.organizationId, name: retailer.caller.organizationName, kind: retailer.caller.organizationKind };
  await asSystem({ em: orm.em, services, log }, northwind, 'overdue alerts', (tx) => raiseOverdueAlerts(tx, new Date()));
  return logins;
}

/** Weeks of daily sales the demo starts with. */
export const DEMO_SALES_WEEKS = 60;
/** The demo's characteristic series (by item index): Oat Milk trends up, Orange Juice follows the seasons, Peanut Butter sells now and then. */
export const DEMO_TRENDING = 0;
export const DEMO_SEASONAL = 11;
export const DEMO_INTERMITTENT = 13;

/** A deterministic fraction in [0, 1) for (item, location, day): the demo's noise. */
const noise = (i: number, l: number, t: number) => {
  const x = Math.sin(i * 12.9898 + l * 78.233 + t * 37.719) * 43758.5453;
  return x - Math.floor(x);
};

/**
 * 60 weeks of daily sales of every item at every location, through the
 * demand module (one recordSales call), then two baseline forecasts generated
 * as they would have been 8 and 4 weeks ago (the demand module with its clock
 * moved back, from the history known then) and dated the evening before,
 * before local midnight (Asia/Shanghai, as every demo location): forecastAccuracy
 * has published versions to measure over the last 8 weeks on first start.
 * Sales sit at the levels of the demo forecast (about 4 to 6 a day at the DC,
 * one a day at a store); Oat Milk (SKU-1001) grows from half to one and a
 * half times its level, Orange Juice (SKU-1012) swings with the seasons
 * (+-60% over 52 weeks) and Peanut Butter (SKU-1014) sells on about one day
 * in 20 (most of its weeks are zero: intermittent).
 */
async function seedSalesHistory(services: Services, retailer: AuthedContext, items: { id: string }[], locations: { id: string }[]) {
  const days = DEMO_SALES_WEEKS * 7;
  const lines = items.flatMap((item, i) =>
    locations.flatMap((location, l) =>
      Array.from({ length: days }, (_, k) => {
        const t = days - k; // days before today
        const perDay = l === 0 ? (25 + ((i * 13) % 20)) / 7 : (4 + ((i + l) % 5)) / 7;
        const age = (days - t) / days; // 0 at the start of the history, 1 yesterday
        const level = i === DEMO_TRENDING ? perDay * (0.5 + age)
          : i === DEMO_SEASONAL ? perDay * (1 + 0.6 * Math.sin((2 * Math.PI * (days - t)) / 364))
            : perDay;
        const u = noise(i, l, t);
        const quantity = i === DEMO_INTERMITTENT ? (u < 0.05 ? 2 + Math.floor(u * 80) : 0) : Math.max(0, Math.floor(level * (0.6 + 0.8 * u) + 0.5));
        return { itemId: item.id, locationId: location.id, date: addDays(services.localDates.todayIn(DEMO_TIME_ZONE), -t), quantity };
      }),
    ),
  );
  await act(retailer, (c) => services.demand.recordSales(c, lines));
  for (const weeksAgo of [8, 4]) {
    const firstDay = addDays(services.localDates.todayIn(DEMO_TIME_ZONE), -7 * weeksAgo);
    const then = new Date(startOfLocalDay(firstDay, DEMO_TIME_ZONE).getTime() + 14 * 3_600_000); // 14:00 on its first day, there
    const past = new DemandService(services.catalog, services.forecasts, new ManualClock(then));
    const version = await act(retailer, (c) => past.generate(c, { horizonWeeks: 4, method: ForecastMethod.AUTO }));
    // Published at 18:00 local the evening before its first week (the forecasting module stamps now()): the seed dates it, as
    // it dates its orders, before its first day begins at the locations, so each day of its weeks is measured against it.
    const evening = new Date(startOfLocalDay(firstDay, DEMO_TIME_ZONE).getTime() - 6 * 3_600_000);
    await act(retailer, (c) => services.forecasts.backdatePublished(c, version.id, evening));
  }
}

/** Days of risk snapshots the demo starts with, today included, so the risk trend and the KPIs are not empty on first start. */
export const DEMO_SNAPSHOT_DAYS = 30;

/**
 * 30 days of risk snapshots, taken by the risk module as its daily task
 * would have taken them, with the day moved back: each past day projects
 * today's stock, orders and forecast from that day (a snapshot of a day
 * already taken is left as it is). Nothing was recorded then: the trend shows
 * how the horizon meets the demand, not a history.
 */
async function seedRiskHistory(services: Services, retailer: AuthedContext) {
  for (let back = DEMO_SNAPSHOT_DAYS - 1; back >= 0; back--) {
    await act(retailer, (c) => services.riskSnapshots.take(c, retailer.caller.organizationId, addDays(services.localDates.todayIn(DEMO_TIME_ZONE), -back)));
  }
}

/**
 * Orders in every state a buyer meets on a Monday morning, and a forecast:
 * confirmed on time (its first line ordered in cases of 12, its second
 * shipped: a ship notice in transit), split over two dates, slipped (late),
 * rejected, partly received with the remainder re-promised later, still
 * open, and a draft; eight weeks of demand for every item and location. The
 * late line (SKU-1005 to STORE-001) and the rejected one (SKU-1006 to
 * STORE-002) leave those stores short: the risk page opens on two stockouts,
 * with safety-stock warnings below them. Acme has committed to part of the
 * forecast, one period short of the tolerance (a commit exception).
 */
async function seedCollaboration(services: Services, retailer: AuthedContext, suppliers: AuthedContext[], items: { id: string }[], locations: { id: string }[]) {
  const [acme, bravo] = suppliers;
  const day = (n: number) => addDays(services.localDates.todayIn(DEMO_TIME_ZONE), n);
  /** Lines as [item, quantity, due in days], or [item, { cases }, due] for a line ordered in the supplier's purchase unit. */
  const order = async (supplier: AuthedContext, shipTo: number, lines: [number, number | { cases: number }, number][], issue = true) => {
    const id = await act(retailer, (c) => services.purchaseOrders.create(c, {
      supplierId: supplier.caller.organizationId,
      shipToId: locations[shipTo].id,
      issue,
      lines: lines.map(([item, quantity, due]) => ({
        itemId: items[item].id,
        ...(typeof quantity === 'number' ? { quantity } : { purchaseUnitQuantity: quantity.cases }),
        requestedDate: day(due),
      })),
    }));
    const rows = await act(retailer, (c) => sql<{ id: string }>(c.em, 'SELECT id FROM purchase_order_line WHERE purchase_order_id = $1 ORDER BY line_number', [id]));
    return rows.map((r) => r.id);
  };

  // 20 cases of 12 oat milk (240), espresso and sourdough; all confirmed for day 6, the espresso already on its way.
  const onTime = await order(acme, 0, [[0, { cases: 20 }, 7], [1, 120, 7], [2, 96, 7]]);
  for (const [i, lineId] of onTime.entries()) {
    await act(acme, (c) => services.purchaseOrderLines.confirm(c, { lineId, schedule: [{ quantity: [240, 120, 96][i], deliveryDate: day(6) }] }));
  }
  await act(acme, (c) => services.shipNotices.create(c, {
    shipToId: locations[0].id,
    shippedOn: day(0),
    expectedArrival: day(4),
    carrier: 'DHL Freight',
    trackingNumber: 'JD014600006281',
    lines: [{ lineId: onTime[1], quantity: 120 }],
  }));
  const [split, late] = await order(acme, 1, [[3, 100, 5], [4, 60, 4]]);
  await act(acme, (c) => services.purchaseOrderLines.confirm(c, { lineId: split, schedule: [{ quantity: 60, deliveryDate: day(3) }, { quantity: 40, deliveryDate: day(5) }] }));
  await act(acme, (c) => services.purchaseOrderLines.confirm(c, { lineId: late, schedule: [{ quantity: 60, deliveryDate: day(11) }] }));
  const [rejected] = await order(acme, 2, [[5, 48, 6]]);
  await act(acme, (c) => services.purchaseOrderLines.reject(c, { lineId: rejected, reason: 'Production line down for maintenance until next month' }));
  const [bravoLine] = await order(bravo, 0, [[14, 240, 8], [15, 96, 8]]);
  // Bravo accepts 240 for day 8 with a price change (EDI 855 "accept with changes"): 8% more, awaiting Northwind's decision.
  const [{ unit_cost: agreed }] = await act(retailer, (c) => sql<{ unit_cost: string }>(c.em, 'SELECT unit_cost::text FROM purchase_order_line WHERE id = $1', [bravoLine]));
  await act(bravo, (c) => services.purchaseOrderLines.confirm(c, { lineId: bravoLine, schedule: [{ quantity: 240, deliveryDate: day(8) }], unitCost: (Number(agreed) * 1.08).toFixed(2) }));
  // A change order awaiting Acme's acknowledgement: 120 promised for day 8, then Northwind cut it to 90 and moved it to day 10.
  const [changed] = await order(acme, 1, [[6, 120, 8]]);
  await act(acme, (c) => services.purchaseOrderLines.confirm(c, { lineId: changed, schedule: [{ quantity: 120, deliveryDate: day(8) }] }));
  await act(retailer, (c) => services.purchaseOrderLines.change(c, { lineId: changed, quantity: 90, requestedDate: day(10), reason: 'Promotion moved a week later; fewer units needed' }));
  // A backorder: 96 peanut butter for day 4, 60 received today, the remaining 36 re-promised for day 9 (late: slipped).
  const [backorder] = await order(acme, 2, [[13, 96, 4]]);
  await act(acme, (c) => services.purchaseOrderLines.confirm(c, { lineId: backorder, schedule: [{ quantity: 96, deliveryDate: day(4) }] }));
  await act(retailer, (c) => services.purchaseOrderLines.receive(c, { lineId: backorder, quantity: 60 }));
  await act(acme, (c) => services.purchaseOrderLines.confirm(c, { lineId: backorder, schedule: [{ quantity: 36, deliveryDate: day(9) }] }));
  await order(acme, 2, [[7, 36, 14]], false);
  // New orders waiting for Acme's answer in the portal; the first (one line) was issued two days ago, so it is overdue:
  // one CONFIRMATION_OVERDUE, to Northwind and to Acme.
  const waiting = await order(acme, 1, [[8, 48, 9]]);
  await order(acme, 1, [[9, 60, 12]]);
  await order(acme, 0, [[10, 144, 10], [11, 96, 13], [12, 120, 13]]);
  await act(retailer, (c) => services.purchaseOrders.backdateIssue(c, waiting[0], 2));

  const forecast = items.flatMap((item, i) =>
    locations.flatMap((location, l) =>
      Array.from({ length: 8 }, (_, week) => ({
        itemId: item.id,
        locationId: location.id,
        periodStart: day(week * 7),
        periodDays: 7,
        // The two short positions sell fast; elsewhere demand is modest.
        quantity: (i === 4 && l === 1) || (i === 5 && l === 2) ? 14 : l === 0 ? 25 + ((i * 13 + week * 7) % 20) : 4 + ((i + week + l) % 5),
      })),
    ),
  );
  const published = await act(retailer, (c) => services.forecasts.publish(c, forecast));

  // Acme commits to its three cased items at the distribution centre for the first four weeks: the forecast in full,
  // except oat milk in week 2 (20 against 32, below 32 x 90% = 28.8): one FORECAST_COMMIT_EXCEPTION to Northwind and Acme.
  const commits = [0, 1, 2].flatMap((i) =>
    Array.from({ length: 4 }, (_, week) => {
      const line = forecast[(i * locations.length + 0) * 8 + week];
      return { itemId: line.itemId, locationId: line.locationId, periodStart: line.periodStart, quantity: i === 0 && week === 1 ? 20 : line.quantity };
    }),
  );
  await act(acme, (c) => services.forecastCommits.commit(c, { retailerId: retailer.caller.organizationId, forecastVersion: published.version, lines: commits }));
}
