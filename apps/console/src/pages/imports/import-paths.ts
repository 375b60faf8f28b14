import { paths } from '../../routes';

/** The URLs of this area, below paths.imports(tenant). */
export const importPaths = {
  home: (tenant: string) => paths.imports(tenant),
  newImport: (tenant: string, table?: string) =>
    `${paths.imports(tenant)}/new${table ? `?table=${encodeURIComponent(table)}` : ''}`,
  importJob: (tenant: string, id: string) => `${paths.imports(tenant)}/${encodeURIComponent(id)}`,
  /** The export page; `query` is a record list's query (table, filter[...], sort, fields). */
  newExport: (tenant: string, query = '') => `${paths.imports(tenant)}/export${query ? `?${query}` : ''}`,
  exportJob: (tenant: string, id: string) => `${paths.imports(tenant)}/exports/${encodeURIComponent(id)}`,
};
