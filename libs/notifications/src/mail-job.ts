import type { JobOptions } from 'bull';
import { MailMessage } from './mail-message';

export enum MailJobName {
  Send = 'send',
}

/** A `send` job's payload: the message, plus its job row id once dispatched. */
export type SendMailJobData = MailMessage & { jobId?: string };

/** SMTP hiccups are retried: 5 attempts, 2 s, 4 s, 8 s, 16 s apart. */
export const SEND_MAIL_JOB_OPTIONS: JobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
};
