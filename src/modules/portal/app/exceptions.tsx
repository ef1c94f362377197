import { useState } from 'preact/hooks';
import { request, useLoadEffect } from './api';
import { addDays } from './dates';
import { PortalCommitExceptionsDocument, type PortalCommitExceptionsQuery } from './generated/graphql';

/** A supplier outage to try in the what-if: the supplier over the period of an exception. */
export interface OutagePreset {
  supplierId: string;
  from: string;
  to: string;
}

type Exception = PortalCommitExceptionsQuery['forecastCommits']['edges'][number]['node'];

/**
 * The buyer's forecast commit exceptions (`forecastCommits(exceptionsOnly:
 * true)`, its newest forecast version): a supplier's commit short of the
 * forecast less the partnership's tolerance, or no commit when it was due.
 */
export function CommitExceptions(props: { version: number; onWhatIf?: (outage: OutagePreset) => void }) {
  const [rows, setRows] = useState<Exception[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useLoadEffect((fresh) => {
    request(PortalCommitExceptionsDocument)
      .then(({ forecastCommits }) => {
        if (!fresh()) return;
        setRows(forecastCommits.edges.map((e) => e.node));
        setMore(forecastCommits.pageInfo.hasNextPage);
      })
      .catch((e: Error) => fresh() && setError(e.message));
  }, [props.version]);
  return (
    <section aria-labelledby="exceptions-title">
      <h2 id="exceptions-title">Commit exceptions {rows && <span class="count" data-testid="exception-count">{rows.length}{more ? '+' : ''}</span>}</h2>
      <p class="hint">Forecast periods where a supplier committed less than the forecast less the agreed tolerance, or did not commit when it was due.</p>
      {error && <p role="alert" class="error">{error}</p>}
      {!rows && !error && <p aria-busy="true">Loading commit exceptions…</p>}
      {rows && rows.length === 0 && <p class="empty">No commit exceptions: every supplier committed to your forecast.</p>}
      {rows && rows.length > 0 && (
        <div class="scroll" tabIndex={0} role="region" aria-label="Commit exceptions table">
          <table class="exceptions">
            <caption class="visually-hidden">Commit exceptions</caption>
            <thead>
              <tr><th scope="col">Supplier</th><th scope="col">Item</th><th scope="col">Location</th><th scope="col">Period</th><th scope="col">Forecast</th><th scope="col">Commit</th><th scope="col">Short by</th>{props.onWhatIf && <th scope="col"><span class="visually-hidden">What if</span></th>}</tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-commit-id={r.id}>
                  <td>{r.supplier.name}</td>
                  <td>{r.item.sku} <span class="muted">{r.item.name}</span></td>
                  <td>{r.location.code}</td>
                  <td>{r.periodStart} to {addDays(r.periodStart, r.periodDays - 1)} <span class="muted">(v{r.forecastVersion})</span></td>
                  <td>{r.forecastQuantity} {r.item.unitOfMeasure}</td>
                  <td>{r.committedQuantity === null || r.committedQuantity === undefined ? <span class="muted">none yet</span> : `${r.committedQuantity} ${r.item.unitOfMeasure}`}</td>
                  <td>{r.forecastQuantity - (r.committedQuantity ?? 0)} {r.item.unitOfMeasure}</td>
                  {props.onWhatIf && (
                    <td>
                      <button type="button" class="link" onClick={() => props.onWhatIf!({ supplierId: r.supplier.id, from: r.periodStart, to: addDays(r.periodStart, r.periodDays - 1) })}
                        aria-label={`What if ${r.supplier.name} delivers nothing from ${r.periodStart} to ${addDays(r.periodStart, r.periodDays - 1)}`}>
                        What if…
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && <p class="hint">Showing the first 100.</p>}
    </section>
  );
}
