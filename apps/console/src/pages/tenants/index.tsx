import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { tenantHome } from '../../layout/tenant-home';
import { useMe } from '../../session/session-context';
import { roleIn } from '../../session/tenant-access';
import { CreateTenantForm } from './create-tenant-form';

export default function TenantsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const tenants = useApi(() => api.GET('/api/tenants', { params: { query: { pageSize: 1000 } } }), []);

  return (
    <Page title="Tenants">
      {tenants.status === 'loading' && <Loading label="Loading tenants" />}
      {tenants.status === 'error' && <ErrorMessage error={tenants.error} />}
      {tenants.status === 'ok' &&
        (tenants.data.results.length === 0 ? (
          <p>
            {me.isSuperadmin ? 'No tenant yet: create the first one below.' : 'You are not a member of any tenant.'}
          </p>
        ) : (
          <table>
            <caption>Your tenants</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Slug</th>
                <th scope="col">Your role</th>
              </tr>
            </thead>
            <tbody>
              {tenants.data.results.map((tenant) => (
                <tr key={tenant.slug}>
                  <td>
                    <Link to={tenantHome(tenant.slug, roleIn(me, tenant.slug))}>{tenant.name}</Link>
                  </td>
                  <td>{tenant.slug}</td>
                  <td>{roleIn(me, tenant.slug) ?? 'none'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {me.isSuperadmin && <CreateTenantForm onCreated={(tenant) => navigate(tenantHome(tenant.slug, 'superadmin'))} />}
    </Page>
  );
}
