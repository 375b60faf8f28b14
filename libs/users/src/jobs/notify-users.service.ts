import { JobsService } from '@app/core';
import { MailService } from '@app/notifications';
import { Injectable } from '@nestjs/common';
import { NotifyUsersJobData, NotifyUsersProgress } from './users-job-names';
import { UsersJobsRepository } from './users-jobs.repository';

const BATCH_SIZE = 500;

/**
 * The worker side of `POST /api/users/notify`: pages through the matching active users and
 * queues one `bulk` mail each. Progress is saved after every batch, so a retried job carries on
 * where the failed attempt stopped.
 */
@Injectable()
export class NotifyUsersService {
  constructor(
    private readonly repository: UsersJobsRepository,
    private readonly mail: MailService,
    private readonly jobs: JobsService,
  ) {}

  async run(rowId: string, data: NotifyUsersJobData): Promise<{ recipients: number }> {
    const row = await this.jobs.findById(rowId);
    const saved = (row?.progress ?? {}) as Partial<NotifyUsersProgress>;
    const progress: NotifyUsersProgress = { lastUserId: saved.lastUserId ?? null, queued: saved.queued ?? 0 };
    for (;;) {
      const batch = await this.repository.activeRecipients(data.filter ?? {}, progress.lastUserId, BATCH_SIZE);
      for (const user of batch) {
        await this.mail.enqueue({
          to: user.email,
          subject: data.subject,
          template: 'bulk',
          context: { subject: data.subject, text: data.text, username: user.username, firstName: user.firstName },
        });
      }
      if (batch.length > 0) {
        progress.lastUserId = batch[batch.length - 1].id;
        progress.queued += batch.length;
        await this.jobs.progress(rowId, { ...progress });
      }
      if (batch.length < BATCH_SIZE) break;
    }
    return { recipients: progress.queued };
  }
}
