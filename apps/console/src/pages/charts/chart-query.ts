import { FilterTerm, readFilters, writeFilters } from '../data/list-query';

export type ChartKind = 'bar' | 'line';

/**
 * A chart, kept in the page's URL: the table, the column to group by (none: one total), the
 * measure (`count`, `sum:<column>` or `avg:<column>`, as the aggregate route names metrics), the
 * kind of chart, and the same filters and search as the grid.
 */
export interface ChartQuery {
  table: string;
  groupBy: string;
  metric: string;
  kind: ChartKind;
  filters: FilterTerm[];
  search: string;
}

const OWN = new Set(['table', 'groupBy', 'metric', 'chart', 'search']);

export function readChartQuery(params: URLSearchParams): ChartQuery {
  return {
    table: params.get('table') ?? '',
    groupBy: params.get('groupBy') ?? '',
    metric: params.get('metric') || 'count',
    kind: params.get('chart') === 'line' ? 'line' : 'bar',
    filters: readFilters(params, OWN),
    search: params.get('search') ?? '',
  };
}

export function writeChartQuery(query: ChartQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.table) params.set('table', query.table);
  if (query.groupBy) params.set('groupBy', query.groupBy);
  params.set('metric', query.metric);
  params.set('chart', query.kind);
  writeFilters(params, query.filters);
  if (query.search.trim()) params.set('search', query.search.trim());
  return params;
}

/** The aggregate route's parameters for a chart: `groupBy`, `metrics`, filters, search. */
export function aggregateParams(query: ChartQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.groupBy) params.set('groupBy', query.groupBy);
  params.set('metrics', query.metric);
  writeFilters(params, query.filters);
  if (query.search.trim()) params.set('search', query.search.trim());
  return params;
}

/** The key of the metric in each result: `count`, or `<fn>_<column>` (API.md). */
export const metricKey = (metric: string) => metric.replace(':', '_');

export function metricLabel(metric: string): string {
  const [fn, column] = metric.split(':');
  if (fn === 'sum') return `Sum of ${column}`;
  if (fn === 'avg') return `Average of ${column}`;
  return 'Count of rows';
}
