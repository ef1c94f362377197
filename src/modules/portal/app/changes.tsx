import { useState } from 'preact/hooks';
import { ApiFailure, request, useLoadEffect } from './api';
import { formatDate } from './dates';
import { formatMoney } from './fields';
import {
  AcceptPriceChangeDocument,
  ChangePurchaseOrderLineDocument,
  ConfirmLineWithPriceDocument,
  PortalChangedLinesDocument,
  PortalLineChangesDocument,
  RejectPriceChangeDocument,
  type PortalChangedLinesQuery,
} from './generated/graphql';

/**
 * Changes after an order is issued, both ways (DESIGN.md): the buyer's change
 * orders and the supplier's price proposals. The supplier sees a changed line
 * with its old promise and the buyer's new terms side by side and
 * acknowledges it in one click, and may propose a price when confirming; the
 * buyer changes a line and accepts or rejects a proposed price.
 */

type Order = PortalChangedLinesQuery['purchaseOrders']['edges'][number]['node'];
type Line = Order['lines'][number];
interface OrderLine {
  order: Order;
  line: Line;
}

/** The orders the caller sees (the newest 100) and their lines, read again whenever `version` changes. */
function useOrderLines(version: number): { lines: OrderLine[] | null; error: string | null } {
  const [lines, setLines] = useState<OrderLine[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useLoadEffect((fresh) => {
    request(PortalChangedLinesDocument)
      .then((data) => fresh() && setLines(data.purchaseOrders.edges.flatMap((e) => e.node.lines.map((line) => ({ order: e.node, line })))))
      .catch((e: Error) => fresh() && setError(e.message));
  }, [version]);
  return { lines, error };
}

const describeSchedule = (schedule: { quantity: number; deliveryDate: string }[]) =>
  schedule.length ? schedule.map((s) => `${s.quantity} on ${formatDate(s.deliveryDate)}`).join(', ') : 'nothing promised';

/** The buyer's latest change-order words for a line (history: LINE_CHANGED), e.g. "quantity 100 -> 60: demand dropped". */
function useChangeNote(orderId: string, lineId: string): string | null {
  const [note, setNote] = useState<string | null>(null);
  useLoadEffect((fresh) => {
    request(PortalLineChangesDocument, { id: orderId })
      .then((data) => {
        if (!fresh()) return;
        const changes = (data.purchaseOrder?.history ?? []).filter((h) => h.action === 'LINE_CHANGED' && h.line?.id === lineId);
        setNote(changes.at(-1)?.details.replace(/^Line \d+ \([^)]*\): /, '') ?? null);
      })
      .catch(() => fresh() && setNote(null));
  }, [orderId, lineId]);
  return note;
}

const messageOf = (err: unknown) => (err instanceof ApiFailure ? err.errors.map((e) => e.message).join('; ') : (err as Error).message);

/** One changed line for the supplier: old promise | new terms, and "Acknowledge" (deliver the new quantity on the new date). */
function ChangedLineCard(props: { entry: OrderLine; onChanged: () => void }) {
  const { order, line } = props.entry;
  const note = useChangeNote(order.id, line.id);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const toCome = line.openQuantity - line.inTransitQuantity;
  const acknowledge = async () => {
    setSending(true);
    try {
      await request(ConfirmLineWithPriceDocument, {
        input: { lineId: line.id, schedule: [{ quantity: toCome, deliveryDate: line.requestedDate }], expectedVersion: order.version },
      });
      props.onChanged();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSending(false);
    }
  };
  return (
    <li class="change-card" data-line-id={line.id} aria-label={`${order.number} line ${line.lineNumber}: ${line.item.sku}, changed by the buyer`}>
      <div class="line-head">
        <strong>{line.item.sku}</strong> <span>{line.item.name}</span> <span class="badge overdue">Changed</span>
        <span class="muted"> {order.number} · line {line.lineNumber} · {order.retailer.name}</span>
      </div>
      <table class="side-by-side">
        <caption class="visually-hidden">Your promise and the buyer's change</caption>
        <thead><tr><th scope="col">Your promise (old)</th><th scope="col">The buyer's change (new)</th></tr></thead>
        <tbody>
          <tr>
            <td>{describeSchedule(line.schedule)}</td>
            <td>{line.quantity} needed {formatDate(line.requestedDate)}{line.receivedQuantity ? ` (${line.receivedQuantity} received)` : ''}</td>
          </tr>
        </tbody>
      </table>
      {note && <p class="hint">Buyer: {note}</p>}
      {error && <p class="field-error" role="alert">{error}</p>}
      <div class="actions">
        <button type="button" onClick={acknowledge} disabled={sending || toCome <= 0}>
          {sending ? 'Sending…' : `Acknowledge: deliver ${toCome} on ${formatDate(line.requestedDate)}`}
        </button>
      </div>
    </li>
  );
}

