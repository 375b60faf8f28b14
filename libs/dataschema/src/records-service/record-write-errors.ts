import { AppException, conflict, CoreErrorCode, unprocessable } from '@app/core';
import { QueryFailedError } from 'typeorm';
import { DataschemaErrorCode } from '../dataschema.exception';
import { SchemaDefinition, TableDefinition } from '../definition/schema-definition';

interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
  detail?: string;
}

/** The column (or columns) a server-named constraint is about: `<columnId>_key|_fkey`, `<indexId>_idx`. */
function columnsOfConstraint(table: TableDefinition | undefined, constraint: string | undefined): string | undefined {
  if (!table || !constraint) return undefined;
  const match = /^(.+)_(key|fkey|idx)$/.exec(constraint);
  if (!match) return undefined;
  const [, id, kind] = match;
  if (kind === 'idx') return table.indexes?.find((i) => i.id === id)?.columns.join(',');
  return table.columns.find((c) => c.id === id)?.name;
}

/** `Key (a, b)=(...)`: the key's column names as PostgreSQL prints them. */
const keyOfDetail = (detail: string | undefined) =>
  /^Key \((.+?)\)=/
    .exec(detail ?? '')?.[1]
    .split(',')
    .map((name) => name.trim().replace(/^"(.*)"$/, '$1'))
    .join(',');

/**
 * Maps what PostgreSQL refuses on a record write to the contract, naming columns by their record
 * keys (the core mapping would camelCase them): a unique violation is a 409 naming the column, a
 * reference to a missing record a 422 REFERENCE_NOT_FOUND naming the column, a delete that a
 * `restrict` reference blocks a 409 naming the referencing table. A table or column that vanished
 * under the request (a schema change committed meanwhile) is a 409 to retry. Anything else is left
 * to the core mapping (undefined).
 */
export function recordWriteError(
  error: unknown,
  schema: SchemaDefinition,
  table: TableDefinition,
): AppException | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const pg = error.driverError as PgError;
  switch (pg.code) {
    case '23505': {
      const column = columnsOfConstraint(table, pg.constraint) ?? keyOfDetail(pg.detail) ?? 'value';
      return conflict(CoreErrorCode.UNIQUE_VIOLATION, `${column} is already taken`, [
        { field: column, message: 'is already taken' },
      ]);
    }
    case '23503': {
      if (pg.table === table.name && /is not present in table/.test(pg.detail ?? '')) {
        const column = columnsOfConstraint(table, pg.constraint) ?? keyOfDetail(pg.detail) ?? 'reference';
        return unprocessable(
          DataschemaErrorCode.REFERENCE_NOT_FOUND,
          `${column} refers to a record that does not exist`,
          [{ field: column, message: 'refers to a record that does not exist' }],
        );
      }
      const referencing = schema.tables.find((t) => t.name === pg.table);
      const column = columnsOfConstraint(referencing, pg.constraint);
      const from = referencing ? `${referencing.name}${column ? `.${column}` : ''}` : 'another table';
      return conflict(CoreErrorCode.CONFLICT, `The record is still referenced from ${from}`, [
        { field: 'id', message: `is still referenced from ${from}` },
      ]);
    }
    case '42703':
    case '42P01':
      return conflict(CoreErrorCode.CONFLICT, 'The table changed while the request ran; try again');
    default:
      return undefined;
  }
}
