import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from './api';
import { formatDate, today } from './dates';
import { download } from './download';
import { CURRENCY, formatMoney, lineValue, orderTotal, toCsv } from './fields';
import {
  PortalAcknowledgeOrderDocument,
  PortalFilterChoicesDocument,
  PortalOrderListDocument,
  type PortalFilterChoicesQuery,
  type PortalOrderListQuery,
  type PurchaseOrderFilter,
  type PurchaseOrderStatus,
} from './generated/graphql';
import { href } from './router';

export type ListedOrder = PortalOrderListQuery['purchaseOrders']['edges'][number]['node'];
type Role = 'supplier' | 'buyer';

const STATUSES: PurchaseOrderStatus[] = ['ISSUED', 'PARTIALLY_CONFIRMED', 'CONFIRMED', 'REJECTED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED', 'CANCELLED', 'DRAFT'];
/** Orders something is still expected of. */
export const OPEN_STATUSES: PurchaseOrderStatus[] = ['ISSUED', 'PARTIALLY_CONFIRMED', 'CONFIRMED', 'PARTIALLY_RECEIVED'];
const label = (status: string) => status.replace(/_/g, ' ').toLowerCase();

interface Filters {
  search: string;
  partnerId: string;
  status: string;
  shipToId: string;
  issuedFrom: string;
  issuedTo: string;
  slippedOnly: boolean;
}
const NO_FILTERS: Filters = { search: '', partnerId: '', status: '', shipToId: '', issuedFrom: '', issuedTo: '', slippedOnly: false };

/** The API's filter for what the form says. */
function toFilter(role: Role, f: Filters): PurchaseOrderFilter {
  return {
    search: f.search.trim() || null,
    retailerId: role === 'supplier' ? f.partnerId || null : null,
    supplierId: role === 'buyer' ? f.partnerId || null : null,
    statuses: f.status === 'OPEN' ? OPEN_STATUSES : f.status ? [f.status as PurchaseOrderStatus] : null,
    shipToId: f.shipToId || null,
    issuedFrom: f.issuedFrom || null,
    issuedTo: f.issuedTo || null,
    slippedOnly: f.slippedOnly || null,
  };
}

/** Lines waiting for the supplier's first answer: what "Acknowledge" confirms as requested. */
export const waitingLines = (order: { lines: { status: string }[] }) => order.lines.filter((l) => l.status === 'OPEN').length;

/** Every order the filter matches, every page (for the export). */
async function allOrders(filter: PurchaseOrderFilter): Promise<ListedOrder[]> {
  const orders: ListedOrder[] = [];
  let after: string | null = null;
  do {
    const { purchaseOrders }: PortalOrderListQuery = await request(PortalOrderListDocument, { filter, first: 100, after });
    orders.push(...purchaseOrders.edges.map((e) => e.node));
    after = purchaseOrders.pageInfo.hasNextPage ? purchaseOrders.pageInfo.endCursor ?? null : null;
  } while (after);
  return orders;
}

/** The open lines of the orders as CSV: one row per line with something still owed. */
export function openLinesCsv(orders: ListedOrder[]): string {
  const rows = orders.flatMap((o) =>
    o.lines
      .filter((l) => l.openQuantity > 0 && !['REJECTED', 'CANCELLED', 'CLOSED', 'RECEIVED'].includes(l.status))
      .map((l) => [
        o.retailer.name, o.supplier.name, o.number, l.lineNumber, l.item.sku, l.item.name, o.shipTo.code, l.quantity, l.openQuantity, l.inTransitQuantity,
        l.item.unitOfMeasure, l.requestedDate, l.remainingSchedule.map((s) => `${s.quantity} on ${s.deliveryDate}`).join('; '), l.unitCost, CURRENCY,
        lineValue(l.openQuantity, l.unitCost), l.status, l.slipped ? 'yes' : 'no',
      ]),
  );
  return toCsv(
    ['customer', 'supplier', 'order', 'line', 'sku', 'item', 'ship_to', 'ordered', 'open', 'in_transit', 'unit', 'requested_date', 'promised', 'unit_price', 'currency', 'open_value', 'status', 'slipped'],
    rows,
  );
}

