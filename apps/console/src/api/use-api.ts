import { useCallback, useEffect, useRef, useState } from 'react';

/** What openapi-fetch answers: `data` on success, `error` (the API's error body) otherwise. */
export interface ApiResult<T> {
  data?: T;
  error?: unknown;
}

export type Loaded<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ok'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown };

/**
 * Loads something from the API when the component mounts and whenever a value in `deps` changes
 * (plain values: they are compared as JSON); `reload()` loads it again, after a change. Answers
 * that arrive after a newer load started are dropped. `latest` keeps the last data loaded, also
 * while a newer load runs (to keep showing a list during its reload).
 *
 *   const tables = useApi(() => api.GET('/api/tenants/{tenant}/tables', { params: { path: { tenant } } }), [tenant]);
 *   if (tables.status === 'ok') tables.data.results...
 */
export function useApi<T>(
  load: () => Promise<ApiResult<T>>,
  deps: readonly unknown[],
): Loaded<T> & { latest?: T; reload(): void } {
  const [generation, setGeneration] = useState(0);
  const key = `${generation}:${JSON.stringify(deps)}`;
  const [settled, setSettled] = useState<{ key: string; state: Loaded<T> } | null>(null);
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });

  useEffect(() => {
    let current = true;
    latestLoad.current().then(
      (result) => {
        if (!current) return;
        if (result.data !== undefined) setSettled({ key, state: { status: 'ok', data: result.data } });
        else setSettled({ key, state: { status: 'error', error: result.error ?? new Error('No answer') } });
      },
      (error: unknown) => current && setSettled({ key, state: { status: 'error', error } }),
    );
    return () => {
      current = false;
    };
  }, [key]);

  const [latest, setLatest] = useState<T | undefined>(undefined);
  if (settled?.state.status === 'ok' && settled.state.data !== latest) setLatest(settled.state.data);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const state: Loaded<T> = settled?.key === key ? settled.state : { status: 'loading' };
  return { ...state, latest, reload };
}
