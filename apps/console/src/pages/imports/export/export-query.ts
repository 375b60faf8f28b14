import type { ExportRequest } from '../jobs-api';

/** Record-list parameters that are not filters (API.md, Records). */
const PAGING = new Set(['page', 'pageSize', 'cursor', 'count', 'expand']);
const FILTER = /^filter\[([^\]]+)\](?:\[([^\]]+)\])?$/;

export interface ExportSelection {
  table: string;
  filter: Record<string, Record<string, string>>;
  sort?: string;
  fields?: string;
  /** What the link held that an export cannot apply, in words. */
  dropped: string[];
}

/**
 * Reads the export page's query, which is a record list's query plus `table` (the grid links here
 * with its current filter, sort and fields): `filter[col][op]=v`, `col=v` (short for eq), `sort`,
 * `fields`. Paging does not apply to an export; `search` is not an export option, so it is named
 * in `dropped` for the page to say so.
 */
export function exportSelection(query: URLSearchParams): ExportSelection {
  const selection: ExportSelection = { table: query.get('table') ?? '', filter: {}, dropped: [] };
  for (const [key, value] of query) {
    if (key === 'table' || PAGING.has(key)) continue;
    if (key === 'sort') selection.sort = value || undefined;
    else if (key === 'fields') selection.fields = value || undefined;
    else if (key === 'search') {
      if (value) selection.dropped.push(`the search “${value}” (an export takes filters, not a search)`);
    } else {
      const match = FILTER.exec(key);
      const [column, op] = match ? [match[1], match[2] ?? 'eq'] : [key, 'eq'];
      (selection.filter[column] ??= {})[op] = value;
    }
  }
  return selection;
}

export function exportRequest(selection: ExportSelection, format: ExportRequest['format']): ExportRequest {
  return {
    table: selection.table,
    format,
    ...(Object.keys(selection.filter).length > 0 ? { filter: selection.filter } : {}),
    ...(selection.sort ? { sort: selection.sort } : {}),
    ...(selection.fields ? { fields: selection.fields } : {}),
  };
}

const OP_TEXT: Record<string, string> = {
  eq: 'is',
  ne: 'is not',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  in: 'is one of',
  nin: 'is none of',
  contains: 'contains',
  icontains: 'contains (any case)',
  startsWith: 'starts with',
  endsWith: 'ends with',
  isNull: 'is empty:',
  between: 'is between',
};

/** The filter in words, one condition per entry: `age > 30`. */
export function filterText(filter: ExportSelection['filter']): string[] {
  return Object.entries(filter).flatMap(([column, ops]) =>
    Object.entries(ops).map(([op, value]) => `${column} ${OP_TEXT[op] ?? op} ${value}`),
  );
}
