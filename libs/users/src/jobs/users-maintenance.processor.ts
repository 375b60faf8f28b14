import { JobRunner, QueueName } from '@app/core';
import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { DailyReportService } from './daily-report.service';
import { InactiveUsersCleanupService } from './inactive-users-cleanup.service';
import { RefreshTokenPurgeService } from './refresh-token-purge.service';
import { UsersJobName } from './users-job-names';

/** The scheduled users jobs on the `maintenance` queue. */
@Processor(QueueName.Maintenance)
export class UsersMaintenanceProcessor {
  constructor(
    private readonly runner: JobRunner,
    private readonly report: DailyReportService,
    private readonly cleanup: InactiveUsersCleanupService,
    private readonly purge: RefreshTokenPurgeService,
  ) {}

  @Process(UsersJobName.DailyReport)
  dailyReport(job: Job<object>) {
    return this.runner.run(job, () => this.report.run());
  }

  @Process(UsersJobName.InactiveUserCleanup)
  inactiveUserCleanup(job: Job<object>) {
    return this.runner.run(job, () => this.cleanup.run());
  }

  @Process(UsersJobName.RefreshTokenPurge)
  refreshTokenPurge(job: Job<object>) {
    return this.runner.run(job, () => this.purge.run());
  }
}
