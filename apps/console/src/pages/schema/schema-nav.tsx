import { NavLink } from 'react-router';
import { useTenantAccess } from '../../session/tenant-access';
import { schemaPaths } from './schema-paths';

/** The schema area's own pages; the current one is marked in words for screen readers and by a bar. */
export function SchemaNav() {
  const { tenant } = useTenantAccess();
  return (
    <nav aria-label="Schema" className="schema-nav">
      <ul>
        <li>
          <NavLink to={schemaPaths.tables(tenant)} end>
            Table list
          </NavLink>
        </li>
        <li>
          <NavLink to={schemaPaths.diagram(tenant)}>Diagram</NavLink>
        </li>
        <li>
          <NavLink to={schemaPaths.versions(tenant)}>Versions</NavLink>
        </li>
      </ul>
    </nav>
  );
}
