import { ApiProperty } from '@nestjs/swagger';

export class NotifyUsersResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The job row (public.jobs) of the notification' })
  jobId!: string;

  @ApiProperty({ enum: ['queued'], example: 'queued' })
  status!: 'queued';
}
