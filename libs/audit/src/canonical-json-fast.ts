import type { JsonValue } from './canonical-json';
import { byteaHex, canonicalString, compareCodeUnits } from './canonical-string';

/**
 * Thrown by the fast walks below for anything they leave to the careful walk in canonical-json.ts
 * (a value to refuse, whose error names its path; a key that canonicalisation changes, where two
 * keys could become one): that walk then gives the answer, so both always agree.
 */
export const LEFT_TO_CAREFUL_WALK = Symbol('leftToCarefulWalk');

/** `toCanonicalValue` for the usual input: no path strings built, plain assignments. */
export function fastCanonicalValue(value: unknown): JsonValue {
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
      return fastCanonicalObject(value);
    default:
      throw LEFT_TO_CAREFUL_WALK;
  }
}

function fastCanonicalObject(value: object): JsonValue {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return byteaHex(value);
  if (value instanceof Map || value instanceof Set) throw LEFT_TO_CAREFUL_WALK;
  if (Array.isArray(value)) return value.map(fastCanonicalValue);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return fastCanonicalValue(toJSON.call(value));
  const result: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    if (key === '__proto__' || canonicalString(key) !== key) throw LEFT_TO_CAREFUL_WALK;
    result[key] = fastCanonicalValue(item);
  }
  return result;
}

/** `canonicalJson` in one pass, without building the canonical value first. */
export function fastCanonicalText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'string':
      return JSON.stringify(canonicalString(value));
    case 'object':
      return fastObjectText(value);
    default:
      throw LEFT_TO_CAREFUL_WALK;
  }
}

function fastObjectText(value: object): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'null' : JSON.stringify(value.toISOString());
  if (value instanceof Uint8Array) return JSON.stringify(byteaHex(value));
  if (value instanceof Map || value instanceof Set) throw LEFT_TO_CAREFUL_WALK;
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw LEFT_TO_CAREFUL_WALK; // a hole: written as the careful walk writes it
      text += (i > 0 ? ',' : '') + fastCanonicalText(value[i]);
    }
    return `${text}]`;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return fastCanonicalText(toJSON.call(value));
  const keys: string[] = [];
  for (const key of Object.keys(value)) {
    if ((value as Record<string, unknown>)[key] === undefined) continue;
    if (canonicalString(key) !== key) throw LEFT_TO_CAREFUL_WALK;
    keys.push(key);
  }
  keys.sort(compareCodeUnits);
  let text = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    text += `${i > 0 ? ',' : ''}${JSON.stringify(key)}:${fastCanonicalText((value as Record<string, unknown>)[key])}`;
  }
  return `${text}}`;
}
