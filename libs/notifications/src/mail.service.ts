import { JobsService, QueueName } from '@app/core';
import { Injectable } from '@nestjs/common';
import { MailMessage } from './mail-message';
import { MailJobName, SEND_MAIL_JOB_OPTIONS } from './mail-job';
import { recipients } from './templates/mail-renderer';
import { mailTemplate } from './templates/mail-templates';

/** Queues mail for the worker; never sends inline in a request. */
@Injectable()
export class MailService {
  constructor(private readonly jobs: JobsService) {}

  /**
   * Creates the job row (public.jobs) and the Bull job on the `mail` queue; the worker renders
   * and sends it, with retries. Throws at once for an unknown template or no recipient.
   */
  async enqueue(message: MailMessage): Promise<{ jobId: string }> {
    mailTemplate(message.template);
    const to = recipients(message.to);
    if (to.length === 0) throw new Error('A mail needs at least one recipient');
    const row = await this.jobs.enqueue({
      queue: QueueName.Mail,
      name: MailJobName.Send,
      data: { to, subject: message.subject, template: message.template, context: message.context },
      options: SEND_MAIL_JOB_OPTIONS,
    });
    return { jobId: row.id };
  }
}
