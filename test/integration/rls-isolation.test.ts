import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { APP_ROLE } from '../../src/db/orm';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database';

/**
 * Row-level security with raw SQL, as the application role: a small world
 * of two retailers is written as the owner (one row in every tenant table),
 * then every table of the catalog is read with `SELECT *` inside
 * `app_enter(org)`; no row of another tenant may show up. Tables come from
 * pg_class, so a new table is covered (and must get fixture rows below).
 */

/** Tables the app role has no privilege on at all (see rls-catalog.test.ts). */
const SYSTEM_ONLY_TABLES = ['login_throttle'];

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let db: FreshDatabase;
let owner: Client;

type Row = Record<string, unknown>;

/** Ids grouped by whose they are; a group is what one organization may or may not see. */
class Ids {
  private groups = new Map<string, Set<string>>();
  add(group: string, id: string): string {
    if (!this.groups.has(group)) this.groups.set(group, new Set());
    this.groups.get(group)!.add(id);
    return id;
  }
  of(...groups: string[]): Set<string> {
    return new Set(groups.flatMap((g) => [...(this.groups.get(g) ?? [])]));
  }
}

const ids = new Ids();

async function insert(table: string, row: Row): Promise<void> {
  const columns = Object.keys(row);
  await owner.query(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    columns.map((c) => row[c]),
  );
}

interface Trading {
  supplier: string;
  /** The supplier's credentials, for the SECURITY DEFINER look-ups. */
  sessionToken: string;
  line: string;
  order: string;
  notice: string;
}

