import { AuditQueryService } from '@app/audit';
import { DailyReportRegistry, DailyReportSection } from '@app/notifications';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { UsersJobsRepository } from './users-jobs.repository';

/** The daily report's users lines: sign-ups and logins of the period, and the totals. */
@Injectable()
export class UsersReportSection implements DailyReportSection, OnModuleInit {
  readonly title = 'Users';
  readonly order = 10;

  constructor(
    private readonly registry: DailyReportRegistry,
    private readonly repository: UsersJobsRepository,
    private readonly audit: AuditQueryService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async lines(since: Date, until: Date): Promise<string[]> {
    const [counts, logins] = await Promise.all([
      this.repository.reportCounts(since, until),
      this.audit.countAction('auth.login', since, until),
    ]);
    return [
      `New users: ${counts.newUsers}`,
      `Logins: ${logins}`,
      `Users who logged in: ${counts.usersLoggedIn}`,
      `Active users: ${counts.activeUsers} of ${counts.totalUsers}`,
    ];
  }
}
