import type { ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, request, useLoadEffect } from './api';
import { ProjectionChart } from './chart';
import { formatDate, formatDateTime } from './dates';
import { formatMoney } from './fields';
import {
  PortalApplyReallocationDocument,
  PortalDismissReallocationDocument,
  PortalProposalsDocument,
  PortalProposeReallocationDocument,
  PortalRiskDocument,
  type PortalProposalFragment,
  type PortalProposalsQuery,
  type PortalRiskQuery,
  type Role,
} from './generated/graphql';
import { href } from './router';

type RiskData = PortalRiskQuery;
type Risk = RiskData['shortageRisks']['edges'][number]['node'];
type InboundOrder = RiskData['purchaseOrders']['edges'][number]['node'];

/**
 * Extra panels on a risk's page (sales history and forecast, ...): another
 * module pushes a component here and it is shown below the chart, with the
 * item and location.
 */
export const riskPanels: ((props: { itemId: string; locationId: string; risk: Risk; role: Role }) => ComponentChild)[] = [];

const VERDICT_WORDS: Record<string, string> = {
  CHOSEN: 'chosen',
  LATE: 'too late',
  NO_CAPACITY: 'no capacity',
  BELOW_MIN_ORDER: 'below minimum order',
  INACTIVE: 'inactive',
  MORE_EXPENSIVE: 'more expensive',
  NOT_NEEDED: 'not needed',
};

/** The proposals for the item x location, newest first (every page). */
async function allProposals(itemId: string, locationId: string): Promise<PortalProposalFragment[]> {
  const proposals: PortalProposalFragment[] = [];
  let after: string | null = null;
  do {
    const { reallocationProposals }: PortalProposalsQuery = await request(PortalProposalsDocument, { itemId, locationId, after });
    proposals.push(...reallocationProposals.edges.map((e) => e.node));
    after = reallocationProposals.pageInfo.hasNextPage ? reallocationProposals.pageInfo.endCursor ?? null : null;
  } while (after);
  return proposals;
}

