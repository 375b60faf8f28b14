import { RecordColumn } from '@app/dataschema';

/** PostgreSQL COPY's text format for NULL. */
export const COPY_NULL = '\\N';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Escapes text for COPY's text format: backslash, tab, newline and carriage return. */
export function escapeCopyText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, (c) => ESCAPES[c]) : text;
}

/** Writes one validated value (as `validateRecord` returns it) as a COPY text field. */
export type CopySerializer = (value: unknown) => string;

const number: CopySerializer = (value) => (value === null || value === undefined ? COPY_NULL : String(value));
const boolean: CopySerializer = (value) => (value === null || value === undefined ? COPY_NULL : value ? 't' : 'f');
const text: CopySerializer = (value) =>
  value === null || value === undefined ? COPY_NULL : escapeCopyText(value as string);
const plain: CopySerializer = (value) => (value === null || value === undefined ? COPY_NULL : (value as string));

/**
 * The serializer of a column, chosen once per import: numbers need no escaping, booleans are t/f,
 * and the text that validation gives emails, dates, timestamps, bigints, decimals and uuids holds
 * no backslash, tab, newline or carriage return (their formats refuse them), so it goes as it is.
 */
export function copySerializer(column: Pick<RecordColumn, 'type'>): CopySerializer {
  switch (column.type) {
    case 'integer':
    case 'float':
      return number;
    case 'boolean':
      return boolean;
    case 'email':
    case 'date':
    case 'timestamp':
    case 'bigint':
    case 'decimal':
    case 'uuid':
    case 'reference':
      return plain;
    default:
      // strings, text, urls, enum values and json
      return text;
  }
}
