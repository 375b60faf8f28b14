import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/loading';
import { signInPath } from '../routes';
import { useSession } from '../session/session-context';

/** The signed-in area: without a session, go to sign-in and come back here afterwards. */
export function RequireSession() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading label="Restoring your session" />;
  if (state.status === 'signed-out') {
    const here = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={signInPath(here, state.expired)} replace />;
  }
  return <Outlet />;
}
