import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, request } from './api';
import { addDays, today } from './dates';
import type { OutagePreset } from './exceptions';
import { formatMoney, simulateField } from './fields';
import { PortalSimulateDocument, PortalWhatIfSourcesDocument, type PortalSimulateQuery, type PortalWhatIfSourcesQuery } from './generated/graphql';

type Order = PortalWhatIfSourcesQuery['purchaseOrders']['edges'][number]['node'];
type Line = Order['lines'][number] & { order: Order };
type Result = PortalSimulateQuery['simulate'];

/** Lines that may still bring something besides what is in transit (what simulate accepts), slipped ones first, then by requested date. */
function slippableLines(orders: Order[]): Line[] {
  return orders
    .flatMap((order) => order.lines.map((line) => ({ ...line, order })))
    .filter((line) => line.unshippedQuantity > 0)
    .sort((a, b) => Number(b.slipped) - Number(a.slipped) || a.requestedDate.localeCompare(b.requestedDate) || a.order.number.localeCompare(b.order.number) || a.lineNumber - b.lineNumber);
}

const lineLabel = (l: Line) =>
  `${l.order.number} line ${l.lineNumber}: ${l.item.sku} to ${l.order.shipTo.code} from ${l.order.supplier.name}, ${l.unshippedQuantity} ${l.item.unitOfMeasure} still to come, needed ${l.requestedDate}${l.slipped ? ' (slipped)' : ''}`;

type Errors = Partial<Record<'lineId' | 'deliveryDate' | 'quantity' | 'supplierId' | 'from' | 'to' | 'general', string>>;

function FieldError(props: { id: string; message?: string }) {
  return <span id={props.id} class="field-error" role={props.message ? 'alert' : undefined}>{props.message ?? ''}</span>;
}

const level = (l: string) => <span class={`badge ${l.toLowerCase()}`}>{l.replace('_', ' ')}</span>;
const change = (before: string | number | null | undefined, after: string | number | null | undefined) =>
  String(before ?? '—') === String(after ?? '—') ? <>{before ?? '—'}</> : <>{before ?? '—'} → <strong>{after ?? '—'}</strong></>;

