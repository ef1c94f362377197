import type { ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { request, useLoadEffect } from './api';
import { formatDate, formatDateTime } from './dates';
import { CURRENCY, formatMoney, formatQuantity, lineValue, orderTotal, type Units } from './fields';
import { PortalOrderDocument, type PortalOrderQuery } from './generated/graphql';
import { AcknowledgeButton } from './orders';
import { href } from './router';

export type OrderDetail = NonNullable<PortalOrderQuery['purchaseOrder']>;
export type OrderDetailLine = OrderDetail['lines'][number];

/**
 * Extra panels under each line of the order page (change orders, price
 * changes, ...): another module pushes a component here and it is shown
 * under every line, with the line, its order and a refresh callback.
 */
export const orderLinePanels: ((props: { line: OrderDetailLine; order: OrderDetail; role: 'supplier' | 'buyer'; onChanged: () => void }) => ComponentChild)[] = [];

const label = (status: string) => status.replace(/_/g, ' ').toLowerCase();
const unitsOf = (line: OrderDetailLine): Units => ({ unitOfMeasure: line.item.unitOfMeasure, purchaseUnit: line.purchaseUnit ?? null, unitsPerPurchaseUnit: line.unitsPerPurchaseUnit });
const scheduleText = (schedule: { quantity: number; deliveryDate: string }[], units: Units) =>
  schedule.length ? schedule.map((s) => `${formatQuantity(s.quantity, units)} on ${formatDate(s.deliveryDate)}`).join(', ') : '—';

/** One order: header, lines with prices and totals, ship notices and history; the supplier acknowledges it as requested. */
export function OrderPage(props: { id: string; role: 'supplier' | 'buyer'; version: number; onChanged: () => void }) {
  const [order, setOrder] = useState<OrderDetail | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [reload, setReload] = useState(0);
  useLoadEffect((fresh) => {
    request(PortalOrderDocument, { id: props.id })
      .then((data) => fresh() && setOrder(data.purchaseOrder ?? null))
      .catch((e: Error) => fresh() && setError(e.message));
  }, [props.id, props.version, reload]);
  useEffect(() => {
    document.getElementById('order-title')?.focus();
  }, [order?.id]);

  if (error && order === undefined) return <p role="alert" class="error">{error}</p>;
  if (order === undefined) return <p aria-busy="true">Loading the order…</p>;
  if (order === null) return <p role="alert">This order does not exist or is not yours to see. <a href={href('orders')}>Back to the orders</a></p>;
  const changed = () => {
    setReload((n) => n + 1);
    props.onChanged();
  };
  const notices = new Map<string, { notice: OrderDetailLine['shipNoticeLines'][number]['shipNotice']; lines: { line: OrderDetailLine; quantity: number; received: number }[] }>();
  for (const line of order.lines) {
    for (const nl of line.shipNoticeLines) {
      const entry = notices.get(nl.shipNotice.id) ?? { notice: nl.shipNotice, lines: [] };
      entry.lines.push({ line, quantity: nl.quantity, received: nl.receivedQuantity });
      notices.set(nl.shipNotice.id, entry);
    }
  }
  const slipped = order.lines.filter((l) => l.slipped).length;
  return (
    <article aria-labelledby="order-title">
      <p><a href={href('orders')}>← All orders</a></p>
      <div class="page-head">
        <h2 id="order-title" tabIndex={-1}>Order {order.number}</h2>
        <span class="badge">{label(order.status)}</span>
        {slipped > 0 && <span class="badge overdue">{slipped} line(s) slipped</span>}
      </div>
      <dl class="facts">
        <div><dt>Customer</dt><dd>{order.retailer.name}</dd></div>
        <div><dt>Supplier</dt><dd>{order.supplier.name}</dd></div>
        <div><dt>Ship to</dt><dd>{order.shipTo.code} {order.shipTo.name}</dd></div>
        <div><dt>Issued</dt><dd>{formatDateTime(order.issuedAt)}</dd></div>
        <div><dt>Version</dt><dd>{order.version}</dd></div>
        <div><dt>Total</dt><dd data-testid="order-total">{formatMoney(orderTotal(order.lines))}</dd></div>
      </dl>
      {props.role === 'supplier' && (
        <div class="actions">
          <AcknowledgeButton order={order} onDone={(m) => { setNote(m); setError(null); changed(); }} onError={setError} />
        </div>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      <p role="status" class="status-note" data-testid="order-note">{note}</p>

      <h3>Lines</h3>
      <div class="scroll" tabIndex={0} role="region" aria-label="Order lines">
        <table class="order-lines">
          <caption class="visually-hidden">Lines of {order.number}, with prices in {CURRENCY}</caption>
          <thead>
            <tr>
              <th scope="col">Line</th><th scope="col">Item</th><th scope="col">Ordered</th><th scope="col">Requested</th><th scope="col">Status</th>
              <th scope="col">Promised (still to come)</th><th scope="col">Received</th><th scope="col">In transit</th>
              <th scope="col" class="num">Unit price ({CURRENCY})</th><th scope="col" class="num">Line total ({CURRENCY})</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => {
              const units = unitsOf(line);
              return (
                <tr key={line.id} data-line-id={line.id}>
                  <th scope="row">{line.lineNumber}</th>
                  <td>{line.item.sku} <span class="muted">{line.item.name}</span></td>
                  <td>{formatQuantity(line.quantity, units)}</td>
                  <td>{formatDate(line.requestedDate)}</td>
                  <td>{label(line.status)}{line.slipped && <> <span class="badge overdue">Slipped</span></>}</td>
                  <td>{scheduleText(line.remainingSchedule, units)}</td>
                  <td>{formatQuantity(line.receivedQuantity, units)}</td>
                  <td>{formatQuantity(line.inTransitQuantity, units)}</td>
                  <td class="num">{formatMoney(line.unitCost)} / {line.item.unitOfMeasure}</td>
                  <td class="num">{formatMoney(lineValue(line.quantity, line.unitCost))}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr><th scope="row" colSpan={9}>Order total ({CURRENCY})</th><td class="num">{formatMoney(orderTotal(order.lines))}</td></tr>
          </tfoot>
        </table>
      </div>
      {orderLinePanels.length > 0 && (
        <div class="panels">
          {order.lines.map((line) => (
            <section key={line.id} class="line-panels" aria-label={`Line ${line.lineNumber}: ${line.item.sku}`}>
              {orderLinePanels.map((Panel, i) => <Panel key={i} line={line} order={order} role={props.role} onChanged={changed} />)}
            </section>
          ))}
        </div>
      )}

      <h3>Ship notices</h3>
      {notices.size === 0 ? <p class="empty">Nothing shipped on this order yet.</p> : (
        <div class="scroll" tabIndex={0} role="region" aria-label="Ship notices">
          <table class="notices">
            <thead><tr><th scope="col">Notice</th><th scope="col">Status</th><th scope="col">Shipped</th><th scope="col">Expected</th><th scope="col">Carrier / tracking</th><th scope="col">Lines</th></tr></thead>
            <tbody>
              {[...notices.values()].map(({ notice, lines }) => (
                <tr key={notice.id}>
                  <th scope="row">{notice.number}</th>
                  <td>{label(notice.status)}</td>
                  <td>{formatDate(notice.shippedOn)}</td>
                  <td>{formatDate(notice.expectedArrival)}</td>
                  <td>{[notice.carrier, notice.trackingNumber].filter(Boolean).join(' / ') || '—'}</td>
                  <td class="wrap">{lines.map((l) => `line ${l.line.lineNumber}: ${formatQuantity(l.quantity, unitsOf(l.line))}${l.received ? `, ${formatQuantity(l.received, unitsOf(l.line))} received` : ''}`).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>History</h3>
      <div class="scroll" tabIndex={0} role="region" aria-label="Order history">
        <table class="history">
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {order.history.map((h, i) => (
              <tr key={i}>
                <td>{formatDateTime(h.at)}</td>
                <td>{h.actor}</td>
                <td>{label(h.action)}{h.line ? ` (line ${h.line.lineNumber})` : ''}</td>
                <td class="wrap">{h.details}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
