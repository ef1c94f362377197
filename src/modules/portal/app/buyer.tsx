import { useEffect, useState } from 'preact/hooks';
import { request } from './api';
import { ProjectionChart } from './chart';
import { formatMoney } from './fields';
import { BuyerChanges } from './changes';
import { PortalProjectionDocument, PortalRisksDocument, type PortalProjectionQuery, type PortalRisksQuery } from './generated/graphql';

type Risk = PortalRisksQuery['shortageRisks']['edges'][number]['node'];

/** Read-only shortage risks of the buyer's company, most urgent first, with the chart of the selected one. */
export function RiskPage() {
  const [risks, setRisks] = useState<Risk[] | null>(null);
  const [selected, setSelected] = useState<Risk | null>(null);
  const [days, setDays] = useState<PortalProjectionQuery['projectedInventory'] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    request(PortalRisksDocument)
      .then((data) => {
        const list = data.shortageRisks.edges.map((e) => e.node);
        setRisks(list);
        setSelected(list[0] ?? null);
      })
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    if (!selected) return;
    setDays(null);
    request(PortalProjectionDocument, { itemId: selected.item.id, locationId: selected.location.id })
      .then((data) => setDays(data.projectedInventory))
      .catch((e: Error) => setError(e.message));
  }, [selected]);

  if (error) return <p role="alert" class="error">{error}</p>;
  if (!risks) return <p aria-busy="true">Loading shortage risks…</p>;
  return (
    <>
    <BuyerChanges />
    <section aria-labelledby="risks-title">
      <h2 id="risks-title">Shortage risk</h2>
      <p class="hint">Ordered as the API orders them: stockouts first, then the earliest stockout, then the largest revenue at risk.</p>
      {selected && (
        <div class="panel">
          <h3>{selected.item.sku} {selected.item.name} at {selected.location.code}</h3>
          {days ? <ProjectionChart days={days} safetyStock={selected.safetyStock} title={`Projected stock of ${selected.item.sku} at ${selected.location.code}`} /> : <p aria-busy="true">Loading chart…</p>}
        </div>
      )}
      <div class="scroll">
      <table class="risks">
        <caption class="visually-hidden">Shortage risks</caption>
        <thead>
          <tr><th scope="col">Item</th><th scope="col">Location</th><th scope="col">Level</th><th scope="col">Runs out</th><th scope="col">Short</th><th scope="col">Revenue at risk</th></tr>
        </thead>
        <tbody>
          {risks.map((r) => (
            <tr key={`${r.item.id}/${r.location.id}`} class={selected === r ? 'selected' : ''}>
              <td>
                <button type="button" class="link" aria-pressed={selected === r} onClick={() => setSelected(r)}>
                  {r.item.sku} <span class="muted">{r.item.name}</span>
                </button>
              </td>
              <td>{r.location.code}</td>
              <td><span class={`badge ${r.level.toLowerCase()}`}>{r.level.replace('_', ' ')}</span></td>
              <td>{r.projectedStockoutDate ?? '—'}</td>
              <td>{r.shortageQuantity || '—'}</td>
              <td>{formatMoney(r.revenueAtRisk)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
    </>
  );
}
