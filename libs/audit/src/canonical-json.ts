/** A value of the JSON data model, as the audit trail hashes and stores it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Strings are stored in a jsonb column, which cannot hold NUL or a lone UTF-16 surrogate; both
 * become U+FFFD before hashing, so what is hashed is exactly what PostgreSQL keeps.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what has to be matched here
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function canonicalString(value: string): string {
  return value.replace(UNSTORABLE, '\uFFFD');
}

function hex(bytes: Uint8Array): string {
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

/**
 * The one mapping from whatever a caller (or the pg driver) hands us to the JSON value that is
 * stored and hashed. It follows JSON.stringify where that is lossless and defined:
 * - Date -> its ISO 8601 UTC string (an invalid Date -> null); other objects with `toJSON` use it;
 * - bigint -> its decimal string (as pg returns int8 and numeric columns);
 * - non-finite numbers -> null, -0 -> 0;
 * - Buffer / typed byte arrays -> `\x` + lower-case hex (PostgreSQL's bytea text form);
 * - undefined object properties are left out; undefined array items (and a top-level undefined) -> null;
 * - strings: NUL and lone surrogates -> U+FFFD (see UNSTORABLE), otherwise unchanged (no Unicode normalisation).
 * Functions, symbols, Maps and Sets have no faithful JSON form and are refused.
 */
export function toCanonicalValue(value: unknown, path = '$'): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
    case 'bigint':
      return value.toString();
    case 'string':
      return canonicalString(value);
    case 'object':
      return canonicalObject(value, path);
    default:
      throw new TypeError(`Audit details cannot hold a ${typeof value} (at ${path})`);
  }
}

function canonicalObject(value: object, path: string): JsonValue {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return hex(value);
  if (value instanceof Map || value instanceof Set) {
    throw new TypeError(`Audit details cannot hold a ${value.constructor.name} (at ${path}); convert it first`);
  }
  if (Array.isArray(value)) return value.map((item, i) => toCanonicalValue(item, `${path}[${i}]`));
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return toCanonicalValue(toJSON.call(value), path);
  const result: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    // defineProperty, not assignment: a `__proto__` key (JSON.parse makes them) stays a plain key.
    Object.defineProperty(result, canonicalString(key), {
      value: toCanonicalValue(item, `${path}.${key}`),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/**
 * Canonical JSON text: `toCanonicalValue`, then JSON with object keys sorted by UTF-16 code units
 * at every depth and no whitespace (numbers and string escapes as JSON.stringify writes them,
 * which is RFC 8785's form).
 */
export function canonicalJson(value: unknown): string {
  return serialise(toCanonicalValue(value));
}

function serialise(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `${JSON.stringify(key)}:${serialise(value[key])}`).join(',')}}`;
}
