import type { Env } from '@app/core';
import type { MailerOptions } from '@nestjs-modules/mailer';

/** SMTP from MAIL_URL (`smtp://user:pass@host:port` or `smtps://...`); without it, nodemailer's JSON transport sends nothing. */
export function mailerOptions(env: Env): MailerOptions {
  return {
    transport: env.MAIL_URL ? env.MAIL_URL : { jsonTransport: true },
  };
}

export function mailDelivers(env: Env): boolean {
  return Boolean(env.MAIL_URL);
}
