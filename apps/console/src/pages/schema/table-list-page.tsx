import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { IfAllowed } from '../../layout/require-permission';
import { useTenantAccess } from '../../session/tenant-access';
import { readTable, TableDefinition } from './definition';
import { Flash } from './flash';
import { SchemaNav } from './schema-nav';
import { schemaPaths } from './schema-paths';
import { useAuthors } from './use-authors';
import { When } from './when';

/** Every table, page by page (the first request is the plain list route, 20 a page). */
async function loadTables(tenant: string): Promise<{ data?: TableDefinition[]; error?: unknown }> {
  const tables: TableDefinition[] = [];
  for (let page = 1; ; page++) {
    const { data, error } = await api.GET('/api/tenants/{tenant}/tables', {
      params: { path: { tenant }, ...(page > 1 && { query: { page } }) },
    });
    if (!data) return { error };
    tables.push(...data.results.map(readTable));
    if (!data.next) return { data: tables };
  }
}

/** The tenant's tables, with what each holds and how they reference each other. */
export function TableListPage() {
  const { tenant } = useTenantAccess();
  const navigate = useNavigate();
  const tables = useApi(() => loadTables(tenant), [tenant]);
  return (
    <Page
      title="Tables"
      actions={
        <IfAllowed permission="editSchema">
          <button type="button" onClick={() => void navigate(schemaPaths.newTable(tenant))}>
            New table
          </button>
        </IfAllowed>
      }
    >
      <SchemaNav />
      <Flash />
      <CurrentVersion tenant={tenant} />
      {tables.status === 'loading' && <Loading label="Loading tables" />}
      {tables.status === 'error' && <ErrorMessage error={tables.error} />}
      {tables.status === 'ok' &&
        (tables.data.length === 0 ? (
          <p>This tenant has no table yet.</p>
        ) : (
          <TableList tenant={tenant} tables={tables.data} />
        ))}
    </Page>
  );
}

function TableList({ tenant, tables }: { tenant: string; tables: TableDefinition[] }) {
  const referencedBy = (name: string) =>
    tables.filter((t) => t.columns.some((c) => c.type === 'reference' && c.references === name)).map((t) => t.name);
  return (
    <div className="table-scroll">
      <table>
        <caption>{tables.length === 1 ? '1 table' : `${tables.length} tables`}</caption>
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col">Description</th>
            <th scope="col">Columns</th>
            <th scope="col">References</th>
            <th scope="col">Referenced by</th>
            <th scope="col">Rows</th>
          </tr>
        </thead>
        <tbody>
          {tables.map((table) => {
            const references = [
              ...new Set(table.columns.flatMap((c) => (c.type === 'reference' && c.references ? [c.references] : []))),
            ];
            return (
              <tr key={table.id ?? table.name}>
                <th scope="row">
                  <Link to={schemaPaths.table(tenant, table.name)}>{table.name}</Link>
                </th>
                <td>{table.description ?? ''}</td>
                <td>{table.columns.length}</td>
                <td>{references.join(', ') || 'none'}</td>
                <td>{referencedBy(table.name).join(', ') || 'none'}</td>
                <td>
                  <Link to={schemaPaths.data(tenant, table.name)} aria-label={`Rows of ${table.name}`}>
                    Rows
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The active version in one line: number, when, who, why. */
function CurrentVersion({ tenant }: { tenant: string }) {
  const latest = useApi(
    () => api.GET('/api/tenants/{tenant}/schema/versions', { params: { path: { tenant }, query: { pageSize: 1 } } }),
    [tenant],
  );
  const current = latest.status === 'ok' ? latest.data.results[0] : undefined;
  const author = useAuthors(current ? [current.createdBy] : []);
  if (!current) return null;
  return (
    <p className="current-version">
      Schema version <strong>{current.version}</strong>, applied <When iso={current.createdAt} /> by{' '}
      {author(current.createdBy)}
      {current.message ? `: ${current.message}` : ''}.{' '}
      <Link to={schemaPaths.version(tenant, current.version)}>Its SQL</Link>
    </p>
  );
}
