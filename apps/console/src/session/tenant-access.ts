import { useParams } from 'react-router';
import { Me, useMe } from './session-context';
import { isTenantRole, Permissions, permissionsOf, Role } from './roles';

/** The caller's role in a tenant: `superadmin` for superadmins, the membership's role, or null. */
export function roleIn(me: Me, tenant: string): Role | null {
  if (me.isSuperadmin) return 'superadmin';
  const role = me.memberships.find((membership) => membership.slug === tenant)?.role;
  return role && isTenantRole(role) ? role : null;
}

export interface TenantAccess {
  /** The tenant's slug, from the URL (`/console/t/:tenant/...`). */
  tenant: string;
  role: Role | null;
  can: Permissions;
}

/** The current tenant (from the URL) and what the signed-in user may do in it. */
export function useTenantAccess(): TenantAccess {
  const me = useMe();
  const tenant = useParams().tenant ?? '';
  const role = roleIn(me, tenant);
  return { tenant, role, can: permissionsOf(role) };
}