/** A retailer with its own data, and its suppliers (each with a partnership of the given status and one order). */
async function world(tag: string, suppliers: { tag: string; status: 'ACTIVE' | 'SUSPENDED' | 'PENDING' }[]) {
  const now = new Date();
  /** An organization's own webhook endpoint and the delivery of one of its alerts to it (its alone, group `group`). */
  const webhook = async (group: string, organization: string, alert: string) => {
    const endpoint = ids.add(group, randomUUID());
    await insert('webhook_endpoint', { id: endpoint, organization_id: organization, url: 'https://hooks.example/x', secret: 'whsec_x', queued_through: 1, created_at: now });
    await insert('webhook_delivery', { id: ids.add(group, randomUUID()), endpoint_id: endpoint, organization_id: organization, alert_id: alert, alert_cursor: 1 });
  };
  const R = tag; // the retailer-only group
  const retailer = ids.add(`${tag}:org`, randomUUID()); // partners may see the organization itself
  await insert('organization', { id: retailer, name: `Retailer ${tag}`, kind: 'RETAILER', created_at: now });
  const user = ids.add(R, randomUUID());
  await insert('app_user', { id: user, organization_id: retailer, email: `${tag.toLowerCase()}@rls.test`, password_hash: 'x', role: 'ADMIN', created_at: now });
  const sessionToken = `sst_${randomUUID()}`;
  await insert('session', { id: ids.add(R, randomUUID()), user_id: user, token_hash: sha256(sessionToken), expires_at: new Date(Date.now() + 3600_000), created_at: now });
  const apiSecret = `ssk_${randomUUID()}`;
  const apiKey = ids.add(R, randomUUID());
  await insert('api_key', { id: apiKey, organization_id: retailer, name: 'k', scopes: ['read'], secret_hash: sha256(apiSecret), created_by_id: user, created_at: now });
  // Retailer data shared with partner suppliers (group `${tag}:shared`).
  const S = `${tag}:shared`;
  const item = ids.add(S, randomUUID());
  await insert('item', { id: item, retailer_id: retailer, sku: `SKU-${tag}`, name: 'Item', unit_price: '2.5', created_at: now });
  const location = ids.add(S, randomUUID());
  await insert('location', { id: location, retailer_id: retailer, code: `DC-${tag}`, name: 'DC', created_at: now });
  await insert('inventory_position', { id: ids.add(S, randomUUID()), retailer_id: retailer, item_id: item, location_id: location, on_hand: 10, as_of: now, updated_at: now });
  await insert('safety_stock', { item_id: item, location_id: location, retailer_id: retailer, quantity: 5, updated_at: now });
  const version = ids.add(S, randomUUID());
  await insert('forecast_version', { id: version, retailer_id: retailer, version: 1, line_count: 1, published_by: 'x', published_at: now });
  await insert('forecast_line', { version_id: version, item_id: item, location_id: location, period_start: '2026-12-01', period_days: 7, quantity: 70 });
  await insert('shortage_risk', {
    item_id: item, location_id: location, retailer_id: retailer, level: 'OK', level_rank: 2, available_now: 10, safety_stock: 5,
    shortage_quantity: 0, days_of_cover: 56, revenue_at_risk: '0', computed_for: '2026-11-30', computed_at: now,
  });
  await insert('risk_snapshot', {
    item_id: item, location_id: location, day: '2026-11-30', retailer_id: retailer, level: 'OK', opening_balance: 10, shortage_quantity: 0, revenue_at_risk: '0',
  });
  await insert('sourcing_policy', { retailer_id: retailer, mode: 'MANUAL', max_cost_increase_percent: 10, updated_at: now });
  // Daily sales: shared only with the first supplier (its partnership shares sales), for the item it supplies.
  await insert('sales_day', { item_id: item, location_id: location, day: '2026-11-29', retailer_id: retailer, quantity: 12, updated_at: now });
  await insert('organization_counter', { organization_id: retailer, name: 'alert', value: 1 });
  await insert('organization_counter', { organization_id: retailer, name: 'purchase_order', value: suppliers.length });
  await insert('idempotency_key', { organization_id: retailer, key: `k-${tag}`, fingerprint: 'f', result_id: randomUUID(), created_at: now });

  const trading: Record<string, Trading> = {};
  let n = 0;
  for (const s of suppliers) {
    n++;
    const G = s.tag; // the supplier's own group: its organization, users, and what it shares with this retailer
    const supplier = ids.add(G, randomUUID());
    await insert('organization', { id: supplier, name: `Supplier ${s.tag}`, kind: 'SUPPLIER', created_at: now });
    const supplierUser = ids.add(G, randomUUID());
    await insert('app_user', { id: supplierUser, organization_id: supplier, email: `${s.tag.toLowerCase()}@rls.test`, password_hash: 'x', role: 'ADMIN', created_at: now });
    const token = `sst_${randomUUID()}`;
    await insert('session', { id: ids.add(G, randomUUID()), user_id: supplierUser, token_hash: sha256(token), expires_at: new Date(Date.now() + 3600_000), created_at: now });
    await insert('api_key', { id: ids.add(G, randomUUID()), organization_id: supplier, name: 'k', scopes: ['read'], secret_hash: sha256(`ssk_${randomUUID()}`), created_at: now });
    await insert('partnership', { id: ids.add(G, randomUUID()), retailer_id: retailer, supplier_id: supplier, status: s.status, invited_at: now, share_sales: n === 1 });
    await insert('sourcing_rule', {
      id: ids.add(G, randomUUID()), retailer_id: retailer, item_id: item, supplier_id: supplier, priority: n, quoted_lead_time_days: 7, unit_cost: '1', updated_at: now,
    });
    const order = ids.add(G, randomUUID());
    await insert('purchase_order', {
      id: order, retailer_id: retailer, supplier_id: supplier, ship_to_id: location, number: `PO-${s.tag}`, status: 'ISSUED', created_at: now, updated_at: now,
    });
    const line = ids.add(G, randomUUID());
    await insert('purchase_order_line', {
      id: line, purchase_order_id: order, line_number: 1, retailer_id: retailer, supplier_id: supplier, ship_to_id: location, item_id: item,
      quantity: 100, requested_date: '2026-12-10', unit_cost: '1', order_past_draft: true, created_at: now,
    });
    await insert('confirmation', { id: ids.add(G, randomUUID()), line_id: line, sequence: 1, kind: 'CONFIRMED', schedule: JSON.stringify([{ quantity: 100 }]), actor: 'x', created_at: now });
    await insert('schedule_line', { line_id: line, delivery_date: '2026-12-09', quantity: 100 });
    await insert('receipt', { id: ids.add(G, randomUUID()), line_id: line, quantity: 1, received_on: '2026-11-30', actor: 'x', created_at: now });
    await insert('change_record', {
      id: ids.add(G, randomUUID()), purchase_order_id: order, line_id: line, actor_type: 'user', actor_id: supplierUser, actor: 'x',
      action: 'CONFIRM', details: '{}', version: 1, at: now,
    });
    // Retailer-only: the key of an overdue alert raised on the line.
    await insert('overdue_alert', { line_id: line, kind: 'CONFIRMATION_OVERDUE', for_date: '2026-11-30', retailer_id: retailer, raised_at: now });
    // Its ship notice to the retailer, with the line on it.
    const notice = ids.add(G, randomUUID());
    await insert('ship_notice', {
      id: notice, retailer_id: retailer, supplier_id: supplier, ship_to_id: location, number: `ASN-${s.tag}`, status: 'IN_TRANSIT',
      shipped_on: '2026-11-30', expected_arrival: '2026-12-05', carrier: 'DHL', created_at: now, updated_at: now,
    });
    await insert('ship_notice_line', { ship_notice_id: notice, line_id: line, quantity: 10, received_quantity: 0 });
    // Its commit against the retailer's forecast line (it shares it with the retailer, never with other suppliers).
    await insert('forecast_commit', {
      id: ids.add(G, randomUUID()), retailer_id: retailer, supplier_id: supplier, version_id: version, item_id: item, location_id: location,
      period_start: '2026-12-01', committed_quantity: 60, committed_at: now, committed_by: 'x',
    });
    await insert('organization_counter', { organization_id: supplier, name: 'alert', value: 1 });
    await insert('idempotency_key', { organization_id: supplier, key: `k-${s.tag}`, fingerprint: 'f', result_id: line, created_at: now });
    const supplierAlert = ids.add(G, randomUUID());
    await insert('alert', {
      id: supplierAlert, organization_id: supplier, cursor: 1, type: 'PURCHASE_ORDER_ISSUED', message: 'issued',
      purchase_order_id: order, purchase_order_line_id: line, created_at: now,
    });
    await webhook(G, supplier, supplierAlert);
    // Retailer-only: a proposal naming this supplier among the candidates.
    await insert('reallocation_proposal', {
      id: ids.add(R, randomUUID()), retailer_id: retailer, source_line_id: line, status: 'PROPOSED', source_revision: 'r', shortfall_quantity: 1,
      needed_by: '2026-12-10', reduce_source_by: 0, uncovered_quantity: 0, on_time_coverage: 0, added_cost: '0',
      moves: '[]', candidates: JSON.stringify([{ supplierId: supplier }]), created_at: now,
    });
    trading[s.tag] = { supplier, sessionToken: token, line, order, notice };
  }
  const retailerAlert = ids.add(R, randomUUID());
  await insert('alert', {
    id: retailerAlert, organization_id: retailer, cursor: 1, type: 'SHORTAGE_RISK_CHANGED', message: 'risk',
    item_id: item, location_id: location, forecast_version_id: version, created_at: now,
  });
  await webhook(R, retailer, retailerAlert);
  return { retailer, item, location, version, user, sessionToken, apiSecret, apiKey, trading };
}

