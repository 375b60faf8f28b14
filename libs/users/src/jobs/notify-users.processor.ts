import { JobRunner, QueueName } from '@app/core';
import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { NotifyUsersService } from './notify-users.service';
import { NotifyUsersJobData, UsersJobName } from './users-job-names';

@Processor(QueueName.Mail)
export class NotifyUsersProcessor {
  constructor(
    private readonly runner: JobRunner,
    private readonly notify: NotifyUsersService,
  ) {}

  @Process(UsersJobName.NotifyUsers)
  handle(job: Job<NotifyUsersJobData>) {
    return this.runner.run(job, (rowId) => this.notify.run(rowId, job.data));
  }
}
