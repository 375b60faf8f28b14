import { ErrorDetail } from '@app/core';
import { RecordColumn, RecordTable } from './record-table';
import { shown } from './records.errors';

export interface SortTerm {
  column: RecordColumn;
  descending: boolean;
}

/** Most columns in `sort` (the `id` tie-break not counted). */
export const MAX_SORT_TERMS = 8;

/**
 * `sort=-created_at,last_name`: the terms, always ending with `id` (in the direction of the last
 * term unless named, so `-created_at` is one descending order an index scans backwards), so the
 * order is total and keyset cursors are exact. A column named twice counts once; terms after `id`
 * cannot change the order and are dropped.
 */
export function parseSort(table: RecordTable, text: string | undefined): SortTerm[] | ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const terms: SortTerm[] = [];
  const parts = (text ?? '').split(',').map((part) => part.trim());
  if (parts.length > MAX_SORT_TERMS) return [{ field: 'sort', message: `at most ${MAX_SORT_TERMS} columns` }];
  for (const part of parts) {
    if (part === '') continue;
    const descending = part.startsWith('-');
    const name = descending ? part.slice(1) : part;
    const column = table.columns.get(name);
    if (!column) errors.push({ field: 'sort', message: `unknown column "${shown(name)}"` });
    else if (!column.ordered)
      errors.push({ field: 'sort', message: `a ${column.type} column cannot be sorted: ${name}` });
    else if (!terms.some((t) => t.column === column)) terms.push({ column, descending });
  }
  if (errors.length > 0) return errors;
  const idAt = terms.findIndex((t) => t.column.name === 'id');
  const descending = terms.length > 0 && terms[terms.length - 1].descending;
  if (idAt === -1) terms.push({ column: table.columns.get('id') as RecordColumn, descending });
  else terms.length = idAt + 1;
  return terms;
}

/** The sort as a string, e.g. `-created_at,last_name,id`; a cursor carries it. */
export const sortSignature = (terms: readonly SortTerm[]) =>
  terms.map((t) => `${t.descending ? '-' : ''}${t.column.name}`).join(',');
