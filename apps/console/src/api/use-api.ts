import { DependencyList, useCallback, useEffect, useState } from 'react';

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
 * Loads something from the API when the component mounts and whenever `deps` change; `reload`
 * loads it again (after a change). Answers that arrive after a newer load started are dropped.
 *
 *   const tables = useApi(() => api.GET('/api/tenants/{tenant}/tables', { params: { path: { tenant } } }), [tenant]);
 */
export function useApi<T>(load: () => Promise<ApiResult<T>>, deps: DependencyList): Loaded<T> & { reload(): void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    run()
      .then((result) => {
        if (!current) return;
        if (result.data !== undefined) setState({ status: 'ok', data: result.data });
        else setState({ status: 'error', error: result.error ?? new Error('No answer') });
      })
      .catch((error: unknown) => current && setState({ status: 'error', error }));
    return () => {
      current = false;
    };
  }, [run, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}
