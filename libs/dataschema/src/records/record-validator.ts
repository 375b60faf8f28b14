import { ErrorDetail } from '@app/core';
import { Invalid } from './column-coercion';
import { RecordTable } from './record-table';
import { shown, validationFailed } from './records.errors';

/** create: every required column given; replace (PUT): the same, and left-out columns reset; patch: only what is given. */
export type RecordWriteMode = 'create' | 'replace' | 'patch';

export type RecordValidation =
  | { ok: true; row: Record<string, unknown>; errors?: undefined }
  | { ok: false; row?: undefined; errors: ErrorDetail[] };

const REQUIRED = 'is required';

/**
 * Validates and coerces one input object against a compiled table: the row to store (column name ->
 * value ready to be a parameter) or every problem at once as `{field, message}`. The import
 * pipeline calls this per row, so it only looks up precompiled coercers.
 */
export function validateRecord(table: RecordTable, input: unknown, mode: RecordWriteMode): RecordValidation {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] };
  }
  const source = input as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  let errors: ErrorDetail[] | undefined;
  for (const name in source) {
    if (!Object.prototype.hasOwnProperty.call(source, name)) continue;
    const column = table.columns.get(name);
    if (column === undefined) {
      (errors ??= []).push({ field: shown(name), message: 'is not a column of this table' });
      continue;
    }
    if (column.system) {
      (errors ??= []).push({ field: name, message: 'is read-only' });
      continue;
    }
    const value = source[name];
    if (value === null || value === undefined) {
      if (column.notNull) (errors ??= []).push({ field: name, message: REQUIRED });
      else row[name] = null;
      continue;
    }
    const coerced = column.coerce(value);
    if (coerced instanceof Invalid) (errors ??= []).push({ field: name, message: coerced.message });
    else row[name] = coerced;
  }
  if (mode !== 'patch') {
    for (const column of table.requiredOnCreate) {
      if (source[column.name] === undefined && !Object.prototype.hasOwnProperty.call(source, column.name)) {
        (errors ??= []).push({ field: column.name, message: REQUIRED });
      }
    }
    if (mode === 'replace') {
      for (const column of table.writable) {
        if (!(column.name in row) && !Object.prototype.hasOwnProperty.call(source, column.name))
          row[column.name] = column.replaceValue;
      }
    }
  }
  return errors ? { ok: false, errors } : { ok: true, row };
}

/** `validateRecord` for a request: the row, or a 400 VALIDATION_FAILED with every problem. */
export function assertValidRecord(table: RecordTable, input: unknown, mode: RecordWriteMode): Record<string, unknown> {
  const result = validateRecord(table, input, mode);
  if (!result.ok) throw validationFailed(`Invalid record for ${table.name}`, result.errors);
  return result.row;
}
