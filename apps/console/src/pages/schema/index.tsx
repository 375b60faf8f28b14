import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { IfAllowed } from '../../layout/require-permission';
import { paths } from '../../routes';
import { useTenantAccess } from '../../session/tenant-access';

/**
 * The schema area (/console/t/:tenant/tables/*). Placeholder: the table list; the designer,
 * diagram, versions and forms come here. Routes below /tables are this area's own (nested <Routes>).
 */
export default function SchemaArea() {
  const { tenant } = useTenantAccess();
  const tables = useApi(() => api.GET('/api/tenants/{tenant}/tables', { params: { path: { tenant } } }), [tenant]);
  return (
    <Page
      title="Tables"
      actions={
        <IfAllowed permission="editSchema">
          <button type="button">New table</button>
        </IfAllowed>
      }
    >
      {tables.status === 'loading' && <Loading label="Loading tables" />}
      {tables.status === 'error' && <ErrorMessage error={tables.error} />}
      {tables.status === 'ok' &&
        (tables.data.results.length === 0 ? (
          <p>This tenant has no table yet.</p>
        ) : (
          <ul>
            {tables.data.results.map((table) => (
              <li key={table.name}>
                {table.name} (<Link to={paths.data(tenant, table.name)}>rows</Link>)
              </li>
            ))}
          </ul>
        ))}
    </Page>
  );
}
