import { StagedJob } from '@app/core';
import { MailService } from '@app/notifications';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The welcome mail of a new user, written through the job outbox in the user's own transaction:
 * once the user exists, so does the mail, even if the process dies before handing it to Redis.
 */
@Injectable()
export class WelcomeMailer {
  constructor(private readonly mail: MailService) {}

  stage(
    manager: EntityManager,
    user: { id: string; email: string; username: string; firstName: string },
  ): Promise<StagedJob> {
    return this.mail.stage(manager, {
      to: user.email,
      subject: 'Welcome to Strata',
      template: 'welcome',
      context: { username: user.username, firstName: user.firstName, email: user.email },
    });
  }

  /** Call after the commit; a dispatch that fails is logged and left to the outbox sweeper. */
  async dispatch(mail: StagedJob): Promise<void> {
    await this.mail.dispatch(mail);
  }
}
