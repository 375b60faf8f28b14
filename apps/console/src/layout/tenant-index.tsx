import { Navigate } from 'react-router';
import { useTenantAccess } from '../session/tenant-access';
import { tenantHome } from './tenant-home';

/** /console/t/:tenant opens the first area the user's role allows. */
export function TenantIndex() {
  const { tenant, role } = useTenantAccess();
  return <Navigate to={tenantHome(tenant, role)} replace />;
}
