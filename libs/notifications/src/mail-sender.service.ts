import { Env, InjectEnv } from '@app/core';
import { MailerService } from '@nestjs-modules/mailer';
import { Injectable, Logger } from '@nestjs/common';
import { MailMessage } from './mail-message';
import { mailDelivers } from './mail-transport';
import { renderMail } from './templates/mail-renderer';

export interface SentMail extends Record<string, unknown> {
  messageId: string | null;
  to: string[];
  delivered: boolean;
}

/** Renders a message and hands it to the transport; used by the worker only. */
@Injectable()
export class MailSender {
  private readonly logger = new Logger(MailSender.name);

  constructor(
    private readonly mailer: MailerService,
    @InjectEnv() private readonly env: Env,
  ) {}

  async send(message: MailMessage): Promise<SentMail> {
    const mail = renderMail(message);
    if (mail.to.length === 0) throw new Error('The mail has no recipient');
    const info = (await this.mailer.sendMail({
      from: this.env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
    })) as { messageId?: string };
    const delivered = mailDelivers(this.env);
    if (!delivered) {
      // No SMTP server configured (local use): the mail goes to the log instead, as one JSON line.
      this.logger.log(
        { mail: { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html } },
        'Mail (MAIL_URL unset, not sent)',
      );
    }
    return { messageId: info.messageId ?? null, to: mail.to, delivered };
  }
}
