/**
 * A part of the platform that works, or works only partly ("degraded": serve traffic, but an
 * operator must look). `message` is ours to write: never an error text from a driver.
 */
export interface ReadinessReport {
  status: 'up' | 'degraded';
  count?: number;
  message?: string;
}

export type ReadinessCheck = () => Promise<ReadinessReport>;

const checks = new Map<string, ReadinessCheck>();

/**
 * Adds a named part to `/health/ready` (which runs it once PostgreSQL and Redis answer); returns a
 * function that removes it again, unless another app has registered that name since.
 */
export function registerReadinessCheck(name: string, check: ReadinessCheck): () => void {
  checks.set(name, check);
  return () => {
    if (checks.get(name) === check) checks.delete(name);
  };
}

export function readinessChecks(): ReadonlyMap<string, ReadinessCheck> {
  return checks;
}
