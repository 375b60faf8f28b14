import { api, type Schemas } from '../../api/client';
import { authorizedFetch } from '../../api/authorized-fetch';
import type { ApiResult } from '../../api/use-api';

/* Import and export jobs, typed by the generated client from /docs-json (API.md, Imports and exports). */

export type JobStatus = Schemas['JobStatus'];
export type ImportFormat = Schemas['ImportFormat'];
export type ExportFormat = Schemas['ExportFormat'];
export type JobProgress = Schemas['JobProgressDto'];
export type ImportJob = Schemas['ImportJobDto'];

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

export type ExportRequest = Schemas['CreateExportDto'];

export const isActive = (status: JobStatus) => status === 'queued' || status === 'running';

/** openapi-fetch's answer as `useApi` takes it. */
const typed = <T>(result: { data?: T; error?: unknown }): ApiResult<T> =>
  result.data !== undefined ? { data: result.data } : { error: result.error };

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
  typed(await api.GET('/api/tenants/{tenant}/imports', { params: { path: { tenant }, query: { pageSize } } }));

export const getImport = async (tenant: string, id: string) =>
  typed(await api.GET('/api/tenants/{tenant}/imports/{id}', { params: { path: { tenant, id } } }));

/** One page of row errors (the route answers CSV only when asked for `format=csv`). */
export async function importErrors(
  tenant: string,
  id: string,
  page: number,
  pageSize: number,
): Promise<ApiResult<Schemas['ImportRowErrorPageDto']>> {
  const { data, error } = await api.GET('/api/tenants/{tenant}/imports/{id}/errors', {
    params: { path: { tenant, id }, query: { page, pageSize } },
  });
  if (typeof data === 'string') return { error: new Error('The server answered CSV instead of JSON. Try again.') };
  return typed({ data, error });
}

export const importLog = async (tenant: string, id: string) =>
  typed(await api.GET('/api/tenants/{tenant}/imports/{id}/log', { params: { path: { tenant, id } } }));

export const cancelImport = async (tenant: string, id: string) =>
  typed(await api.POST('/api/tenants/{tenant}/imports/{id}/cancel', { params: { path: { tenant, id } } }));

export const revertImport = async (tenant: string, id: string) =>
  typed(await api.POST('/api/tenants/{tenant}/imports/{id}/revert', { params: { path: { tenant, id } } }));

/** The bad rows as the file had them, with an `error` column. */
export const badRowsUrl = (tenant: string, id: string) =>
  `/api/tenants/${encodeURIComponent(tenant)}/imports/${encodeURIComponent(id)}/errors?format=csv`;

export const startExport = async (tenant: string, body: ExportRequest) =>
  typed(await api.POST('/api/tenants/{tenant}/exports', { params: { path: { tenant } }, body }));

export const listExports = async (tenant: string, pageSize = 10) =>
  typed(await api.GET('/api/tenants/{tenant}/exports', { params: { path: { tenant }, query: { pageSize } } }));

export const getExport = async (tenant: string, id: string) =>
  typed(await api.GET('/api/tenants/{tenant}/exports/{id}', { params: { path: { tenant, id } } }));

export const exportDownloadUrl = (tenant: string, id: string) =>
  `/api/tenants/${encodeURIComponent(tenant)}/exports/${encodeURIComponent(id)}/download`;
