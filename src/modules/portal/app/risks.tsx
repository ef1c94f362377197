import { useEffect, useMemo, useState } from 'preact/hooks';
import { request, useLoadEffect } from './api';
import { formatDate } from './dates';
import { CURRENCY, formatMoney, matchesSearch } from './fields';
import { PortalFilterChoicesDocument, PortalRiskListDocument, type PortalFilterChoicesQuery, type PortalRiskListQuery, type RiskLevel } from './generated/graphql';
import { href } from './router';

type Risk = PortalRiskListQuery['shortageRisks']['edges'][number]['node'];

/** The level choices: the default hides OK positions. */
const LEVELS: Record<string, { label: string; levels: RiskLevel[] | null }> = {
  problems: { label: 'Stockout and at risk', levels: ['STOCKOUT', 'AT_RISK'] },
  STOCKOUT: { label: 'Stockout', levels: ['STOCKOUT'] },
  AT_RISK: { label: 'At risk', levels: ['AT_RISK'] },
  OK: { label: 'OK', levels: ['OK'] },
  all: { label: 'All, OK included', levels: null },
};

/** Every risk the filter matches, every page. */
async function allRisks(levels: RiskLevel[] | null, locationId: string, supplierId: string): Promise<Risk[]> {
  const risks: Risk[] = [];
  let after: string | null = null;
  do {
    const { shortageRisks }: PortalRiskListQuery = await request(PortalRiskListDocument, {
      filter: { levels, locationId: locationId || null, supplierId: supplierId || null },
      after,
    });
    risks.push(...shortageRisks.edges.map((e) => e.node));
    after = shortageRisks.pageInfo.hasNextPage ? shortageRisks.pageInfo.endCursor ?? null : null;
  } while (after);
  return risks;
}

/** The buyer's shortage risks, most urgent first, OK ones hidden unless asked for; each opens its risk page. */
export function RiskList() {
  const [level, setLevel] = useState('problems');
  const [locationId, setLocationId] = useState('');
  const [supplierId, setSupplierId] = useState('');
  const [search, setSearch] = useState('');
  const [risks, setRisks] = useState<Risk[] | null>(null);
  const [choices, setChoices] = useState<PortalFilterChoicesQuery | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    request(PortalFilterChoicesDocument).then(setChoices).catch((e: Error) => setError(e.message));
  }, []);
  useLoadEffect((fresh) => {
    setRisks(null);
    allRisks(LEVELS[level].levels, locationId, supplierId)
      .then((found) => fresh() && setRisks(found))
      .catch((e: Error) => fresh() && setError(e.message));
  }, [level, locationId, supplierId]);
  const shown = useMemo(() => (risks ?? []).filter((r) => matchesSearch(r, search)), [risks, search]);
  const suppliers = choices ? [...new Map(choices.partnerships.map((p) => [p.supplier.id, p.supplier])).values()].sort((a, b) => a.name.localeCompare(b.name)) : [];

  return (
    <section aria-labelledby="risks-title">
      <h2 id="risks-title">Shortage risk</h2>
      <form class="filters" role="search" aria-label="Filter shortage risks" onSubmit={(e) => e.preventDefault()}>
        <label>Level
          <select value={level} onChange={(e) => setLevel((e.target as HTMLSelectElement).value)}>
            {Object.entries(LEVELS).map(([key, l]) => <option key={key} value={key}>{l.label}</option>)}
          </select>
        </label>
        <label>Location
          <select value={locationId} onChange={(e) => setLocationId((e.target as HTMLSelectElement).value)}>
            <option value="">All locations</option>
            {(choices?.locations ?? []).map((l) => <option key={l.id} value={l.id}>{l.code} {l.name}</option>)}
          </select>
        </label>
        <label>Supplier
          <select value={supplierId} onChange={(e) => setSupplierId((e.target as HTMLSelectElement).value)}>
            <option value="">Any supplier</option>
            {suppliers.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label>Search<input type="search" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} placeholder="SKU, item or location" /></label>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
      <p class="hint">Most urgent first: stockouts, then the earliest stockout, then the largest revenue at risk.</p>
      <p role="status" aria-live="polite" data-testid="risk-count">{risks ? `${shown.length} of ${risks.length} position(s)` : 'Loading shortage risks…'}</p>
      {risks && shown.length > 0 && (
        <div class="scroll" tabIndex={0} role="region" aria-label="Shortage risks table">
          <table class="risks">
            <caption class="visually-hidden">Shortage risks</caption>
            <thead>
              <tr><th scope="col">Item</th><th scope="col">Level</th><th scope="col">Location</th><th scope="col">Runs out</th><th scope="col">Short</th><th scope="col">Revenue at risk ({CURRENCY})</th></tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={`${r.item.id}/${r.location.id}`}>
                  <th scope="row"><a href={href('risks', r.item.id, r.location.id)}>{r.item.sku} <span class="muted">{r.item.name}</span></a></th>
                  <td><span class={`badge ${r.level.toLowerCase()}`}>{r.level.replace('_', ' ')}</span></td>
                  <td>{r.location.code}</td>
                  <td>{formatDate(r.projectedStockoutDate)}</td>
                  <td>{r.shortageQuantity ? `${r.shortageQuantity} ${r.item.unitOfMeasure}` : '—'}</td>
                  <td>{formatMoney(r.revenueAtRisk)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {risks && shown.length === 0 && <p class="empty">No position matches.</p>}
    </section>
  );
}
