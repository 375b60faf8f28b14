import { QueueName } from '@app/core';
import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { DailyReportRegistry } from './daily-report/daily-report.registry';
import { MailService } from './mail.service';

/** The producer side: `MailService.enqueue` and the daily report's section registry (global). */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Mail })],
  providers: [MailService, DailyReportRegistry],
  exports: [MailService, DailyReportRegistry, BullModule],
})
export class NotificationsModule {}
