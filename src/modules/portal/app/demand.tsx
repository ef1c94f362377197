import { useState } from 'preact/hooks';
import { ApiFailure, request, useLoadEffect } from './api';
import { addDays, today } from './dates';
import { fallbackNote, formatRate, holdoutMissing, publishedText, windowCheck } from './fields';
import {
  PortalForecastAccuracyDocument,
  PortalGenerateForecastDocument,
  PortalPreviewForecastDocument,
  type ForecastMethod,
  type KpiGroup,
  type PortalForecastAccuracyQuery,
  type PortalGenerateForecastMutation,
  type PortalPreviewForecastQuery,
} from './generated/graphql';

type Preview = PortalPreviewForecastQuery['previewForecast'];
type Accuracy = PortalForecastAccuracyQuery['forecastAccuracy'][number];
type Week = { periodStart: string; quantity: number };

const METHODS: ForecastMethod[] = ['AUTO', 'SES', 'HOLT', 'CROSTON', 'SEASONAL_NAIVE'];
const METHOD_LABEL: Record<ForecastMethod, string> = {
  AUTO: 'Auto (best on the last 4 weeks)',
  SES: 'Simple exponential smoothing',
  HOLT: 'Holt (trend)',
  CROSTON: 'Croston SBA (intermittent)',
  SEASONAL_NAIVE: 'Seasonal naive (a year ago)',
};

const messageOf = (e: unknown) => (e instanceof ApiFailure ? e.errors.map((x) => x.message).join('; ') : e instanceof Error ? e.message : String(e));

/**
 * Weekly sales beside the forecast in one SVG chart (the approach of
 * chart.tsx): history as bars, the forecast as a line after a divider at today.
 */
export function DemandChart(props: { history: Week[]; forecast: Week[]; title: string }) {
  const { history, forecast } = props;
  const weeks = [...history, ...forecast];
  const width = 640;
  const height = 220;
  const pad = { left: 44, right: 12, top: 12, bottom: 28 };
  const max = Math.max(1, ...weeks.map((w) => w.quantity));
  const slot = (width - pad.left - pad.right) / Math.max(1, weeks.length);
  const x = (i: number) => pad.left + i * slot;
  const y = (v: number) => pad.top + ((max - v) / max) * (height - pad.top - pad.bottom);
  const line = forecast.map((w, k) => `${k === 0 ? 'M' : 'L'}${(x(history.length + k) + slot / 2).toFixed(1)},${y(w.quantity).toFixed(1)}`).join(' ');
  const split = x(history.length);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title} data-testid="demand-chart">
        <title>{props.title}</title>
        {[0, max].map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} class={v === 0 ? 'axis zero' : 'axis'} />
            <text x={pad.left - 6} y={y(v) + 4} text-anchor="end">{v}</text>
          </g>
        ))}
        {history.map((w, i) => (
          <rect key={w.periodStart} class="bar history" x={x(i) + slot * 0.1} width={slot * 0.8} y={y(w.quantity)} height={y(0) - y(w.quantity)}>
            <title>{`Week of ${w.periodStart}: ${w.quantity} sold`}</title>
          </rect>
        ))}
        <line x1={split} x2={split} y1={pad.top} y2={height - pad.bottom} class="axis today" />
        {forecast.length > 0 && <path d={line} class="forecast" />}
        {weeks.length > 0 && (
          <>
            <text x={pad.left} y={height - 8}>{weeks[0].periodStart}</text>
            <text x={width - pad.right} y={height - 8} text-anchor="end">{weeks[weeks.length - 1].periodStart}</text>
          </>
        )}
      </svg>
      <figcaption>
        Units per week: <span class="legend history">sold (bars)</span>, <span class="legend forecast">forecast (line, from today)</span>.
      </figcaption>
    </figure>
  );
}

/**
 * Demand of one item x location: its weekly sales beside the baseline
 * forecast, the method (and when an explicit one fell back to SES, that it
 * did) and its holdout WAPE; "Generate baseline" previews a method and, for
 * users who may publish (mayPublish: PLANNER, ADMIN), publishes it (for this
 * item x location, or every series with history) only when asked; and
 * forecast accuracy by supplier, item or location.
 */
