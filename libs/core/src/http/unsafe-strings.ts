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

/**
 * Strings PostgreSQL refuses as text (a NUL byte, a lone UTF-16 surrogate), anywhere in a parsed
 * body, query or params, as one detail per field path (`filter.name`, `rows.2.email`). Keys are
 * checked too: JSON columns keep them. One walk that builds a path only for a problem found: bodies
 * such as a schema definition hold thousands of strings.
 */
export function unsafeStringDetails(value: unknown): ErrorDetail[] {
  const found: ErrorDetail[] = [];
  visit(value, [], 0, found);
  return found;
}

function visit(value: unknown, path: string[], depth: number, found: ErrorDetail[]): void {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    if (problem) found.push({ field: path.join('.') || 'body', message: problem });
    return;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      visit(value[i], path, depth + 1, found);
      path.pop();
    }
    return;
  }
  for (const key of Object.keys(value)) {
    const keyProblem = problemOf(key);
    if (keyProblem) found.push({ field: path.join('.') || 'body', message: `has a key that ${keyProblem}` });
    path.push(keyProblem ? '?' : key);
    visit((value as Record<string, unknown>)[key], path, depth + 1, found);
    path.pop();
  }
}
