import { Gauge } from 'prom-client';
import { metricsRegistry } from '../../metrics/metrics-registry';

export interface PlatformCounts {
  activeUsers: number;
  inactiveUsers: number;
  tenants: number;
}

type CountsSource = () => Promise<PlatformCounts>;

let source: CountsSource | null = null;
let pending: Promise<PlatformCounts> | null = null;

/** One query per scrape for all three series, however many gauges ask. */
function currentCounts(): Promise<PlatformCounts> | null {
  if (!source) return null;
  pending ??= source().finally(() => {
    pending = null;
  });
  return pending;
}

export const usersGauge = new Gauge({
  name: 'strata_users',
  help: 'Users by state (active or inactive), counted at scrape time',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  async collect() {
    const counts = await currentCounts();
    if (!counts) return;
    this.set({ state: 'active' }, counts.activeUsers);
    this.set({ state: 'inactive' }, counts.inactiveUsers);
  },
});

export const tenantsGauge = new Gauge({
  name: 'strata_tenants',
  help: 'Tenants, counted at scrape time',
  registers: [metricsRegistry],
  async collect() {
    const counts = await currentCounts();
    if (counts) this.set(counts.tenants);
  },
});

/**
 * Sets where the gauges read their counts from (the app's database); returns a function that
 * unsets it again, unless another app has taken over since.
 */
export function setPlatformCountsSource(next: CountsSource): () => void {
  source = next;
  return () => {
    if (source === next) source = null;
  };
}
