import { paths } from '../../routes';

/**
 * The schema area's URLs. Its own pages start with `_` (`_new`, `_diagram`, `_versions`): a table
 * name never does (the server refuses it), so they never hide a table.
 */
export const schemaPaths = {
  tables: (tenant: string) => paths.tables(tenant),
  newTable: (tenant: string) => `${paths.tables(tenant)}/_new`,
  diagram: (tenant: string) => `${paths.tables(tenant)}/_diagram`,
  versions: (tenant: string, page = 1) => `${paths.tables(tenant)}/_versions${page > 1 ? `?page=${page}` : ''}`,
  version: (tenant: string, version: number) => `${paths.tables(tenant)}/_versions/${version}`,
  diff: (tenant: string, from: number, to: number) => `${paths.tables(tenant)}/_versions/diff?from=${from}&to=${to}`,
  table: (tenant: string, table: string) => paths.table(tenant, table),
  editTable: (tenant: string, table: string) => `${paths.table(tenant, table)}/_edit`,
  dropTable: (tenant: string, table: string) => `${paths.table(tenant, table)}/_drop`,
  newColumn: (tenant: string, table: string) => `${paths.table(tenant, table)}/columns/_new`,
  column: (tenant: string, table: string, column: string) =>
    `${paths.table(tenant, table)}/columns/${encodeURIComponent(column)}`,
  dropColumn: (tenant: string, table: string, column: string) =>
    `${paths.table(tenant, table)}/columns/${encodeURIComponent(column)}/_drop`,
  newIndex: (tenant: string, table: string) => `${paths.table(tenant, table)}/indexes/_new`,
  dropIndex: (tenant: string, table: string, indexId: string) =>
    `${paths.table(tenant, table)}/indexes/${encodeURIComponent(indexId)}/_drop`,
  data: (tenant: string, table: string) => paths.data(tenant, table),
};
