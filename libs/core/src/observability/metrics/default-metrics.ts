import { collectDefaultMetrics } from 'prom-client';
import { metricsRegistry } from '../../metrics/metrics-registry';

let enabled = false;

/** Process metrics (CPU, memory, event loop, GC) on `metricsRegistry`; once per process. */
export function enableDefaultMetrics(): void {
  if (enabled) return;
  enabled = true;
  collectDefaultMetrics({ register: metricsRegistry });
}
