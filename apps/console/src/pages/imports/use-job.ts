import { useEffect } from 'react';
import { ApiResult, useApi } from '../../api/use-api';
import { isActive, JobStatus } from './jobs-api';

/** How often a queued or running job is read again. */
export const POLL_MS = 700;

/**
 * Loads a job and reads it again every POLL_MS while it is queued or running. `latest` keeps the
 * last answer during each new read, so the page does not flicker.
 */
export function useJob<T extends { status: JobStatus }>(load: () => Promise<ApiResult<T>>, deps: readonly unknown[]) {
  const job = useApi(load, deps);
  const { status, data, reload } = job;
  useEffect(() => {
    if (status !== 'ok' || !isActive(data.status)) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [status, data, reload]);
  return job;
}
