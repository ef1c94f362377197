import { useMemo, useState } from 'preact/hooks';
import { ApiFailure, request, useLoadEffect } from './api';
import { addDays, formatDate, today } from './dates';
import { formatQuantity, linesField, shipQuantity, splitQuantity, type Units } from './fields';
import { CancelShipNoticeDocument, CreateShipNoticeDocument, PortalShipNoticesDocument, type PortalShipNoticesQuery } from './generated/graphql';
import { SplitEditor, unitsOf, useOrders, type Order, type OrderLine } from './supplier';

/** A line the supplier has answered that still has something to ship: open less what is already in transit. */
export interface ShippableLine {
  line: OrderLine;
  order: Order;
  units: Units;
  unshipped: number;
}

const ANSWERED = ['CONFIRMED', 'PARTIALLY_CONFIRMED', 'PARTIALLY_RECEIVED'];

/** Lines to ship, per customer and ship-to location (a ship notice carries one of each), by order and line number. */
export function shippableLines(orders: Order[]): Map<string, ShippableLine[]> {
  const groups = new Map<string, ShippableLine[]>();
  const lines = orders.flatMap((order) =>
    order.lines
      .filter((line) => ANSWERED.includes(line.status) && line.unshippedQuantity > 0)
      .map((line) => ({ line, order, units: unitsOf(line), unshipped: line.unshippedQuantity })),
  );
  lines.sort((a, b) => a.order.number.localeCompare(b.order.number) || a.line.lineNumber - b.line.lineNumber);
  for (const l of lines) {
    const key = `${l.order.retailer.id}/${l.order.shipTo.id}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  return groups;
}

/**
 * A row of the ship form: whether the line ships, and how much: whole
 * purchase units and loose base units beside them when the line counts in
 * cases (a remainder that is not whole cases can be shipped), else base units.
 */
interface ShipRow {
  ship: boolean;
  quantity: string;
  loose: string;
}

/** The row's base units, or why it cannot be shipped. */
const shipped = (row: ShipRow, item: ShippableLine) => shipQuantity(row.quantity, row.loose, item.units, item.unshipped);

const promiseText = (line: OrderLine, units: Units) =>
  line.remainingSchedule.length
    ? line.remainingSchedule.map((s) => `${formatQuantity(s.quantity, units)} on ${formatDate(s.deliveryDate)}`).join(', ')
    : 'nothing promised';

function ShipLine(props: { item: ShippableLine; row: ShipRow; error?: string; onRow: (row: ShipRow) => void; onChanged: () => void }) {
  const { item, row } = props;
  const { line, order, units } = item;
  const [repromising, setRepromising] = useState(false);
  const id = `ship-${line.id}`;
  const unit = units.purchaseUnit ?? units.unitOfMeasure;
  const base = shipped(row, item).quantity;
  return (
    <li class="card shipline" data-ship-line-id={line.id} aria-label={`${order.number} line ${line.lineNumber}: ${line.item.sku} to ship`}>
      <div class="line-head">
        <strong>{line.item.sku}</strong> <span>{line.item.name}</span>
        {line.status === 'PARTIALLY_RECEIVED' && <span class="badge">Partly received</span>}
        {line.slipped && <span class="badge overdue">Slipped</span>}
      </div>
      <div class="line-facts">
        <span>ordered {formatQuantity(line.quantity, units)}</span>
        {line.receivedQuantity > 0 && <span>received {formatQuantity(line.receivedQuantity, units)}</span>}
        {line.inTransitQuantity > 0 && <span>in transit {formatQuantity(line.inTransitQuantity, units)}</span>}
        <span data-testid="to-ship">to ship {formatQuantity(item.unshipped, units)}</span>
      </div>
      <div class="line-facts">
        <span>needed {formatDate(line.requestedDate)}; promised: {promiseText(line, units)}</span>
        <span class="muted">{order.number} · line {line.lineNumber}</span>
      </div>
      <div class="ship-row">
        <label class="check">
          <input type="checkbox" name={`${id}-ship`} checked={row.ship} onChange={(e) => props.onRow({ ...row, ship: (e.target as HTMLInputElement).checked })} />
          Ship this line
        </label>
        <label>
          Quantity to ship ({unit})
          <input type="number" min={0} inputMode="numeric" name={`${id}-quantity`} value={row.quantity} disabled={!row.ship}
            aria-invalid={Boolean(props.error)} aria-describedby={`${id}-error`}
            onInput={(e) => props.onRow({ ...row, quantity: (e.target as HTMLInputElement).value })} />
        </label>
        {units.purchaseUnit && (
          <label>
            Loose units to ship ({units.unitOfMeasure})
            <input type="number" min={0} inputMode="numeric" name={`${id}-loose`} value={row.loose} disabled={!row.ship}
              aria-invalid={Boolean(props.error)} aria-describedby={`${id}-error`}
              onInput={(e) => props.onRow({ ...row, loose: (e.target as HTMLInputElement).value })} />
          </label>
        )}
        {units.purchaseUnit && <span class="muted" aria-live="polite">= {base} {units.unitOfMeasure}</span>}
        <span id={`${id}-error`} class="field-error" role="alert">{props.error ?? ''}</span>
      </div>
      {!repromising && (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => setRepromising(true)}>Re-promise the remainder…</button>
        </div>
      )}
      {repromising && (
        <SplitEditor
          line={{
            id: line.id,
            orderNumber: order.number,
            orderVersion: order.version,
            lineNumber: line.lineNumber,
            requestedDate: line.requestedDate,
            limit: item.unshipped,
            limitWord: 'still to come',
            units,
            initialRows: [{ quantity: String(item.unshipped), deliveryDate: line.requestedDate < today() ? today() : line.requestedDate }],
          }}
          submitLabel="Re-promise"
          onDone={props.onChanged}
          onCancel={() => setRepromising(false)}
        />
      )}
    </li>
  );
}

/** One customer's lines to one location: pick lines and quantities, say when they arrive, send the ship notice. */
function ShipmentForm(props: { group: ShippableLine[]; onChanged: () => void; onSent: (message: string) => void }) {
  const { group } = props;
  const first = group[0];
  // Not ticked; everything left to ship (whole cases and the loose units beside them when the line counts in cases).
  const fresh = (g: ShippableLine): ShipRow => {
    const { whole, loose } = splitQuantity(g.unshipped, g.units);
    return { ship: false, quantity: String(whole), loose: String(loose) };
  };
  const [edited, setRows] = useState<Record<string, ShipRow>>({});
  // Lines that arrive with a refresh start fresh.
  const rows: Record<string, ShipRow> = Object.fromEntries(group.map((g) => [g.line.id, edited[g.line.id] ?? fresh(g)]));
  const [arrival, setArrival] = useState(addDays(today(), 2));
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const chosen = group.filter((g) => rows[g.line.id]?.ship);
  const key = `${first.order.retailer.id}-${first.order.shipTo.id}`;

  const check = (): Record<string, string> => {
    const problems: Record<string, string> = {};
    if (chosen.length === 0) problems.form = 'Tick at least one line to ship';
    for (const g of chosen) {
      const { problem } = shipped(rows[g.line.id], g);
      if (problem) problems[g.line.id] = problem;
    }
    if (!arrival) problems.arrival = 'Choose the expected arrival date';
    else if (arrival < today()) problems.arrival = 'The expected arrival cannot be in the past';
    return problems;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems = check();
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setSending(true);
    try {
      const { createShipNotice } = await request(CreateShipNoticeDocument, {
        input: {
          shipToId: first.order.shipTo.id,
          shippedOn: today(),
          expectedArrival: arrival,
          carrier: carrier.trim() || null,
          trackingNumber: tracking.trim() || null,
          lines: chosen.map((g) => ({ lineId: g.line.id, quantity: shipped(rows[g.line.id], g).quantity })),
        },
      });
      props.onSent(`${createShipNotice.number} sent: ${createShipNotice.lines.length} line(s) on their way to ${first.order.shipTo.code}, expected ${formatDate(arrival)}`);
      setRows({});
      props.onChanged();
    } catch (err) {
      const found: Record<string, string> = {};
      for (const e of err instanceof ApiFailure ? err.errors : [{ message: (err as Error).message }]) {
        const { row } = linesField(e.field);
        if (row !== null && chosen[row]) found[chosen[row].line.id] = e.message;
        else if (e.field === 'input.expectedArrival') found.arrival = e.message;
        else found.form = e.message;
      }
      setErrors(found);
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="panel shipment" onSubmit={submit} noValidate aria-label={`Ship to ${first.order.shipTo.code} for ${first.order.retailer.name}`}>
      <h3>{first.order.retailer.name} <span class="muted">to {first.order.shipTo.code} · {first.order.shipTo.name}</span></h3>
      <ul class="lines">
        {group.map((g) => (
          <ShipLine key={g.line.id} item={g} row={rows[g.line.id]} error={errors[g.line.id]} onChanged={props.onChanged}
            onRow={(row) => { setErrors({}); setRows({ ...rows, [g.line.id]: row }); }} />
        ))}
      </ul>
      <div class="notice-fields">
        <label>
          Expected arrival
          <input type="date" min={today()} name={`${key}-arrival`} value={arrival} aria-invalid={Boolean(errors.arrival)} aria-describedby={`${key}-arrival-error`}
            onInput={(e) => setArrival((e.target as HTMLInputElement).value)} />
        </label>
        <label>Carrier<input name={`${key}-carrier`} value={carrier} maxLength={200} onInput={(e) => setCarrier((e.target as HTMLInputElement).value)} /></label>
        <label>Tracking number<input name={`${key}-tracking`} value={tracking} maxLength={200} onInput={(e) => setTracking((e.target as HTMLInputElement).value)} /></label>
        <span id={`${key}-arrival-error`} class="field-error" role="alert">{errors.arrival ?? ''}</span>
      </div>
      {errors.form && <p class="field-error" role="alert">{errors.form}</p>}
      <div class="actions">
        <button type="submit" disabled={sending}>{sending ? 'Sending…' : `Send ship notice${chosen.length ? ` (${chosen.length} line${chosen.length > 1 ? 's' : ''})` : ''}`}</button>
      </div>
    </form>
  );
}

type Notice = PortalShipNoticesQuery['shipNotices']['edges'][number]['node'];

/** The supplier's notices still on their way; one nothing of which has arrived can be withdrawn. */
function InTransit(props: { version: number; onChanged: () => void }) {
  const [notices, setNotices] = useState<Notice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useLoadEffect((fresh) => {
    request(PortalShipNoticesDocument)
      .then((data) => fresh() && setNotices(data.shipNotices.edges.map((e) => e.node).filter((n) => n.status === 'IN_TRANSIT' || n.status === 'PARTIALLY_RECEIVED')))
      .catch((e: Error) => fresh() && setError(e.message));
  }, [props.version]);
  const cancel = async (notice: Notice) => {
    try {
      await request(CancelShipNoticeDocument, { id: notice.id });
      props.onChanged();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  if (!notices) return null;
  return (
    <section aria-labelledby="transit-title">
      <h2 id="transit-title">On their way <span class="count">{notices.length}</span></h2>
      {error && <p role="alert" class="error">{error}</p>}
      {notices.length === 0 ? <p class="empty">No ship notice in transit.</p> : (
        <ul class="lines">
          {notices.map((n) => (
            <li key={n.id} class="card notice" data-notice-id={n.id} aria-label={`${n.number} to ${n.shipTo.code}`}>
              <div class="line-head">
                <strong>{n.number}</strong> <span>{n.retailer.name} · to {n.shipTo.code}</span>
                <span class="badge">{n.status === 'IN_TRANSIT' ? 'In transit' : 'Partly received'}</span>
              </div>
              <div class="line-facts">
                <span>shipped {formatDate(n.shippedOn)}, expected {formatDate(n.expectedArrival)}</span>
                {n.carrier && <span>{n.carrier}{n.trackingNumber ? ` · ${n.trackingNumber}` : ''}</span>}
              </div>
              <ul class="notice-lines">
                {n.lines.map((l) => {
                  const units: Units = { unitOfMeasure: l.purchaseOrderLine.item.unitOfMeasure, purchaseUnit: l.purchaseOrderLine.purchaseUnit ?? null, unitsPerPurchaseUnit: l.purchaseOrderLine.unitsPerPurchaseUnit };
                  return (
                    <li key={l.purchaseOrderLine.id}>
                      {l.purchaseOrderLine.item.sku} ({l.purchaseOrderLine.purchaseOrder.number} line {l.purchaseOrderLine.lineNumber}): {formatQuantity(l.quantity, units)}
                      {l.receivedQuantity > 0 ? `, ${formatQuantity(l.receivedQuantity, units)} received` : ''}
                    </li>
                  );
                })}
              </ul>
              {n.status === 'IN_TRANSIT' && (
                <div class="actions"><button type="button" class="secondary danger" onClick={() => cancel(n)}>Withdraw {n.number}</button></div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Lines to ship and backorders to re-promise, grouped for one ship notice each, then the notices on their way. */
export function Shipping(props: { version: number; onChanged: () => void }) {
  const { orders, error } = useOrders(props.version);
  const groups = useMemo(() => (orders ? shippableLines(orders) : null), [orders]);
  const [sent, setSent] = useState<string | null>(null);
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!groups) return <p aria-busy="true">Loading lines to ship…</p>;
  const count = [...groups.values()].reduce((n, g) => n + g.length, 0);
  return (
    <>
      <section aria-labelledby="ship-title">
        <h2 id="ship-title">To ship <span class="count">{count}</span></h2>
        <p class="muted">Confirmed lines with something left to ship, partly received ones included. Tick what leaves today and send one ship notice per location; re-promise what is still to come.</p>
        <p role="status" class="sent" aria-live="polite">{sent ?? ''}</p>
        {count === 0 && <p class="empty">Nothing left to ship.</p>}
        {[...groups.entries()].map(([key, group]) => <ShipmentForm key={key} group={group} onChanged={props.onChanged} onSent={setSent} />)}
      </section>
      <InTransit version={props.version} onChanged={props.onChanged} />
    </>
  );
}
