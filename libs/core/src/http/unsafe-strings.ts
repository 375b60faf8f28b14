import { ErrorDetail } from '../errors/app.exception';

const NUL = '\u0000';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_DEPTH = 64;

function problemOf(text: string): string | undefined {
  if (text.includes(NUL)) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it holds a lone surrogate)';
  return undefined;
}

/**
 * Whether `value` holds any string `unsafeStringDetails` would report: the same walk without
 * building anything, for the common case of a clean request.
 */
export function holdsUnsafeString(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return problemOf(value) !== undefined;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsUnsafeString(item, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (problemOf(key) !== undefined) return true;
    if (holdsUnsafeString((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

const join = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

/**
 * Strings PostgreSQL refuses as text (a NUL byte, a lone UTF-16 surrogate), anywhere in a parsed
 * body, query or params, as one detail per field path (`filter.name`, `rows.2.email`). Keys are
 * checked too: JSON columns keep them.
 */
export function unsafeStringDetails(value: unknown, path = '', depth = 0): ErrorDetail[] {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    return problem ? [{ field: path || 'body', message: problem }] : [];
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const keyProblem = problemOf(key);
    const own = keyProblem ? [{ field: path || 'body', message: `has a key that ${keyProblem}` }] : [];
    return [...own, ...unsafeStringDetails(child, join(path, keyProblem ? '?' : key), depth + 1)];
  });
}
