import { useMemo, useState } from 'preact/hooks';
import { ApiFailure, request, useLoadEffect } from './api';
import { formatDate } from './dates';
import { commitCheck, commitFloor, linesField } from './fields';
import {
  PortalCommitForecastDocument,
  PortalCommitRulesDocument,
  PortalForecastCommitsDocument,
  type PortalCommitRulesQuery,
  type PortalForecastCommitsQuery,
} from './generated/graphql';

type CommitRow = PortalForecastCommitsQuery['forecastCommits']['edges'][number]['node'];
type Rules = PortalCommitRulesQuery['partnerships'][number]['rules'];

/** Every forecast line beside the supplier's commit (pages of 500, read to the end). */
async function commitRows(): Promise<CommitRow[]> {
  const rows: CommitRow[] = [];
  let after: string | null = null;
  do {
    const { forecastCommits }: PortalForecastCommitsQuery = await request(PortalForecastCommitsDocument, { after });
    rows.push(...forecastCommits.edges.map((edge) => edge.node));
    after = forecastCommits.pageInfo.hasNextPage ? forecastCommits.pageInfo.endCursor ?? null : null;
  } while (after);
  return rows;
}

/** One retailer's newest version as a grid: item x location rows, one column per period start. */
interface Grid {
  retailer: { id: string; name: string };
  version: number;
  periods: string[];
  rows: { key: string; sku: string; name: string; code: string; cells: Map<string, CommitRow> }[];
}

function grids(rows: CommitRow[]): Grid[] {
  const byRetailer = new Map<string, Grid>();
  for (const row of rows) {
    const grid = byRetailer.get(row.retailer.id) ?? { retailer: row.retailer, version: row.forecastVersion, periods: [], rows: [] };
    byRetailer.set(row.retailer.id, grid);
    if (!grid.periods.includes(row.periodStart)) grid.periods.push(row.periodStart);
    const key = `${row.item.id}/${row.location.id}`;
    let line = grid.rows.find((r) => r.key === key);
    if (!line) {
      line = { key, sku: row.item.sku, name: row.item.name, code: row.location.code, cells: new Map() };
      grid.rows.push(line);
    }
    line.cells.set(row.periodStart, row);
  }
  for (const grid of byRetailer.values()) {
    grid.periods.sort();
    grid.rows.sort((a, b) => a.sku.localeCompare(b.sku) || a.code.localeCompare(b.code));
  }
  return [...byRetailer.values()].sort((a, b) => a.retailer.name.localeCompare(b.retailer.name));
}

const DEFAULT_RULES: Rules = { commitTolerancePercent: 10, commitDueDays: 3 };

/** One retailer's forecast, each period with the supplier's commit field; exceptions show as the supplier types, before sending. */
/** A cell's key across reloads: its item, location and period (an id may change once the first commit is stored). */
const cellKey = (cell: CommitRow) => `${cell.item.id}/${cell.location.id}/${cell.periodStart}`;

