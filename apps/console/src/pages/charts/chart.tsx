import { useId } from 'react';
import { ChartKind } from './chart-query';
import { formatNumber, niceTicks } from './chart-scale';

export interface ChartPoint {
  label: string;
  /** null when the group has no value to measure (an average over empty cells). */
  value: number | null;
}

const WIDTH = 760;
const HEIGHT = 400;
const MARGIN = { top: 24, right: 24, bottom: 96, left: 84 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
/** Most category labels written under the axis; with more groups every n-th is written. */
const MAX_LABELS = 30;

const shorten = (text: string) => (text.length > 18 ? `${text.slice(0, 17)}…` : text);

/**
 * A bar or line chart drawn as SVG: one band per group along x, the measure on y from round
 * ticks (zero included). Hand-drawn rather than a chart library: a few kilobytes in the charts
 * chunk, and full control of its accessible name and description. Each mark has a tooltip
 * (<title>); the page lists the same numbers in a table.
 */
export function Chart({
  kind,
  points,
  title,
  xLabel,
  yLabel,
}: {
  kind: ChartKind;
  points: readonly ChartPoint[];
  title: string;
  xLabel: string;
  yLabel: string;
}) {
  const id = useId();
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const low = ticks[0];
  const high = ticks[ticks.length - 1];
  const y = (value: number) => MARGIN.top + PLOT_H * (1 - (value - low) / (high - low));
  const band = PLOT_W / Math.max(1, points.length);
  const center = (i: number) => MARGIN.left + band * (i + 0.5);
  const every = Math.ceil(points.length / MAX_LABELS);
  const rotate = points.length > 8 || points.some((p) => p.label.length > 10);
  const linePoints = points
    .map((p, i) => (p.value === null ? null : `${center(i).toFixed(1)},${y(p.value).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(' ');

  return (
    <svg
      className="chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-kind={kind}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>
        {`A ${kind} chart of ${points.length} ${points.length === 1 ? 'group' : 'groups'}; the table below lists each value.`}
      </desc>
      <g className="chart-grid" aria-hidden="true">
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
              className={tick === 0 ? 'zero' : ''}
            />
            <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        <text
          className="axis-title"
          transform={`translate(18 ${MARGIN.top + PLOT_H / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {yLabel}
        </text>
        <text
          className="axis-title"
          x={MARGIN.left + PLOT_W / 2}
          y={rotate ? HEIGHT - 8 : MARGIN.top + PLOT_H + 44}
          textAnchor="middle"
        >
          {xLabel}
        </text>
        {points.map((point, i) =>
          i % every === 0 ? (
            <text
              key={i}
              className="category"
              transform={`translate(${center(i)} ${MARGIN.top + PLOT_H + 14})${rotate ? ' rotate(-35)' : ''}`}
              textAnchor={rotate ? 'end' : 'middle'}
            >
              {shorten(point.label)}
            </text>
          ) : null,
        )}
      </g>
      {kind === 'bar' ? (
        <g className="bars">
          {points.map((point, i) =>
            point.value === null ? null : (
              <rect
                key={i}
                className="bar"
                data-label={point.label}
                data-value={point.value}
                x={center(i) - band * 0.35}
                width={Math.max(1, band * 0.7)}
                y={Math.min(y(point.value), y(0))}
                height={Math.max(1, Math.abs(y(point.value) - y(0)))}
              >
                <title>{`${point.label}: ${formatNumber(point.value)}`}</title>
              </rect>
            ),
          )}
        </g>
      ) : (
        <g className="line">
          <polyline points={linePoints} fill="none" />
          {points.map((point, i) =>
            point.value === null ? null : (
              <circle
                key={i}
                className="point"
                data-label={point.label}
                data-value={point.value}
                cx={center(i)}
                cy={y(point.value)}
                r={4}
              >
                <title>{`${point.label}: ${formatNumber(point.value)}`}</title>
              </circle>
            ),
          )}
        </g>
      )}
    </svg>
  );
}
