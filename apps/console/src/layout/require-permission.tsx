import { ReactNode } from 'react';
import { NotAllowed } from '../components/not-allowed';
import { Permissions } from '../session/roles';
import { useTenantAccess } from '../session/tenant-access';

/** Renders an area only for roles that may use it; others read why not (a deep link, a role change). */
export function RequirePermission({
  permission,
  what,
  children,
}: {
  permission: keyof Permissions;
  what: string;
  children: ReactNode;
}) {
  const { can } = useTenantAccess();
  return can[permission] ? <>{children}</> : <NotAllowed what={what} />;
}

/** Renders its children only when the current role has the permission: controls a role cannot use are not offered. */
export function IfAllowed({ permission, children }: { permission: keyof Permissions; children: ReactNode }) {
  const { can } = useTenantAccess();
  return can[permission] ? <>{children}</> : null;
}
