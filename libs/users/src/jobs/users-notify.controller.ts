import { Actor, ApiErrors, RequestActor, SuperadminOnly } from '@app/core';
import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotifyUsersDto } from './dto/notify-users.dto';
import { NotifyUsersResponseDto } from './dto/notify-users-response.dto';
import { UsersNotifyService } from './users-notify.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersNotifyController {
  constructor(private readonly notifications: UsersNotifyService) {}

  @Post('notify')
  @SuperadminOnly()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Mail the matching active users (superadmin)',
    description:
      'Queues one job that mails every active user matching `filter` (all active users without one); ' +
      'inactive users are never mailed. Follow the job through its id.',
  })
  @ApiAcceptedResponse({ description: 'The notification job is queued', type: NotifyUsersResponseDto })
  @ApiErrors(400, 401, 403)
  notify(@Body() dto: NotifyUsersDto, @Actor() actor: RequestActor): Promise<NotifyUsersResponseDto> {
    return this.notifications.notify(actor, dto);
  }
}
