import { NavLink } from 'react-router';
import { paths } from '../routes';
import { useTenantAccess } from '../session/tenant-access';

/** The areas of the current tenant that the user's role opens; nothing else is offered. */
export function TenantNav() {
  const { tenant, role, can } = useTenantAccess();
  const links = [
    can.readSchema && { to: paths.tables(tenant), label: 'Tables' },
    can.importExport && { to: paths.imports(tenant), label: 'Imports' },
    can.readRecords && { to: paths.charts(tenant), label: 'Charts' },
    can.readAudit && { to: paths.audit(tenant), label: 'Audit' },
  ].filter((link): link is { to: string; label: string } => !!link);
  return (
    <nav aria-label="Tenant areas" className="tenant-nav">
      <p className="role-badge">
        Role: <strong>{role ?? 'none'}</strong>
      </p>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to}>{link.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
