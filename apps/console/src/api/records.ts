import { api } from './client';

/**
 * Records have the tenant's own columns, so /docs-json types them loosely; these aliases say so.
 * (Each tenant's exact document is at /api/tenants/{tenant}/openapi.json.)
 */
export type RecordValue = string | number | boolean | null | Record<string, unknown> | unknown[];
export type TenantRecord = Record<string, RecordValue>;

export interface RecordPage {
  count: number | null;
  next: string | null;
  previous: string | null;
  results: TenantRecord[];
}

/** Query parameters of a record list (API.md, Records): filters as `filter[col][op]`, sort, cursor... */
export type RecordQuery = Record<string, string | number>;

/** One page of a table's rows, through the generic record route of /docs-json. */
export async function listRecords(tenant: string, table: string, query: RecordQuery = {}) {
  const result = await api.GET('/api/tenants/{tenant}/tables/{table}/records', {
    params: { path: { tenant, table }, query: query as never },
  });
  return { data: result.data as RecordPage | undefined, error: result.error as unknown, response: result.response };
}
