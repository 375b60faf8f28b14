import { NotificationsModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { TenantMigrationsModule } from '../tenant-migrations/tenant-migrations.module';
import { TenantsReportSection } from './tenants-report.section';

/** The tenants lib's part of the worker: its daily report section, and tenant migrations at start-up. */
@Module({
  imports: [NotificationsModule, TenantMigrationsModule],
  providers: [TenantsReportSection],
})
export class TenantsJobsModule {}
