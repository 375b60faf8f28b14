import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '../../metrics/metrics-registry';

/** `succeeded`; `retried` (an attempt failed, another follows); `failed` (no attempt left). */
export type JobOutcome = 'succeeded' | 'retried' | 'failed';

export const jobsTotal = new Counter({
  name: 'strata_jobs_total',
  help: 'Background job attempts by queue, job name and outcome',
  labelNames: ['queue', 'name', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const jobDurationSeconds = new Histogram({
  name: 'strata_job_duration_seconds',
  help: 'Duration of background job attempts by queue and job name',
  labelNames: ['queue', 'name'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
  registers: [metricsRegistry],
});

/** Records one job attempt's outcome and duration. */
export function recordJobAttempt(queue: string, name: string, outcome: JobOutcome, seconds: number): void {
  jobsTotal.inc({ queue, name, outcome });
  jobDurationSeconds.observe({ queue, name }, seconds);
}
