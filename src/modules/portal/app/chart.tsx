/** The projected available balance as an SVG line chart, with zero and safety-stock lines. */
export function ProjectionChart(props: { days: { date: string; projectedAvailable: number; demand: number; inbound: number }[]; safetyStock: number; title: string }) {
  const { days, safetyStock } = props;
  const width = 640;
  const height = 220;
  const pad = { left: 44, right: 12, top: 12, bottom: 28 };
  const values = days.map((d) => d.projectedAvailable);
  const max = Math.max(safetyStock, ...values, 1);
  const min = Math.min(0, ...values);
  const x = (i: number) => pad.left + (i / Math.max(1, days.length - 1)) * (width - pad.left - pad.right);
  const y = (v: number) => pad.top + ((max - v) / (max - min || 1)) * (height - pad.top - pad.bottom);
  const path = days.map((d, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(d.projectedAvailable).toFixed(1)}`).join(' ');
  const ticks = [min, 0, safetyStock, max].filter((v, i, all) => all.indexOf(v) === i);
  const firstNegative = days.findIndex((d) => d.projectedAvailable < 0);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title} data-testid="projection-chart">
        <title>{props.title}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} class={v === 0 ? 'axis zero' : v === safetyStock ? 'axis safety' : 'axis'} />
            <text x={pad.left - 6} y={y(v) + 4} text-anchor="end">{v}</text>
          </g>
        ))}
        {days.length > 0 && (
          <>
            <text x={pad.left} y={height - 8}>{days[0].date}</text>
            <text x={width - pad.right} y={height - 8} text-anchor="end">{days[days.length - 1].date}</text>
          </>
        )}
        <path d={path} class="balance" />
        {firstNegative >= 0 && <circle cx={x(firstNegative)} cy={y(days[firstNegative].projectedAvailable)} r={4} class="stockout" />}
      </svg>
      <figcaption>
        Projected available balance, day by day. <span class="legend safety">Safety stock {safetyStock}</span>
        {firstNegative >= 0 ? <span class="legend stockout"> Runs out on {days[firstNegative].date}</span> : null}
      </figcaption>
    </figure>
  );
}
