import { sessionEvents } from '../session/session-events';
import { TokenPair, tokenStore } from '../session/token-store';

let refreshing: Promise<boolean> | null = null;

async function refresh(): Promise<boolean> {
  const refreshToken = tokenStore.refreshToken();
  if (!refreshToken) return false;
  const res = await fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  if (!res.ok) {
    tokenStore.clear();
    return false;
  }
  tokenStore.save((await res.json()) as TokenPair);
  return true;
}

/**
 * Exchanges the refresh token for a new pair. Calls made while one refresh is under way share it:
 * the API revokes the whole token family when a spent refresh token is used again.
 */
export function refreshOnce(): Promise<boolean> {
  refreshing ??= refresh()
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Sign-in, refresh and sign-out answer 401 for bad credentials or tokens: never a reason to refresh. */
const isSessionRoute = (url: string): boolean => /\/api\/auth\/(login|refresh|logout)$/.test(new URL(url).pathname);

function withToken(request: Request): Request {
  const token = tokenStore.accessToken();
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return request;
}

/**
 * `fetch` with the session's bearer token. A 401 gets one refresh and one retry; when that fails
 * too the session is over and the app returns to sign-in (keeping the page). Use it for calls
 * the typed client does not cover (per-tenant documents, file downloads, multipart uploads).
 */
export async function authorizedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const retry = request.clone();
  if (!tokenStore.accessToken() && tokenStore.refreshToken()) await refreshOnce();
  const res = await fetch(withToken(request));
  if (res.status !== 401 || isSessionRoute(request.url)) return res;
  if (await refreshOnce()) {
    const retried = await fetch(withToken(retry));
    if (retried.status !== 401) return retried;
  }
  tokenStore.clear();
  sessionEvents.expired();
  return res;
}