/** Supplier side: lines the buyer changed after your promise, awaiting your acknowledgement. */
export function SupplierChanges(props: { version: number; onChanged: () => void }) {
  const { lines, error } = useOrderLines(props.version);
  if (error) return <p role="alert" class="error">{error}</p>;
  const changed = (lines ?? []).filter((e) => e.line.acknowledgementRequired);
  if (!lines || changed.length === 0) return null;
  return (
    <section aria-labelledby="changed-title">
      <h2 id="changed-title">Changed by the buyer <span class="count">{changed.length}</span></h2>
      <p class="hint">The buyer changed these lines after your promise; confirm (or reject) them again to acknowledge.</p>
      <ul class="lines">{changed.map((e) => <ChangedLineCard key={e.line.id} entry={e} onChanged={props.onChanged} />)}</ul>
    </section>
  );
}

/** Supplier side, on a line to confirm: confirm as requested at a price of your own (held as a proposal until the buyer decides). */
export function ProposePrice(props: { line: { id: string; quantity: number; requestedDate: string; orderVersion: number }; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [price, setPrice] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!open) return <button type="button" class="secondary" onClick={() => setOpen(true)}>Confirm with a price change…</button>;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!/^\d+(\.\d{1,4})?$/.test(price.trim())) {
      setError('Give a unit price, e.g. 4.75');
      return;
    }
    try {
      await request(ConfirmLineWithPriceDocument, {
        input: { lineId: props.line.id, schedule: [{ quantity: props.line.quantity, deliveryDate: props.line.requestedDate }], unitCost: price.trim(), expectedVersion: props.line.orderVersion },
      });
      props.onDone();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form class="price" onSubmit={submit} noValidate>
      <label>
        Your unit price
        <input type="text" inputMode="decimal" name="unitCost" value={price} aria-invalid={Boolean(error)} aria-describedby={`p-${props.line.id}`}
          onInput={(e) => { setPrice((e.target as HTMLInputElement).value); setError(null); }} />
      </label>
      <span id={`p-${props.line.id}`} class="field-error" role="alert">{error ?? ''}</span>
      <div class="actions">
        <button type="submit">Confirm as requested, propose this price</button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}

/** Buyer side: a change order for one line (new quantity and/or date, with a reason). */
function ChangeForm(props: { entry: OrderLine; onDone: () => void; onCancel: () => void }) {
  const { order, line } = props.entry;
  const [quantity, setQuantity] = useState(String(line.quantity));
  const [date, setDate] = useState(line.requestedDate);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!reason.trim()) {
      setErrors({ reason: 'Say why the line changes (the supplier reads it)' });
      return;
    }
    try {
      await request(ChangePurchaseOrderLineDocument, {
        input: {
          lineId: line.id,
          quantity: Number(quantity) !== line.quantity ? Number(quantity) : null,
          requestedDate: date !== line.requestedDate ? date : null,
          reason: reason.trim(),
          expectedVersion: order.version,
        },
      });
      props.onDone();
    } catch (err) {
      const found: Record<string, string> = {};
      for (const e of err instanceof ApiFailure ? err.errors : [{ message: (err as Error).message, field: undefined }]) {
        found[e.field === 'input.requestedDate' ? 'date' : e.field === 'input.reason' ? 'reason' : 'quantity'] = e.message;
      }
      setErrors(found);
    }
  };
  return (
    <form class="change" onSubmit={submit} noValidate aria-label={`Change ${order.number} line ${line.lineNumber}`}>
      <label>
        Quantity
        <input type="number" min={1} name="quantity" value={quantity} aria-invalid={Boolean(errors.quantity)} aria-describedby={`cq-${line.id}`}
          onInput={(e) => setQuantity((e.target as HTMLInputElement).value)} />
      </label>
      <span id={`cq-${line.id}`} class="field-error" role="alert">{errors.quantity ?? ''}</span>
      <label>
        Needed on
        <input type="date" name="requestedDate" value={date} aria-invalid={Boolean(errors.date)} aria-describedby={`cd-${line.id}`}
          onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
      </label>
      <span id={`cd-${line.id}`} class="field-error" role="alert">{errors.date ?? ''}</span>
      <label>
        Reason
        <input type="text" name="reason" value={reason} aria-invalid={Boolean(errors.reason)} aria-describedby={`cr-${line.id}`}
          onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </label>
      <span id={`cr-${line.id}`} class="field-error" role="alert">{errors.reason ?? ''}</span>
      <div class="actions">
        <button type="submit">Send change order</button>
        <button type="button" class="secondary" onClick={props.onCancel}>Cancel</button>
      </div>
    </form>
  );
}