let A: Awaited<ReturnType<typeof world>>;
let B: Awaited<ReturnType<typeof world>>;
let tables: { name: string; appCanRead: boolean }[];

beforeAll(async () => {
  db = await freshDatabase('ss_rls_isolation');
  owner = new Client({ connectionString: db.url });
  await owner.connect();
  // A trades with SA and SA2 (ACTIVE), used to trade with SS (SUSPENDED) and has invited SP (PENDING); B trades with SB.
  A = await world('A', [
    { tag: 'SA', status: 'ACTIVE' },
    { tag: 'SA2', status: 'ACTIVE' },
    { tag: 'SS', status: 'SUSPENDED' },
    { tag: 'SP', status: 'PENDING' },
  ]);
  B = await world('B', [{ tag: 'SB', status: 'ACTIVE' }]);
  await owner.query(`INSERT INTO login_throttle (key, points, expires_at) VALUES ('login_account:other', 3, now() + interval '1 hour')`);
  tables = (
    await owner.query<{ name: string; app_can_read: boolean }>(
      `SELECT c.relname AS name, has_table_privilege($1, c.oid, 'SELECT') AS app_can_read FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> 'mikro_orm_migrations' ORDER BY 1`,
      [APP_ROLE],
    )
  ).rows.map((r) => ({ name: r.name, appCanRead: r.app_can_read }));
});

afterAll(async () => {
  await owner?.end();
  await db?.drop();
});

/** Runs fn as the app role inside one transaction (rolled back), after app_enter(org). */
async function asApp<T>(org: string | null, fn: (c: Client) => Promise<T>): Promise<T> {
  await owner.query('BEGIN');
  try {
    await owner.query(`SET LOCAL ROLE ${APP_ROLE}`);
    await owner.query('SELECT app_enter($1)', [org]);
    return await fn(owner);
  } finally {
    await owner.query('ROLLBACK');
  }
}

/** Every tenant table, read whole with SELECT * as the app role acting for org. */
function readAll(org: string | null): Promise<Map<string, Row[]>> {
  return asApp(org, async (c) => {
    const seen = new Map<string, Row[]>();
    for (const t of tables) {
      if (!t.appCanRead) continue;
      seen.set(t.name, (await c.query(`SELECT * FROM "${t.name}"`)).rows);
    }
    return seen;
  });
}

const idsIn = (rows: Row[]) => new Set(rows.flatMap((r) => JSON.stringify(r).match(UUID_RE) ?? []));

/** `table: ids` for every visible id that is in the forbidden set. */
function leaks(seen: Map<string, Row[]>, forbidden: Set<string>): string[] {
  const found: string[] = [];
  for (const [table, rows] of seen) {
    const bad = [...idsIn(rows)].filter((id) => forbidden.has(id));
    if (bad.length) found.push(`${table}: ${bad.join(', ')}`);
  }
  return found;
}

const counts = (seen: Map<string, Row[]>) => Object.fromEntries([...seen].map(([t, rows]) => [t, rows.length]));

