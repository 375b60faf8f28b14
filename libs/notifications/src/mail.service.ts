import { Injectable } from '@nestjs/common';
import { MailMessage } from './mail-message';

/** Queues mail for the worker; never sends inline in a request. */
@Injectable()
export class MailService {
  // Implemented by the notifications work (issue: notifications); signature is fixed for callers.
  async enqueue(_message: MailMessage): Promise<{ jobId: string }> {
    throw new Error('MailService.enqueue is not implemented yet');
  }
}
