import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useMe } from '../session/session-context';
import { roleIn } from '../session/tenant-access';
import { tenantHome } from './tenant-home';

/** Lists the tenants the API gives the user (all of them for a superadmin) and opens the one chosen. */
export function TenantSwitcher() {
  const me = useMe();
  const navigate = useNavigate();
  const current = useParams().tenant ?? '';
  // Read again on every tenant change, so a tenant created a moment ago is listed.
  const tenants = useApi(() => api.GET('/api/tenants', { params: { query: { pageSize: 1000 } } }), [me.id, current]);
  const options = tenants.latest?.results ?? [];
  return (
    <div className="tenant-switcher">
      <label htmlFor="tenant-switcher">Tenant</label>
      <select
        id="tenant-switcher"
        value={current}
        disabled={!tenants.latest}
        onChange={(event) =>
          event.target.value && navigate(tenantHome(event.target.value, roleIn(me, event.target.value)))
        }
      >
        <option value="">{tenants.latest ? 'Choose a tenant' : 'Loading tenants…'}</option>
        {options.map((tenant) => (
          <option key={tenant.slug} value={tenant.slug}>
            {tenant.name} ({tenant.slug})
          </option>
        ))}
      </select>
    </div>
  );
}
