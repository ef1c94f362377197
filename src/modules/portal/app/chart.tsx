import { formatDate } from './dates';

/**
 * The projected available balance as an SVG line chart, with zero and
 * safety-stock lines. The labels are HTML beside the plot (not SVG text
 * shrunk with it), so they stay readable at 375 px.
 */
export function ProjectionChart(props: { days: { date: string; projectedAvailable: number; demand: number; inbound: number }[]; safetyStock: number; title: string; unit?: string }) {
  const { days, safetyStock } = props;
  const unit = props.unit ? ` ${props.unit}` : '';
  const width = 640;
  const height = 200;
  const values = days.map((d) => d.projectedAvailable);
  const max = Math.max(safetyStock, ...values, 1);
  const min = Math.min(0, ...values);
  const x = (i: number) => (i / Math.max(1, days.length - 1)) * width;
  const y = (v: number) => ((max - v) / (max - min || 1)) * height;
  const path = days.map((d, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(d.projectedAvailable).toFixed(1)}`).join(' ');
  const firstNegative = days.findIndex((d) => d.projectedAvailable < 0);
  return (
    <figure class="chart">
      <div class="chart-plot">
        <div class="y-labels" aria-hidden="true"><span>{max}{unit}</span><span>{min}{unit}</span></div>
        <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={props.title} data-testid="projection-chart">
          <title>{props.title}</title>
          <line x1={0} x2={width} y1={y(0)} y2={y(0)} class="axis zero" vector-effect="non-scaling-stroke" />
          <line x1={0} x2={width} y1={y(safetyStock)} y2={y(safetyStock)} class="axis safety" vector-effect="non-scaling-stroke" />
          <path d={path} class="balance" vector-effect="non-scaling-stroke" />
          {firstNegative >= 0 && <line x1={x(firstNegative)} x2={x(firstNegative)} y1={0} y2={height} class="stockout-day" vector-effect="non-scaling-stroke" />}
        </svg>
      </div>
      {days.length > 0 && (
        <div class="x-labels" aria-hidden="true"><span>{formatDate(days[0].date)}</span><span>{formatDate(days[days.length - 1].date)}</span></div>
      )}
      <figcaption>
        Projected available balance, day by day. <span class="legend safety">Dashed: safety stock {safetyStock}{unit}.</span>
        {firstNegative >= 0 ? <span class="legend stockout"> Runs out on {formatDate(days[firstNegative].date)} (red line).</span> : <span> Does not run out within the horizon.</span>}
      </figcaption>
    </figure>
  );
}
