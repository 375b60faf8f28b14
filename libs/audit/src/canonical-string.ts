/**
 * Strings are stored in a jsonb column, which cannot hold NUL or a lone UTF-16 surrogate; both
 * become U+FFFD before hashing, so what is hashed is exactly what PostgreSQL keeps.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what has to be matched here
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function canonicalString(value: string): string {
  return value.replace(UNSTORABLE, '\uFFFD');
}

/** Bytes in PostgreSQL's bytea text form: `\x` and lower-case hex. */
export function byteaHex(bytes: Uint8Array): string {
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
