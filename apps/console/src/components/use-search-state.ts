import { useLayoutEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * The page's query string as state, for controls whose value lives in the URL.
 *
 * React Router's `setSearchParams` is not enough for them: its updater gets the query string of
 * the last render, so a second change made before the first navigation has rendered starts from
 * the old URL and undoes the first; and the router navigates asynchronously, so a controlled
 * checkbox reads the old URL right after its click and flips back until the navigation lands.
 * Here a change is shown at once (the requested query string stands in for the URL until the URL
 * catches up with it) and each change starts from the newest one requested.
 */
export function useSearchState(): [URLSearchParams, (update: (current: URLSearchParams) => URLSearchParams) => void] {
  const location = useLocation();
  const navigate = useNavigate();
  const [requested, setRequested] = useState<{ key: string; searches: string[] }>({
    key: location.key,
    searches: [],
  });
  let pending = requested.searches;
  if (requested.key !== location.key) {
    // The URL changed: drop what it has caught up with, or everything when it went elsewhere (Back, a link).
    const at = pending.indexOf(normalized(location.search));
    pending = at === -1 ? [] : pending.slice(at + 1);
    setRequested({ key: location.key, searches: pending });
  }
  const search = pending.at(-1) ?? normalized(location.search);
  const latest = useRef({ key: location.key, search, pending });
  useLayoutEffect(() => {
    latest.current = { key: location.key, search, pending };
  });

  const update = (change: (current: URLSearchParams) => URLSearchParams) => {
    const next = change(new URLSearchParams(latest.current.search)).toString();
    if (next === latest.current.search) return;
    latest.current = { ...latest.current, search: next, pending: [...latest.current.pending, next] };
    setRequested({ key: latest.current.key, searches: latest.current.pending });
    void navigate(`?${next}`);
  };
  return [new URLSearchParams(search), update];
}

const normalized = (search: string) => new URLSearchParams(search).toString();
