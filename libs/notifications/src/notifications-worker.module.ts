import { Env, ENV, JobRunner } from '@app/core';
import { MailerModule } from '@nestjs-modules/mailer';
import { Module } from '@nestjs/common';
import { MailProcessor } from './mail.processor';
import { MailSender } from './mail-sender.service';
import { mailerOptions } from './mail-transport';
import { NotificationsModule } from './notifications.module';

/** The worker side: renders and sends the `mail` queue's jobs. */
@Module({
  imports: [
    NotificationsModule,
    MailerModule.forRootAsync({ inject: [ENV], useFactory: (env: Env) => mailerOptions(env) }),
  ],
  providers: [MailSender, MailProcessor, JobRunner],
})
export class NotificationsWorkerModule {}
