import { POSTGRES_RESERVED_WORDS } from './reserved-words';

export const IDENTIFIER_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

/** Why a user-supplied identifier is refused, or undefined when it is acceptable. */
export function identifierProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'must be a non-empty string';
  if (name.startsWith('_')) return 'must not start with _ (reserved for system tables)';
  if (name.startsWith('pg_')) return 'must not start with pg_';
  if (!IDENTIFIER_PATTERN.test(name))
    return 'must start with a lower-case letter and hold only a-z, 0-9 and _, at most 63 characters';
  if (POSTGRES_RESERVED_WORDS.has(name)) return `"${name}" is a word PostgreSQL reserves`;
  return undefined;
}

export function isValidIdentifier(name: unknown): name is string {
  return identifierProblem(name) === undefined;
}

/** Quotes an identifier for PostgreSQL; embedded quotes are doubled, so any string is safe. */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('Identifier contains a NUL character');
  return `"${name.replace(/"/g, '""')}"`;
}