export function AcknowledgeButton(props: { order: { id: string; number: string; version: number; lines: { status: string }[] }; onDone: (message: string) => void; onError: (message: string) => void }) {
  const [busy, setBusy] = useState(false);
  const waiting = waitingLines(props.order);
  if (waiting === 0) return null;
  const acknowledge = async () => {
    setBusy(true);
    try {
      const { acknowledgePurchaseOrder } = await request(PortalAcknowledgeOrderDocument, { input: { purchaseOrderId: props.order.id, expectedVersion: props.order.version } });
      props.onDone(`${acknowledgePurchaseOrder.number} acknowledged: ${waiting} line(s) confirmed as requested; the order is ${label(acknowledgePurchaseOrder.status)}.`);
    } catch (err) {
      props.onError(`${props.order.number}: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" disabled={busy} onClick={acknowledge}>
      Acknowledge <span class="visually-hidden">{props.order.number} </span>as requested<span class="visually-hidden"> ({waiting} line(s))</span>
    </button>
  );
}

/** Orders, newest first, with search and filters; the supplier acknowledges whole orders and exports open lines. */
export function OrdersList(props: { role: Role; version: number; onChanged: () => void }) {
  const { role } = props;
  const [form, setForm] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [orders, setOrders] = useState<ListedOrder[] | null>(null);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [choices, setChoices] = useState<PortalFilterChoicesQuery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');

  useEffect(() => {
    request(PortalFilterChoicesDocument).then(setChoices).catch((e: Error) => setError(e.message));
  }, []);
  // Only the latest load's answer lands (filters applied again, or a refresh, while one was on its way).
  const loads = useRef(0);
  const load = (after: string | null) => {
    const mine = ++loads.current;
    return request(PortalOrderListDocument, { filter: toFilter(role, applied), first: 50, after })
      .then(({ purchaseOrders }) => {
        if (mine !== loads.current) return;
        const page = purchaseOrders.edges.map((e) => e.node);
        setOrders((list) => (after && list ? [...list, ...page] : page));
        setTotal(purchaseOrders.totalCount);
        setNext(purchaseOrders.pageInfo.hasNextPage ? purchaseOrders.pageInfo.endCursor ?? null : null);
        setError(null);
      })
      .catch((e: Error) => {
        if (mine === loads.current) setError(e.message);
      });
  };
  useEffect(() => {
    void load(null);
  }, [applied, props.version]);

  const set = (key: keyof Filters) => (e: Event) => {
    const target = e.target as HTMLInputElement;
    setForm({ ...form, [key]: target.type === 'checkbox' ? target.checked : target.value });
  };
  const partners = choices
    ? [...new Map(choices.partnerships.map((p) => (role === 'supplier' ? p.retailer : p.supplier)).map((o) => [o.id, o])).values()].sort((a, b) => a.name.localeCompare(b.name))
    : [];
  const exportOpen = async () => {
    try {
      const all = await allOrders(toFilter(role, applied));
      download(`open-lines-${today()}.csv`, openLinesCsv(all));
      setNote(`Exported the open lines of ${all.length} order(s).`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const partnerWord = role === 'supplier' ? 'Customer' : 'Supplier';
  return (
    <section aria-labelledby="orders-title">
      <h2 id="orders-title">Orders</h2>
      <form
        class="filters"
        role="search"
        aria-label="Filter orders"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(form);
        }}
      >
        <label>Search<input type="search" name="search" value={form.search} onInput={set('search')} placeholder="Order number, SKU or item" maxLength={100} /></label>
        <label>{partnerWord}
          <select value={form.partnerId} onChange={set('partnerId')}>
            <option value="">All</option>
            {partners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
        <label>Status
          <select value={form.status} onChange={set('status')}>
            <option value="">Any</option>
            <option value="OPEN">Open (something still expected)</option>
            {STATUSES.filter((s) => role === 'buyer' || s !== 'DRAFT').map((s) => <option key={s} value={s}>{label(s)}</option>)}
          </select>
        </label>
        <label>Ship to
          <select value={form.shipToId} onChange={set('shipToId')}>
            <option value="">Any location</option>
            {(choices?.locations ?? []).map((l) => <option key={l.id} value={l.id}>{l.code} {l.name}</option>)}
          </select>
        </label>
        <label>Issued from<input type="date" value={form.issuedFrom} onInput={set('issuedFrom')} /></label>
        <label>Issued to<input type="date" value={form.issuedTo} onInput={set('issuedTo')} /></label>
        {role === 'buyer' && <label class="check"><input type="checkbox" checked={form.slippedOnly} onChange={set('slippedOnly')} />Slipped only</label>}
        <div class="actions">
          <button type="submit">Apply filters</button>
          <button type="button" class="secondary" onClick={() => { setForm(NO_FILTERS); setApplied(NO_FILTERS); }}>Clear</button>
        </div>
      </form>
      <div class="toolbar">
        <p role="status" aria-live="polite" data-testid="order-count">{orders ? `${total} order(s)` : 'Loading orders…'}</p>
        <button type="button" class="secondary" onClick={exportOpen}>Export open lines (CSV)</button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      <p role="status" class="status-note" data-testid="orders-note">{note}</p>
      {orders && orders.length === 0 && <p class="empty">No order matches.</p>}
      {orders && orders.length > 0 && (
        <div class="scroll" tabIndex={0} role="region" aria-label="Orders table">
          <table class="orders">
            <caption class="visually-hidden">Orders, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Order</th><th scope="col">{partnerWord}</th><th scope="col">Ship to</th><th scope="col">Issued</th><th scope="col">Status</th>
                <th scope="col" class="num">Lines</th><th scope="col">Next requested</th><th scope="col" class="num">Total ({CURRENCY})</th>{role === 'supplier' && <th scope="col">Answer</th>}
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => {
                const next = o.lines.map((l) => l.requestedDate).sort()[0];
                const slipped = o.lines.some((l) => l.slipped);
                return (
                  <tr key={o.id} data-order-id={o.id}>
                    <th scope="row"><a href={href('orders', o.id)}>{o.number}</a></th>
                    <td>{role === 'supplier' ? o.retailer.name : o.supplier.name}</td>
                    <td>{o.shipTo.code}</td>
                    <td>{formatDate(o.issuedAt)}</td>
                    <td>{label(o.status)}{slipped && <> <span class="badge overdue">Slipped</span></>}{waitingLines(o) > 0 && <> <span class="badge">{waitingLines(o)} to answer</span></>}</td>
                    <td class="num">{o.lines.length}</td>
                    <td>{formatDate(next)}</td>
                    <td class="num">{formatMoney(orderTotal(o.lines))}</td>
                    {role === 'supplier' && (
                      <td>
                        <AcknowledgeButton order={o} onDone={(m) => { setNote(m); props.onChanged(); }} onError={setError} />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {next && <div class="actions"><button type="button" class="secondary" onClick={() => load(next)}>Show more orders</button></div>}
      {orders && orders.length > 0 && (
        <p class="hint">Totals: each line's quantity × its unit price, in {CURRENCY}.</p>
      )}
    </section>
  );
}
