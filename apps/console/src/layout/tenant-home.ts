import { paths } from '../routes';
import { permissionsOf, Role } from '../session/roles';

/** Where a tenant opens for a role: its tables, or the audit trail for auditors. */
export function tenantHome(tenant: string, role: Role | null): string {
  const can = permissionsOf(role);
  if (can.readSchema) return paths.tables(tenant);
  if (can.readAudit) return paths.audit(tenant);
  return paths.tenants;
}
