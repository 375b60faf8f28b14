import { api, Schemas } from '../../api/client';
import type { RecordPage, TenantRecord } from '../../api/records';

/**
 * The record routes the grid, the history page and the charts use. Records have the tenant's own
 * columns, so /docs-json types them loosely; list and aggregate queries are written as the API
 * reads them (`filter[col][op]=...`), so their query strings are built here, not by openapi-fetch.
 */
export type Revision = Schemas['RevisionDto'];

export interface RestoreResult {
  record: TenantRecord;
  droppedColumns: string[];
}

export type Result<T> = { data: T; error?: undefined } | { data?: undefined; error: unknown };

const asResult = <T>(outcome: { data?: unknown; error?: unknown; response: Response }): Result<T> =>
  outcome.response.ok
    ? { data: outcome.data as T }
    : { error: outcome.error ?? new Error(outcome.response.statusText) };

/** A query string as it is: openapi-fetch would otherwise serialise the (empty) typed query itself. */
const exactly = (params: URLSearchParams) => () => params.toString();

export async function getTable(tenant: string, table: string): Promise<Result<Schemas['TableResponseDto']>> {
  return asResult(await api.GET('/api/tenants/{tenant}/tables/{table}', { params: { path: { tenant, table } } }));
}

export async function listTables(tenant: string): Promise<Result<Schemas['TablePageDto']>> {
  return asResult(
    await api.GET('/api/tenants/{tenant}/tables', { params: { path: { tenant }, query: { pageSize: 1000 } } }),
  );
}

/** One page of a list: `params` carries the filters, sort, fields and search, plus `cursor`, `pageSize`, `count`. */
export async function listPage(tenant: string, table: string, params: URLSearchParams): Promise<Result<RecordPage>> {
  return asResult(
    await api.GET('/api/tenants/{tenant}/tables/{table}/records', {
      params: { path: { tenant, table } },
      querySerializer: exactly(params),
    }),
  );
}

export async function createRecord(tenant: string, table: string, body: TenantRecord): Promise<Result<TenantRecord>> {
  return asResult(
    await api.POST('/api/tenants/{tenant}/tables/{table}/records', {
      params: { path: { tenant, table } },
      body: body as never,
    }),
  );
}

export async function patchRecord(
  tenant: string,
  table: string,
  id: string,
  body: TenantRecord,
): Promise<Result<TenantRecord>> {
  return asResult(
    await api.PATCH('/api/tenants/{tenant}/tables/{table}/records/{id}', {
      params: { path: { tenant, table, id } },
      body: body as never,
    }),
  );
}

export async function deleteRecord(tenant: string, table: string, id: string): Promise<Result<true>> {
  const outcome = await api.DELETE('/api/tenants/{tenant}/tables/{table}/records/{id}', {
    params: { path: { tenant, table, id } },
  });
  return outcome.response.ok ? { data: true } : { error: outcome.error ?? new Error(outcome.response.statusText) };
}

/** Every revision of a record, oldest first (a record rarely has more than a page of 1000). */
export async function recordHistory(
  tenant: string,
  table: string,
  id: string,
): Promise<Result<Schemas['RevisionPageDto']>> {
  return asResult(
    await api.GET('/api/tenants/{tenant}/tables/{table}/records/{id}/history', {
      params: { path: { tenant, table, id }, query: { pageSize: 1000 } },
    }),
  );
}

export async function restoreRecord(
  tenant: string,
  table: string,
  id: string,
  revision: number,
): Promise<Result<RestoreResult>> {
  return asResult(
    await api.POST('/api/tenants/{tenant}/tables/{table}/records/{id}/restore', {
      params: { path: { tenant, table, id } },
      body: { revision },
    }),
  );
}

/** `groupBy`, `metrics` and the filters, as the aggregate route reads them. */
export async function aggregate(
  tenant: string,
  table: string,
  params: URLSearchParams,
): Promise<Result<{ results: TenantRecord[] }>> {
  return asResult(
    await api.GET('/api/tenants/{tenant}/tables/{table}/aggregate', {
      params: { path: { tenant, table } },
      querySerializer: exactly(params),
    }),
  );
}