/** Buyer side: accept or reject the supplier's proposed price for a line. */
function PriceDecision(props: { line: Line; onDone: () => void }) {
  const { line } = props;
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (accept: boolean) => {
    if (!accept && !reason.trim()) {
      setError('Say why the price is rejected (the supplier reads it)');
      return;
    }
    try {
      if (accept) await request(AcceptPriceChangeDocument, { lineId: line.id });
      else await request(RejectPriceChangeDocument, { lineId: line.id, reason: reason.trim() });
      props.onDone();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <div class="price-decision" role="group" aria-label={`Proposed price for line ${line.lineNumber}`}>
      <p>Proposed unit cost <strong>{formatMoney(line.proposedUnitCost!)}</strong> instead of {formatMoney(line.unitCost)}</p>
      {rejecting && (
        <label>
          Reason
          <input type="text" name="reason" value={reason} aria-invalid={Boolean(error)} onInput={(e) => { setReason((e.target as HTMLInputElement).value); setError(null); }} />
        </label>
      )}
      {error && <p class="field-error" role="alert">{error}</p>}
      <div class="actions">
        {!rejecting && <button type="button" onClick={() => act(true)}>Accept price</button>}
        {rejecting
          ? <button type="button" class="danger" onClick={() => act(false)}>Reject price</button>
          : <button type="button" class="secondary danger" onClick={() => setRejecting(true)}>Reject…</button>}
      </div>
    </div>
  );
}

const CHANGEABLE = ['OPEN', 'CONFIRMED', 'PARTIALLY_CONFIRMED', 'PARTIALLY_RECEIVED'];

/** Buyer side: open lines of issued orders to change, and proposed prices to decide. */
export function BuyerChanges() {
  const [version, setVersion] = useState(0);
  const { lines, error } = useOrderLines(version);
  const [editing, setEditing] = useState<string | null>(null);
  const done = () => {
    setEditing(null);
    setVersion((v) => v + 1);
  };
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!lines) return <p aria-busy="true">Loading orders…</p>;
  const live = lines.filter((e) => e.order.status !== 'DRAFT' && e.order.status !== 'CANCELLED' && e.order.status !== 'CLOSED'
    && (CHANGEABLE.includes(e.line.status) || e.line.proposedUnitCost));
  return (
    <section aria-labelledby="changes-title">
      <h2 id="changes-title">Open lines: change orders and prices</h2>
      {live.length === 0 && <p class="empty">No open line to change.</p>}
      <div class="scroll" tabIndex={0} role="region" aria-label="Open lines to change">
        <table class="line-changes">
          <caption class="visually-hidden">Open purchase order lines</caption>
          <thead><tr><th scope="col">Order</th><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Needed</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {live.map((e) => (
              <tr key={e.line.id} data-line-id={e.line.id}>
                <td>{e.order.number} · {e.line.lineNumber}<br /><span class="muted">{e.order.supplier.name}</span></td>
                <td>{e.line.item.sku}</td>
                <td>{e.line.quantity}</td>
                <td>{formatDate(e.line.requestedDate)}</td>
                <td>
                  {e.line.status.replace('_', ' ')}
                  {e.line.acknowledgementRequired && <><br /><span class="badge at_risk">awaiting the supplier</span></>}
                </td>
                <td>
                  {e.line.proposedUnitCost && <PriceDecision line={e.line} onDone={done} />}
                  {editing === e.line.id
                    ? <ChangeForm entry={e} onDone={done} onCancel={() => setEditing(null)} />
                    : CHANGEABLE.includes(e.line.status) && <button type="button" class="secondary" onClick={() => setEditing(e.line.id)}>Change…</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
