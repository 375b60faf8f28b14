import { MailService } from '@app/notifications';
import { Injectable, Logger } from '@nestjs/common';

/** Queues the welcome mail of a new user; a failure to queue is logged, never passed on. */
@Injectable()
export class WelcomeMailer {
  private readonly logger = new Logger(WelcomeMailer.name);

  constructor(private readonly mail: MailService) {}

  async send(user: { id: string; email: string; username: string; firstName: string }): Promise<void> {
    try {
      await this.mail.enqueue({
        to: user.email,
        subject: 'Welcome to Strata',
        template: 'welcome',
        context: { username: user.username, firstName: user.firstName, email: user.email },
      });
    } catch (error) {
      this.logger.warn(
        `Could not queue the welcome mail of user ${user.id}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
