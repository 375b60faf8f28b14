import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, Schemas } from '../api/client';
import { signInPath } from '../routes';
import { sessionEvents } from './session-events';
import { tokenStore } from './token-store';

export type Me = Schemas['MeResponseDto'];

export type SessionState =
  | { status: 'loading' }
  /** `expired`: the session ended under the user (refresh refused), not never begun or signed out. */
  | { status: 'signed-out'; expired?: boolean }
  | { status: 'signed-in'; me: Me };

export interface Session {
  state: SessionState;
  /** Resolves to null on success, else the API's error body (or a network error). */
  signIn(email: string, password: string): Promise<unknown | null>;
  signOut(): Promise<void>;
  /** Reads /api/auth/me again, for example after the user's memberships changed. */
  reload(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** The signed-in user, when this tab holds a session (after a reload: a refresh token only). */
async function fetchMeIfSession(): Promise<Me | null> {
  if (!tokenStore.refreshToken() && !tokenStore.accessToken()) return null;
  const { data } = await api.GET('/api/auth/me');
  return data ?? null;
}

/** Holds who is signed in, and notices when the session ends under the user. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const navigate = useNavigate();

  const load = useCallback(async () => {
    const me = await fetchMeIfSession();
    setState(me ? { status: 'signed-in', me } : { status: 'signed-out' });
  }, []);

  useEffect(() => {
    let current = true;
    void fetchMeIfSession().then(
      (me) => current && setState(me ? { status: 'signed-in', me } : { status: 'signed-out' }),
    );
    return () => {
      current = false;
    };
  }, []);

  // RequireSession then sends the user to sign-in, remembering the page.
  useEffect(() => sessionEvents.onExpired(() => setState({ status: 'signed-out', expired: true })), []);

  const session = useMemo<Session>(
    () => ({
      state,
      async signIn(email, password) {
        const { data, error } = await api.POST('/api/auth/login', { body: { email, password } });
        if (!data) return error ?? new Error('Sign-in failed');
        tokenStore.save(data);
        await load();
        return null;
      },
      async signOut() {
        const refreshToken = tokenStore.refreshToken();
        if (refreshToken) await api.POST('/api/auth/logout', { body: { refreshToken } }).catch(() => undefined);
        tokenStore.clear();
        setState({ status: 'signed-out' });
        navigate(signInPath(), { replace: true });
      },
      reload: load,
    }),
    [state, load, navigate],
  );

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for components under RequireSession. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe outside a signed-in area');
  return state.me;
}
