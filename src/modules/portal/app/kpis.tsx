import { useState } from 'preact/hooks';
import { ApiFailure, request, useLoadEffect } from './api';
import { addDays, today } from './dates';
import { formatMoney, formatRate, windowCheck } from './fields';
import { PortalKpisDocument, type PortalKpisQuery } from './generated/graphql';

type Kpi = PortalKpisQuery['kpis'][number];
type TrendDay = PortalKpisQuery['riskTrend'][number];

/** The window's field errors: the API's (extensions.field "from" or "to") or the form's own check. */
type WindowErrors = { from?: string; to?: string; general?: string };

function Tile(props: { label: string; value: string; detail: string; testId: string }) {
  return (
    <div class="tile" data-testid={props.testId}>
      <dt>{props.label}</dt>
      <dd>
        <span class="tile-value">{props.value}</span>
        <span class="tile-detail">{props.detail}</span>
      </dd>
    </div>
  );
}

/** Rounded-up axis top: 7 -> 8, 13 -> 15, 0 -> 1 (so a flat zero trend still draws). */
function axisTop(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

/**
 * The risk trend as two charts (STOCKOUT and AT_RISK positions per day,
 * stacked; revenue at risk per day). The plot is an SVG stretched to the
 * width; its labels are HTML text, so they stay readable at 375 px.
 */
export function TrendChart(props: { days: TrendDay[] }) {
  const { days } = props;
  if (days.length === 0) return <p class="empty">No risk snapshots in this window.</p>;
  const n = days.length;
  const countTop = axisTop(Math.max(...days.map((d) => d.stockoutPositions + d.atRiskPositions)));
  const revenue = days.map((d) => Number(d.revenueAtRisk));
  const moneyTop = axisTop(Math.max(...revenue));
  const barWidth = 100 / n;
  const first = days[0].date;
  const last = days[n - 1].date;
  const line = revenue.map((v, i) => `${i === 0 ? 'M' : 'L'}${((i + 0.5) * barWidth).toFixed(2)},${(100 - (v / moneyTop) * 100).toFixed(2)}`).join(' ');
  const newest = days[n - 1];
  return (
    <div class="trend" data-testid="risk-trend">
      <figure class="trend-chart">
        <figcaption>
          Positions at risk per day, {first} to {last}: <span class="legend-key stockout">STOCKOUT</span> <span class="legend-key at-risk">AT RISK</span>
        </figcaption>
        <div class="trend-plot">
          <div class="y-labels" aria-hidden="true"><span>{countTop}</span><span>0</span></div>
          <svg viewBox="0 0 100 100" preserveAspectRatio="none" role="img" data-testid="risk-trend-counts"
            aria-label={`Positions at risk per day from ${first} to ${last}; on ${last}: ${newest.stockoutPositions} STOCKOUT, ${newest.atRiskPositions} AT RISK`}>
            {days.map((d, i) => {
              const out = (d.stockoutPositions / countTop) * 100;
              const risk = (d.atRiskPositions / countTop) * 100;
              return (
                <g key={d.date}>
                  <title>{`${d.date}: ${d.stockoutPositions} STOCKOUT, ${d.atRiskPositions} AT RISK`}</title>
                  <rect class="bar stockout" x={i * barWidth + barWidth * 0.1} width={barWidth * 0.8} y={100 - out} height={out} />
                  <rect class="bar at-risk" x={i * barWidth + barWidth * 0.1} width={barWidth * 0.8} y={100 - out - risk} height={risk} />
                </g>
              );
            })}
          </svg>
        </div>
        <div class="x-labels" aria-hidden="true"><span>{first}</span><span>{last}</span></div>
      </figure>
      <figure class="trend-chart">
        <figcaption>Revenue at risk per day</figcaption>
        <div class="trend-plot">
          <div class="y-labels" aria-hidden="true"><span>{formatMoney(moneyTop)}</span><span>{formatMoney(0)}</span></div>
          <svg viewBox="0 0 100 100" preserveAspectRatio="none" role="img" data-testid="risk-trend-revenue"
            aria-label={`Revenue at risk per day from ${first} to ${last}; ${formatMoney(newest.revenueAtRisk)} on ${last}`}>
            <path d={line} class="revenue" vector-effect="non-scaling-stroke" />
          </svg>
        </div>
        <div class="x-labels" aria-hidden="true"><span>{first}</span><span>{last}</span></div>
      </figure>
      <details>
        <summary>The figures, day by day</summary>
        <div class="scroll" tabIndex={0} role="region" aria-label="Risk trend figures">
          <table class="trend-table">
            <thead><tr><th scope="col">Date</th><th scope="col">STOCKOUT</th><th scope="col">AT RISK</th><th scope="col">Revenue at risk</th></tr></thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}><td>{d.date}</td><td>{d.stockoutPositions}</td><td>{d.atRiskPositions}</td><td>{formatMoney(d.revenueAtRisk)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

/**
 * The buyer's stockout KPIs (`kpis(from, to, groupBy: ALL)`) over a window it
 * picks, the last 30 days by default, with the daily risk trend
 * (`riskTrend(from, to)`) of the same window.
 */
export function KpiPanel() {
  const [from, setFrom] = useState(addDays(today(), -29));
  const [to, setTo] = useState(today());
  const [shown, setShown] = useState<{ from: string; to: string }>({ from, to });
  const [data, setData] = useState<PortalKpisQuery | null>(null);
  const [errors, setErrors] = useState<WindowErrors>({});
  const [loading, setLoading] = useState(false);

  useLoadEffect((fresh) => {
    setLoading(true);
    request(PortalKpisDocument, shown)
      .then((result) => {
        if (!fresh()) return;
        setData(result);
        setErrors({});
      })
      .catch((err) => {
        if (!fresh()) return;
        const next: WindowErrors = {};
        for (const e of err instanceof ApiFailure ? err.errors : [{ message: (err as Error).message, field: undefined }]) {
          if (e.field === 'from' || e.field === 'to') next[e.field] = e.message;
          else next.general = e.message;
        }
        setErrors(next);
      })
      .finally(() => fresh() && setLoading(false));
  }, [shown]);

  const submit = (event: Event) => {
    event.preventDefault();
    const problem = windowCheck(from, to);
    if (problem) return setErrors({ [problem.field]: problem.problem });
    setErrors({});
    setShown({ from, to });
  };

  const all: Kpi | undefined = data?.kpis.find((k) => k.key === 'ALL') ?? data?.kpis[0];
  return (
    <section aria-labelledby="kpi-title">
      <h2 id="kpi-title">Stockout KPIs</h2>
      <form class="window" onSubmit={submit} noValidate aria-label="KPI window">
        <label>
          From
          <input type="date" name="from" aria-label="From" value={from} aria-invalid={Boolean(errors.from)} aria-describedby="kpi-from-error" onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
          <span id="kpi-from-error" class="field-error" role={errors.from ? 'alert' : undefined}>{errors.from ?? ''}</span>
        </label>
        <label>
          To
          <input type="date" name="to" aria-label="To" value={to} aria-invalid={Boolean(errors.to)} aria-describedby="kpi-to-error" onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
          <span id="kpi-to-error" class="field-error" role={errors.to ? 'alert' : undefined}>{errors.to ?? ''}</span>
        </label>
        <button type="submit" disabled={loading}>Show</button>
      </form>
      {errors.general && <p role="alert" class="error">{errors.general}</p>}
      {!data && !errors.general && <p aria-busy="true">Loading KPIs…</p>}
      {data && (
        <>
          <p class="hint" data-testid="kpi-window">{shown.from} to {shown.to}, both included{loading ? ' (updating…)' : ''}</p>
          {all ? (
            <dl class="tiles" aria-label={`KPIs from ${shown.from} to ${shown.to}`}>
              <Tile testId="kpi-fill-rate" label="Fill rate" value={formatRate(all.fillRate)} detail={all.fillRate === null || all.fillRate === undefined ? 'no lines were due in the window' : 'of the ordered units received by the requested date'} />
              <Tile testId="kpi-otif" label="On time in full" value={formatRate(all.onTimeInFullRate)} detail={all.onTimeInFullRate === null || all.onTimeInFullRate === undefined ? 'no lines were due in the window' : 'of the lines due in the window'} />
              <Tile testId="kpi-latency" label="Confirmation latency" value={all.confirmationLatencyHours === null || all.confirmationLatencyHours === undefined ? '—' : `${all.confirmationLatencyHours.toFixed(1)} h`} detail="mean, issue to first answer" />
              <Tile testId="kpi-stockout-days" label="Stockout days" value={`${all.stockoutDays} / ${all.positionDays}`}
                detail={all.positionDays ? `${formatRate(all.stockoutDays / all.positionDays)} of position days` : 'no snapshots in the window'} />
              <Tile testId="kpi-revenue" label="Revenue at risk" value={formatMoney(all.revenueAtRisk)} detail={`on the window's last snapshot day`} />
            </dl>
          ) : (
            <p class="empty">No figures for this window.</p>
          )}
          <h3>Risk trend</h3>
          <TrendChart days={data.riskTrend} />
        </>
      )}
    </section>
  );
}
