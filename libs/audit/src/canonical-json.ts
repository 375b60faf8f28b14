import { fastCanonicalText, fastCanonicalValue, LEFT_TO_CAREFUL_WALK } from './canonical-json-fast';
import { byteaHex, canonicalString, compareCodeUnits } from './canonical-string';

/** A value of the JSON data model, as the audit trail hashes and stores it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The one mapping from whatever a caller (or the pg driver) hands us to the JSON value that is
 * stored and hashed. It follows JSON.stringify where that is lossless and defined:
 * - Date -> its ISO 8601 UTC string (an invalid Date -> null); other objects with `toJSON` use it;
 * - bigint -> its decimal string (as pg returns int8 and numeric columns);
 * - non-finite numbers -> null, -0 -> 0;
 * - Buffer / typed byte arrays -> `\x` + lower-case hex (PostgreSQL's bytea text form);
 * - undefined object properties are left out; undefined array items (and a top-level undefined) -> null;
 * - strings: NUL and lone surrogates -> U+FFFD (see canonical-string.ts), otherwise unchanged (no Unicode normalisation).
 * Functions, symbols, Maps and Sets have no faithful JSON form and are refused.
 */
export function toCanonicalValue(value: unknown, path = '$'): JsonValue {
  try {
    return fastCanonicalValue(value);
  } catch (error) {
    if (error !== LEFT_TO_CAREFUL_WALK) throw error;
    return carefulCanonicalValue(value, path);
  }
}

/**
 * The walk that names the path of what it refuses; `canonical-json-fast.ts` leaves it the unusual
 * cases. Exported for the test that holds both walks to the same answers.
 */
export function carefulCanonicalValue(value: unknown, path: string): JsonValue {
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
  if (value instanceof Uint8Array) return byteaHex(value);
  if (value instanceof Map || value instanceof Set) {
    throw new TypeError(`Audit details cannot hold a ${value.constructor.name} (at ${path}); convert it first`);
  }
  if (Array.isArray(value)) return value.map((item, i) => carefulCanonicalValue(item, `${path}[${i}]`));
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return carefulCanonicalValue(toJSON.call(value), path);
  const result: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    // defineProperty, not assignment: a `__proto__` key (JSON.parse makes them) stays a plain key.
    Object.defineProperty(result, canonicalString(key), {
      value: carefulCanonicalValue(item, `${path}.${key}`),
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
  try {
    return fastCanonicalText(value);
  } catch (error) {
    if (error !== LEFT_TO_CAREFUL_WALK) throw error;
    return carefulCanonicalJson(value);
  }
}

/** `canonicalJson` through the careful walk alone (for the test that compares both walks). */
export function carefulCanonicalJson(value: unknown): string {
  return serialise(carefulCanonicalValue(value, '$'));
}

function serialise(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  const keys = Object.keys(value).sort(compareCodeUnits);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${serialise(value[key])}`).join(',')}}`;
}
