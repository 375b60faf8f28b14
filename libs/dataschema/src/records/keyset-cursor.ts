import { ErrorDetail } from '@app/core';
import { Invalid } from './column-coercion';
import { SortTerm, sortSignature } from './record-sort';

/** The sort key of the last row of a page: one value per sort term (the last is the id), coerced. */
export type KeysetPosition = unknown[];

const MAX_CURSOR_LENGTH = 8192;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * An opaque cursor: base64url of `{"s": <sort>, "k": [<key values as PostgreSQL prints them>]}`.
 * Not signed: it only says where to resume, and every value is checked on the way back in.
 */
export function encodeCursor(terms: readonly SortTerm[], keyTexts: ReadonlyArray<string | null>): string {
  return Buffer.from(JSON.stringify({ s: sortSignature(terms), k: keyTexts }), 'utf8').toString('base64url');
}

/** Reads a cursor made for this sort: the position, or a problem naming `cursor`. */
export function decodeCursor(text: string, terms: readonly SortTerm[]): KeysetPosition | ErrorDetail {
  const fail = (message: string): ErrorDetail => ({ field: 'cursor', message });
  if (text.length > MAX_CURSOR_LENGTH || !BASE64URL.test(text)) return fail('is not a cursor this server made');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return fail('is not a cursor this server made');
  }
  if (body === null || typeof body !== 'object') return fail('is not a cursor this server made');
  const { s, k } = body as { s?: unknown; k?: unknown };
  if (typeof s !== 'string' || !Array.isArray(k)) return fail('is not a cursor this server made');
  if (s !== sortSignature(terms)) return fail('belongs to another sort; start again without a cursor value');
  if (k.length !== terms.length) return fail('is not a cursor this server made');
  const position: KeysetPosition = [];
  for (let i = 0; i < terms.length; i++) {
    const { column } = terms[i];
    const value = k[i] as unknown;
    if (value === null && !column.notNull) {
      position.push(null);
      continue;
    }
    const coerced = typeof value === 'string' ? column.coerceFilter(value) : undefined;
    if (coerced === undefined || coerced instanceof Invalid) return fail('holds a value that does not fit its column');
    position.push(coerced);
  }
  return position;
}
