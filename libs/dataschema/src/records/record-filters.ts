import { ErrorDetail, join, likeEscaped, raw, sql, SqlQuery } from '@app/core';
import { Invalid } from './column-coercion';
import { RawFilter, splitList } from './query-params';
import { RecordColumn, RecordTable } from './record-table';
import { shown } from './records.errors';

export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'nin',
  'contains',
  'icontains',
  'startsWith',
  'endsWith',
  'isNull',
  'between',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** A checked filter: `value` is coerced to the column's type; an array for in, nin and between. */
export interface RecordFilter {
  column: RecordColumn;
  op: FilterOperator;
  value: unknown;
}

/** Most items in an `in` or `nin` list. */
export const MAX_IN_LIST = 1000;

const COMPARISONS: readonly FilterOperator[] = ['eq', 'ne', 'in', 'nin', 'isNull'];
const RANGES: readonly FilterOperator[] = [...COMPARISONS, 'lt', 'lte', 'gt', 'gte', 'between'];
const TEXT: readonly FilterOperator[] = [...RANGES, 'contains', 'icontains', 'startsWith', 'endsWith'];

/** The operators a column takes: json only isNull, boolean no ranges, text columns everything. */
export function operatorsOf(column: RecordColumn): readonly FilterOperator[] {
  if (column.type === 'json') return ['isNull'];
  if (column.type === 'boolean') return COMPARISONS;
  return column.text ? TEXT : RANGES;
}

const isOperator = (op: string): op is FilterOperator => (FILTER_OPERATORS as readonly string[]).includes(op);

/** Checks one raw filter against the table: the filter, or the problem naming its parameter. */
export function checkFilter(table: RecordTable, rawFilter: RawFilter): RecordFilter | ErrorDetail {
  const { field } = rawFilter;
  const fail = (message: string): ErrorDetail => ({ field: shown(field), message });
  const column = table.columns.get(rawFilter.column);
  if (!column) return fail(`unknown column "${shown(rawFilter.column)}"`);
  if (!isOperator(rawFilter.op))
    return fail(`unknown operator "${shown(rawFilter.op)}"; use one of ${FILTER_OPERATORS.join(', ')}`);
  const op = rawFilter.op;
  const allowed = operatorsOf(column);
  if (!allowed.includes(op))
    return fail(`${op} does not apply to a ${column.type} column; use one of ${allowed.join(', ')}`);

  switch (op) {
    case 'isNull': {
      const flag = rawFilter.value.trim().toLowerCase();
      if (flag !== 'true' && flag !== 'false') return fail('must be true or false');
      return { column, op, value: flag === 'true' };
    }
    case 'contains':
    case 'icontains':
    case 'startsWith':
    case 'endsWith': {
      const text = column.coerceFilter(rawFilter.value);
      if (text instanceof Invalid) return fail(text.message);
      return { column, op, value: text };
    }
    case 'in':
    case 'nin':
    case 'between': {
      const items = splitList(rawFilter.value);
      if (op === 'between' && items.length !== 2) return fail('must be two values separated by a comma: low,high');
      if (items.length > MAX_IN_LIST) return fail(`must list at most ${MAX_IN_LIST} values`);
      const values: unknown[] = [];
      for (let i = 0; i < items.length; i++) {
        const value = column.coerceFilter(items[i]);
        if (value instanceof Invalid) return fail(`value ${i + 1} ${value.message}`);
        values.push(value);
      }
      return { column, op, value: values };
    }
    default: {
      const value = column.coerceFilter(rawFilter.value);
      if (value instanceof Invalid) return fail(value.message);
      return { column, op, value };
    }
  }
}

const OPERATOR_SQL: Partial<Record<FilterOperator, string>> = {
  eq: '=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

/** One filter as a parameterised condition on the table aliased `t`. */
export function filterSql(filter: RecordFilter): SqlQuery {
  const c = raw(`t.${filter.column.quoted}`);
  const arrayType = raw(`${filter.column.sqlType}[]`);
  const value = filter.value;
  switch (filter.op) {
    case 'ne':
      return sql`${c} IS DISTINCT FROM ${value}`;
    case 'in':
      return sql`${c} = ANY(${value}::${arrayType})`;
    case 'nin':
      return sql`(${c} IS NULL OR NOT (${c} = ANY(${value}::${arrayType})))`;
    case 'between': {
      const [low, high] = value as unknown[];
      return sql`${c} BETWEEN ${low} AND ${high}`;
    }
    case 'contains':
      return sql`${c} LIKE ${`%${likeEscaped(value as string)}%`}`;
    case 'icontains':
      return sql`${c} ILIKE ${`%${likeEscaped(value as string)}%`}`;
    case 'startsWith':
      return sql`${c} LIKE ${`${likeEscaped(value as string)}%`}`;
    case 'endsWith':
      return sql`${c} LIKE ${`%${likeEscaped(value as string)}`}`;
    case 'isNull':
      return value ? sql`${c} IS NULL` : sql`${c} IS NOT NULL`;
    default:
      return sql`${c} ${raw(OPERATOR_SQL[filter.op] as string)} ${value}`;
  }
}

/** `search`: a case-insensitive partial match over the table's text columns. */
export function searchSql(table: RecordTable, text: string): SqlQuery {
  const pattern = `%${likeEscaped(text)}%`;
  const parts = table.searchable.map((column) => sql`t.${raw(column.quoted)} ILIKE ${pattern}`);
  return parts.length === 0 ? sql`FALSE` : sql`(${join(parts, ' OR ')})`;
}