function Proposal(props: { proposal: PortalProposalFragment; unit: string; onDone: (note: string) => void; onPropose: (lineId: string) => Promise<void> }) {
  const { proposal: p, unit } = props;
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (what: 'apply' | 'dismiss') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'apply') {
        const { applyReallocation } = await request(PortalApplyReallocationDocument, { id: p.id });
        props.onDone(`Applied: ${applyReallocation.moves.map((m) => `${m.quantity} ${unit} ordered from ${m.supplier.name}${m.purchaseOrderLine ? ` (${m.purchaseOrderLine.purchaseOrder.number})` : ''}`).join('; ') || 'nothing to order'}.`);
      } else {
        await request(PortalDismissReallocationDocument, { id: p.id });
        props.onDone('Dismissed: nothing was ordered.');
      }
    } catch (err) {
      const code = err instanceof ApiFailure ? err.errors[0]?.code : undefined;
      if (code === 'CONFLICT') setConflict((err as Error).message);
      else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const line = p.sourceLine;
  return (
    <article class="panel proposal" data-proposal-id={p.id} aria-labelledby={`proposal-${p.id}`}>
      <h4 id={`proposal-${p.id}`}>
        Proposal for {line.purchaseOrder.number} line {line.lineNumber} ({line.purchaseOrder.supplier.name}) <span class="badge">{p.status.toLowerCase()}</span>
      </h4>
      <p>
        Short {p.shortfallQuantity} {unit}, needed by {formatDate(p.neededBy)}; takes {p.reduceSourceBy} {unit} off the slipped line;
        {p.uncoveredQuantity ? ` ${p.uncoveredQuantity} ${unit} stay uncovered;` : ' covers all of it;'} added cost {formatMoney(p.addedCost)}. Made {formatDateTime(p.createdAt)}.
      </p>
      {p.moves.length > 0 && (
        <div class="scroll" tabIndex={0} role="region" aria-label={`Orders the proposal ${p.status === 'APPLIED' ? 'placed' : 'would place'}`}>
          <table>
            <caption class="visually-hidden">Moves</caption>
            <thead><tr><th scope="col">Supplier</th><th scope="col">Quantity</th><th scope="col">Arrives</th><th scope="col">Unit price</th><th scope="col">Order</th></tr></thead>
            <tbody>
              {p.moves.map((m, i) => (
                <tr key={i}>
                  <td>{m.supplier.name}</td><td>{m.quantity} {unit}</td><td>{formatDate(m.expectedDate)}</td><td>{formatMoney(m.unitCost)}</td>
                  <td>{m.purchaseOrderLine ? <a href={href('orders', m.purchaseOrderLine.purchaseOrder.id)}>{m.purchaseOrderLine.purchaseOrder.number}</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="scroll" tabIndex={0} role="region" aria-label="Suppliers considered">
        <table class="candidates">
          <caption>Every supplier considered</caption>
          <thead><tr><th scope="col">Supplier</th><th scope="col">Verdict</th><th scope="col">Reason</th><th scope="col">Quantity</th><th scope="col">Could arrive</th></tr></thead>
          <tbody>
            {p.candidates.map((c, i) => (
              <tr key={i}>
                <td>{c.supplier.name}</td>
                <td><span class={`verdict ${c.verdict.toLowerCase()}`}>{VERDICT_WORDS[c.verdict] ?? c.verdict}</span></td>
                <td class="wrap">{c.reason}</td>
                <td>{c.quantity} {unit}</td>
                <td>{formatDate(c.expectedDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {conflict && (
        <div class="conflict" role="alert" data-testid="proposal-conflict">
          <p><strong>Not applied: the line changed after this proposal was made.</strong> {conflict}</p>
          <p>A proposal is worked out from the slipped line as it was (its promise, what is open and in transit). When the supplier re-confirms, ships or the line is changed, the proposal may no longer fit, so nothing was ordered. Ask for a new proposal from the line as it is now.</p>
          <button type="button" class="secondary" disabled={busy} onClick={async () => { setBusy(true); try { await props.onPropose(line.id); } finally { setBusy(false); } }}>Propose again</button>
        </div>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      {p.status === 'PROPOSED' && !conflict && (
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => act('apply')}>Apply: place these orders</button>
          <button type="button" class="secondary" disabled={busy} onClick={() => act('dismiss')}>Dismiss</button>
        </div>
      )}
    </article>
  );
}

function InboundLines(props: { orders: InboundOrder[]; itemId: string; unit: string; proposedLines: Set<string>; onPropose: (lineId: string) => Promise<void> }) {
  const lines = props.orders.flatMap((order) => order.lines.filter((l) => l.item.id === props.itemId).map((line) => ({ order, line })));
  lines.sort((a, b) => a.line.requestedDate.localeCompare(b.line.requestedDate));
  const { unit } = props;
  if (lines.length === 0) return <p class="empty">No open order brings this item here.</p>;
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label="Inbound order lines">
      <table class="inbound">
        <caption class="visually-hidden">Open order lines of this item to this location</caption>
        <thead>
          <tr><th scope="col">Order</th><th scope="col">Supplier</th><th scope="col">Ordered</th><th scope="col">Requested</th><th scope="col">Promised (still to come)</th><th scope="col">In transit</th><th scope="col">Received</th><th scope="col">Status</th><th scope="col">Action</th></tr>
        </thead>
        <tbody>
          {lines.map(({ order, line }) => (
            <tr key={line.id} data-line-id={line.id}>
              <th scope="row"><a href={href('orders', order.id)}>{order.number}</a> line {line.lineNumber}</th>
              <td>{order.supplier.name}</td>
              <td>{line.quantity} {unit}</td>
              <td>{formatDate(line.requestedDate)}</td>
              <td class="wrap">{line.remainingSchedule.length ? line.remainingSchedule.map((s) => `${s.quantity} ${unit} on ${formatDate(s.deliveryDate)}`).join(', ') : line.status === 'OPEN' ? 'not confirmed yet' : '—'}</td>
              <td>{line.inTransitQuantity} {unit}</td>
              <td>{line.receivedQuantity} {unit}</td>
              <td>{line.status.replace(/_/g, ' ').toLowerCase()}{line.slipped && <> <span class="badge overdue">Slipped</span></>}</td>
              <td>
                {line.slipped && !props.proposedLines.has(line.id) ? (
                  <button type="button" class="secondary" onClick={() => props.onPropose(line.id)}>Propose reallocation<span class="visually-hidden"> for {order.number} line {line.lineNumber}</span></button>
                ) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One item at one location: its risk, projected stock, inbound lines and their promises, and reallocation proposals to act on. */
export function RiskPage(props: { itemId: string; locationId: string; version: number; role: Role }) {
  const [data, setData] = useState<RiskData | null>(null);
  const [proposals, setProposals] = useState<PortalProposalFragment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [note, setNote] = useState('');
  useLoadEffect((fresh) => {
    request(PortalRiskDocument, { itemId: props.itemId, locationId: props.locationId })
      .then((found) => fresh() && setData(found))
      .catch((e: Error) => fresh() && setError(e.message));
    allProposals(props.itemId, props.locationId)
      .then((found) => fresh() && setProposals(found))
      .catch((e: Error) => fresh() && setError(e.message));
  }, [props.itemId, props.locationId, props.version, reload]);
  useEffect(() => {
    document.getElementById('risk-title')?.focus();
  }, [data !== null]);
  const changed = () => setReload((n) => n + 1);
  const propose = async (lineId: string) => {
    try {
      await request(PortalProposeReallocationDocument, { lineId });
      setError(null);
      setNote('A new proposal was made from the line as it is now.');
      changed();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  if (error && !data) return <p role="alert" class="error">{error}</p>;
  if (!data) return <p aria-busy="true">Loading the risk…</p>;
  const risk = data.shortageRisks.edges[0]?.node;
  if (!risk) return <p role="alert">No such item at this location. <a href={href('risks')}>Back to the risks</a></p>;
  const unit = risk.item.unitOfMeasure;
  const lineIds = new Set(data.purchaseOrders.edges.flatMap((e) => e.node.lines.filter((l) => l.item.id === props.itemId).map((l) => l.id)));
  const mine = (proposals ?? []).filter((p) => lineIds.has(p.sourceLine.id) && p.sourceLine.purchaseOrder.shipTo.id === props.locationId);
  const open = mine.filter((p) => p.status === 'PROPOSED');
  const decided = mine.filter((p) => p.status !== 'PROPOSED');
  return (
    <article aria-labelledby="risk-title">
      <p><a href={href('risks')}>← All risks</a></p>
      <div class="page-head">
        <h2 id="risk-title" tabIndex={-1}>{risk.item.sku} {risk.item.name} at {risk.location.code}</h2>
        <span class={`badge ${risk.level.toLowerCase()}`}>{risk.level.replace('_', ' ')}</span>
      </div>
      <dl class="facts">
        <div><dt>Available now</dt><dd>{risk.availableNow} {unit}</dd></div>
        <div><dt>Safety stock</dt><dd>{risk.safetyStock} {unit}</dd></div>
        <div><dt>Runs out</dt><dd>{formatDate(risk.projectedStockoutDate)}</dd></div>
        <div><dt>Short</dt><dd>{risk.shortageQuantity} {unit}</dd></div>
        <div><dt>Days of cover</dt><dd>{risk.daysOfCover}</dd></div>
        <div><dt>Revenue at risk</dt><dd>{formatMoney(risk.revenueAtRisk)}</dd></div>
        <div><dt>Computed</dt><dd>{formatDateTime(risk.computedAt)}</dd></div>
      </dl>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="panel">
        <ProjectionChart days={data.projectedInventory} safetyStock={risk.safetyStock} unit={unit} title={`Projected stock of ${risk.item.sku} at ${risk.location.code}`} />
      </div>
      {riskPanels.map((Panel, i) => <div class="panel" key={i}><Panel itemId={props.itemId} locationId={props.locationId} risk={risk} role={props.role} /></div>)}
      <h3>Inbound order lines and their promises</h3>
      <InboundLines orders={data.purchaseOrders.edges.map((e) => e.node)} itemId={props.itemId} unit={unit} proposedLines={new Set(open.map((p) => p.sourceLine.id))} onPropose={propose} />
      <h3>Reallocation proposals</h3>
      <p role="status" class="status-note" data-testid="proposal-note">{note}</p>
      {proposals === null && <p aria-busy="true">Loading proposals…</p>}
      {proposals !== null && mine.length === 0 && <p class="empty">No proposal for these lines. A slipped line gets one from the backup-supplier selector; ask for one with Propose reallocation.</p>}
      {open.map((p) => <Proposal key={p.id} proposal={p} unit={unit} onDone={(n) => { setNote(n); changed(); }} onPropose={propose} />)}
      {decided.length > 0 && (
        <details>
          <summary>Earlier proposals ({decided.length})</summary>
          {decided.map((p) => <Proposal key={p.id} proposal={p} unit={unit} onDone={(n) => { setNote(n); changed(); }} onPropose={propose} />)}
        </details>
      )}
    </article>
  );
}
