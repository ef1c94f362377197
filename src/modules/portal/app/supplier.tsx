import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiFailure, request, scheduleField, useLoadEffect } from './api';
import { addDays, daysBetween, formatDate, today } from './dates';
import { download } from './download';
import { formatMoney, formatQuantity, lineValue, toCsv, type Units } from './fields';
import { ProposePrice, SupplierChanges } from './changes';
import {
  ConfirmPurchaseOrderLineDocument,
  PortalForecastDocument,
  PortalForecastVersionsDocument,
  PortalLeadTimesDocument,
  PortalOpenOrdersDocument,
  PortalSourcedItemsDocument,
  RejectPurchaseOrderLineDocument,
  type PortalForecastQuery,
  type PortalForecastVersionsQuery,
  type PortalLeadTimesQuery,
  type PortalOpenOrdersQuery,
  type PortalSourcedItemsQuery,
} from './generated/graphql';

export type Order = PortalOpenOrdersQuery['purchaseOrders']['edges'][number]['node'];
export type OrderLine = Order['lines'][number];
export interface OpenLine {
  id: string;
  order: Order;
  lineNumber: number;
  quantity: number;
  requestedDate: string;
  item: { id: string; sku: string; name: string };
  units: Units;
  overdue: boolean;
  /** The order's price per base unit (Decimal string). */
  unitCost: string;
}

/** How a line of an order counts (base unit, and the supplier's purchase unit when it sells in one). */
export const unitsOf = (line: OrderLine): Units => ({
  unitOfMeasure: line.item.unitOfMeasure,
  purchaseUnit: line.purchaseUnit ?? null,
  unitsPerPurchaseUnit: line.unitsPerPurchaseUnit,
});

/** The orders addressed to this supplier that still need something of it, read once per refresh. */
export function useOrders(version: number): { orders: Order[] | null; error: string | null } {
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useLoadEffect((fresh) => {
    request(PortalOpenOrdersDocument)
      .then((data) => fresh() && setOrders(data.purchaseOrders.edges.map((e) => e.node)))
      .catch((e: Error) => fresh() && setError(e.message));
  }, [version]);
  return { orders, error };
}

const DAY_MS = 86_400_000;

/** Lines still waiting for this supplier's answer, grouped by customer, most urgent first. */
export function openLines(orders: Order[], now = Date.now()): Map<string, OpenLine[]> {
  const lines = orders.flatMap((order) =>
    order.lines
      .filter((line) => line.status === 'OPEN')
      .map((line) => ({
        id: line.id,
        order,
        lineNumber: line.lineNumber,
        quantity: line.quantity,
        requestedDate: line.requestedDate,
        item: line.item,
        units: unitsOf(line),
        unitCost: line.unitCost,
        // Issued more than 24 h ago and still unconfirmed.
        overdue: order.issuedAt !== null && now - Date.parse(order.issuedAt) > DAY_MS,
      })),
  );
  lines.sort((a, b) => a.requestedDate.localeCompare(b.requestedDate) || a.order.number.localeCompare(b.order.number) || a.lineNumber - b.lineNumber);
  const byCustomer = new Map<string, OpenLine[]>();
  for (const line of lines) byCustomer.set(line.order.retailer.name, [...(byCustomer.get(line.order.retailer.name) ?? []), line]);
  return byCustomer;
}

export interface Row {
  quantity: string;
  deliveryDate: string;
}

/** Problems the browser can see before sending; the server checks again and may say more. `word`: what the limit is ("ordered", "still to come"). */
function validate(rows: Row[], ordered: number, word = 'ordered'): Record<string, string> {
  const problems: Record<string, string> = {};
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const quantity = Number(row.quantity);
    if (!Number.isInteger(quantity) || quantity < 1) problems[`${i}.quantity`] = 'Enter a whole number of at least 1';
    if (!row.deliveryDate) problems[`${i}.deliveryDate`] = 'Choose a date';
    else if (row.deliveryDate < today()) problems[`${i}.deliveryDate`] = 'The date cannot be in the past';
    else if (seen.has(row.deliveryDate)) problems[`${i}.deliveryDate`] = 'This date is already in another row';
    seen.add(row.deliveryDate);
  });
  const total = rows.reduce((sum, r) => sum + (Number(r.quantity) || 0), 0);
  if (total > ordered) problems.total = `The rows add up to ${total}, more than the ${ordered} ${word}`;
  return problems;
}

