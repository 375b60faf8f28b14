import { api } from '../../api/client';
import { authorizedFetch } from '../../api/authorized-fetch';
import type { ApiResult } from '../../api/use-api';

/*
 * Import and export jobs. The paths are checked by the generated client; /docs-json does not
 * describe these answers' bodies (the routes declare a description only), so their shapes are
 * written here from API.md, Imports and exports.
 */

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type ImportFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';
export type ExportFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';

export interface JobProgress {
  rowsRead: number;
  rowsValid: number;
  rowsInvalid: number;
  bytesRead: number;
  bytesTotal: number;
  percent: number;
}

export interface ImportSummary {
  rowsRead: number;
  rowsValid: number;
  rowsInvalid: number;
  rowsStored: number;
  errorsStored: number;
  dryRun: boolean;
  message: string;
  batchId: string | null;
  revertedAt?: string;
  rowsReverted?: number;
}

interface JobTimes {
  id: string;
  table: string;
  status: JobStatus;
  progress: JobProgress;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ImportJob extends JobTimes {
  format: ImportFormat;
  mode: 'insert' | 'upsert';
  onError: 'abort' | 'skip';
  dryRun: boolean;
  fileName: string;
  summary: ImportSummary | null;
}

export interface ExportJob extends JobTimes {
  format: ExportFormat;
  summary: { rows: number; bytes: number; message: string } | null;
}

/** One problem of one bad row; `row` as a spreadsheet numbers it (header = 1) for CSV and XLSX. */
export interface RowError {
  row: number;
  column: string | null;
  value: string | null;
  message: string;
}

export interface JobEvent {
  at: string;
  level: string;
  message: string;
  data: unknown;
}

export interface Paged<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** The fields of an import (multipart), besides the file. */
export interface ImportRequest {
  table: string;
  format: ImportFormat;
  mode: 'insert' | 'upsert';
  upsertKey?: string;
  onError: 'abort' | 'skip';
  dryRun: boolean;
  mapping: Record<string, string | null>;
}

export interface ExportRequest {
  table: string;
  format: ExportFormat;
  filter?: Record<string, Record<string, string>>;
  sort?: string;
  fields?: string;
}

export const isActive = (status: JobStatus) => status === 'queued' || status === 'running';

const typed = <T>(result: { data?: unknown; error?: unknown }): ApiResult<T> =>
  result.data !== undefined ? { data: result.data as T } : { error: result.error };

async function jsonResult<T>(response: Response): Promise<ApiResult<T>> {
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && body !== undefined) return { data: body as T };
  return { error: body ?? new Error(`The server answered ${response.status}. Try again.`) };
}

/**
 * Uploads the file and queues its import. The idempotency key makes a repeated submit (a double
 * click, a retry after a lost answer) return the first job instead of importing twice.
 */
export async function startImport(
  tenant: string,
  file: File,
  request: ImportRequest,
  idempotencyKey: string,
): Promise<ApiResult<ImportJob>> {
  const form = new FormData();
  form.set('table', request.table);
  form.set('format', request.format);
  form.set('mode', request.mode);
  if (request.mode === 'upsert' && request.upsertKey) form.set('upsertKey', request.upsertKey);
  form.set('onError', request.onError);
  form.set('dryRun', String(request.dryRun));
  form.set('mapping', JSON.stringify(request.mapping));
  form.set('file', file, file.name);
  const response = await authorizedFetch(`/api/tenants/${encodeURIComponent(tenant)}/imports`, {
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey },
    body: form,
  });
  return jsonResult<ImportJob>(response);
}

export const listImports = async (tenant: string, pageSize = 10) =>
  typed<Paged<ImportJob>>(
    await api.GET('/api/tenants/{tenant}/imports', { params: { path: { tenant }, query: { pageSize } } }),
  );

export const getImport = async (tenant: string, id: string) =>
  typed<ImportJob>(await api.GET('/api/tenants/{tenant}/imports/{id}', { params: { path: { tenant, id } } }));

export const importErrors = async (tenant: string, id: string, page: number, pageSize: number) =>
  typed<Paged<RowError>>(
    await api.GET('/api/tenants/{tenant}/imports/{id}/errors', {
      params: { path: { tenant, id }, query: { page, pageSize } },
    }),
  );

export const importLog = async (tenant: string, id: string) =>
  typed<{ results: JobEvent[] }>(
    await api.GET('/api/tenants/{tenant}/imports/{id}/log', { params: { path: { tenant, id } } }),
  );

export const cancelImport = async (tenant: string, id: string) =>
  typed<ImportJob>(await api.POST('/api/tenants/{tenant}/imports/{id}/cancel', { params: { path: { tenant, id } } }));

export const revertImport = async (tenant: string, id: string) =>
  typed<ImportJob>(await api.POST('/api/tenants/{tenant}/imports/{id}/revert', { params: { path: { tenant, id } } }));

/** The bad rows as the file had them, with an `error` column. */
export const badRowsUrl = (tenant: string, id: string) =>
  `/api/tenants/${encodeURIComponent(tenant)}/imports/${encodeURIComponent(id)}/errors?format=csv`;

export const startExport = async (tenant: string, body: ExportRequest) =>
  typed<ExportJob>(await api.POST('/api/tenants/{tenant}/exports', { params: { path: { tenant } }, body }));

export const listExports = async (tenant: string, pageSize = 10) =>
  typed<Paged<ExportJob>>(
    await api.GET('/api/tenants/{tenant}/exports', { params: { path: { tenant }, query: { pageSize } } }),
  );

export const getExport = async (tenant: string, id: string) =>
  typed<ExportJob>(await api.GET('/api/tenants/{tenant}/exports/{id}', { params: { path: { tenant, id } } }));

export const exportDownloadUrl = (tenant: string, id: string) =>
  `/api/tenants/${encodeURIComponent(tenant)}/exports/${encodeURIComponent(id)}/download`;
