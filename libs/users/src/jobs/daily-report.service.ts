import { DailyReportRegistry, MailService } from '@app/notifications';
import { Injectable } from '@nestjs/common';
import { UsersJobsRepository } from './users-jobs.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Mails the daily report (every registered section, last 24 hours) to each active superadmin. */
@Injectable()
export class DailyReportService {
  constructor(
    private readonly registry: DailyReportRegistry,
    private readonly repository: UsersJobsRepository,
    private readonly mail: MailService,
  ) {}

  async run(now: Date = new Date()): Promise<{ recipients: number; sections: number }> {
    const since = new Date(now.getTime() - DAY_MS);
    const sections = await this.registry.build(since, now);
    const recipients = await this.repository.activeSuperadminEmails();
    for (const to of recipients) {
      await this.mail.enqueue({
        to,
        subject: `Strata daily report ${now.toISOString().slice(0, 10)}`,
        template: 'daily-report',
        context: { since: since.toISOString(), until: now.toISOString(), sections },
      });
    }
    return { recipients: recipients.length, sections: sections.length };
  }
}
