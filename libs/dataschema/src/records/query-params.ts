import { ErrorDetail } from '@app/core';
import { shown } from './records.errors';

/** One `filter[column][op]=value` (or `column=value`) as it came, before it is checked against the table. */
export interface RawFilter {
  column: string;
  op: string;
  value: string;
  /** The parameter as the client wrote it, canonical: `filter[age][gt]`, or `age` for the shorthand. */
  field: string;
}

export interface QueryParams {
  /** Reserved parameters other than `filter`, each given once. */
  reserved: Map<string, string>;
  filters: RawFilter[];
  errors: ErrorDetail[];
}

/** Longest value of one query parameter; longer is a 400, not a slow LIKE. */
export const MAX_QUERY_VALUE_LENGTH = 4096;
/** Most filters (shorthands included) in one query. */
export const MAX_FILTERS = 100;

const BRACKETED = /^filter\[([^[\]]*)\](?:\[([^[\]]*)\])?$/;

/**
 * Splits a raw query object into reserved parameters and filters. Fastify's default parser leaves
 * `filter[age][gt]` as a literal key, a `qs`-style parser nests it (`{filter: {age: {gt}}}`): both
 * are read. A repeated parameter (an array) is refused; so are malformed brackets, nesting deeper
 * than `filter[column][op]` and values of more than `MAX_QUERY_VALUE_LENGTH` characters.
 */
export function readQueryParams(raw: Record<string, unknown>, reservedNames: ReadonlySet<string>): QueryParams {
  const result: QueryParams = { reserved: new Map(), filters: [], errors: [] };
  const seen = new Set<string>();
  const fail = (field: string, message: string) => result.errors.push({ field: shown(field), message });

  const scalar = (field: string, value: unknown): string | undefined => {
    if (Array.isArray(value)) return void fail(field, 'is given more than once');
    if (typeof value !== 'string') return void fail(field, 'is malformed');
    if (value.length > MAX_QUERY_VALUE_LENGTH)
      return void fail(field, `is longer than ${MAX_QUERY_VALUE_LENGTH} characters`);
    return value;
  };
  const addFilter = (column: string, op: string, rawValue: unknown, field: string) => {
    const value = scalar(field, rawValue);
    if (value === undefined) return;
    if (seen.has(field)) return void fail(field, 'is given more than once');
    seen.add(field);
    if (seen.size > MAX_FILTERS) return;
    result.filters.push({ column, op, value, field });
  };
  const addNested = (nested: unknown) => {
    if (nested === null || typeof nested !== 'object' || Array.isArray(nested))
      return void fail('filter', 'must be written filter[column][op]=value');
    for (const column of Object.keys(nested)) {
      const ops = (nested as Record<string, unknown>)[column];
      if (ops !== null && typeof ops === 'object' && !Array.isArray(ops)) {
        for (const op of Object.keys(ops))
          addFilter(column, op, (ops as Record<string, unknown>)[op], `filter[${column}][${op}]`);
      } else addFilter(column, 'eq', ops, `filter[${column}]`);
    }
  };

  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (key === 'filter') {
      addNested(value);
    } else if (key.startsWith('filter[')) {
      const m = BRACKETED.exec(key);
      if (!m || m[1] === '' || m[2] === '') fail(key, 'is malformed; write filter[column][op]=value');
      else addFilter(m[1], m[2] ?? 'eq', value, key);
    } else if (reservedNames.has(key)) {
      const text = scalar(key, value);
      if (text !== undefined) result.reserved.set(key, text);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      fail(key, 'is malformed; write filter[column][op]=value');
    } else {
      addFilter(key, 'eq', value, key);
    }
  }
  if (seen.size > MAX_FILTERS) fail('filter', `at most ${MAX_FILTERS} filters`);
  return result;
}

/** Splits a comma list; `\,` is a comma inside an item and `\\` a backslash. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === ',' || text[i + 1] === '\\')) current += text[++i];
    else if (c === ',') {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items;
}
