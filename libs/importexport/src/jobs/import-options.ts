import { AppException, badRequest, CoreErrorCode, ErrorDetail } from '@app/core';
import { TableDefinition } from '@app/dataschema';
import { HttpStatus } from '@nestjs/common';
import { HeaderMapping } from '../mapping/header-mapping';
import { IMPORT_FORMATS, IMPORT_MODES, ImportFormat, ImportMode, ON_ERROR, OnError } from './import-export-jobs';

export interface ImportOptions {
  table: string;
  format: ImportFormat;
  mode: ImportMode;
  upsertKey: string | null;
  onError: OnError;
  dryRun: boolean;
  mapping: HeaderMapping | null;
}

const unsupported = (message: string) =>
  new AppException(CoreErrorCode.UNSUPPORTED_MEDIA_TYPE, message, HttpStatus.UNSUPPORTED_MEDIA_TYPE);

/** The format: the `format` field, else the file name's extension; anything else is a 415. */
export function importFormat(given: string | undefined, fileName: string): ImportFormat {
  const format = (given ?? fileName.split('.').pop() ?? '').toLowerCase();
  if ((IMPORT_FORMATS as readonly string[]).includes(format)) return format as ImportFormat;
  throw unsupported(`Unsupported file type "${format}": send csv, xlsx, json or ndjson (or name it with the format)`);
}

/** Checks the multipart fields of an import against the active definition; every problem in one 400. */
export function importOptions(
  fields: Record<string, string>,
  fileName: string,
  tables: readonly TableDefinition[],
): ImportOptions {
  const errors: ErrorDetail[] = [];
  const known = new Set(['table', 'format', 'mode', 'upsertKey', 'onError', 'dryRun', 'mapping']);
  for (const name of Object.keys(fields))
    if (!known.has(name)) errors.push({ field: name, message: 'is not a field of an import' });
  const table = tables.find((t) => t.name === fields.table);
  if (!fields.table) errors.push({ field: 'table', message: 'is required' });
  else if (!table) errors.push({ field: 'table', message: `no table "${fields.table}" in the active schema` });
  const choice = <T extends string>(field: string, allowed: readonly T[], fallback: T): T => {
    const value = fields[field] ?? fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    errors.push({ field, message: `must be one of ${allowed.join(', ')}` });
    return fallback;
  };
  const mode = choice('mode', IMPORT_MODES, 'insert');
  const onError = choice('onError', ON_ERROR, 'abort');
  const dryRunText = fields.dryRun ?? 'false';
  if (dryRunText !== 'true' && dryRunText !== 'false')
    errors.push({ field: 'dryRun', message: 'must be true or false' });
  const upsertKey = fields.upsertKey ?? null;
  if (mode === 'upsert') {
    const column = table?.columns.find((c) => c.name === upsertKey);
    if (!upsertKey) errors.push({ field: 'upsertKey', message: 'is required in upsert mode' });
    else if (table && column?.unique !== true)
      errors.push({ field: 'upsertKey', message: `must be a unique column of ${table.name}` });
  } else if (upsertKey !== null) errors.push({ field: 'upsertKey', message: 'is only for upsert mode' });
  let mapping: HeaderMapping | null = null;
  if (fields.mapping !== undefined) {
    try {
      const parsed: unknown = JSON.parse(fields.mapping);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
      for (const value of Object.values(parsed)) if (value !== null && typeof value !== 'string') throw new Error();
      mapping = parsed as HeaderMapping;
    } catch {
      errors.push({ field: 'mapping', message: 'must be a JSON object of header to column name (or null)' });
    }
  }
  if (errors.length > 0) throw badRequest(CoreErrorCode.VALIDATION_FAILED, 'Invalid import request', errors);
  return {
    table: fields.table,
    format: importFormat(fields.format, fileName),
    mode,
    upsertKey: mode === 'upsert' ? upsertKey : null,
    onError,
    dryRun: dryRunText === 'true',
    mapping,
  };
}
