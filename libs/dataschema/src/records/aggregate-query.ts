import { ErrorDetail, join, quoteIdent, raw, sql, SqlQuery } from '@app/core';
import { readQueryParams } from './query-params';
import { outputExpression } from './record-output';
import { RecordColumn, RecordTable } from './record-table';
import { checkWhere, RecordWhere, whereClause, whereConditions } from './record-where';
import { shown, validationFailed } from './records.errors';

export const AGGREGATE_PARAMETERS: ReadonlySet<string> = new Set(['groupBy', 'metrics', 'filter', 'search']);
export const AGGREGATE_FUNCTIONS = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];
/** Most groups one aggregate answers (ordered by the group columns). */
export const MAX_AGGREGATE_GROUPS = 10_000;
export const MAX_GROUP_BY = 8;
export const MAX_METRICS = 32;

export interface AggregateMetric {
  fn: AggregateFunction;
  /** Absent for `count`. */
  column?: RecordColumn;
  /** The result key: `count`, or `<fn>_<column>` (API.md). */
  key: string;
}

export interface AggregateQuery extends RecordWhere {
  table: RecordTable;
  groupBy: RecordColumn[];
  metrics: AggregateMetric[];
}

const NUMERIC = new Set(['integer', 'bigint', 'decimal', 'float']);
const MIN_MAX = new Set([...NUMERIC, 'date', 'timestamp', 'string', 'text', 'email', 'url', 'enum']);

function parseMetric(table: RecordTable, text: string): AggregateMetric | string {
  if (text === 'count') return { fn: 'count', key: 'count' };
  const [fn, name, ...rest] = text.split(':');
  if (
    rest.length > 0 ||
    name === undefined ||
    !(AGGREGATE_FUNCTIONS as readonly string[]).includes(fn) ||
    fn === 'count'
  )
    return `"${shown(text)}" is not a metric; use count, sum:<column>, avg:<column>, min:<column> or max:<column>`;
  const column = table.columns.get(name);
  if (!column) return `unknown column "${shown(name)}"`;
  const allowed = fn === 'sum' || fn === 'avg' ? NUMERIC : MIN_MAX;
  if (!allowed.has(column.type)) return `${fn} does not apply to a ${column.type} column: ${name}`;
  return { fn: fn as AggregateFunction, column, key: `${fn}_${name}` };
}

/**
 * `groupBy=country,status&metrics=count,avg:score` with the list's filters and `search`. Without
 * `metrics` the answer is `count`; without `groupBy`, one row over every matching record.
 */
export function parseAggregateQuery(table: RecordTable, rawQuery: Record<string, unknown>): AggregateQuery {
  const params = readQueryParams(rawQuery, AGGREGATE_PARAMETERS);
  const errors: ErrorDetail[] = [...params.errors];
  const where = checkWhere(table, params, errors);

  const groupBy: RecordColumn[] = [];
  const groupNames = (params.reserved.get('groupBy') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (groupNames.length > MAX_GROUP_BY) errors.push({ field: 'groupBy', message: `at most ${MAX_GROUP_BY} columns` });
  else
    for (const name of groupNames) {
      const column = table.columns.get(name);
      if (!column) errors.push({ field: 'groupBy', message: `unknown column "${shown(name)}"` });
      else if (column.type === 'json')
        errors.push({ field: 'groupBy', message: `a json column cannot be grouped: ${name}` });
      else if (!groupBy.includes(column)) groupBy.push(column);
    }

  const metrics: AggregateMetric[] = [];
  const metricTexts = (params.reserved.get('metrics') ?? 'count')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (metricTexts.length > MAX_METRICS) errors.push({ field: 'metrics', message: `at most ${MAX_METRICS} metrics` });
  else
    for (const text of metricTexts) {
      const metric = parseMetric(table, text);
      if (typeof metric === 'string') errors.push({ field: 'metrics', message: metric });
      else if (!metrics.some((m) => m.key === metric.key)) metrics.push(metric);
    }
  if (metrics.length === 0 && errors.length === 0)
    errors.push({ field: 'metrics', message: 'name at least one metric' });
  for (const metric of metrics) {
    if (groupBy.some((c) => c.name === metric.key))
      errors.push({ field: 'metrics', message: `${metric.key} would collide with the group column of that name` });
  }

  if (errors.length > 0) throw validationFailed('Invalid aggregate query', errors);
  return { table, ...where, groupBy, metrics };
}

function metricSql(metric: AggregateMetric): string {
  if (!metric.column) return 'count(*)::float8';
  const c = `t.${metric.column.quoted}`;
  if (metric.fn === 'sum' || metric.fn === 'avg') return `${metric.fn}(${c})::float8`;
  return outputExpression(metric.column, `${metric.fn}(${c})`);
}

/**
 * One row per group: the group columns under their names, `count` and `<fn>_<column>`. Counts,
 * sums and averages are numbers (double precision); min and max keep the column's output form.
 */
export function compileAggregateQuery(query: AggregateQuery): SqlQuery {
  const groups = query.groupBy.map((c) => `t.${c.quoted}`);
  const select = [
    ...query.groupBy.map((c) => `${outputExpression(c, `t.${c.quoted}`)} AS ${c.quoted}`),
    ...query.metrics.map((m) => `${metricSql(m)} AS ${quoteIdent(m.key)}`),
  ];
  const grouping =
    groups.length === 0 ? sql`` : sql` GROUP BY ${raw(groups.join(', '))} ORDER BY ${raw(groups.join(', '))}`;
  return sql`SELECT ${join(select.map(raw))} FROM ${raw(`${query.table.qualified} t`)}${whereClause(
    whereConditions(query.table, query),
  )}${grouping} LIMIT ${MAX_AGGREGATE_GROUPS}`;
}
