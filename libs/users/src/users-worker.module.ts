import { AuditModule } from '@app/audit';
import { JobRunner, QueueName } from '@app/core';
import { NotificationsModule } from '@app/notifications';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DailyReportService } from './jobs/daily-report.service';
import { InactiveUsersCleanupService } from './jobs/inactive-users-cleanup.service';
import { NotifyUsersProcessor } from './jobs/notify-users.processor';
import { NotifyUsersService } from './jobs/notify-users.service';
import { RefreshTokenPurgeService } from './jobs/refresh-token-purge.service';
import { UsersJobsRepository } from './jobs/users-jobs.repository';
import { UsersMaintenanceProcessor } from './jobs/users-maintenance.processor';
import { UsersReportSection } from './jobs/users-report.section';
import { UsersSchedule } from './jobs/users-schedule';

/**
 * The users lib's jobs: `notify-users` (mail queue), and on the maintenance queue the daily
 * report, the inactive-user clean-up and the refresh-token purge, scheduled at start-up.
 */
@Module({
  imports: [AuditModule, NotificationsModule, BullModule.registerQueue({ name: QueueName.Maintenance })],
  providers: [
    JobRunner,
    UsersJobsRepository,
    NotifyUsersService,
    DailyReportService,
    InactiveUsersCleanupService,
    RefreshTokenPurgeService,
    UsersReportSection,
    NotifyUsersProcessor,
    UsersMaintenanceProcessor,
    UsersSchedule,
  ],
  exports: [DailyReportService, InactiveUsersCleanupService, RefreshTokenPurgeService, UsersSchedule],
})
export class UsersWorkerModule {}
