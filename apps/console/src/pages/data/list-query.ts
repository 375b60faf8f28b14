import { FilterOperator, isFilterOperator, OPERATOR_LABELS } from './table-columns';

/** One `filter[column][op]=value` of a record list or an aggregate. */
export interface FilterTerm {
  column: string;
  op: FilterOperator;
  value: string;
}

export interface SortTerm {
  column: string;
  descending: boolean;
}

/**
 * What the grid shows, kept in the page's URL as the API's own list parameters (`filter[...]`,
 * `sort`, `fields`, `search`), so a link, a reload or the export page reproduce it exactly.
 */
export interface ListState {
  filters: FilterTerm[];
  sort: SortTerm[];
  /** Chosen columns; null shows every column. */
  fields: string[] | null;
  search: string;
}

const FILTER_KEY = /^filter\[([^[\]]+)\](?:\[([^[\]]+)\])?$/;
/** Parameters of the page that are not filters (the API would read any other name as `<column>=<value>`). */
const NOT_FILTERS = new Set(['sort', 'fields', 'search', 'cursor', 'page', 'pageSize', 'count', 'expand']);

const splitNames = (text: string | null) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Reads the filters (both `filter[col][op]` and the `col=value` short form) of a query string. */
export function readFilters(params: URLSearchParams, ignore: ReadonlySet<string> = NOT_FILTERS): FilterTerm[] {
  const filters: FilterTerm[] = [];
  for (const [key, value] of params) {
    const match = FILTER_KEY.exec(key);
    if (match) {
      const op = match[2] ?? 'eq';
      if (isFilterOperator(op)) filters.push({ column: match[1], op, value });
    } else if (!ignore.has(key) && !key.startsWith('filter')) {
      filters.push({ column: key, op: 'eq', value });
    }
  }
  return filters;
}

export function readListState(params: URLSearchParams): ListState {
  const sort = splitNames(params.get('sort')).map((term) =>
    term.startsWith('-') ? { column: term.slice(1), descending: true } : { column: term, descending: false },
  );
  const fields = params.has('fields') ? splitNames(params.get('fields')) : null;
  return { filters: readFilters(params), sort, fields, search: params.get('search') ?? '' };
}

export function writeFilters(params: URLSearchParams, filters: readonly FilterTerm[]): void {
  for (const { column, op, value } of filters) params.append(`filter[${column}][${op}]`, value);
}

/** The list parameters in a fixed order: the same state always gives the same query string. */
export function writeListState(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  writeFilters(params, state.filters);
  if (state.search.trim() !== '') params.set('search', state.search.trim());
  if (state.sort.length > 0)
    params.set('sort', state.sort.map((t) => `${t.descending ? '-' : ''}${t.column}`).join(','));
  if (state.fields !== null) params.set('fields', state.fields.join(','));
  return params;
}

/** "score is at least 10", for the list of active filters and their remove buttons. */
export function describeFilter(filter: FilterTerm): string {
  if (filter.op === 'isNull') return `${filter.column} ${filter.value === 'false' ? 'is not empty' : 'is empty'}`;
  const label = OPERATOR_LABELS[filter.op].replace(/ \(.*\)$/, '');
  return `${filter.column} ${label} ${filter.value}`;
}

/** The next sort after a click on a column's header: ascending, then descending, then none. */
export function nextSort(current: readonly SortTerm[], column: string): SortTerm[] {
  const now = current.find((t) => t.column === column);
  if (!now) return [{ column, descending: false }];
  if (!now.descending) return [{ column, descending: true }];
  return [];
}
