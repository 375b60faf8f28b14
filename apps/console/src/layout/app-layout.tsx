import { Suspense } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import { Loading } from '../components/loading';
import { paths } from '../routes';
import { useMe, useSession } from '../session/session-context';
import { TenantNav } from './tenant-nav';
import { TenantSwitcher } from './tenant-switcher';

/** The signed-in frame: skip link, header (tenants, switcher, user, sign-out), tenant nav, and the page. */
export function AppLayout() {
  const me = useMe();
  const { signOut } = useSession();
  const tenant = useParams().tenant;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to={paths.tenants} className="brand">
          Strata console
        </Link>
        <nav aria-label="Console">
          <Link to={paths.tenants}>Tenants</Link>
        </nav>
        <TenantSwitcher />
        <span className="user" aria-label="Signed in as">
          {me.email}
          {me.isSuperadmin && ' (superadmin)'}
        </span>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <div className="app-body">
        {tenant && <TenantNav />}
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<Loading label="Loading page" />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
