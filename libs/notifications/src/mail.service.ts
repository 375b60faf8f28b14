import { EnqueueRequest, JobOutbox, JobsService, QueueName, StagedJob } from '@app/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MailMessage } from './mail-message';
import { MailJobName, SEND_MAIL_JOB_OPTIONS } from './mail-job';
import { recipients } from './templates/mail-renderer';
import { mailTemplate } from './templates/mail-templates';

/** Queues mail for the worker; never sends inline in a request. */
@Injectable()
export class MailService {
  constructor(
    private readonly jobs: JobsService,
    private readonly outbox: JobOutbox,
  ) {}

  /**
   * Creates the job row (public.jobs) and the Bull job on the `mail` queue; the worker renders
   * and sends it, with retries. Throws at once for an unknown template or no recipient.
   */
  async enqueue(message: MailMessage): Promise<{ jobId: string }> {
    const row = await this.jobs.enqueue(sendJob(message));
    return { jobId: row.id };
  }

  /**
   * Writes the mail's job in the caller's transaction, through the job outbox: after the commit,
   * hand the result to `dispatch`; if that never happens, the outbox sweeper sends it on.
   */
  stage(manager: EntityManager, message: MailMessage): Promise<StagedJob> {
    return this.outbox.stage(manager, sendJob(message));
  }

  /** Dispatches a staged mail; false (logged, left to the sweeper) when Redis cannot take it now. */
  dispatch(mail: StagedJob): Promise<boolean> {
    return this.outbox.dispatch(mail);
  }
}

function sendJob(message: MailMessage): EnqueueRequest {
  mailTemplate(message.template);
  const to = recipients(message.to);
  if (to.length === 0) throw new Error('A mail needs at least one recipient');
  return {
    queue: QueueName.Mail,
    name: MailJobName.Send,
    data: { to, subject: message.subject, template: message.template, context: message.context },
    options: SEND_MAIL_JOB_OPTIONS,
  };
}
