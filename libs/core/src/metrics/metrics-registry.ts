import { Counter, Registry } from 'prom-client';

/** The process's Prometheus registry; every module registers its series here. */
export const metricsRegistry = new Registry();

export const tenantMigrationsTotal = new Counter({
  name: 'strata_tenant_migrations_total',
  help: 'Tenant schema migrations run, by outcome',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});
