import { AuditService } from '@app/audit';
import { JobsService, QueueName, RequestActor } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotifyUsersResponseDto } from './dto/notify-users-response.dto';
import { NotifyUsersFilter, NotifyUsersJobData, UsersJobName } from './users-job-names';

const NOTIFY_JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 5000 } };

/** Queues a `notify-users` job; its `user.notify` audit entry is written once Redis has taken the job. */
@Injectable()
export class UsersNotifyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
  ) {}

  async notify(
    actor: RequestActor,
    input: { subject: string; text: string; filter?: NotifyUsersFilter },
  ): Promise<NotifyUsersResponseDto> {
    const filter: NotifyUsersFilter = {};
    if (input.filter?.search?.trim()) filter.search = input.filter.search.trim();
    if (input.filter?.isActive !== undefined) filter.isActive = input.filter.isActive;
    const data: NotifyUsersJobData = { subject: input.subject, text: input.text, filter };
    const row = await this.jobs.createRow({
      queue: QueueName.Mail,
      name: UsersJobName.NotifyUsers,
      data: { ...data },
      createdBy: actor.userId,
    });
    // Throws (503) when Redis does not take the job, before anything is audited.
    await this.jobs.dispatch(row, NOTIFY_JOB_OPTIONS);
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, actor, {
        tenantId: null,
        action: 'user.notify',
        entityType: 'job',
        entityId: row.id,
        details: { subject: input.subject, filter },
      }),
    );
    return { jobId: row.id, status: 'queued' };
  }
}
