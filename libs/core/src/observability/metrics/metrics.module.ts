import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { enableDefaultMetrics } from './default-metrics';
import { installHttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { PlatformCountsService } from './platform-counts.service';

/**
 * `/metrics` for Prometheus: process metrics, HTTP latency per route, jobs, users and tenants.
 *
 * Every series lives on `metricsRegistry` from `@app/core`, whichever module defines it. To add
 * one, declare it once at module level next to the code that updates it:
 *
 * ```ts
 * export const importedRowsTotal = new Counter({
 *   name: 'strata_import_rows_total', help: 'Rows imported, by outcome',
 *   labelNames: ['outcome'] as const, registers: [metricsRegistry],
 * });
 * importedRowsTotal.inc({ outcome: 'stored' }, summary.rowsStored);
 * ```
 *
 * For a value read at scrape time (tables per tenant, schema versions) give a `Gauge` an async
 * `collect()` that queries and calls `this.set(...)`; see `platform-gauges.ts`. Prefix names with
 * `strata_`, keep label values bounded (never a tenant slug or a record id), and let jobs be
 * counted by `JobRunner`, which already records `strata_jobs_total` and `strata_job_duration_seconds`.
 */
@Module({
  controllers: [MetricsController],
  providers: [PlatformCountsService],
})
export class MetricsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    enableDefaultMetrics();
    const adapter = this.adapterHost.httpAdapter;
    if (adapter) installHttpMetrics(adapter.getInstance<FastifyInstance>());
  }
}