function Outcome(props: { result: Result }) {
  const { result } = props;
  return (
    <div class="whatif-result" data-testid="whatif-result" aria-live="polite">
      <h3>What would change</h3>
      <p data-testid="whatif-totals">
        Revenue at risk {formatMoney(result.revenueAtRiskBefore)} now, <strong>{formatMoney(result.revenueAtRiskAfter)}</strong> with this;{' '}
        {result.changeCount} of {result.positionCount} item x location(s) change. Nothing was saved.
      </p>
      {result.changes.length > 0 && (
        <div class="scroll" tabIndex={0} role="region" aria-label="Changed positions table">
          <table class="changes">
            <caption class="visually-hidden">Positions whose risk would change</caption>
            <thead>
              <tr><th scope="col">Item</th><th scope="col">Location</th><th scope="col">Level</th><th scope="col">Runs out</th><th scope="col">Short</th><th scope="col">Revenue at risk</th></tr>
            </thead>
            <tbody>
              {result.changes.map((c) => (
                <tr key={`${c.item.id}/${c.location.id}`}>
                  <td>{c.item.sku} <span class="muted">{c.item.name}</span></td>
                  <td>{c.location.code}</td>
                  <td>{c.levelBefore === c.levelAfter ? level(c.levelAfter) : <>{level(c.levelBefore)} → {level(c.levelAfter)}</>}</td>
                  <td>{change(c.stockoutDateBefore, c.stockoutDateAfter)}</td>
                  <td>{change(`${c.shortageBefore} ${c.item.unitOfMeasure}`, `${c.shortageAfter} ${c.item.unitOfMeasure}`)}</td>
                  <td>{change(formatMoney(c.revenueAtRiskBefore), formatMoney(c.revenueAtRiskAfter))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.changeCount > result.changes.length && <p class="hint">The first {result.changes.length} of {result.changeCount}, most urgent first.</p>}
      {result.plans.map((plan) => (
        <div class="card plan" key={plan.sourceLine.id} data-testid="whatif-plan">
          <h4>
            Backup plan for {plan.sourceLine.purchaseOrder.number} line {plan.sourceLine.lineNumber} ({plan.sourceLine.item.sku})
          </h4>
          <p>
            {plan.shortfallQuantity} short by {plan.neededBy};{' '}
            {plan.moves.length === 0 ? 'no backup supplier can cover it' : `${plan.shortfallQuantity - plan.uncoveredQuantity} covered, ${plan.uncoveredQuantity} not`}
            {plan.moves.length > 0 && `; costs ${formatMoney(Math.abs(Number(plan.addedCost)))} ${Number(plan.addedCost) < 0 ? 'less' : 'more'} than the slipped line`}
            {!plan.optimal && ' (best plan found, not proven optimal)'}.
          </p>
          {plan.moves.length > 0 && (
            <ul>
              {plan.moves.map((m) => (
                <li key={m.supplier.id}>{m.quantity} from {m.supplier.name} by {m.expectedDate} at {formatMoney(m.unitCost)} each</li>
              ))}
            </ul>
          )}
          {plan.candidates.length > 0 && (
            <details>
              <summary>Every backup supplier considered ({plan.candidates.length})</summary>
              <ul>
                {plan.candidates.map((c) => (
                  <li key={c.supplier.id}>{c.supplier.name}: {c.verdict.toLowerCase().replace(/_/g, ' ')}{c.reason ? `, ${c.reason}` : ''}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      ))}
    </div>
  );
}

/**
 * What-if (`simulate`, a query: nothing is written): a slip of one open order
 * line (a new date and/or quantity) and/or an outage of one supplier over
 * some days; shows the item x locations whose risk would change, revenue at
 * risk before and after, and the backup supplier selector's plan for the
 * slipped line. API errors show next to the field they name.
 */
export function WhatIf(props: { preset?: OutagePreset & { at: number } }) {
  const [lines, setLines] = useState<Line[] | null>(null);
  const [suppliers, setSuppliers] = useState<{ id: string; name: string }[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [lineId, setLineId] = useState('');
  const [deliveryDate, setDeliveryDate] = useState(addDays(today(), 14));
  const [quantity, setQuantity] = useState('');
  const [supplierId, setSupplierId] = useState('');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(addDays(today(), 13));
  const [errors, setErrors] = useState<Errors>({});
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  const supplierSelect = useRef<HTMLSelectElement>(null);
  // An outage handed over from elsewhere on the page (a commit exception): fill it in, no slip, and move the focus here.
  useEffect(() => {
    const preset = props.preset;
    if (!preset || !lines) return;
    setLineId('');
    setSupplierId(preset.supplierId);
    setFrom(preset.from < today() ? today() : preset.from);
    setTo(preset.to);
    setErrors({});
    setResult(null);
    supplierSelect.current?.scrollIntoView({ block: 'center' });
    supplierSelect.current?.focus();
  }, [props.preset, lines]);

  useEffect(() => {
    request(PortalWhatIfSourcesDocument)
      .then(({ purchaseOrders, partnerships }) => {
        const list = slippableLines(purchaseOrders.edges.map((e) => e.node));
        setLines(list);
        setLineId(list[0]?.id ?? '');
        setSuppliers(partnerships.filter((p) => p.status === 'ACTIVE').map((p) => p.supplier).sort((a, b) => a.name.localeCompare(b.name)));
      })
      .catch((e: Error) => setLoadError(e.message));
  }, []);

  const run = async (event: Event) => {
    event.preventDefault();
    const problems: Errors = {};
    const slip = lineId ? { lineId, deliveryDate: deliveryDate || null, quantity: quantity.trim() === '' ? null : Number(quantity) } : null;
    if (slip && slip.quantity !== null && !(Number.isInteger(slip.quantity) && slip.quantity >= 0)) problems.quantity = 'Enter a whole number (0 or more), or leave it empty for all of it';
    const outage = supplierId ? { supplierId, from, to } : null;
    if (outage && !from) problems.from = 'Enter the first day of the outage';
    if (outage && !to) problems.to = 'Enter the last day of the outage';
    if (!slip && !outage) problems.general = 'Choose a line to slip or a supplier to take out (or both)';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setRunning(true);
    try {
      const { simulate } = await request(PortalSimulateDocument, { input: { slips: slip ? [slip] : [], outages: outage ? [outage] : [] } });
      setResult(simulate);
    } catch (err) {
      const next: Errors = {};
      for (const e of err instanceof ApiFailure ? err.errors : [{ message: (err as Error).message, field: undefined }]) {
        const { list, key } = simulateField(e.field);
        if (list === 'slips' && (key === 'lineId' || key === 'deliveryDate' || key === 'quantity')) next[key] = e.message;
        else if (list === 'outages' && (key === 'supplierId' || key === 'from' || key === 'to')) next[key] = e.message;
        else next.general = e.message;
      }
      setErrors(next);
      setResult(null);
    } finally {
      setRunning(false);
    }
  };

  const selected = lines?.find((l) => l.id === lineId);
  return (
    <section aria-labelledby="whatif-title">
      <h2 id="whatif-title">What if…</h2>
      <p class="hint">Try a late or short delivery, or a supplier that cannot deliver for a while, and see which positions would run short. Nothing is changed or sent.</p>
      {loadError && <p role="alert" class="error">{loadError}</p>}
      {!lines && !loadError && <p aria-busy="true">Loading order lines…</p>}
      {lines && (
        <form class="whatif" onSubmit={run} noValidate aria-labelledby="whatif-title">
          <fieldset>
            <legend>A line slips</legend>
            <label>
              Order line
              <select value={lineId} aria-label="Order line" aria-invalid={Boolean(errors.lineId)} aria-describedby="whatif-line-error" onChange={(e) => setLineId((e.target as HTMLSelectElement).value)}>
                <option value="">No slip</option>
                {lines.map((l) => <option key={l.id} value={l.id}>{lineLabel(l)}</option>)}
              </select>
              <FieldError id="whatif-line-error" message={errors.lineId} />
            </label>
            {selected && (
              <p class="hint" data-testid="whatif-line-now">
                Now: {selected.remainingSchedule.length ? selected.remainingSchedule.map((s) => `${s.quantity} on ${s.deliveryDate}`).join(', ') : 'no promise yet'}
                {selected.inTransitQuantity ? `; ${selected.inTransitQuantity} in transit (not changed)` : ''}.
              </p>
            )}
            <div class="pair">
              <label>
                New delivery date
                <input type="date" aria-label="New delivery date" value={deliveryDate} disabled={!lineId} aria-invalid={Boolean(errors.deliveryDate)} aria-describedby="whatif-date-help whatif-date-error"
                  onInput={(e) => setDeliveryDate((e.target as HTMLInputElement).value)} />
                <span id="whatif-date-help" class="hint">Empty: its current dates</span>
                <FieldError id="whatif-date-error" message={errors.deliveryDate} />
              </label>
              <label>
                Quantity still coming
                <input type="number" aria-label="Quantity still coming" min={0} inputMode="numeric" value={quantity} disabled={!lineId} aria-invalid={Boolean(errors.quantity)} aria-describedby="whatif-qty-help whatif-qty-error"
                  onInput={(e) => setQuantity((e.target as HTMLInputElement).value)} />
                <span id="whatif-qty-help" class="hint">Empty: all of it{selected ? ` (${selected.unshippedQuantity})` : ''}; 0: nothing more</span>
                <FieldError id="whatif-qty-error" message={errors.quantity} />
              </label>
            </div>
          </fieldset>
          <fieldset>
            <legend>A supplier cannot deliver</legend>
            <label>
              Supplier
              <select ref={supplierSelect} value={supplierId} aria-label="Supplier" aria-invalid={Boolean(errors.supplierId)} aria-describedby="whatif-supplier-error" onChange={(e) => setSupplierId((e.target as HTMLSelectElement).value)}>
                <option value="">No outage</option>
                {suppliers.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
              <FieldError id="whatif-supplier-error" message={errors.supplierId} />
            </label>
            <div class="pair">
              <label>
                From
                <input type="date" aria-label="Outage from" value={from} disabled={!supplierId} aria-invalid={Boolean(errors.from)} aria-describedby="whatif-from-error" onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
                <FieldError id="whatif-from-error" message={errors.from} />
              </label>
              <label>
                To
                <input type="date" aria-label="Outage to" value={to} disabled={!supplierId} aria-invalid={Boolean(errors.to)} aria-describedby="whatif-to-error" onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
                <FieldError id="whatif-to-error" message={errors.to} />
              </label>
            </div>
          </fieldset>
          {errors.general && <p role="alert" class="field-error">{errors.general}</p>}
          <div class="actions">
            <button type="submit" disabled={running}>{running ? 'Simulating…' : 'Run what-if'}</button>
          </div>
        </form>
      )}
      {result && <Outcome result={result} />}
    </section>
  );
}