export function DemandPanel(props: { itemId: string; locationId: string; label: string; mayPublish: boolean }) {
  const [method, setMethod] = useState<ForecastMethod>('AUTO');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [everySeries, setEverySeries] = useState(false);
  const [published, setPublished] = useState<PortalGenerateForecastMutation['generateForecast'] | null>(null);
  const [publishError, setPublishError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useLoadEffect((fresh) => {
    setPreview(null);
    setPreviewError(null);
    setPublished(null);
    request(PortalPreviewForecastDocument, { itemId: props.itemId, locationId: props.locationId, horizonWeeks: 8, method })
      .then((data) => fresh() && setPreview(data.previewForecast))
      .catch((e) => fresh() && setPreviewError(messageOf(e)));
  }, [props.itemId, props.locationId, method]);

  const publish = async () => {
    setBusy(true);
    setPublishError(null);
    try {
      const input = everySeries ? { horizonWeeks: 8, method } : { horizonWeeks: 8, method, itemIds: [props.itemId], locationIds: [props.locationId] };
      setPublished((await request(PortalGenerateForecastDocument, { input })).generateForecast);
    } catch (e) {
      setPublishError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const fellBack = preview ? fallbackNote(method, preview.method) : null;
  return (
    <section aria-labelledby="demand-title" class="panel" data-testid="demand-panel">
      <h3 id="demand-title">Demand of {props.label}</h3>
      {previewError && <p role="alert" class="error">{previewError}</p>}
      {!preview && !previewError && <p aria-busy="true">Loading sales history…</p>}
      {preview && (
        <>
          <DemandChart history={preview.history} forecast={preview.forecast} title={`Weekly sales and baseline forecast of ${props.label}`} />
          <p data-testid="demand-method">
            Method: <strong>{preview.method}</strong>
            {fellBack && <> ({fellBack})</>}
            {' · '}holdout WAPE {preview.holdoutWape === null ? `— (${holdoutMissing(preview.method, preview.history.length)})` : formatRate(preview.holdoutWape)}
            {' · '}{preview.history.length} weeks of history
          </p>
        </>
      )}
      <fieldset class="generate">
        <legend>{props.mayPublish ? 'Generate baseline' : 'Baseline method'}</legend>
        <label>
          Method{' '}
          <select value={method} onChange={(e) => setMethod((e.target as HTMLSelectElement).value as ForecastMethod)}>
            {METHODS.map((m) => <option key={m} value={m}>{METHOD_LABEL[m]}</option>)}
          </select>
        </label>
        {props.mayPublish ? (
          <>
            <label>
              <input type="checkbox" checked={everySeries} onChange={(e) => setEverySeries((e.target as HTMLInputElement).checked)} />
              {' '}for every item x location with sales history (not only this one)
            </label>
            <p class="hint">The chart above is the preview: nothing is published until you press the button. The new version replaces only the series it covers (LISTED).</p>
            <button type="button" onClick={publish} disabled={busy || !preview}>Publish the baseline (8 weeks)</button>
            {publishError && <p role="alert" class="error">{publishError}</p>}
            {published && <p role="status" data-testid="demand-published">{publishedText(published)}</p>}
          </>
        ) : (
          <p class="hint" data-testid="demand-publish-note">The chart above previews the method. Publishing a forecast is for planners and admins.</p>
        )}
      </fieldset>
      <AccuracyTable />
    </section>
  );
}

/** forecastAccuracy over a window, by supplier, item or location. */
export function AccuracyTable() {
  const [from, setFrom] = useState(addDays(today(), -28));
  const [to, setTo] = useState(addDays(today(), -1));
  const [groupBy, setGroupBy] = useState<KpiGroup>('ITEM');
  const [rows, setRows] = useState<Accuracy[] | null>(null);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);

  // One answer per window and grouping: a slower answer to an earlier choice never lands (useLoadEffect), and rows of an
  // earlier window never stay beside the error of this one.
  useLoadEffect((fresh) => {
    setRows(null);
    const problem = windowCheck(from, to);
    if (problem) {
      setError({ field: problem.field, message: problem.problem });
      return;
    }
    setError(null);
    request(PortalForecastAccuracyDocument, { from, to, groupBy })
      .then((data) => fresh() && setRows(data.forecastAccuracy))
      .catch((e) => fresh() && setError(e instanceof ApiFailure ? { field: e.errors[0]?.field, message: messageOf(e) } : { message: messageOf(e) }));
  }, [from, to, groupBy]);

  const fieldError = (field: string) => (error?.field === field ? <span class="field-error" id={`accuracy-${field}-error`}>{error.message}</span> : null);
  return (
    <div class="accuracy" data-testid="forecast-accuracy">
      <h4>Forecast accuracy</h4>
      <p class="hint">
        WAPE: how far the forecast was from what sold, as a share of what sold (0% is perfect). Bias: above 0 the forecast was too high, below too low.
        Each day is measured against the forecast that was newest when the day began.
      </p>
      <div class="filters">
        <label>From <input type="date" value={from} aria-describedby={error?.field === 'from' ? 'accuracy-from-error' : undefined} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
        {fieldError('from')}
        <label>To <input type="date" value={to} aria-describedby={error?.field === 'to' ? 'accuracy-to-error' : undefined} onChange={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
        {fieldError('to')}
        <label>
          By{' '}
          <select value={groupBy} onChange={(e) => setGroupBy((e.target as HTMLSelectElement).value as KpiGroup)}>
            <option value="SUPPLIER">supplier</option>
            <option value="ITEM">item</option>
            <option value="LOCATION">location</option>
          </select>
        </label>
      </div>
      {error && !error.field && <p role="alert" class="error">{error.message}</p>}
      {!rows && !error && <p aria-busy="true">Loading accuracy…</p>}
      {rows && (
        <div class="scroll" tabIndex={0} role="region" aria-label="Forecast accuracy table">
          <table>
            <caption class="visually-hidden">Forecast accuracy from {from} to {to}</caption>
            <thead>
              <tr><th scope="col">{groupBy.toLowerCase()}</th><th scope="col">WAPE</th><th scope="col">Bias</th><th scope="col">Days</th><th scope="col">Sold</th><th scope="col">Forecast</th></tr>
            </thead>
            <tbody>
              {rows.length === 0 && <tr><td colSpan={6} class="empty">No sales in this window.</td></tr>}
              {rows.map((r) => (
                <tr key={r.key}>
                  <td>{r.label}</td>
                  <td>{formatRate(r.wape)}</td>
                  <td>{r.bias === null ? '—' : `${r.bias > 0 ? '+' : ''}${formatRate(r.bias)}`}</td>
                  <td>{r.days}</td>
                  <td>{r.actualQuantity}</td>
                  <td>{r.forecastQuantity}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
