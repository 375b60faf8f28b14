import { Module } from '@nestjs/common';
import { UsersNotifyController } from './users-notify.controller';
import { UsersNotifyService } from './users-notify.service';

/** `POST /api/users/notify` (the API side; the job runs in `UsersWorkerModule`). */
@Module({
  controllers: [UsersNotifyController],
  providers: [UsersNotifyService],
})
export class UsersNotifyModule {}