it('covers every table: only the listed system-only tables are closed to the app role, every other has fixture rows', async () => {
  expect(tables.filter((t) => !t.appCanRead).map((t) => t.name)).toEqual(SYSTEM_ONLY_TABLES);
  const empty: string[] = [];
  for (const t of tables.filter((t) => t.appCanRead)) {
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM "${t.name}"`);
    if (rows[0].n < 2) empty.push(t.name);
  }
  // A new table needs rows for both retailers in world() so the checks below mean something.
  expect(empty).toEqual([]);
});

it('shows a retailer all of its own rows and its partners\' organizations, nothing of the other retailer', async () => {
  const seen = await readAll(A.retailer);
  const noRows = [...seen].filter(([, rows]) => rows.length === 0).map(([t]) => t);
  expect(noRows).toEqual([]);
  expect(leaks(seen, ids.of('B', 'B:org', 'B:shared', 'SB'))).toEqual([]);
  const organizations = seen.get('organization')!.map((o) => o.id);
  // Active, suspended and pending partners are named in A's partnerships; no other organization.
  expect(organizations.sort()).toEqual([A.retailer, ...['SA', 'SA2', 'SS', 'SP'].map((s) => A.trading[s].supplier)].sort());
  expect(seen.get('purchase_order')).toHaveLength(4);
});

it('shows a supplier its retailer\'s shared rows and its own orders: nothing of the other retailer, of other suppliers, or retailer-only', async () => {
  const SA = A.trading.SA;
  const seen = await readAll(SA.supplier);
  expect(leaks(seen, ids.of('B', 'B:org', 'B:shared', 'SB', 'SA2', 'SS', 'SP', 'A'))).toEqual([]);
  expect(counts(seen)).toEqual({
    organization: 2, // itself and A
    app_user: 1,
    session: 1,
    api_key: 1,
    partnership: 1,
    item: 1,
    location: 1,
    inventory_position: 0, // stock positions are the retailer's alone
    safety_stock: 0,
    forecast_version: 1,
    forecast_line: 1,
    forecast_commit: 1, // its own commit, not SA2's
    shortage_risk: 1,
    risk_snapshot: 1, // a past risk: as shortage_risk
    sourcing_rule: 1, // its own rule, not SA2's
    sourcing_policy: 0,
    reallocation_proposal: 0,
    purchase_order: 1,
    purchase_order_line: 1,
    confirmation: 1,
    schedule_line: 1,
    receipt: 1,
    ship_notice: 1, // its own notice, not SA2's
    ship_notice_line: 1,
    change_record: 1,
    organization_counter: 2, // its own, and A's alert cursor (it writes alerts to A)
    idempotency_key: 1,
    alert: 1,
    overdue_alert: 0, // the retailer's record of the alerts raised
    webhook_endpoint: 1, // its own
    webhook_delivery: 1,
    sales_day: 1, // A shares its sales with SA, for the item SA supplies
  });
  expect(seen.get('purchase_order')![0].id).toBe(SA.order);
  // SA2 supplies the same item from the same retailer, but A does not share its sales with it.
  expect((await readAll(A.trading.SA2.supplier)).get('sales_day')).toEqual([]);
  expect(seen.get('organization_counter')!.map((c) => `${c.organization_id === A.retailer ? 'A' : 'SA'}:${c.name}`).sort()).toEqual(['A:alert', 'SA:alert']);
});

it('shows a supplier no line of a DRAFT order addressed to it, nor an item only that line names, until the order leaves DRAFT', async () => {
  const SA = A.trading.SA;
  const [item, order, line] = [randomUUID(), randomUUID(), randomUUID()];
  const now = new Date();
  const lineOf = async (c: Client) => ({
    line: (await c.query('SELECT id FROM purchase_order_line WHERE id = $1', [line])).rowCount,
    item: (await c.query('SELECT id FROM item WHERE id = $1', [item])).rowCount,
  });
  const seenBy = (org: string) =>
    asApp(org, async (c) => ({
      order: (await c.query('SELECT id FROM purchase_order WHERE id = $1', [order])).rowCount,
      ...(await lineOf(c)),
      // The line's policy reads order_past_draft, not the order: a supplier may not update a draft's line either.
      updated: (await c.query(`UPDATE purchase_order_line SET status = 'CONFIRMED' WHERE id = $1`, [line])).rowCount,
    }));
  try {
    // An item of A's that SA does not source, on a draft of A's to SA (as PurchaseOrderService writes one).
    await insert('item', { id: item, retailer_id: A.retailer, sku: 'DRAFT-ONLY', name: 'On a draft only', unit_price: '1', created_at: now });
    await insert('purchase_order', {
      id: order, retailer_id: A.retailer, supplier_id: SA.supplier, ship_to_id: A.location, number: 'PO-SA-DRAFT', status: 'DRAFT', created_at: now, updated_at: now,
    });
    await insert('purchase_order_line', {
      id: line, purchase_order_id: order, line_number: 1, retailer_id: A.retailer, supplier_id: SA.supplier, ship_to_id: A.location, item_id: item,
      quantity: 5, requested_date: '2026-12-10', unit_cost: '1', order_past_draft: false, created_at: now,
    });
    expect(await seenBy(SA.supplier)).toEqual({ order: 0, line: 0, item: 0, updated: 0 });
    expect(await seenBy(A.retailer)).toEqual({ order: 1, line: 1, item: 1, updated: 1 });

    // The database keeps the line's flag: no writer sets it apart from its order's status, nor gives the line
    // other parties than its order's (the old policy checked the order's, through the order's own policy).
    const FOREIGN_KEY = /purchase_order_line_order_parties_past_draft_foreign/;
    await expect(asApp(A.retailer, (c) => c.query('UPDATE purchase_order_line SET order_past_draft = true WHERE id = $1', [line]))).rejects.toThrow(FOREIGN_KEY);
    await expect(asApp(A.retailer, (c) => c.query('UPDATE purchase_order_line SET supplier_id = $2 WHERE id = $1', [line, A.trading.SA2.supplier])))
      .rejects.toThrow(FOREIGN_KEY);
    // Issuing the order (as the retailer, under its policies) sets the line's flag in the same statement: SA sees
    // the line, in the same transaction, once it acts.
    const issued = await asApp(A.retailer, async (c) => {
      await c.query(`UPDATE purchase_order SET status = 'ISSUED' WHERE id = $1`, [order]);
      const [{ flag }] = (await c.query('SELECT order_past_draft AS flag FROM purchase_order_line WHERE id = $1', [line])).rows;
      await c.query('SELECT app_enter($1)', [SA.supplier]);
      return { flag, ...(await lineOf(c)) };
    });
    expect(issued).toEqual({ flag: true, line: 1, item: 1 });

    await owner.query(`UPDATE purchase_order SET status = 'ISSUED' WHERE id = $1`, [order]);
    expect(await seenBy(SA.supplier)).toEqual({ order: 1, line: 1, item: 1, updated: 1 });
    // Another supplier of A's (SA2) still sees none of it.
    expect(await seenBy(A.trading.SA2.supplier)).toEqual({ order: 0, line: 0, item: 0, updated: 0 });
  } finally {
    await owner.query('DELETE FROM purchase_order_line WHERE id = $1', [line]);
    await owner.query('DELETE FROM purchase_order WHERE id = $1', [order]);
    await owner.query('DELETE FROM item WHERE id = $1', [item]);
  }
});

it('shows a supplier whose partnership is SUSPENDED nothing of the retailer but the partnership and its name', async () => {
  const SS = A.trading.SS;
  const seen = await readAll(SS.supplier);
  const visible = Object.entries(counts(seen)).filter(([, n]) => n > 0).map(([t]) => t).sort();
  // Its own organization, users, credentials, counters, keys, alerts; the partnership row and A's organization row.
  expect(visible).toEqual(['alert', 'api_key', 'app_user', 'idempotency_key', 'organization', 'organization_counter', 'partnership', 'session', 'webhook_delivery', 'webhook_endpoint'].sort());
  expect(seen.get('organization')!.map((o) => o.id).sort()).toEqual([A.retailer, SS.supplier].sort());
  expect(seen.get('partnership')!.map((p) => p.status)).toEqual(['SUSPENDED']);
  expect(seen.get('organization_counter')!.map((c) => c.organization_id)).toEqual([SS.supplier]);
  // Its own alert still names the order, but the order itself is gone from its view (above: no purchase_order row).
  expect(leaks(new Map([...seen].filter(([t]) => t !== 'alert' && t !== 'idempotency_key')), ids.of('A:shared', 'A', 'SA', 'SA2', 'SP', 'B', 'B:org', 'B:shared', 'SB'))).toEqual([]);
});

it('shows an invited (PENDING) supplier only the invitation and who sent it', async () => {
  const SP = A.trading.SP;
  const seen = await readAll(SP.supplier);
  expect(seen.get('organization')!.map((o) => o.id).sort()).toEqual([A.retailer, SP.supplier].sort());
  for (const t of ['item', 'location', 'purchase_order', 'purchase_order_line', 'forecast_line', 'forecast_commit', 'sales_day', 'shortage_risk', 'risk_snapshot', 'sourcing_rule', 'inventory_position', 'ship_notice', 'ship_notice_line']) {
    expect({ t, rows: seen.get(t)!.length }).toEqual({ t, rows: 0 });
  }
});

it('shows nothing at all without an acting organization', async () => {
  const seen = await readAll(null);
  expect(Object.entries(counts(seen)).filter(([, n]) => n > 0)).toEqual([]);
});

it('keeps system-only tables closed to the app role', async () => {
  for (const table of SYSTEM_ONLY_TABLES) {
    await expect(asApp(A.retailer, (c) => c.query(`SELECT * FROM "${table}"`))).rejects.toThrow(/permission denied/);
  }
  await expect(asApp(A.retailer, (c) => c.query('SELECT * FROM mikro_orm_migrations'))).rejects.toThrow(/permission denied/);
});

it('follows app_enter when a transaction switches the acting organization (a system actor inside a supplier\'s transaction)', async () => {
  const SA = A.trading.SA;
  const views = await asApp(SA.supplier, async (c) => {
    const asSupplier = (await c.query('SELECT count(*)::int AS n FROM purchase_order')).rows[0].n;
    await c.query('SELECT app_enter($1)', [A.retailer]);
    const asRetailer = (await c.query('SELECT count(*)::int AS n FROM purchase_order')).rows[0].n;
    await c.query('SELECT app_enter($1)', [SA.supplier]);
    const again = (await c.query('SELECT count(*)::int AS n FROM purchase_order')).rows[0].n;
    return [asSupplier, asRetailer, again];
  });
  expect(views).toEqual([1, 4, 1]);
});

describe('writes', () => {
  /** Runs one statement as the app role for org; resolves to the affected row count or rejects with the error. */
  const write = (org: string | null, text: string, params: unknown[] = []) => asApp(org, async (c) => (await c.query(text, params)).rowCount);
  const VIOLATION = /row-level security/;
  const now = new Date();

  it('refuses rows owned by another retailer, and cannot touch its rows', async () => {
    await expect(write(A.retailer, `INSERT INTO item (id, retailer_id, sku, name, unit_price, created_at) VALUES ($1, $2, 'X', 'X', 1, now())`, [randomUUID(), B.retailer]))
      .rejects.toThrow(VIOLATION);
    await expect(write(A.retailer, `INSERT INTO item (id, retailer_id, sku, name, unit_price, created_at) VALUES ($1, $2, 'X', 'X', 1, now())`, [randomUUID(), A.retailer]))
      .resolves.toBe(1);
    await expect(
      write(A.retailer, `INSERT INTO purchase_order (id, retailer_id, supplier_id, ship_to_id, number, status, created_at, updated_at) VALUES ($1, $2, $3, $4, 'PO-X', 'DRAFT', $5, $5)`, [
        randomUUID(), B.retailer, B.trading.SB.supplier, B.location, now,
      ]),
    ).rejects.toThrow(VIOLATION);
    await expect(write(A.retailer, `UPDATE item SET name = 'mine now' WHERE id = $1`, [B.item])).resolves.toBe(0);
    await expect(write(A.retailer, `DELETE FROM alert WHERE organization_id = $1`, [B.retailer])).resolves.toBe(0);
    await expect(write(A.retailer, `UPDATE item SET retailer_id = $2 WHERE id = $1`, [A.item, B.retailer])).rejects.toThrow(VIOLATION);
    await expect(write(A.retailer, `INSERT INTO app_user (id, organization_id, email, password_hash, role, created_at) VALUES ($1, $2, 'intruder@rls.test', 'x', 'ADMIN', now())`, [randomUUID(), B.retailer]))
      .rejects.toThrow(VIOLATION);
  });

  it('lets a sender write alerts and alert cursors of its ACTIVE partners only', async () => {
    const alert = `INSERT INTO alert (id, organization_id, cursor, type, message, created_at) VALUES ($1, $2, 99, 'PURCHASE_ORDER_ISSUED', 'm', now())`;
    const counter = `INSERT INTO organization_counter (organization_id, name, value) VALUES ($1, $2, 1)
                     ON CONFLICT (organization_id, name) DO UPDATE SET value = organization_counter.value + 1 RETURNING value`;
    await expect(write(A.retailer, alert, [randomUUID(), A.trading.SA.supplier])).resolves.toBe(1);
    await expect(write(A.retailer, counter, [A.trading.SA.supplier, 'alert'])).resolves.toBe(1);
    await expect(write(A.trading.SA.supplier, alert, [randomUUID(), A.retailer])).resolves.toBe(1);
    await expect(write(A.trading.SA.supplier, counter, [A.retailer, 'alert'])).resolves.toBe(1);
    // Not another counter of the partner, not a suspended partner, not another retailer.
    await expect(write(A.trading.SA.supplier, counter, [A.retailer, 'purchase_order'])).rejects.toThrow(VIOLATION);
    await expect(write(A.retailer, alert, [randomUUID(), A.trading.SS.supplier])).rejects.toThrow(VIOLATION);
    await expect(write(A.retailer, alert, [randomUUID(), B.retailer])).rejects.toThrow(VIOLATION);
    await expect(write(A.trading.SA.supplier, alert, [randomUUID(), A.trading.SA2.supplier])).rejects.toThrow(VIOLATION);
  });

  it('lets a supplier confirm its own lines only, and not write the retailer\'s data', async () => {
    const SA = A.trading.SA;
    const confirm = `INSERT INTO confirmation (id, line_id, sequence, kind, schedule, actor, created_at) VALUES ($1, $2, 2, 'CONFIRMED', '[]', 'x', now())`;
    await expect(write(SA.supplier, confirm, [randomUUID(), SA.line])).resolves.toBe(1);
    await expect(write(SA.supplier, confirm, [randomUUID(), A.trading.SA2.line])).rejects.toThrow(VIOLATION);
    await expect(write(SA.supplier, `UPDATE purchase_order_line SET status = 'CONFIRMED' WHERE id = $1`, [SA.line])).resolves.toBe(1);
    await expect(write(SA.supplier, `UPDATE purchase_order_line SET status = 'CONFIRMED' WHERE id = $1`, [A.trading.SA2.line])).resolves.toBe(0);
    // Re-addressing its order is refused by the supplier guard (a supplier never changes an order's terms).
    await expect(write(SA.supplier, `UPDATE purchase_order SET supplier_id = $2 WHERE id = $1`, [SA.order, A.trading.SA2.supplier])).rejects.toThrow(/a supplier may not/);
    await expect(write(SA.supplier, `DELETE FROM schedule_line WHERE line_id = $1`, [SA.line])).resolves.toBe(1);
    await expect(write(SA.supplier, `UPDATE item SET name = 'x' WHERE id = $1`, [A.item])).resolves.toBe(0);
    await expect(write(SA.supplier, `INSERT INTO receipt (id, line_id, quantity, received_on, actor, created_at) VALUES ($1, $2, 1, '2026-11-30', 'x', now())`, [randomUUID(), SA.line]))
      .rejects.toThrow(VIOLATION);
    await expect(write(A.trading.SS.supplier, `UPDATE purchase_order_line SET status = 'CONFIRMED' WHERE id = $1`, [A.trading.SS.line])).resolves.toBe(0);
  });

  it('lets a supplier send and withdraw its own ship notices only; the retailer receives and closes them; the terms never change', async () => {
    const SA = A.trading.SA;
    const notice = `INSERT INTO ship_notice (id, retailer_id, supplier_id, ship_to_id, number, status, shipped_on, expected_arrival, created_at, updated_at)
                    VALUES ($1, $2, $3, $4, $5, 'IN_TRANSIT', '2026-11-30', '2026-12-04', now(), now())`;
    await expect(write(SA.supplier, notice, [randomUUID(), A.retailer, SA.supplier, A.location, 'ASN-N1'])).resolves.toBe(1);
    // Not in another supplier's name, not to a retailer it does not trade with, not while suspended.
    await expect(write(SA.supplier, notice, [randomUUID(), A.retailer, A.trading.SA2.supplier, A.location, 'ASN-N2'])).rejects.toThrow(VIOLATION);
    await expect(write(SA.supplier, notice, [randomUUID(), B.retailer, SA.supplier, B.location, 'ASN-N3'])).rejects.toThrow(VIOLATION);
    await expect(write(A.trading.SS.supplier, notice, [randomUUID(), A.retailer, A.trading.SS.supplier, A.location, 'ASN-N4'])).rejects.toThrow(VIOLATION);
    await expect(write(A.retailer, notice, [randomUUID(), A.retailer, SA.supplier, A.location, 'ASN-N5'])).rejects.toThrow(VIOLATION);
    const noticeLine = `INSERT INTO ship_notice_line (ship_notice_id, line_id, quantity) VALUES ($1, $2, 5)`;
    await expect(write(SA.supplier, noticeLine, [A.trading.SA2.notice, A.trading.SA2.line])).rejects.toThrow(VIOLATION);
    const status = (org: string, id: string, to: string) => write(org, `UPDATE ship_notice SET status = $2 WHERE id = $1`, [id, to]);
    await expect(status(SA.supplier, SA.notice, 'CANCELLED')).resolves.toBe(1);
    await expect(status(SA.supplier, SA.notice, 'RECEIVED')).rejects.toThrow(/not for this organization/);
    await expect(status(A.retailer, SA.notice, 'CANCELLED')).rejects.toThrow(/not for this organization/);
    await expect(status(A.retailer, SA.notice, 'PARTIALLY_RECEIVED')).resolves.toBe(1);
    await expect(status(SA.supplier, A.trading.SA2.notice, 'CANCELLED')).resolves.toBe(0);
    await expect(status(B.retailer, SA.notice, 'CLOSED')).resolves.toBe(0);
    await expect(write(A.retailer, `UPDATE ship_notice SET expected_arrival = '2026-12-31' WHERE id = $1`, [SA.notice])).rejects.toThrow(/terms never change/);
    const received = (org: string) => write(org, `UPDATE ship_notice_line SET received_quantity = 5 WHERE ship_notice_id = $1`, [SA.notice]);
    await expect(received(SA.supplier)).rejects.toThrow(/only the retailer/);
    await expect(received(A.retailer)).resolves.toBe(1);
    // The supplier moves its lines' promise and transit columns, never what the retailer cancelled or received.
    await expect(write(SA.supplier, `UPDATE purchase_order_line SET in_transit_quantity = 10, schedule_taken = 10 WHERE id = $1`, [SA.line])).resolves.toBe(1);
    await expect(write(SA.supplier, `UPDATE purchase_order_line SET cancelled_quantity = 5 WHERE id = $1`, [SA.line])).rejects.toThrow(/a supplier may not/);
    await expect(write(SA.supplier, `UPDATE purchase_order_line SET over_delivered_quantity = 5 WHERE id = $1`, [SA.line])).rejects.toThrow(/a supplier may not/);
  });

  it('keeps partnerships honest: the supplier accepts, the retailer suspends and re-invites, the pair never changes', async () => {
    const status = (org: string, supplier: string, to: string) =>
      write(org, `UPDATE partnership SET status = $3 WHERE retailer_id = $1 AND supplier_id = $2`, [A.retailer, supplier, to]).then(
        () => 'ok',
        (err: Error) => err.message,
      );
    const NOT_YOURS = /is not for this organization to make/;
    expect(await status(A.trading.SP.supplier, A.trading.SP.supplier, 'ACTIVE')).toBe('ok');
    expect(await status(A.retailer, A.trading.SP.supplier, 'ACTIVE')).toMatch(NOT_YOURS);
    expect(await status(A.trading.SS.supplier, A.trading.SS.supplier, 'ACTIVE')).toMatch(NOT_YOURS);
    expect(await status(A.trading.SA.supplier, A.trading.SA.supplier, 'SUSPENDED')).toMatch(NOT_YOURS);
    expect(await status(A.retailer, A.trading.SA.supplier, 'SUSPENDED')).toBe('ok');
    expect(await status(A.retailer, A.trading.SS.supplier, 'PENDING')).toBe('ok');
    await expect(write(A.trading.SA.supplier, `UPDATE partnership SET retailer_id = $2 WHERE supplier_id = $1`, [A.trading.SA.supplier, B.retailer]))
      .rejects.toThrow(/never change/);
    const invite = `INSERT INTO partnership (id, retailer_id, supplier_id, status, invited_at) VALUES ($1, $2, $3, $4, now())`;
    await expect(write(A.retailer, invite, [randomUUID(), A.retailer, B.trading.SB.supplier, 'ACTIVE'])).rejects.toThrow(VIOLATION);
    await expect(write(A.retailer, invite, [randomUUID(), A.retailer, B.trading.SB.supplier, 'PENDING'])).resolves.toBe(1);
    await expect(write(B.trading.SB.supplier, invite, [randomUUID(), A.retailer, B.trading.SB.supplier, 'PENDING'])).rejects.toThrow(VIOLATION);
  });

  it('writes nothing without an acting organization', async () => {
    await expect(write(null, `INSERT INTO item (id, retailer_id, sku, name, unit_price, created_at) VALUES ($1, $2, 'Y', 'Y', 1, now())`, [randomUUID(), A.retailer]))
      .rejects.toThrow(VIOLATION);
    await expect(write(null, `UPDATE purchase_order SET status = 'CANCELLED'`)).resolves.toBe(0);
  });

  it('signs up: app_enter(new id) first, then the organization, its first user and session', async () => {
    const org = randomUUID();
    const user = randomUUID();
    const signUp = (enter: string | null) =>
      asApp(enter, async (c) => {
        await c.query(`INSERT INTO organization (id, name, kind, created_at) VALUES ($1, 'New', 'RETAILER', now())`, [org]);
        await c.query(`INSERT INTO app_user (id, organization_id, email, password_hash, role, created_at) VALUES ($1, $2, $3, 'x', 'ADMIN', now())`, [user, org, `${user}@rls.test`]);
        await c.query(`INSERT INTO session (id, user_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, now() + interval '1 hour', now())`, [randomUUID(), user, sha256(user)]);
        return (await c.query('SELECT id FROM organization')).rows.map((r) => r.id);
      });
    await expect(signUp(null)).rejects.toThrow(VIOLATION);
    await expect(signUp(org)).resolves.toEqual([org]);
  });
});

describe('SECURITY DEFINER functions, called as the app role without an acting organization', () => {
  const call = <T extends Row>(text: string, params: unknown[] = []) => asApp(null, async (c) => (await c.query<T>(text, params)).rows);

  it('authenticates a session token and an API key, and touches lastUsedAt at most once a minute', async () => {
    const [session] = await call('SELECT * FROM auth_session($1)', [sha256(A.trading.SA.sessionToken)]);
    expect(session).toMatchObject({ organization_id: A.trading.SA.supplier, kind: 'SUPPLIER', organization_name: 'Supplier SA', email: 'sa@rls.test' });
    expect(await call('SELECT * FROM auth_session($1)', [sha256('nope')])).toEqual([]);
    const [key] = await call('SELECT * FROM auth_api_key($1)', [sha256(A.apiSecret)]);
    expect(key).toMatchObject({ id: A.apiKey, organization_id: A.retailer, kind: 'RETAILER', scopes: ['read'], last_used_at: null });
    const touched = await asApp(null, async (c) => [
      (await c.query('SELECT auth_api_key_touch($1) AS t', [A.apiKey])).rows[0].t,
      (await c.query('SELECT auth_api_key_touch($1) AS t', [A.apiKey])).rows[0].t,
    ]);
    expect(touched).toEqual([true, false]);
  });

  it('finds a user by email for log-in, and reports revoked or expired credentials', async () => {
    expect(await call('SELECT id, organization_id, role, kind FROM auth_user_by_email($1)', ['b@rls.test'])).toEqual([{ id: B.user, organization_id: B.retailer, role: 'ADMIN', kind: 'RETAILER' }]);
    await owner.query(`UPDATE session SET revoked_at = now() WHERE user_id = $1`, [B.user]);
    await owner.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1`, [B.apiKey]);
    const [{ id: bSession }] = (await owner.query('SELECT id FROM session WHERE user_id = $1', [B.user])).rows;
    const [{ id: aSession }] = (await owner.query('SELECT id FROM session WHERE user_id = $1', [A.user])).rows;
    const invalid = await call('SELECT * FROM auth_invalid_credentials($1::uuid[], $2::uuid[]) ORDER BY 1', [[bSession, aSession], [B.apiKey, A.apiKey]]);
    expect(invalid).toEqual([{ credential: `apiKey:${B.apiKey}`, revoked: true }, { credential: `session:${bSession}`, revoked: true }]);
  });

  it('answers invitePartner\'s and the demo seed\'s questions without showing the rows', async () => {
    const [r] = await call('SELECT organization_is_supplier($1) AS s, organization_is_supplier($2) AS r, organizations_exist() AS any', [B.trading.SB.supplier, B.retailer]);
    expect(r).toEqual({ s: true, r: false, any: true });
  });

  it('lists retailers for the periodic jobs (the daily run and the overdue alerts), in id order', async () => {
    const retailers = (await call<{ id: string }>('SELECT id FROM daily_job_retailers()')).map((r) => r.id);
    expect(retailers).toEqual(expect.arrayContaining([A.retailer, B.retailer]));
    expect(retailers).toEqual([...retailers].sort());
  });

  it('prunes alerts past retention per organization (remembering where each stream starts) and long-expired sessions', async () => {
    await owner.query(
      `INSERT INTO alert (id, organization_id, cursor, type, message, created_at) VALUES ($1, $2, 0, 'PURCHASE_ORDER_ISSUED', 'old', now() - interval '40 days')`,
      [randomUUID(), B.retailer],
    );
    await owner.query(
      `INSERT INTO session (id, user_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, now() - interval '8 days', now() - interval '9 days')`,
      [randomUUID(), B.user, sha256(randomUUID())],
    );
    const result = await asApp(null, async (c) => {
      const alerts = (await c.query('SELECT prune_alerts(30) AS n')).rows[0].n;
      const sessions = (await c.query('SELECT prune_sessions() AS n')).rows[0].n;
      await c.query('SELECT app_enter($1)', [B.retailer]);
      const pruned = (await c.query(`SELECT value FROM organization_counter WHERE name = 'alert_pruned'`)).rows.map((r) => r.value);
      return { alerts, sessions, pruned };
    });
    expect(result).toEqual({ alerts: '1', sessions: '1', pruned: ['0'] });
  });
});