function CommitGrid(props: { grid: Grid; rules: Rules; onSent: () => void }) {
  const { grid, rules } = props;
  const tolerance = rules.commitTolerancePercent;
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const cells = grid.rows.flatMap((r) => [...r.cells.values()]);
  const shown = (cell: CommitRow) => drafts[cellKey(cell)] ?? (cell.committedQuantity === null || cell.committedQuantity === undefined ? '' : String(cell.committedQuantity));
  const changed = cells.filter((cell) => drafts[cellKey(cell)] !== undefined && drafts[cellKey(cell)].trim() !== '' && drafts[cellKey(cell)] !== String(cell.committedQuantity ?? ''));
  const checks = new Map(cells.map((cell) => [cellKey(cell), commitCheck(shown(cell), cell.forecastQuantity, tolerance)]));
  const problems = changed.filter((cell) => checks.get(cellKey(cell))!.problem);
  const newlyShort = changed.filter((cell) => checks.get(cellKey(cell))!.short);

  const edit = (id: string, value: string) => {
    setSent(null);
    setServerErrors(({ [id]: _gone, ...rest }) => rest);
    setDrafts((d) => ({ ...d, [id]: value }));
  };
  const fillWithForecast = () => {
    setSent(null);
    setDrafts((d) => {
      const next = { ...d };
      for (const cell of cells) if (cell.committedQuantity === null && next[cellKey(cell)] === undefined) next[cellKey(cell)] = String(cell.forecastQuantity);
      return next;
    });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (changed.length === 0 || problems.length) return;
    setSending(true);
    setFormError(null);
    const lines = changed.map((cell) => ({ itemId: cell.item.id, locationId: cell.location.id, periodStart: cell.periodStart, quantity: Number(shown(cell)) }));
    try {
      const { commitForecast } = await request(PortalCommitForecastDocument, { input: { retailerId: grid.retailer.id, forecastVersion: grid.version, lines } });
      const exceptions = commitForecast.filter((c) => c.exception).length;
      setDrafts({});
      setSent(`Sent ${commitForecast.length} commit(s)${exceptions ? `; ${exceptions} below the tolerance, reported to ${grid.retailer.name}` : ''}.`);
      props.onSent();
    } catch (err) {
      const errors: Record<string, string> = {};
      let general: string | null = null;
      for (const e of err instanceof ApiFailure ? err.errors : [{ message: (err as Error).message, field: undefined }]) {
        const { row } = linesField(e.field);
        if (row !== null && changed[row]) errors[cellKey(changed[row])] = e.message;
        else general = e.message;
      }
      setServerErrors(errors);
      setFormError(general);
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="commits" onSubmit={submit} noValidate aria-labelledby={`commit-${grid.retailer.id}`} data-retailer-id={grid.retailer.id}>
      <h3 id={`commit-${grid.retailer.id}`}>
        {grid.retailer.name} <span class="muted">forecast version {grid.version} · tolerance {tolerance}% · commits due {rules.commitDueDays} day(s) after publication</span>
      </h3>
      <div class="scroll" tabIndex={0} role="region" aria-label="Commit grid">
        <table>
          <thead>
            <tr>
              <th scope="col">Item at location</th>
              {grid.periods.map((p) => <th scope="col" key={p}>From {formatDate(p)}</th>)}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.sku} <span class="muted">at {row.code}</span></th>
                {grid.periods.map((period) => {
                  const cell = row.cells.get(period);
                  if (!cell) return <td key={period} class="muted">—</td>;
                  const check = checks.get(cellKey(cell))!;
                  const error = serverErrors[cellKey(cell)] ?? check.problem;
                  const stored = drafts[cellKey(cell)] === undefined;
                  const note = error
                    ?? (check.short ? `Exception: below ${commitFloor(cell.forecastQuantity, tolerance)}`
                      : stored && cell.exception ? (cell.committedQuantity === null ? 'Exception: no commit yet' : 'Exception')
                        : stored && cell.committedQuantity !== null ? 'Committed' : '');
                  const short = check.short || (stored && cell.exception);
                  return (
                    <td key={period} class={`commit-cell${short ? ' short' : ''}`} data-commit-id={cell.id}>
                      <span class="forecast">Forecast {cell.forecastQuantity}</span>
                      <input type="number" min={0} inputMode="numeric" value={shown(cell)}
                        aria-label={`${row.sku} at ${row.code}, from ${cell.periodStart} (${cell.periodDays} days): your commit against a forecast of ${cell.forecastQuantity}`}
                        aria-invalid={Boolean(error)} aria-describedby={`n-${cell.id}`}
                        onInput={(e) => edit(cellKey(cell), (e.target as HTMLInputElement).value)} />
                      <span id={`n-${cell.id}`} class={`cell-note${error ? ' field-error' : ''}`}>{note}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="commit-summary" aria-live="polite" data-testid={`commit-summary-${grid.retailer.id}`}>
        {changed.length === 0
          ? 'No changes to send.'
          : `${changed.length} commit(s) to send${newlyShort.length ? `; ${newlyShort.length} below the ${tolerance}% tolerance: ${grid.retailer.name} will see ${newlyShort.length === 1 ? 'it' : 'them'} as exceptions` : ''}.`}
      </p>
      {formError && <p class="field-error" role="alert">{formError}</p>}
      {sent && <p role="status">{sent}</p>}
      <div class="actions">
        <button type="button" class="secondary" onClick={fillWithForecast}>Fill the empty ones with the forecast</button>
        <button type="submit" disabled={sending || changed.length === 0 || problems.length > 0}>{sending ? 'Sending…' : 'Send commits'}</button>
      </div>
    </form>
  );
}

/**
 * The supplier's commits against each retailer's newest forecast (CPFR):
 * a quantity per forecast line; a commit below forecast x (1 - tolerance)
 * is marked as an exception while it is typed, before it is sent.
 */
export function ForecastCommits(props: { version: number }) {
  const [rows, setRows] = useState<CommitRow[] | null>(null);
  const [rules, setRules] = useState<Map<string, Rules>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useLoadEffect((fresh) => {
    Promise.all([commitRows(), request(PortalCommitRulesDocument, {})])
      .then(([list, { partnerships }]) => {
        if (!fresh()) return;
        setRules(new Map(partnerships.filter((p) => p.status === 'ACTIVE').map((p) => [p.retailer.id, p.rules])));
        setRows(list);
      })
      .catch((e: Error) => fresh() && setError(e.message));
  }, [props.version, reload]);
  const byRetailer = useMemo(() => (rows ? grids(rows) : null), [rows]);
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!byRetailer) return <p aria-busy="true">Loading forecast commits…</p>;
  return (
    <section aria-labelledby="commits-title">
      <h2 id="commits-title">Commit to the forecast</h2>
      <p class="muted">
        Say how much you will supply for each forecast period. A commit below the forecast less the agreed tolerance is reported to your customer
        as an exception, once per period; so is a period left without a commit when it is due.
      </p>
      {byRetailer.length === 0 && <p class="empty">No forecast waits for your commit.</p>}
      {byRetailer.map((grid) => (
        <CommitGrid key={`${grid.retailer.id}/${grid.version}`} grid={grid} rules={rules.get(grid.retailer.id) ?? DEFAULT_RULES} onSent={() => setReload((n) => n + 1)} />
      ))}
    </section>
  );
}
