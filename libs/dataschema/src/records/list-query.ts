import { ErrorDetail, MAX_PAGE_SIZE } from '@app/core';
import { decodeCursor, KeysetPosition } from './keyset-cursor';
import { readQueryParams } from './query-params';
import { parseSort, SortTerm } from './record-sort';
import { RecordColumn, RecordTable } from './record-table';
import { checkWhere, RecordWhere } from './record-where';
import { shown, validationFailed } from './records.errors';

export const LIST_PARAMETERS: ReadonlySet<string> = new Set([
  'page',
  'pageSize',
  'cursor',
  'count',
  'sort',
  'fields',
  'expand',
  'search',
  'filter',
]);
export const DEFAULT_PAGE_SIZE = 20;
/** Deepest offset page; deeper paging takes a cursor. */
export const MAX_PAGE = 1_000_000;
export const COUNT_MODES = ['exact', 'estimated', 'none'] as const;
export type CountMode = (typeof COUNT_MODES)[number];

export interface ExpandedReference {
  column: RecordColumn;
  target: RecordTable;
}

/** A checked list request: every name is a column of the definition, every value coerced. */
export interface ListQuery extends RecordWhere {
  table: RecordTable;
  sort: SortTerm[];
  /** Columns to return, `id` always first. */
  fields: RecordColumn[];
  expand: ExpandedReference[];
  page: number;
  pageSize: number;
  /** Present when the request pages by keyset (`cursor`, empty for the first page). */
  keyset?: { after?: KeysetPosition };
  count: CountMode;
}

function positiveInteger(text: string | undefined, fallback: number, max: number): number | undefined {
  if (text === undefined) return fallback;
  if (!/^\d{1,10}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= 1 && n <= max ? n : undefined;
}

function columnList(table: RecordTable, text: string, field: string, errors: ErrorDetail[]): RecordColumn[] {
  const columns: RecordColumn[] = [];
  for (const part of text.split(',')) {
    const name = part.trim();
    if (name === '') continue;
    const column = table.columns.get(name);
    if (!column) errors.push({ field, message: `unknown column "${shown(name)}"` });
    else if (!columns.includes(column)) columns.push(column);
  }
  return columns;
}

/**
 * Checks a raw query-string object (as Fastify parses it) against a compiled table and its
 * definition's other tables (for `expand`). Every problem is collected and thrown at once as a 400
 * VALIDATION_FAILED whose details name the parameter.
 */
export function parseListQuery(
  table: RecordTable,
  raw: Record<string, unknown>,
  tables: ReadonlyMap<string, RecordTable>,
): ListQuery {
  const params = readQueryParams(raw, LIST_PARAMETERS);
  const errors = [...params.errors];
  const get = (name: string) => params.reserved.get(name);

  const where = checkWhere(table, params, errors);

  const page = positiveInteger(get('page'), 1, MAX_PAGE);
  if (page === undefined) errors.push({ field: 'page', message: `must be an integer from 1 to ${MAX_PAGE}` });
  const pageSize = positiveInteger(get('pageSize'), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (pageSize === undefined)
    errors.push({ field: 'pageSize', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` });

  const count = get('count') ?? 'exact';
  if (!(COUNT_MODES as readonly string[]).includes(count))
    errors.push({ field: 'count', message: `must be one of ${COUNT_MODES.join(', ')}` });

  const sorted = parseSort(table, get('sort'));
  const sort = sorted.length > 0 && 'column' in sorted[0] ? (sorted as SortTerm[]) : [];
  if (sort.length === 0) errors.push(...(sorted as ErrorDetail[]));

  const expand: ExpandedReference[] = [];
  const expandText = get('expand') ?? '';
  if (expandText.includes('.')) errors.push({ field: 'expand', message: 'expands one level only' });
  else
    for (const column of columnList(table, expandText, 'expand', errors)) {
      const target = column.references === undefined ? undefined : tables.get(column.references);
      if (!target) errors.push({ field: 'expand', message: `${column.name} is not a reference column` });
      else expand.push({ column, target });
    }

  const fieldsText = get('fields');
  const id = table.columns.get('id') as RecordColumn;
  let fields =
    fieldsText === undefined || fieldsText.trim() === ''
      ? [...table.ordered]
      : [id, ...columnList(table, fieldsText, 'fields', errors)];
  for (const { column } of expand) if (!fields.includes(column)) fields.push(column);
  fields = fields.filter((c, i) => fields.indexOf(c) === i);

  let keyset: ListQuery['keyset'];
  const cursor = get('cursor');
  if (cursor !== undefined) {
    if (get('page') !== undefined) errors.push({ field: 'cursor', message: 'cannot be combined with page' });
    if (cursor === '') keyset = {};
    else if (sort.length > 0) {
      const position = decodeCursor(cursor, sort);
      if (Array.isArray(position)) keyset = { after: position };
      else errors.push(position as ErrorDetail);
    }
  }

  if (errors.length > 0) throw validationFailed('Invalid list query', errors);
  return {
    table,
    ...where,
    sort,
    fields,
    expand,
    page: page as number,
    pageSize: pageSize as number,
    keyset,
    count: count as CountMode,
  };
}
