import { metricsRegistry, registerReadinessCheck, ReadinessReport } from '@app/core';
import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { TenantMigrationRepository } from './tenant-migration.repository';
import { LATEST_TENANT_REVISION } from './tenant-migrations';

let countBehind: (() => Promise<number>) | null = null;

export const tenantSchemasBehindGauge = new Gauge({
  name: 'strata_tenant_schemas_behind',
  help: 'Tenant schemas behind the system revision of this code (their system migration failed), at scrape time',
  registers: [metricsRegistry],
  async collect() {
    if (countBehind) this.set(await countBehind());
  },
});

/**
 * Tenants whose schema the start-up run could not bring up to date, read from `public.tenants` so
 * that every process reports the same: `/health/ready` answers `degraded` (still 200: the other
 * tenants are served) and `strata_tenant_schemas_behind` counts them.
 */
@Injectable()
export class TenantSchemasHealth implements OnModuleInit, OnModuleDestroy {
  private readonly releases: Array<() => void> = [];

  constructor(private readonly repository: TenantMigrationRepository) {}

  onModuleInit(): void {
    const count = () => this.repository.countBehind(LATEST_TENANT_REVISION);
    countBehind = count;
    this.releases.push(
      () => {
        if (countBehind === count) countBehind = null;
      },
      registerReadinessCheck('tenantSchemas', () => this.report()),
    );
  }

  onModuleDestroy(): void {
    for (const release of this.releases.splice(0)) release();
  }

  async report(): Promise<ReadinessReport> {
    const behind = await this.repository.countBehind(LATEST_TENANT_REVISION);
    if (behind === 0) return { status: 'up', count: 0 };
    const schemas = behind === 1 ? '1 tenant schema is behind its' : `${behind} tenant schemas are behind their`;
    return { status: 'degraded', count: behind, message: `${schemas} system migrations; see the logs` };
  }
}
