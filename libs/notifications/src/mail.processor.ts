import { JobRunner, QueueName } from '@app/core';
import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { MailJobName, SendMailJobData } from './mail-job';
import { MailSender } from './mail-sender.service';

@Processor(QueueName.Mail)
export class MailProcessor {
  constructor(
    private readonly runner: JobRunner,
    private readonly sender: MailSender,
  ) {}

  @Process({ name: MailJobName.Send, concurrency: 5 })
  handle(job: Job<SendMailJobData>) {
    return this.runner.run(job, () => this.sender.send(job.data));
  }
}
