import { ErrorDetail, join, sql, SqlQuery } from '@app/core';
import { textProblem } from './column-coercion';
import { QueryParams } from './query-params';
import { checkFilter, filterSql, RecordFilter, searchSql } from './record-filters';
import { RecordTable } from './record-table';

/** Filters and search of a list or an aggregate. */
export interface RecordWhere {
  filters: RecordFilter[];
  search?: string;
}

/** Checks the filters and `search` of read query parameters, adding problems to `errors`. */
export function checkWhere(table: RecordTable, params: QueryParams, errors: ErrorDetail[]): RecordWhere {
  const filters: RecordFilter[] = [];
  for (const rawFilter of params.filters) {
    const checked = checkFilter(table, rawFilter);
    if ('op' in checked) filters.push(checked);
    else errors.push(checked);
  }
  const search = params.reserved.get('search');
  if (search !== undefined && search !== '') {
    const problem = textProblem(search);
    if (problem) errors.push({ field: 'search', message: problem.message });
    else if (table.searchable.length === 0)
      errors.push({ field: 'search', message: `${table.name} has no text columns to search` });
    return { filters, search };
  }
  return { filters };
}

/** The conditions of a where, each parameterised, on the table aliased `t`. */
export function whereConditions(table: RecordTable, where: RecordWhere): SqlQuery[] {
  const conditions = where.filters.map(filterSql);
  if (where.search !== undefined) conditions.push(searchSql(table, where.search));
  return conditions;
}

/** `WHERE a AND b`, or nothing. */
export function whereClause(conditions: SqlQuery[]): SqlQuery {
  return conditions.length === 0 ? sql`` : sql` WHERE ${join(conditions, ' AND ')}`;
}
