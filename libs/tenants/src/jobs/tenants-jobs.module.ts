import { NotificationsModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { TenantAdminRuleModule } from '../tenant-admin-rule.module';
import { TenantMigrationsModule } from '../tenant-migrations/tenant-migrations.module';
import { TenantsReportSection } from './tenants-report.section';

/**
 * The tenants lib's part of the worker: its daily report section, tenant migrations at start-up, and
 * the last-admin rule the users lib's clean-up needs.
 */
@Module({
  imports: [NotificationsModule, TenantMigrationsModule, TenantAdminRuleModule],
  providers: [TenantsReportSection],
})
export class TenantsJobsModule {}
