import { identifierProblem } from '@app/core';
import { isSystemColumn } from './schema-definition';

export const MAX_NAME_BYTES = 63;

/** Why a table or column name is refused, or undefined. PostgreSQL truncates names beyond 63 bytes. */
export function nameProblem(name: unknown): string | undefined {
  if (typeof name === 'string' && Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) {
    return `must be at most ${MAX_NAME_BYTES} bytes`;
  }
  return identifierProblem(name);
}

export function columnNameProblem(name: unknown): string | undefined {
  if (typeof name === 'string' && isSystemColumn(name)) return `"${name}" is a system column every table has`;
  return nameProblem(name);
}