/** What a schedule editor promises: a line, and how much it may cover (all of it ordered, or what is still to come). */
export interface PromiseTarget {
  id: string;
  orderNumber: string;
  orderVersion: number;
  lineNumber: number;
  requestedDate: string;
  limit: number;
  limitWord: 'ordered' | 'still to come';
  units: Units;
  initialRows?: Row[];
}

const splitTarget = (line: OpenLine): PromiseTarget => ({
  id: line.id,
  orderNumber: line.order.number,
  orderVersion: line.order.version,
  lineNumber: line.lineNumber,
  requestedDate: line.requestedDate,
  limit: line.quantity,
  limitWord: 'ordered',
  units: line.units,
});

export function SplitEditor(props: { line: PromiseTarget; onDone: () => void; onCancel: () => void; submitLabel?: string }) {
  const { line } = props;
  const start = line.requestedDate < today() ? today() : line.requestedDate;
  const [rows, setRows] = useState<Row[]>(line.initialRows ?? [
    { quantity: String(Math.ceil(line.limit / 2)), deliveryDate: start },
    { quantity: String(Math.floor(line.limit / 2)), deliveryDate: addDays(start, 7) },
  ]);
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const problems = { ...(touched ? validate(rows, line.limit, line.limitWord) : {}), ...serverErrors };
  const total = rows.reduce((sum, r) => sum + (Number(r.quantity) || 0), 0);
  const update = (i: number, patch: Partial<Row>) => {
    setServerErrors({});
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(validate(rows, line.limit, line.limitWord)).length) return;
    setSending(true);
    try {
      await request(ConfirmPurchaseOrderLineDocument, {
        input: { lineId: line.id, schedule: rows.map((r) => ({ quantity: Number(r.quantity), deliveryDate: r.deliveryDate })), expectedVersion: line.orderVersion },
      });
      props.onDone();
    } catch (err) {
      const errors: Record<string, string> = {};
      for (const e of err instanceof ApiFailure ? err.errors : [{ message: (err as Error).message }]) {
        const { row, key } = scheduleField(e.field);
        errors[row !== null && key ? `${row}.${key}` : e.code === 'CONFLICT' ? 'total' : 'total'] = e.message;
      }
      setServerErrors(errors);
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="split" onSubmit={submit} aria-label={`Delivery schedule for ${line.orderNumber} line ${line.lineNumber}`} noValidate>
      {rows.map((row, i) => (
        <fieldset key={i} class="row">
          <legend class="visually-hidden">Delivery {i + 1}</legend>
          <label>
            Quantity
            <input type="number" min={1} inputMode="numeric" name={`quantity-${i}`} value={row.quantity}
              aria-invalid={Boolean(problems[`${i}.quantity`])} aria-describedby={`q-${line.id}-${i}`}
              onInput={(e) => update(i, { quantity: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            Delivery date
            <input type="date" min={today()} name={`date-${i}`} value={row.deliveryDate}
              aria-invalid={Boolean(problems[`${i}.deliveryDate`])} aria-describedby={`d-${line.id}-${i}`}
              onInput={(e) => update(i, { deliveryDate: (e.target as HTMLInputElement).value })} />
          </label>
          <button type="button" class="secondary" onClick={() => setRows(rows.filter((_r, j) => j !== i))} disabled={rows.length === 1}
            aria-label={`Remove delivery ${i + 1}`}>Remove</button>
          <span id={`q-${line.id}-${i}`} class="field-error" role="alert">{problems[`${i}.quantity`] ?? ''}</span>
          <span id={`d-${line.id}-${i}`} class="field-error" role="alert">{problems[`${i}.deliveryDate`] ?? ''}</span>
        </fieldset>
      ))}
      <p class={`total ${total > line.limit ? 'over' : ''}`} aria-live="polite">
        {total} of {line.limit} scheduled{line.units.purchaseUnit ? ` (${formatQuantity(total, line.units)})` : ''}
        {total < line.limit ? ` (${line.limit - total} will not be delivered)` : ''}
      </p>
      {problems.total && <p class="field-error" role="alert">{problems.total}</p>}
      <div class="actions">
        <button type="button" class="secondary" onClick={() => setRows([...rows, { quantity: String(Math.max(1, line.limit - total)), deliveryDate: addDays(rows[rows.length - 1]?.deliveryDate ?? today(), 7) }])}>
          Add delivery
        </button>
        <button type="submit" disabled={sending}>{sending ? 'Sending…' : props.submitLabel ?? 'Confirm schedule'}</button>
        <button type="button" class="secondary" onClick={props.onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function RejectForm(props: { line: OpenLine; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError('Say why you cannot supply this line');
      return;
    }
    try {
      await request(RejectPurchaseOrderLineDocument, { input: { lineId: props.line.id, reason: reason.trim() } });
      props.onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form class="reject" onSubmit={submit} noValidate>
      <label>
        Reason for rejecting
        <textarea name="reason" required rows={2} value={reason} aria-invalid={Boolean(error)} aria-describedby={`r-${props.line.id}`}
          onInput={(e) => { setReason((e.target as HTMLTextAreaElement).value); setError(null); }} />
      </label>
      <span id={`r-${props.line.id}`} class="field-error" role="alert">{error ?? ''}</span>
      <div class="actions">
        <button type="submit" class="danger">Reject line</button>
        <button type="button" class="secondary" onClick={props.onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function LineCard(props: { line: OpenLine; onChanged: () => void }) {
  const { line } = props;
  const [mode, setMode] = useState<'idle' | 'split' | 'reject'>('idle');
  const [error, setError] = useState<string | null>(null);
  const late = daysBetween(today(), line.requestedDate);
  const confirmAsRequested = async () => {
    try {
      await request(ConfirmPurchaseOrderLineDocument, {
        input: { lineId: line.id, schedule: [{ quantity: line.quantity, deliveryDate: line.requestedDate }], expectedVersion: line.order.version },
      });
      props.onChanged();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <li class="line" data-line-id={line.id} aria-label={`${line.order.number} line ${line.lineNumber}: ${line.item.sku}`}>
      <div class="line-head">
        <strong>{line.item.sku}</strong> <span>{line.item.name}</span>
        {line.overdue && <span class="badge overdue" title="Issued more than 24 hours ago and still unconfirmed">Overdue</span>}
      </div>
      <div class="line-facts">
        <span>{formatQuantity(line.quantity, line.units)}</span>
        <span>needed {formatDate(line.requestedDate)}{late < 0 ? ` (${-late} days ago)` : ''}</span>
        <span data-testid="line-price">at {formatMoney(line.unitCost)} / {line.units.unitOfMeasure} = {formatMoney(lineValue(line.quantity, line.unitCost))}</span>
        <span class="muted"><a href={`#/orders/${line.order.id}`}>{line.order.number}</a> · line {line.lineNumber} · to {line.order.shipTo.code}</span>
      </div>
      {error && <p class="field-error" role="alert">{error}</p>}
      {mode === 'idle' && (
        <div class="actions">
          <button type="button" onClick={confirmAsRequested}>Confirm as requested</button>
          <button type="button" class="secondary" onClick={() => setMode('split')}>Split or change dates…</button>
          <button type="button" class="secondary danger" onClick={() => setMode('reject')}>Reject…</button>
          <ProposePrice line={{ id: line.id, quantity: line.quantity, requestedDate: line.requestedDate, orderVersion: line.order.version }} onDone={props.onChanged} />
        </div>
      )}
      {mode === 'split' && <SplitEditor line={splitTarget(line)} onDone={props.onChanged} onCancel={() => setMode('idle')} />}
      {mode === 'reject' && <RejectForm line={line} onDone={props.onChanged} onCancel={() => setMode('idle')} />}
    </li>
  );
}

/** The supplier's work list, refreshed whenever `version` changes (after an action or a live alert). */
export function OpenLines(props: { version: number; onChanged: () => void }) {
  const { orders, error } = useOrders(props.version);
  const groups = useMemo(() => (orders ? openLines(orders) : null), [orders]);
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!groups) return <p aria-busy="true">Loading orders…</p>;
  const count = [...groups.values()].reduce((n, lines) => n + lines.length, 0);
  return (
    <>
    <SupplierChanges version={props.version} onChanged={props.onChanged} />
    <section aria-labelledby="open-title">
      <h2 id="open-title">Awaiting your confirmation <span class="count">{count}</span></h2>
      {count === 0 && <p class="empty">Nothing waits for you: every line is answered.</p>}
      {[...groups.entries()].map(([customer, lines]) => (
        <div key={customer} class="customer">
          <h3>{customer}</h3>
          <ul class="lines">{lines.map((line) => <LineCard key={line.id} line={line} onChanged={props.onChanged} />)}</ul>
        </div>
      ))}
    </section>
    </>
  );
}

type ForecastLine = PortalForecastQuery['forecast']['edges'][number]['node'];

/** Every forecast line over [from, to]: the forecast is a connection of pages of 500, read to the end. */
async function forecastLines(from: string, to: string): Promise<ForecastLine[]> {
  const lines: ForecastLine[] = [];
  let after: string | null = null;
  do {
    const { forecast }: PortalForecastQuery = await request(PortalForecastDocument, { from, to, after });
    lines.push(...forecast.edges.map((edge) => edge.node));
    after = forecast.pageInfo.hasNextPage ? forecast.pageInfo.endCursor ?? null : null;
  } while (after);
  return lines;
}

/** The supplier's sourcing rules, every page (sourcingRules answers at most 500 at a time). */
async function sourcedRules(): Promise<PortalSourcedItemsQuery['sourcingRules']> {
  const rules: PortalSourcedItemsQuery['sourcingRules'] = [];
  let after: string | null = null;
  for (;;) {
    const { sourcingRules }: PortalSourcedItemsQuery = await request(PortalSourcedItemsDocument, { after });
    rules.push(...sourcingRules);
    if (sourcingRules.length < 500) return rules;
    after = sourcingRules[sourcingRules.length - 1].id;
  }
}

/** The forecast lines as CSV: one row per item, location and period, in the item's base unit. */
export function forecastCsv(lines: ForecastLine[], version: number | null): string {
  const sorted = [...lines].sort((a, b) => a.item.sku.localeCompare(b.item.sku) || a.location.code.localeCompare(b.location.code) || a.periodStart.localeCompare(b.periodStart));
  return toCsv(
    ['forecast_version', 'sku', 'item', 'location', 'period_start', 'period_days', 'quantity', 'unit'],
    sorted.map((l) => [version, l.item.sku, l.item.name, l.location.code, l.periodStart, l.periodDays, l.quantity, l.item.unitOfMeasure]),
  );
}

/** What a version's scope did, in words (DESIGN.md, Planning collaboration). */
const SCOPE_MEANING = {
  FULL: 'replaced the whole forecast',
  LISTED: 'replaced only the item x locations it lists; the others carried over from the version before',
} as const;

/** Forecast shared with the supplier: per item, the next 8 weeks; the newest version and what its scope did. */
export function ForecastTable() {
  const [rows, setRows] = useState<{ sku: string; name: string; weeks: number[] }[] | null>(null);
  const [latest, setLatest] = useState<PortalForecastVersionsQuery['forecastVersions'][number] | null>(null);
  const [lines, setLines] = useState<ForecastLine[]>([]);
  const start = today();
  useEffect(() => {
    request(PortalForecastVersionsDocument, {}).then(({ forecastVersions }) => setLatest(forecastVersions[0] ?? null));
    forecastLines(start, addDays(start, 55)).then((lines) => {
      setLines(lines);
      const byItem = new Map<string, { sku: string; name: string; weeks: number[] }>();
      for (const line of lines) {
        const entry = byItem.get(line.item.id) ?? { sku: line.item.sku, name: line.item.name, weeks: new Array<number>(8).fill(0) };
        // Spread each period's quantity over its days, and add the days to their week.
        for (let d = 0; d < line.periodDays; d++) {
          const week = Math.floor(daysBetween(start, addDays(line.periodStart, d)) / 7);
          if (week >= 0 && week < 8) entry.weeks[week] += line.quantity / line.periodDays;
        }
        byItem.set(line.item.id, entry);
      }
      setRows([...byItem.values()].sort((a, b) => a.sku.localeCompare(b.sku)));
    });
  }, []);
  if (!rows) return <p aria-busy="true">Loading forecast…</p>;
  return (
    <section aria-labelledby="forecast-title">
      <h2 id="forecast-title">Forecast for the items you supply</h2>
      {latest && (
        <p class="muted" data-testid="forecast-version">
          Version {latest.version}, {latest.scope}: {SCOPE_MEANING[latest.scope]}
          {latest.positionsDropped > 0 ? `; ${latest.positionsDropped} item x location(s) lost all demand` : ''}.
        </p>
      )}
      {rows.length === 0 ? <p class="empty">No forecast shared with you yet.</p> : (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => download(`forecast-${start}.csv`, forecastCsv(lines, latest?.version ?? null))}>Export the forecast (CSV)</button>
        </div>
      )}
      {rows.length > 0 && (
        <div class="scroll" tabIndex={0} role="region" aria-label="Forecast by week">
          <table>
            <thead><tr><th scope="col">Item</th>{Array.from({ length: 8 }, (_, w) => <th scope="col" key={w}>Week of {formatDate(addDays(start, w * 7))}</th>)}</tr></thead>
            <tbody>{rows.map((r) => <tr key={r.sku}><th scope="row">{r.sku} <span class="muted">{r.name}</span></th>{r.weeks.map((q, w) => <td key={w}>{Math.round(q)}</td>)}</tr>)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The supplier's own lead-time record per item. */
export function LeadTimes(props: { supplierId: string }) {
  const [stats, setStats] = useState<PortalLeadTimesQuery['leadTimeStats'][] | null>(null);
  useLoadEffect((fresh) => {
    sourcedRules().then(async (rules) => {
      const items = [...new Map(rules.map((r) => [r.item.id, r.item])).values()];
      const all = await Promise.all(items.map(async (item) => (await request(PortalLeadTimesDocument, { supplierId: props.supplierId, itemId: item.id })).leadTimeStats));
      if (fresh()) setStats(all);
    });
  }, [props.supplierId]);
  if (!stats) return <p aria-busy="true">Loading lead times…</p>;
  const days = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v} d`);
  return (
    <section aria-labelledby="lead-title">
      <h2 id="lead-title">Your lead times</h2>
      <div class="scroll" tabIndex={0} role="region" aria-label="Lead times table">
        <table>
          <thead><tr><th scope="col">Item</th><th scope="col">Quoted</th><th scope="col">Confirmed (mean / p90)</th><th scope="col">Actual mean</th><th scope="col">On time in full</th></tr></thead>
          <tbody>
            {stats.map((s) => (
              <tr key={s.item.id}>
                <th scope="row">{s.item.sku}</th>
                <td>{days(s.quotedLeadTimeDays)}</td>
                <td>{s.confirmedCount ? `${days(s.confirmedMeanDays)} / ${days(s.confirmedP90Days)} (${s.confirmedCount})` : '—'}</td>
                <td>{days(s.actualMeanDays)}</td>
                <td>{s.onTimeInFullRate === null ? '—' : `${Math.round(s.onTimeInFullRate * 100)} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
