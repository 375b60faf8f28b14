import { NotificationsModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { AuditModule } from './audit.module';
import { AuditReportSection } from './audit-report.section';

/** The audit lib's part of the worker: the chain heads and signing keys in the daily report. */
@Module({
  imports: [AuditModule, NotificationsModule],
  providers: [AuditReportSection],
})
export class AuditWorkerModule {}
