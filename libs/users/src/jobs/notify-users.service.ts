import { JobDeliveries, JobsService, StagedJob } from '@app/core';
import { MailService } from '@app/notifications';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotifyUsersJobData, NotifyUsersProgress } from './users-job-names';
import { Recipient, UsersJobsRepository } from './users-jobs.repository';

const BATCH_SIZE = 500;

/**
 * The worker side of `POST /api/users/notify`: pages through the matching active users and
 * queues one `bulk` mail each. Each batch commits in one transaction its recipients' delivery
 * records (`job_deliveries`), their mail jobs (through the job outbox) and the job's progress;
 * the mails are dispatched after the commit. So an attempt that fails mid-batch leaves nothing
 * of that batch behind, and a retried or duplicate attempt skips every recipient already served:
 * nobody is mailed twice by one notification.
 */
@Injectable()
export class NotifyUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: UsersJobsRepository,
    private readonly mail: MailService,
    private readonly jobs: JobsService,
    private readonly deliveries: JobDeliveries,
  ) {}

  async run(rowId: string, data: NotifyUsersJobData): Promise<{ recipients: number }> {
    const row = await this.jobs.findById(rowId);
    const saved = (row?.progress ?? {}) as Partial<NotifyUsersProgress>;
    const progress: NotifyUsersProgress = { lastUserId: saved.lastUserId ?? null, queued: saved.queued ?? 0 };
    for (;;) {
      const batch = await this.repository.activeRecipients(data.filter ?? {}, progress.lastUserId, BATCH_SIZE);
      if (batch.length > 0) {
        const mails = await this.stageBatch(rowId, data, batch, progress);
        for (const mail of mails) await this.mail.dispatch(mail);
      }
      if (batch.length < BATCH_SIZE) break;
    }
    return { recipients: progress.queued };
  }

  /** Claims the batch's recipients and stages a mail for each one not served before; advances `progress`. */
  private stageBatch(
    rowId: string,
    data: NotifyUsersJobData,
    batch: Recipient[],
    progress: NotifyUsersProgress,
  ): Promise<StagedJob[]> {
    return this.dataSource.transaction(async (manager) => {
      const fresh = await this.deliveries.claim(
        manager,
        rowId,
        batch.map((user) => user.id),
      );
      const mails: StagedJob[] = [];
      for (const user of batch.filter((candidate) => fresh.has(candidate.id))) {
        const mail = await this.mail.stage(manager, {
          to: user.email,
          subject: data.subject,
          template: 'bulk',
          context: { subject: data.subject, text: data.text, username: user.username, firstName: user.firstName },
        });
        await this.deliveries.link(manager, rowId, user.id, mail.id);
        mails.push(mail);
      }
      const next = { lastUserId: batch[batch.length - 1].id, queued: progress.queued + mails.length };
      await this.jobs.progress(rowId, next, manager);
      Object.assign(progress, next);
      return mails;
    });
  }
}
