import { Module } from '@nestjs/common';
import { TenantMigrationRepository } from './tenant-migration.repository';
import { TenantMigrationRunner } from './tenant-migration.runner';
import { TenantSchemasHealth } from './tenant-schemas-health';

/**
 * The tenant-migration runner, shared by the API (`TenantsModule`) and the worker
 * (`TenantsJobsModule`): one instance per process, so one start-up run even when both are loaded.
 */
@Module({
  providers: [TenantMigrationRepository, TenantMigrationRunner, TenantSchemasHealth],
  exports: [TenantMigrationRunner],
})
export class TenantMigrationsModule {}
